#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bti_srtp_kat.sh bti_wire_kat.sh with an asynchronous AES-GCM transform: see bti_async_lib.sh.
KTAP_NAME=${0##*/} exec "$(dirname "$0")/bti_async_lib.sh" bti_srtp_kat.sh bti_wire_kat.sh
