#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-test-module.sh KDIR OUTDIR [make arguments...]
#
# Builds bti_test.ko (selftests/kmod_test) against the kernel build
# directory KDIR, next to the bti.ko that build-module.sh left in OUTDIR
# (in OUTDIR/kmod_test; see build-ext-module.sh). The module ends up as
# OUTDIR/bti_test.ko.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 KDIR OUTDIR [make arguments...]" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
kdir=$1
out=$2
shift 2
exec "$top/tools/kbuild/build-ext-module.sh" "$kdir" "$out" \
	"$top/selftests/kmod_test" kmod_test bti_test "$@"
