#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh KDIR OUTDIR [make arguments...]
#
# Builds bti.ko against the kernel build directory KDIR in OUTDIR, a copy
# of the module sources, so that builds for several kernels never share
# object files. Prints the compiler's and sparse's output; the module
# ends up as OUTDIR/bti.ko.
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
	echo "build-module: $kdir is not a kernel build directory" >&2
	exit 1
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
# Refresh the copy: sources that changed are copied, removed ones go.
rm -rf "$out/kmod.new" "$out/uapi.new"
cp -a "$top/kmod" "$out/kmod.new"
cp -a "$top/uapi" "$out/uapi.new"
for dir in kmod uapi; do
	if [ -d "$out/$dir" ] && diff -rq "$out/$dir.new" "$out/$dir" \
		--exclude='*.o' --exclude='.*.cmd' >/dev/null 2>&1; then
		rm -rf "$out/$dir.new"
	else
		rm -rf "$out/$dir"
		mv "$out/$dir.new" "$out/$dir"
	fi
done
cp -p "$top/Kbuild" "$out/Kbuild"

make -C "$kdir" M="$out" "$@" modules
