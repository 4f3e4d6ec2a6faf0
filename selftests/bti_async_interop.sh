#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bti_interop.sh with an asynchronous AES-GCM transform: see bti_async_lib.sh.
KTAP_NAME=${0##*/} exec "$(dirname "$0")/bti_async_lib.sh" bti_interop.sh
