#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz.sh RESULTS_DIR [SECONDS]
#
# Builds the libFuzzer targets of the provisioning protocol codec
# (tools/lib/fuzz, with clang, ASan and UBSan), checks that the
# checked-in seed corpus is what the generator makes today, and runs
# every target for SECONDS (default $FUZZ_SECONDS, else 10) on its seed
# corpus, FUZZ_JOBS (default: the CPUs, at most 2) at a time.
# Writes RESULTS_DIR/fuzz.tap: one result for the build, one for
# the corpus, one per target (a crash, a leak, a timeout, a sanitizer
# report or no run at all fails it). New inputs go to build/fuzz/work/,
# crashing inputs to build/fuzz/artifacts/, logs to build/fuzz/logs/.
# `make check` runs it for a few seconds per target, `make fuzz` longer.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
if [ $# -lt 1 ]; then
	echo "usage: $0 RESULTS_DIR [SECONDS]" >&2
	exit 2
fi
results=$1
secs=${2:-${FUZZ_SECONDS:-10}}
case $secs in
'' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a number: $secs" >&2; exit 2 ;;
esac
out=$top/build/fuzz
# Parallel runs: FUZZ_JOBS, else the number of CPUs, at most 2.
jobs=${FUZZ_JOBS:-$(nproc)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
[ -n "${FUZZ_JOBS:-}" ] || [ "$jobs" -le 2 ] || jobs=2
corpus=tools/lib/fuzz/corpus
mkdir -p "$results" "$out/logs" "$out/artifacts"
tap=$results/fuzz.tap

mapfile -t names < <(find "$corpus" -mindepth 1 -maxdepth 1 -type d \
	-printf '%f\n' | sort)
n=0
fail=0
result() {	# result OK|FAIL description
	n=$((n + 1))
	if [ "$1" = OK ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		fail=1
	fi
}

# run_target NAME: run fuzz_NAME, write "OK|FAIL description" to
# $out/logs/NAME.result.
run_target() {
	local name=$1 bin=$out/fuzz_$1 log=$out/logs/$1.log
	local work=$out/work/$1 rc=0 runs
	rm -rf "$work" "$out/logs/$name.result"
	mkdir -p "$work"
	timeout $((secs + 60)) "$bin" -max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/$name-" \
		"$work" "$corpus/$name" >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ] && [ "${runs:-0}" -gt 0 ]; then
		echo "OK fuzz_$name: $runs runs in $secs s, no finding"
	else
		echo "FAIL fuzz_$name: exit $rc after ${runs:-0} runs; see $log and $out/artifacts/"
	fi >"$out/logs/$name.result"
}

{
	echo "TAP version 13"
	echo "1..$((${#names[@]} + 2))"

	if make -C tools/lib/fuzz -j"$jobs" OUT="$out" \
		>"$out/logs/build.log" 2>&1; then
		built=1
		result OK "fuzz targets build (clang, ASan, UBSan)"
	else
		built=0
		result FAIL "fuzz targets build; see $out/logs/build.log"
		sed 's/^/# /' "$out/logs/build.log" | tail -n 20
	fi

	tmp=$(mktemp -d)
	if [ $built -eq 1 ] && "$out/mkcorpus" "$tmp/corpus" &&
	   diff -r "$tmp/corpus" "$corpus" >"$out/logs/corpus.diff"; then
		result OK "seed corpus is what mkcorpus makes (${#names[@]} targets)"
	else
		result FAIL "seed corpus differs from mkcorpus output; run make -C tools/lib/fuzz corpus (see $out/logs/corpus.diff)"
	fi
	rm -rf "$tmp"

	# Targets run $jobs at a time; results are reported in order.
	for name in "${names[@]}"; do
		if [ $built -ne 1 ] || [ ! -x "$out/fuzz_$name" ]; then
			echo "FAIL fuzz_$name: not built" >"$out/logs/$name.result"
			continue
		fi
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n
		done
		run_target "$name" &
	done
	wait
	for name in "${names[@]}"; do
		read -r status desc <"$out/logs/$name.result"
		result "$status" "$desc"
		if [ "$status" != OK ] && [ -f "$out/logs/$name.log" ]; then
			grep -m 5 -E 'ERROR|SUMMARY|abort|runtime error' \
				"$out/logs/$name.log" | sed 's/^/# /'
		fi
	done
} | tee "$tap"

! grep -qE '^not ok' "$tap"
