#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tap-summary-test.sh RESULTS_DIR
#
# The tests of tap-summary.sh, whose last lines are all that a CI log
# cut to its tail shows: counts, skips, the exit status, and the failures
# named again just before the total. TAP to RESULTS_DIR/tap-summary.tap.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 RESULTS_DIR" >&2
	exit 2
fi
mkdir -p "$1"
out="$1/tap-summary.tap"
summary="$(cd "$(dirname "$0")" && pwd)/tap-summary.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0
# check NAME COMMAND...: one TAP case, passing when COMMAND succeeds
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		failed=1
	fi
}

# run DIR: tap-summary.sh's output in $work/out, its status in $work/rc
run() {
	local rc=0
	"$summary" "$1" >"$work/out" 2>&1 || rc=$?
	echo "$rc" >"$work/rc"
}
last_line_is() { [ "$(tail -n 1 "$work/out")" = "$1" ]; }
status_is() { [ "$(cat "$work/rc")" = "$1" ]; }
# The failure, named in the two lines before the total.
failure_in_tail() { tail -n 3 "$work/out" | head -n 2 | grep -qxF "$1"; }

{
	echo "TAP version 13"
	echo "1..9"

	mkdir -p "$work/pass/sub"
	printf 'TAP version 13\n1..2\nok 1 a\nok 2 b # SKIP no device\n' \
		>"$work/pass/sub/one.tap"
	printf '1..1\nok 1 c\n    not ok 1 a subtest\n' >"$work/pass/two.tap"
	run "$work/pass"
	check "passing results end with 'N passed, 0 failed, K skipped'" \
		last_line_is "2 passed, 0 failed, 1 skipped"
	check "passing results exit 0" status_is 0
	check "an indented subtest result is not counted" \
		grep -q '^two.tap  *1 passed  *0 failed' "$work/out"

	mkdir -p "$work/fail"
	printf '1..3\nok 1 a\nnot ok 2 lost a packet\nok 3 c\n' \
		>"$work/fail/a.tap"
	for i in $(seq 30); do
		printf '1..1\nok 1 case %d\n' "$i" >"$work/fail/z$i.tap"
	done
	run "$work/fail"
	check "a failure is counted" last_line_is "32 passed, 1 failed"
	check "a failure exits 1" status_is 1
	check "a failure is named under its file" \
		grep -qxF "    a.tap: not ok 2 lost a packet" "$work/out"
	check "a failure is named again just before the total" \
		failure_in_tail "    a.tap: not ok 2 lost a packet"

	mkdir -p "$work/empty"
	run "$work/empty"
	check "no results at all is a failure" status_is 1

	run "$work/missing"
	check "a missing directory is a usage error" status_is 2
} >"$out"
cat "$out"
exit "$failed"
