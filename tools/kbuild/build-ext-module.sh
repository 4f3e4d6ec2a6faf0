#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-ext-module.sh KDIR OUTDIR SRCDIR DIR MODULE [make arguments...]
#
# Builds MODULE.ko, a module that uses bti.ko's exported symbols
# (bti_test.ko, bti_bench.ko), whose Kbuild and sources are in SRCDIR,
# against the kernel build directory KDIR, next to the bti.ko that
# build-module.sh left in OUTDIR: the sources are copied to OUTDIR/DIR,
# where they find bti's headers in OUTDIR/kmod and OUTDIR/uapi, and link
# against the symbols of OUTDIR/Module.symvers. The module ends up as
# OUTDIR/MODULE.ko. Host programs in SRCDIR (C files with a main()) are
# not copied.
set -eu

if [ $# -lt 5 ]; then
	echo "usage: $0 KDIR OUTDIR SRCDIR DIR MODULE [make arguments...]" >&2
	exit 2
fi
kdir=$1
out=$2
src=$3
dir=$4
module=$5
shift 5

if [ ! -f "$kdir/Makefile" ]; then
	echo "build-ext-module: $kdir is not a kernel build directory" >&2
	exit 1
fi
out=$(cd "$out" 2>/dev/null && pwd) || {
	echo "build-ext-module: $2 does not exist (build bti.ko first)" >&2
	exit 1
}
if [ ! -f "$out/Module.symvers" ] || [ ! -d "$out/kmod" ]; then
	echo "build-ext-module: no bti.ko build in $out (run build-module.sh first)" >&2
	exit 1
fi
if [ ! -f "$src/Kbuild" ]; then
	echo "build-ext-module: no Kbuild in $src" >&2
	exit 1
fi

mkdir -p "$out/$dir"
# Refresh the copy; object files of sources that did not change stay.
find "$out/$dir" -maxdepth 1 -type f \( -name '*.[ch]' -o -name Kbuild \) -delete
cp -p "$src"/Kbuild "$src"/*.[ch] "$out/$dir/"
grep -l '^int main(' "$out/$dir"/*.c | xargs -r rm -f

make -C "$kdir" M="$out/$dir" KBUILD_EXTRA_SYMBOLS="$out/Module.symvers" \
	"$@" modules
cp "$out/$dir/$module.ko" "$out/$module.ko"
