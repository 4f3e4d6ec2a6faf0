#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-run.sh RESULTS_DIR [PROG...] - run the kselftests of selftests/
# (TEST_PROGS of its Makefile, or the PROGs given) inside the test VM and
# write the KTAP output of each to RESULTS_DIR/<prog>.tap (its stderr to
# RESULTS_DIR/<prog>.err).
#
# A program whose exit status and output disagree gets a "not ok" line
# appended to its .tap so that the failure is counted: a non-zero exit
# without any "not ok", a timeout (settings), a missing plan or a number
# of results different from the plan.
#
# Defaults for the tests: BTI_KO=build/<uname -r>/bti.ko,
# BTI_TEST_KO=build/<uname -r>/bti_test.ko and BTICTL=tools/btictl/btictl
# of the source tree when they exist, and BTI_STRICT=1 (a missing
# prerequisite is a failure, not a skip).
# Exit status: 0 when every program passed or skipped, else 1.

set -eu -o pipefail

[ $# -ge 1 ] || { echo "usage: $0 RESULTS_DIR [PROG...]" >&2; exit 2; }
results=$1
shift
here=$(cd "$(dirname "$0")" && pwd -P)
tests=$(cd "$here/.." && pwd -P)
src=$(cd "$tests/.." && pwd -P)
kver=$(uname -r)

mkdir -p "$results"
results=$(cd "$results" && pwd -P)
# Relative paths are relative to the caller's directory; the tests run
# from selftests/.
abspath() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
[ -z "${BTI_KO:-}" ] || BTI_KO=$(abspath "$BTI_KO")
[ -z "${BTI_TEST_KO:-}" ] || BTI_TEST_KO=$(abspath "$BTI_TEST_KO")
[ -z "${BTICTL:-}" ] || BTICTL=$(abspath "$BTICTL")
if [ -z "${BTI_KO:-}" ] && [ -f "$src/build/$kver/bti.ko" ]; then
	export BTI_KO=$src/build/$kver/bti.ko
fi
if [ -z "${BTI_TEST_KO:-}" ] && [ -f "$src/build/$kver/bti_test.ko" ]; then
	export BTI_TEST_KO=$src/build/$kver/bti_test.ko
fi
if [ -z "${BTICTL:-}" ] && [ -x "$src/tools/btictl/btictl" ]; then
	export BTICTL=$src/tools/btictl/btictl
fi
export BTI_STRICT=${BTI_STRICT:-1}

if [ $# -gt 0 ]; then
	progs=("$@")
else
	read -r -a progs <<<"$(make -s --no-print-directory -C "$tests" print_test_progs)"
fi
[ "${#progs[@]}" -gt 0 ] || { echo "guest-run: no test programs" >&2; exit 1; }
limit=$(sed -n 's/^timeout=\([0-9]\{1,\}\)$/\1/p' "$tests/settings" 2>/dev/null)
limit=${limit:-45}

echo "guest-run: kernel $kver, BTI_KO=${BTI_KO:-(modprobe bti)}, BTICTL=${BTICTL:-(PATH)}"
failed=0
cd "$tests"
for prog in "${progs[@]}"; do
	tap=$results/$prog.tap
	rm -f "$tap" "$results/$prog.err"
	echo "guest-run: $prog"
	start=$SECONDS
	rc=0
	timeout -k 10 "$limit" "./$prog" 2> >(tee "$results/$prog.err" >&2) </dev/null |
		tee "$tap" || rc=$?
	wait # the stderr tee
	took=$((SECONDS - start))

	why=
	if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ "$took" -ge "$limit" ]; }; then
		why="timed out after ${limit}s (settings)"
	fi
	"$here/tap-verify.sh" "$tap" "$prog" "$rc" "$why" || true
	nfail=$(grep -cE '^not ok [0-9]+' "$tap" || true)
	npass=$(grep -E '^ok [0-9]+' "$tap" | grep -vc '# SKIP' || true)
	nskip=$(grep -E '^ok [0-9]+' "$tap" | grep -c '# SKIP' || true)
	echo "guest-run: $prog: pass $npass, fail $nfail, skip $nskip (${took}s)"
	[ "$nfail" -eq 0 ] || failed=1
done
exit "$failed"
