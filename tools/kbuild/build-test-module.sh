#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-test-module.sh KDIR OUTDIR [make arguments...]
#
# Builds bti_test.ko (selftests/kmod_test) against the kernel build
# directory KDIR, next to the bti.ko that build-module.sh left in OUTDIR:
# the test sources are copied to OUTDIR/kmod_test, where they find bti's
# headers in OUTDIR/kmod and OUTDIR/uapi, and link against the symbols
# of OUTDIR/Module.symvers. The module ends up as OUTDIR/bti_test.ko.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 KDIR OUTDIR [make arguments...]" >&2
	exit 2
fi
kdir=$1
out=$2
shift 2

top=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -f "$kdir/Makefile" ]; then
	echo "build-test-module: $kdir is not a kernel build directory" >&2
	exit 1
fi
out=$(cd "$out" 2>/dev/null && pwd) || {
	echo "build-test-module: $2 does not exist (build bti.ko first)" >&2
	exit 1
}
if [ ! -f "$out/Module.symvers" ] || [ ! -d "$out/kmod" ]; then
	echo "build-test-module: no bti.ko build in $out (run build-module.sh first)" >&2
	exit 1
fi

mkdir -p "$out/kmod_test"
# Refresh the copy; object files of sources that did not change stay.
find "$out/kmod_test" -maxdepth 1 -type f \( -name '*.[ch]' -o -name Kbuild \) -delete
cp -p "$top"/selftests/kmod_test/Kbuild "$top"/selftests/kmod_test/*.[ch] \
	"$out/kmod_test/"
rm -f "$out/kmod_test/gen_libsrtp_vectors.c"

make -C "$kdir" M="$out/kmod_test" KBUILD_EXTRA_SYMBOLS="$out/Module.symvers" \
	"$@" modules
cp "$out/kmod_test/bti_test.ko" "$out/bti_test.ko"
