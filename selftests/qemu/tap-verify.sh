#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tap-verify.sh TAP NAME [STATUS [WHY]]
#
# Make sure that the KTAP file TAP of test program NAME counts its failure:
# when the file is missing, has no plan, has fewer or more results than
# its plan, or when the program's exit STATUS says failure (neither 0 nor
# 4, kselftest's skip) but the file has no "not ok" line, a line
# "not ok N NAME: <why>" is appended. WHY, when given, is the reason to
# use for a failing STATUS (e.g. a timeout).
#
# Prints the appended line, if any. Exit status 0 when the file now shows
# no failure, 1 when it shows one.

set -eu -o pipefail

[ $# -ge 2 ] && [ $# -le 4 ] || { echo "usage: $0 TAP NAME [STATUS [WHY]]" >&2; exit 2; }
tap=$1
name=$2
status=${3:-}
why_given=${4:-}

plan=
nres=0
nfail=0
if [ -f "$tap" ]; then
	plan=$(sed -n 's/^1\.\.\([0-9]\{1,\}\).*/\1/p' "$tap" | head -n 1)
	nres=$(grep -cE '^(ok|not ok) [0-9]+' "$tap" || true)
	nfail=$(grep -cE '^not ok [0-9]+' "$tap" || true)
fi

why=
if [ ! -f "$tap" ]; then
	why="no output"
elif [ -n "$status" ] && [ "$status" -ne 0 ] && [ "$status" -ne 4 ] && [ "$nfail" -eq 0 ]; then
	why=${why_given:-"exited with status $status without a failed case"}
elif [ -z "$plan" ]; then
	why="no plan${status:+ (exit status $status)}"
elif [ "$nres" -ne "$plan" ] && [ "$nfail" -eq 0 ]; then
	why="$nres results for a plan of $plan${status:+ (exit status $status)}"
fi

if [ -n "$why" ]; then
	[ -s "$tap" ] || echo "TAP version 13" >"$tap"
	# The line must start at column 0 even after a partial last line.
	[ -z "$(tail -c 1 "$tap")" ] || echo >>"$tap"
	echo "not ok $((nres + 1)) $name: $why" | tee -a "$tap"
	exit 1
fi
[ "$nfail" -eq 0 ]
