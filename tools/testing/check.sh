#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: every test of the project, as `make check` runs it (after
# `make setup`). Stages, each logged to build/logs/<stage>.log:
#
#   summary   tap-summary.sh, which prints the end of this, names every
#             failure where a log cut to its tail still shows it
#   unit      userspace unit tests (cmocka)
#   vectors   bti_test.ko's libsrtp2 known answers are what
#             gen_libsrtp_vectors writes today (RFC keys checked first)
#   fuzz      the protocol codec's libFuzzer targets, a few seconds each
#             (FUZZ_CHECK_SECONDS, default 3)
#   lint      checkpatch --strict, kernel-doc, W=1 C=1 builds per kernel
#   dkms      dkms add/build against the installed 6.1 headers
#   harness   the VM harness's own tests (it must catch a broken module)
#   kselftest the kselftests in a qemu VM per test kernel (in parallel)
#   bench-smoke  "make bench" with tiny counts: its tooling still works
#             (tools/bench/smoke.sh; no figure is judged)
#
# Results are TAP files under build/results; the last line printed is
# "N passed, M failed". A stage that fails without reporting a failing
# test is counted as one failure, so nothing fails silently.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
kernels=selftests/qemu/kernels.sh
results=build/results
logs=build/logs
rm -rf "$results" "$logs"
mkdir -p "$results" "$logs"

stage_failures=()
start_all=$SECONDS

stage() {
	local name=$1 dir=$2 start=$SECONDS rc=0
	shift 2
	mkdir -p "$dir"
	printf 'check: %-24s ' "$name"
	"$@" >"$logs/$name.log" 2>&1 || rc=$?
	printf '%s (%ds)\n' "$([ $rc -eq 0 ] && echo ok || echo FAILED)" \
		$((SECONDS - start))
	if [ $rc -ne 0 ] &&
	   ! grep -qrsE '^not ok [0-9]+' --include='*.tap' "$dir"; then
		stage_failures+=("stage $name exited $rc without a failing test; see $logs/$name.log")
	fi
	if [ $rc -ne 0 ]; then
		tail -n 20 "$logs/$name.log" | sed 's/^/    /'
	fi
}

mapfile -t kvers < <($kernels list)
if [ ${#kvers[@]} -lt 2 ]; then
	stage_failures+=("expected two test kernels (6.1 and 6.12), have: ${kvers[*]:-none}; run 'make setup'")
fi
kdirs=()
for kver in "${kvers[@]}"; do
	kdirs+=("$($kernels kdir "$kver")")
done

if ! make -C tools >"$logs/build-tools.log" 2>&1; then
	stage_failures+=("the tools did not build; see $logs/build-tools.log")
fi
stage summary "$results/summary" \
	tools/testing/tap-summary-test.sh "$results/summary"
stage unit "$results/unit" make -C tools check RESULTS="$top/$results/unit"
# vectors_check DIR: one TAP case, the checked-in libsrtp_vectors.h
# against a fresh run of its generator (libsrtp2 and lib's KDF, which
# the generator holds against RFC 3711 B.3 and RFC 6188 7.2 first).
vectors_check() {
	local name="kmod_test/libsrtp_vectors.h is what gen_libsrtp_vectors writes"
	printf 'TAP version 13\n1..1\n' >"$1/vectors.tap"
	if make -C selftests/kmod_test check; then
		echo "ok 1 $name" >>"$1/vectors.tap"
	else
		echo "not ok 1 $name" >>"$1/vectors.tap"
		return 1
	fi
}
stage vectors "$results/vectors" vectors_check "$results/vectors"
stage fuzz "$results/fuzz" tools/testing/fuzz.sh "$results/fuzz" \
	"${FUZZ_CHECK_SECONDS:-3}"
stage lint "$results/lint" tools/testing/lint.sh "$results/lint" "${kdirs[@]}"

# The DKMS test builds against the 6.1 headers that linux-headers-amd64
# installed (a headers package, never an image).
dkms_kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
	sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p')
stage dkms "$results/dkms" tools/testing/dkms-test.sh "$results/dkms" \
	"${dkms_kver:-unknown}"

stage harness "$results/harness" \
	selftests/qemu/harness-selftest.sh "$results/harness"

for i in "${!kvers[@]}"; do
	kver=${kvers[$i]}
	if ! tools/kbuild/build-module.sh "${kdirs[$i]}" "build/$kver" \
		>"$logs/build-$kver.log" 2>&1; then
		stage_failures+=("bti.ko did not build for $kver; see $logs/build-$kver.log")
	elif ! tools/kbuild/build-test-module.sh "${kdirs[$i]}" "build/$kver" \
		>>"$logs/build-$kver.log" 2>&1; then
		stage_failures+=("bti_test.ko did not build for $kver; see $logs/build-$kver.log")
	fi
done
# Both kernels boot in parallel; results in $results/kselftest/<kver>/.
BTI_RESULTS_DIR="$results/kselftest" stage kselftest "$results/kselftest" \
	selftests/qemu/run-kselftests.sh
stage bench-smoke "$results/bench-smoke" \
	tools/bench/smoke.sh "$results/bench-smoke"

if [ ${#stage_failures[@]} -gt 0 ]; then
	{
		echo "TAP version 13"
		echo "1..${#stage_failures[@]}"
		for i in "${!stage_failures[@]}"; do
			echo "not ok $((i + 1)) ${stage_failures[$i]}"
		done
	} > "$results/stages.tap"
fi

echo "check: kernels: ${kvers[*]}"
echo "check: wall time $((SECONDS - start_all)) s"
tools/testing/tap-summary.sh "$results"
