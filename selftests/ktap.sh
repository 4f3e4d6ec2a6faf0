# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# ktap.sh - KTAP output for the bti selftests (sourced, bash).
#
#   ktap_begin N            "TAP version 13" and the plan "1..N"
#   ktap_ok NAME            "ok I NAME"
#   ktap_fail NAME [WHY]    "not ok I NAME", WHY as a "# " diagnostic
#   ktap_skip NAME REASON   "ok I NAME # SKIP REASON" (a genuine skip only)
#   ktap_check NAME CMD...  ok when CMD exits 0, else not ok
#   ktap_diag TEXT...       "# TEXT", one per line of TEXT
#   ktap_skip_all REASON    the whole program cannot run here: one skipped
#                           case, exit 4 (kselftest's KSFT_SKIP)
#   ktap_end                exit 1 if any case failed or the number of
#                           results differs from the plan, 4 if every case
#                           was skipped, else 0
#
# A program that dies before ktap_end gets a "not ok" line for that from
# the EXIT trap and exits 1. A function named ktap_cleanup, if defined, is
# run on exit (before the final verdict).

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

KTAP_PLAN=0
KTAP_N=0
KTAP_PASS=0
KTAP_FAIL=0
KTAP_SKIP=0
KTAP_DONE=0
KTAP_PROG=${0##*/}

ktap_diag() {
	local line
	# shellcheck disable=SC2048,SC2086
	printf '%s\n' "$*" | while IFS= read -r line; do
		echo "# $line"
	done
}

# A result name must not contain '#' (it would start a directive).
ktap_name_() { printf '%s' "$*" | tr '#\n' '_ '; }

ktap_begin() {
	KTAP_PLAN=$1
	echo "TAP version 13"
	echo "1..$KTAP_PLAN"
	trap ktap_exit_ EXIT
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_PASS=$((KTAP_PASS + 1))
	echo "ok $KTAP_N $(ktap_name_ "$1")"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAIL=$((KTAP_FAIL + 1))
	echo "not ok $KTAP_N $(ktap_name_ "$1")"
	[ $# -lt 2 ] || ktap_diag "$2"
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_SKIP=$((KTAP_SKIP + 1))
	echo "ok $KTAP_N $(ktap_name_ "$1") # SKIP $(ktap_name_ "$2")"
}

ktap_check() {
	local name=$1
	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name"
	fi
}

ktap_skip_all() {
	echo "TAP version 13"
	echo "1..1"
	echo "ok 1 $KTAP_PROG # SKIP $(ktap_name_ "$1")"
	KTAP_DONE=1
	trap - EXIT
	exit "$KSFT_SKIP"
}

ktap_verdict_() {
	if [ "$KTAP_N" -ne "$KTAP_PLAN" ]; then
		KTAP_N=$((KTAP_N + 1))
		echo "not ok $KTAP_N $KTAP_PROG: $((KTAP_N - 1)) results for a plan of $KTAP_PLAN"
		KTAP_FAIL=$((KTAP_FAIL + 1))
	fi
	echo "# $KTAP_PROG: pass:$KTAP_PASS fail:$KTAP_FAIL skip:$KTAP_SKIP"
	if [ "$KTAP_FAIL" -gt 0 ]; then
		return "$KSFT_FAIL"
	elif [ "$KTAP_SKIP" -gt 0 ] && [ "$KTAP_PASS" -eq 0 ]; then
		return "$KSFT_SKIP"
	fi
	return "$KSFT_PASS"
}

ktap_run_cleanup_() {
	if declare -F ktap_cleanup >/dev/null; then
		ktap_cleanup || echo "# $KTAP_PROG: cleanup failed"
	fi
}

ktap_end() {
	local rc=0
	KTAP_DONE=1
	trap - EXIT
	ktap_run_cleanup_
	ktap_verdict_ || rc=$?
	exit "$rc"
}

ktap_exit_() {
	local rc=$?
	[ "$KTAP_DONE" -eq 0 ] || return 0
	KTAP_DONE=1
	set +e
	ktap_run_cleanup_
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAIL=$((KTAP_FAIL + 1))
	echo "not ok $KTAP_N $KTAP_PROG: stopped early (status $rc) after $((KTAP_N - 1)) of $KTAP_PLAN cases"
	echo "# $KTAP_PROG: pass:$KTAP_PASS fail:$KTAP_FAIL skip:$KTAP_SKIP"
	exit "$KSFT_FAIL"
}
