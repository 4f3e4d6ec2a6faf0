#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh [KVER]
#
# The main job, shown end to end: boots a Debian kernel in qemu (the newest
# one the harness fetched, or KVER), loads bti.ko and shows what btictl
# reports, in the init namespace and in a fresh one, as root and as an
# unprivileged user. `make demo` sets up and builds everything first.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
kernels=selftests/qemu/kernels.sh

kver=${1:-$($kernels list | tail -n 1)}
if [ ! -f "build/$kver/bti.ko" ]; then
	echo "demo: build/$kver/bti.ko is missing; run 'make demo'" >&2
	exit 1
fi

out=build/demo
rm -rf "$out"
mkdir -p "$out"

echo "demo: booting Linux $kver in qemu (takes a few seconds)"
status=0
selftests/qemu/vm-run.sh "$kver" "$out" -- \
	tools/demo/guest-demo.sh "build/$kver/bti.ko" "$out/demo.txt" ||
	status=$?
cat "$out/demo.txt" 2>/dev/null || echo "demo: the guest wrote no output"
if [ "$status" -ne 0 ]; then
	echo "demo: failed; the console log is $out/console.log" >&2
	exit "$status"
fi
echo "demo: done (console log: $out/console.log)"
