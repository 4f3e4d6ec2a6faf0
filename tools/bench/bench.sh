#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - "make bench": builds bti.ko and bti_bench.ko for one test
# kernel, boots it in the test VM, runs tools/bench/guest-bench.sh there
# and prints the table of tools/bench/report.py. Not a test: nothing
# here passes or fails on a figure; it fails only when a measurement
# could not be made.
#
# Results in BENCH_RESULTS (build/results/bench): summary.txt (the
# table), results.json (every figure), raw/ (what the guest measured),
# console.log, dmesg.log and vm.tap of the VM run.
#
# Environment:
#   BENCH_KVER     test kernel (default: the 6.12 kernel of kernels.sh)
#   BENCH_ROUNDS   rounds of the transform and stream measurements (3;
#                  1 with BENCH_ICOUNT)
#   BENCH_PACKETS, BENCH_STREAM_PACKETS, BENCH_SESSIONS, BENCH_DELETES,
#   BENCH_CPU, BENCH_PARTS, BENCH_SUITES  see guest-bench.sh
#   BENCH_ICOUNT   N: run under qemu's TCG with -icount shift=N, so that
#                  the guest's clock counts guest instructions (2^N ns
#                  each) instead of host time: figures that the host's
#                  load does not move (results in build/results/bench-icount);
#                  the 6.1 kernel then gets one guest CPU (it hangs
#                  bringing up a second under icount)
#   BTI_VM_*       see selftests/qemu/vm-run.sh (timeout default 1200 s)

set -eu -o pipefail

top=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$top"
kernels=selftests/qemu/kernels.sh

kver=${BENCH_KVER:-}
if [ -z "$kver" ]; then
	kver=$($kernels list | grep -m1 '^6\.12\.' || true)
	[ -n "$kver" ] || kver=$($kernels list | tail -n 1)
fi
[ -n "$kver" ] || { echo "bench: no test kernel (make setup)" >&2; exit 1; }
kdir=$($kernels kdir "$kver")
results=${BENCH_RESULTS:-$top/build/results/bench}
if [ -n "${BENCH_ICOUNT:-}" ]; then
	results=${BENCH_RESULTS:-$top/build/results/bench-icount}
	export BTI_VM_ACCEL=tcg BTI_VM_ICOUNT=$BENCH_ICOUNT
	# Rounds repeat to the instruction under icount: one is enough.
	export BENCH_ROUNDS=${BENCH_ROUNDS:-1}
	# Under icount the 6.1 kernel never brings its second CPU up (it
	# stops at "x86: Booting SMP configuration"): give it one. The
	# report names the guest's CPUs.
	case $kver in
	6.1.*)
		if [ -z "${BTI_VM_SMP:-}" ]; then
			echo "bench: $kver under icount: one guest CPU (BTI_VM_SMP=1)" >&2
			export BTI_VM_SMP=1
		fi
		;;
	esac
fi
mkdir -p "$results/raw"
results=$(cd "$results" && pwd -P)

echo "bench: building bti.ko and bti_bench.ko for $kver" >&2
if ! tools/kbuild/build-module.sh "$kdir" "build/$kver" >"$results/build.log" 2>&1 ||
	! tools/kbuild/build-bench-module.sh "$kdir" "build/$kver" \
		>>"$results/build.log" 2>&1; then
	echo "bench: build failed, see $results/build.log" >&2
	exit 1
fi

guest_env=()
for name in BENCH_ROUNDS BENCH_PACKETS BENCH_STREAM_PACKETS BENCH_SESSIONS \
	BENCH_DELETES BENCH_CPU BENCH_PARTS BENCH_SUITES; do
	[ -z "${!name:-}" ] || guest_env+=("$name=${!name}")
done

export BTI_VM_TIMEOUT=${BTI_VM_TIMEOUT:-1200}
# The host's load moves figures measured in host time: keep it with them.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
others_before=$(pgrep -c qemu-system || true)
echo "bench: running in the VM (a few minutes)" >&2
rc=0
selftests/qemu/vm-run.sh "$kver" "$results" -- \
	env "${guest_env[@]}" tools/bench/guest-bench.sh "$results/raw" \
	2> >(tee "$results/vm-run.log" >&2) || rc=$?
wait
if [ "$rc" -ne 0 ]; then
	echo "bench: the VM run failed; see $results/console.log" >&2
	exit 1
fi

accel=$(sed -n 's/^vm-run: [^ ]* (\([^)]*\)): .*/\1/p' "$results/vm-run.log" | head -n 1)
{
	echo "accel: ${accel:-unknown}"
	echo "qemu: $(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version //p')"
	echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "host_cpus: $(nproc)"
	echo "host_kernel: $(uname -r)"
	# The guest runs the host's root file system: the same packages.
	echo "packages: $(dpkg-query -W -f '${Package} ${Version}, ' libsrtp2-1 libnss3 2>/dev/null | sed 's/, $//')"
	echo "host_load: before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
	echo "host_qemu_processes_at_start: $others_before (other VMs)"
} >"$results/raw/host.txt"

python3 tools/bench/report.py "$results"
