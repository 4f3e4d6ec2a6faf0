#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bti_teardown.sh with an asynchronous AES-GCM transform: see bti_async_lib.sh.
#
# pcrypt's small per-transform and per-request objects (kmalloc-8 or
# kmalloc-cg-16, one or two per session) come back lazily: runs on 6.12
# have ended 184, 354 and 742 of them above the baseline a minute after
# the last session went, with no bti object left (the bti_session cache
# checks still exact). bti.ko allocates nothing of 16 octets or less, so
# those caches are not counted here, and the kmalloc slack is 250
# objects; the plain bti_teardown.sh run keeps the strict one for the
# code both runs share.
export BTI_TEARDOWN_SLAB_SLACK=${BTI_TEARDOWN_SLAB_SLACK:-250}
export BTI_TEARDOWN_SKIP_CACHES=${BTI_TEARDOWN_SKIP_CACHES:-kmalloc-8 kmalloc-16 kmalloc-cg-8 kmalloc-cg-16}
KTAP_NAME=${0##*/} exec "$(dirname "$0")/bti_async_lib.sh" bti_teardown.sh
