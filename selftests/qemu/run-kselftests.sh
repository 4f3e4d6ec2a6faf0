#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-kselftests.sh [KVER...] - run the bti kselftests in a VM per kernel
# (default: every kernel of "kernels.sh list"), one after the other.
#
# Per kernel the results go to $BTI_RESULTS_DIR/<kver>/ (default
# build/results/kselftest): console.log, dmesg.log, vm.tap and one
# <prog>.tap per test program. The module under test is
# $BTI_KO_DIR/<kver>/bti.ko (default build/, as "make modules-vm" leaves
# it), with its in-kernel tests $BTI_KO_DIR/<kver>/bti_test.ko, and the
# tool $BTICTL (default tools/btictl/btictl); all are copied into the
# results first, so that a rebuild during the run cannot change what is
# tested, and the copies are what the tests use.
#
# Kernels run in parallel (BTI_VM_JOBS, default nproc); each one's output
# goes to <results>/<kver>/run.log.
# Ends with "kselftests: N passed, M failed, S skipped"; exit status 1
# when anything failed (a skipped case is not a pass and not a failure).

set -eu -o pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
src=$(cd "$here/../.." && pwd -P)
results_root=${BTI_RESULTS_DIR:-$src/build/results/kselftest}
ko_dir=${BTI_KO_DIR:-$src/build}
btictl=${BTICTL:-$src/tools/btictl/btictl}
# Absolute paths: the guest runs the tests from another directory.
mkdir -p "$results_root"
results_root=$(cd "$results_root" && pwd -P)
abspath() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
ko_dir=$(abspath "$ko_dir")
btictl=$(abspath "$btictl")

if [ $# -gt 0 ]; then
	kvers=("$@")
else
	mapfile -t kvers < <("$here/kernels.sh" list)
fi
[ "${#kvers[@]}" -gt 0 ] || { echo "run-kselftests: no kernel (run kernels.sh fetch)" >&2; exit 1; }

progs=$(make -s --no-print-directory -C "$here/.." print_test_progs)

# The whole suite runs in one VM per kernel: give it room beyond
# vm-run.sh's default (a loaded host slows a TCG guest several times).
export BTI_VM_TIMEOUT=${BTI_VM_TIMEOUT:-2400}

# Count the results of the .tap files of a directory: "pass fail skip".
count_results() {
	cat "$1"/*.tap 2>/dev/null | awk '
		/^not ok [0-9]/ { f++; next }
		/^ok [0-9]/ { if ($0 ~ /# [Ss][Kk][Ii][Pp]/) s++; else p++ }
		END { printf "%d %d %d\n", p, f, s }'
}

# One kernel: prepare, run the VM, complete the results. Output to stdout.
run_kernel() {
	local kver=$1 res=$results_root/$1 ko=$ko_dir/$1/bti.ko why='' p rc=0
	mkdir -p "$res"
	rm -f "$res"/*.tap "$res"/*.err
	if [ ! -f "$ko" ]; then
		why="no $ko (build it: make modules-vm)"
	elif [ ! -x "$btictl" ]; then
		why="no $btictl (build it: make tools)"
	fi
	if [ -n "$why" ]; then
		echo "run-kselftests: $kver: $why"
		printf 'TAP version 13\n1..1\nnot ok 1 %s: %s\n' "$kver" "$why" >"$res/vm.tap"
		return 1
	fi
	mkdir -p "$res/bin"
	cp "$ko" "$res/bin/bti.ko"
	cp "$btictl" "$res/bin/btictl"
	# Without it, bti_srtp_kat.sh reports the missing module.
	rm -f "$res/bin/bti_test.ko"
	[ ! -f "$ko_dir/$kver/bti_test.ko" ] ||
		cp "$ko_dir/$kver/bti_test.ko" "$res/bin/bti_test.ko"
	BTI_KO=$res/bin/bti.ko BTI_TEST_KO=$res/bin/bti_test.ko \
		BTICTL=$res/bin/btictl \
		"$here/vm-run.sh" "$kver" "$res" -- "$here/guest-run.sh" "$res" 2>&1 || rc=$?
	# A guest that died mid-program leaves partial results: count them.
	for p in $progs; do
		"$here/tap-verify.sh" "$res/$p.tap" "$p" >/dev/null || true
	done
	return "$rc"
}

# Kernels run in parallel, BTI_VM_JOBS at a time (default: one per host
# CPU, as each single-threaded TCG guest keeps one CPU busy).
jobs=${BTI_VM_JOBS:-$(nproc)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "run-kselftests: BTI_VM_JOBS must be a positive number" >&2; exit 2; }
start_all=$SECONDS
running=0
for kver in "${kvers[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	mkdir -p "$results_root/$kver"
	rm -f "$results_root/$kver/run.status"
	(
		t0=$SECONDS
		rc=0
		run_kernel "$kver" >"$results_root/$kver/run.log" 2>&1 || rc=$?
		echo "$rc $((SECONDS - t0))" >"$results_root/$kver/run.status"
	) &
	running=$((running + 1))
	echo "run-kselftests: $kver: started (log: $results_root/$kver/run.log)"
done
wait

total_p=0 total_f=0 total_s=0
status=0
for kver in "${kvers[@]}"; do
	res=$results_root/$kver
	read -r rc took <"$res/run.status" || { rc=1; took='?'; }
	[ "$rc" -eq 0 ] || status=1
	grep -E '^vm-run: ' "$res/run.log" | sed "s/^/  /" || true
	read -r p f s < <(count_results "$res")
	echo "run-kselftests: $kver: $p passed, $f failed, $s skipped (${took}s, results in $res)"
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
done
[ "$total_f" -eq 0 ] || status=1
echo "run-kselftests: all kernels in $((SECONDS - start_all))s"
echo "kselftests: $total_p passed, $total_f failed, $total_s skipped"
exit "$status"
