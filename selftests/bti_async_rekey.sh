#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bti_rekey.sh with an asynchronous AES-GCM transform: see bti_async_lib.sh.
# On AES-GCM: BTI_REKEY_SUITE.
export BTI_REKEY_SUITE=AEAD_AES_128_GCM
KTAP_NAME=${0##*/} exec "$(dirname "$0")/bti_async_lib.sh" bti_rekey.sh
