#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-console.sh LOG...       scan kernel logs (console or dmesg)
# check-console.sh --taint MASK decode a /proc/sys/kernel/tainted value
#
# LOG mode prints one line per kernel problem found, "FILE:LINE: text",
# and exits 1 when there is any: Oops, BUG, WARNING, kernel panic,
# KASAN/UBSAN/KFENCE/SLUB/kmemleak reports, lockdep reports, RCU stalls,
# soft and hard lockups, hung tasks, call traces, and taints other than
# O (out-of-tree module) and E (unsigned module). Only kernel lines, those
# with a printk timestamp "[   12.345678]", are looked at (from the
# timestamp on, as the console can glue one to program output), so
# that the output of test programs on the console cannot trip it; a log
# without any such line is an error (exit 2), not a pass.
#
# Lines matching the extended regex in $BTI_CONSOLE_ALLOW are ignored.
#
# --taint mode prints the taint letters and exits 1 when a bit other than
# O and E is set.

set -eu -o pipefail

prog=${0##*/}

# Taint flags by bit number, as in Documentation/admin-guide/tainted-kernels.rst.
TAINT_LETTERS=PFSRMBUDAWCIOELKXTNJ
TAINT_ALLOWED=$(((1 << 12) | (1 << 13))) # O, E

decode_taint() {
	local mask=$1 i out=
	for ((i = 0; i < 64; i++)); do
		if (((mask >> i) & 1)); then
			if ((i < ${#TAINT_LETTERS})); then
				out+=${TAINT_LETTERS:i:1}
			else
				out+="?(bit $i)"
			fi
		fi
	done
	echo "${out:-none}"
}

if [ "${1:-}" = --taint ]; then
	[ $# -eq 2 ] && [[ $2 =~ ^[0-9]+$ ]] || { echo "usage: $prog --taint MASK" >&2; exit 2; }
	mask=$2
	bad=$((mask & ~TAINT_ALLOWED))
	if [ "$bad" -ne 0 ]; then
		echo "tainted $mask: $(decode_taint "$mask") (not allowed: $(decode_taint "$bad"))"
		exit 1
	fi
	echo "tainted $mask: $(decode_taint "$mask")"
	exit 0
fi

[ $# -ge 1 ] || { echo "usage: $prog LOG... | $prog --taint MASK" >&2; exit 2; }

# One extended regex per kind of report; matched against the message
# (the text after the timestamp).
PATTERNS=(
	'Oops[:#]'
	'(^|[^[:alnum:]_])BUG[: ]'
	'kernel BUG at'
	'(^|[^[:alnum:]_])WARNING:'
	'Kernel panic'
	'general protection fault'
	'KASAN'
	'UBSAN'
	'KFENCE'
	'unreferenced object 0x'
	'possible (circular|recursive) locking'
	'inconsistent lock state'
	'suspicious RCU usage'
	'RCU stall'
	'self-detected stall'
	'detected stalls'
	'rcu_.*stall'
	'soft lockup'
	'hard LOCKUP'
	'blocked for more than [0-9]+ seconds'
	'hung_task'
	'Call Trace:'
	'Bad page (state|map)'
	'list_(add|del) corruption'
	'refcount_t: '
	'[Mm]emory corruption'
	'stack-protector|stack guard page|stack is corrupted'
	'double fault'
	'invalid opcode:'
)
pattern=$(IFS='|'; echo "${PATTERNS[*]}")

# Messages that taint the kernel with O or E only: allowed.
TAINT_OK='loading out-of-tree module taints kernel|module verification failed: signature and/or required key missing - tainting kernel'

status=0
found=0
for log in "$@"; do
	[ -r "$log" ] || { echo "$prog: cannot read $log" >&2; exit 2; }
	# Strip carriage returns and the optional [Tpid]/[Ccpu] prefix; keep
	# only lines with a printk timestamp.
	out=$(awk -v pat="$pattern" -v taintok="$TAINT_OK" -v allow="${BTI_CONSOLE_ALLOW:-}" -v file="$log" '
		{
			line = $0
			gsub(/\r/, "", line)
			# A kernel line may follow a partial line of program
			# output on the serial console: the timestamp may be
			# anywhere.
			if (match(line, /\[ *[0-9]+\.[0-9]+\] /) == 0)
				next
			kernel++
			msg = substr(line, RSTART + RLENGTH)
			sub(/^\[ *[TC][0-9]+\] /, "", msg)
			if (allow != "" && msg ~ allow)
				next
			bad = 0
			if (msg ~ pat)
				bad = 1
			if (msg ~ /taints kernel|tainting kernel/ && msg !~ taintok)
				bad = 1
			# "Tainted: G  W  O  6.1.0-..." in a report header.
			if (match(msg, /Tainted: [A-Z ]+ [0-9]/)) {
				flags = substr(msg, RSTART + 9, RLENGTH - 11)
				gsub(/[GOE ]/, "", flags)
				if (flags != "")
					bad = 1
			}
			if (bad)
				printf "%s:%d: %s\n", file, NR, line
		}
		END { if (!kernel) print "NO-KERNEL-LINES" }' "$log")
	if [ "$out" = NO-KERNEL-LINES ]; then
		echo "$log: no kernel log line (with a printk timestamp) found"
		status=2
		continue
	fi
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | head -n 50
		found=$((found + $(printf '%s\n' "$out" | wc -l)))
	fi
done
if [ "$found" -gt 0 ]; then
	echo "$found kernel problem line(s) found"
	exit 1
fi
exit "$status"
