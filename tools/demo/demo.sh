#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh [KVER]
#
# Provisioning of a BTI end to end, shown: boots a Debian kernel in qemu
# (the newest one the harness fetched, or KVER), loads bti.ko and runs
# tools/demo/guest-demo.sh there: three namespaces (BTI, GC, PS), a fresh
# SP root and PS certificate, one work order; the user dials 611 and keys
# the work order in; each step 301-310 is printed as it happens, then the
# bti.ko counters of the call and a summary of the packet capture.
# The output is build/demo/demo.txt, shown as it is written; the capture
# is build/demo/call.pcap. `make demo` sets up and builds everything first.
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

for tool in tools/btid/btid tools/gcd/bti-gcd tools/psd/bti-psd \
	tools/psadm/bti-psadm tools/btictl/btictl; do
	[ -x "$tool" ] || { echo "demo: $tool is missing; run 'make demo'" >&2; exit 1; }
done

echo "demo: booting Linux $kver in qemu (takes a few seconds)"
: >"$out/demo.txt"
tail -n +1 -f "$out/demo.txt" &
tailer=$!
status=0
selftests/qemu/vm-run.sh "$kver" "$out" -- \
	tools/demo/guest-demo.sh "build/$kver/bti.ko" "$out" >"$out/vm-run.log" 2>&1 ||
	status=$?
sleep 1
kill "$tailer" 2>/dev/null || true
wait "$tailer" 2>/dev/null || true
[ -s "$out/demo.txt" ] || echo "demo: the guest wrote no output"
if [ "$status" -ne 0 ]; then
	echo "demo: failed; see $out/vm-run.log and $out/console.log" >&2
	exit "$status"
fi
echo "demo: done (console log: $out/console.log)"
