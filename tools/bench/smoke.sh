#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# smoke.sh RESULTS_DIR - a short run of "make bench" for "make check": the
# bench tooling (bti_bench.ko, guest-bench.sh, bench_sessions.py,
# report.py) still works end to end, with tiny counts. No figure is
# judged: it checks that each was measured. TAP in
# RESULTS_DIR/bench-smoke.tap; the run itself in RESULTS_DIR/run (its
# vm.tap counts the guest kernel log).

set -u

[ $# -eq 1 ] || { echo "usage: $0 RESULTS_DIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/../.." && pwd -P)
mkdir -p "$1"
results=$(cd "$1" && pwd -P)
tap=$results/bench-smoke.tap
json=$results/run/results.json
n=0
failed=0
lines=()

result() { # RC NAME [DIAG]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		lines+=("ok $n $2")
	else
		lines+=("not ok $n $2")
		[ -z "${3:-}" ] || lines+=("# $3")
		failed=1
	fi
}

# jq_check NAME FILTER: a check on results.json
jq_check() {
	jq -e "$2" "$json" >/dev/null 2>&1
	result $? "$1"
}

rm -rf "$results/run"
# One suite; enough sessions that the memory cgroup's statistics move
# (the kernel batches their updates).
BENCH_RESULTS=$results/run BENCH_ROUNDS=1 BENCH_PACKETS=256 \
	BENCH_STREAM_PACKETS=300 BENCH_SESSIONS=1000 BENCH_DELETES=10 \
	BENCH_SUITES=AES_CM_128_HMAC_SHA1_80 BTI_VM_TIMEOUT=300 \
	"$top/tools/bench/bench.sh"
rc=$?
[ $rc -eq 0 ] && [ -s "$results/run/summary.txt" ] && [ -s "$json" ]
result $? "make bench runs in the VM and prints its table" "bench.sh exited $rc"

suites='["AES_CM_128_HMAC_SHA1_80"]'
jq_check "transform: bti.ko and libsrtp2 timed, protect and unprotect" "
	$suites as \$s | [\$s[] as \$x | (\"protect\", \"unprotect\") as \$o |
	.transform[\"\(\$x) \(\$o)\"] | .bti_ns > 0 and .libsrtp2_ns > 0] |
	length == 2 and all"
jq_check "transform: the crypto drivers under bti.ko are named" '
	[.crypto[] | .ns > 0 and (.driver | length) > 0] | length == 3 and all'
jq_check "stream: plaintext, bti.ko, libsrtp2 and relay paths delivered packets" "
	.stream.plain.pps > 0 and
	($suites as \$s | [\$s[] as \$x | (\"bti\", \"libsrtp2\", \"relay\") as \$c |
	.stream[\"\(\$x) \(\$c)\"].pps > 0] | length == 3 and all)"
jq_check "stream: time per packet over plaintext is the difference of the rates' inverses" "
	$suites as \$s | [\$s[] as \$x | .stream.plain.pps as \$p |
	(\"bti\", \"relay\") as \$c |
	(1e9 / .stream[\"\(\$x) \(\$c)\"].pps - 1e9 / \$p) as \$want |
	.stream[\"\(\$x) added\"][\"\(\$c)_ns\"] - \$want | fabs < 0.5] |
	length == 2 and all"
jq_check "sessions: every session installed and listed, memory measured" "
	$suites as \$s | [\$s[] as \$x | .sessions[\$x] |
	.listed == .sessions and .module_owned_memcg_bytes > 0 and
	.crypto_slab_bytes > 0 and .install_us > 0 and .first_install_us > 0 and
	.delete_us > 0] |
	length == 1 and all"
jq_check "sessions: what bti charged to the cgroup is returned on removal" "
	$suites as \$s | [\$s[] as \$x | .sessions[\$x] |
	.memcg_slab_left_bytes < .module_owned_memcg_bytes * .sessions / 4] |
	length == 1 and all"

{
	echo "TAP version 13"
	echo "1..$n"
	printf '%s\n' "${lines[@]}"
} >"$tap"
cat "$tap"
exit "$failed"
