#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-bench-module.sh KDIR OUTDIR [make arguments...]
#
# Builds bti_bench.ko (tools/bench/kmod) against the kernel build
# directory KDIR, next to the bti.ko that build-module.sh left in OUTDIR
# (in OUTDIR/kmod_bench; see build-ext-module.sh). The module ends up as
# OUTDIR/bti_bench.ko.
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
	"$top/tools/bench/kmod" kmod_bench bti_bench "$@"
