#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tap-summary.sh RESULTS_DIR
#
# Counts the top-level results of every *.tap file under RESULTS_DIR
# ("ok N ..." and "not ok N ..." at the start of a line; "# SKIP" results
# are counted as skipped), lists the failures under each file and again,
# all together, just before the last line (a log cut to its tail still
# names them), and ends with the line "N passed, M failed[, K skipped]".
# Exits 1 if anything failed or if no result was found at all.
set -eu

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 RESULTS_DIR" >&2
	exit 2
fi

passed=0
failed=0
skipped=0
failures=()
while IFS= read -r -d '' tap; do
	name=${tap#"$1"/}
	p=$(grep -cE '^ok [0-9]+' "$tap" || true)
	s=$(grep -cE '^ok [0-9]+.*# *[Ss][Kk][Ii][Pp]' "$tap" || true)
	f=$(grep -cE '^not ok [0-9]+' "$tap" || true)
	p=$((p - s))
	printf '%-40s %4d passed %4d failed %4d skipped\n' "$name" "$p" "$f" "$s"
	while IFS= read -r line; do
		echo "    $name: $line"
		failures+=("$name: $line")
	done < <(grep -E '^not ok [0-9]+' "$tap" || true)
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done < <(find "$1" -name '*.tap' -print0 | sort -z)

if [ $((passed + failed + skipped)) -eq 0 ]; then
	echo "no test results found under $1"
	failed=1
fi

if [ ${#failures[@]} -gt 0 ]; then
	echo "failed:"
	printf '    %s\n' "${failures[@]}"
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
