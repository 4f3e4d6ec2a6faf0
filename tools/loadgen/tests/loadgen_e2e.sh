#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bti-loadgen end to end on loopback (TAP): a lab PKI and store made
# with bti-psadm, N work orders (default 200), bti-psd (with its IVR)
# and bti-gcd on 127.0.0.1, then N concurrent provisionings, 611 call,
# prompt and DTMF over SRTP included. Checks that all N succeed, that
# the store holds N devices afterwards, that every work order is spent,
# that unknown work orders end as counted failures (AUTH_REJECTED), and
# that both daemons end with status 0 on SIGTERM; prints
# provisionings/s and bti-psd's peak RSS (VmHWM).
#
# All N come from one address (127.0.0.1): bti-psd runs with
# --max-per-source N (its default, 4, would make the others wait for
# RETRY_AFTER), bti-gcd with a token bucket of N.
#
# Run from tools/ after "make" (make check does), or with the programs'
# directory in TOOLS=. LOADGEN_N changes N; LOADGEN_KEEP=1 keeps the
# directory (daemon logs) afterwards.
set -u

N=${LOADGEN_N:-200}
here=$(cd "$(dirname "$0")" && pwd)
TOOLS=${TOOLS:-$(cd "$here/../.." && pwd)}
PSADM=$TOOLS/psadm/bti-psadm
PSD=$TOOLS/psd/bti-psd
GCD=$TOOLS/gcd/bti-gcd
LOADGEN=$TOOLS/loadgen/bti-loadgen

t=0
fails=0
ok() { t=$((t + 1)); echo "ok $t - $1"; }
not_ok() { t=$((t + 1)); fails=$((fails + 1)); echo "not ok $t - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

dir=$(mktemp -d /tmp/bti-loadgen-e2e-XXXXXX) || exit 1
chmod 0700 "$dir"
psd_pid=
gcd_pid=
psd2_pid=
gcd2_pid=
cleanup() {
	[ -n "$gcd_pid" ] && kill "$gcd_pid" 2>/dev/null
	[ -n "$psd_pid" ] && kill "$psd_pid" 2>/dev/null
	[ -n "$gcd2_pid" ] && kill "$gcd2_pid" 2>/dev/null
	[ -n "$psd2_pid" ] && kill "$psd2_pid" 2>/dev/null
	wait 2>/dev/null
	if [ -z "${LOADGEN_KEEP:-}" ]; then rm -rf "$dir"; else echo "# kept $dir"; fi
}
trap cleanup EXIT INT TERM

echo "1..10"
cd "$dir" || exit 1

# -- 1: lab PKI and store, N work orders --
P="$PSADM --store $dir/ps.db --store-key $dir/store.key --admin-key $dir/admin.key"
setup() {
	$PSADM pki root --out-key root.key --out-cert root.pem >/dev/null &&
	$PSADM pki ps --root-key root.key --root-cert root.pem \
		--out-key ps.key --out-cert ps.pem >/dev/null &&
	$P store init >/dev/null &&
	$P account add acct-load >/dev/null || return 1
	i=0
	: > all
	while [ $i -lt $((N + 9)) ]; do
		$P order add acct-load -j | sed -n 's/.*"number":"\([0-9]*\)".*/\1/p' >> all || return 1
		i=$((i + 1))
	done
	head -n "$N" all > orders
	sed -n "$((N + 1)),$((N + 4))p" all > orders2
	tail -n 5 all > orders3
	[ "$(grep -c '^[0-9]\{16,\}$' all)" -eq $((N + 9)) ]
}
check "lab PKI, store and $N + 9 work orders made with bti-psadm" setup

# -- 2: the daemons --
"$PSD" --listen 127.0.0.1 --port 0 --ready-file ps.port \
	--cert ps.pem --key ps.key --store ps.db --store-key store.key \
	--media-addr 127.0.0.1:0 --max-per-source "$N" \
	--max-sessions $((N + 64)) 2> psd.log &
psd_pid=$!
w=0
while [ ! -s ps.port ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
"$GCD" --listen 127.0.0.1 --port 0 --ready-file gc.port \
	--ps "127.0.0.1:$(cat ps.port 2>/dev/null)" \
	--rate-burst "$N" --rate-interval 1ms 2> gcd.log &
gcd_pid=$!
w=0
while [ ! -s gc.port ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
check "bti-psd and bti-gcd listening" '[ -s ps.port ] && [ -s gc.port ]'

# -- 3, 4: N concurrent provisionings --
# The host's UDP datagrams dropped for a full receive buffer, before and
# after (all sockets of the host: a hint when entries arrive short).
rcvbuf_errors() {
	awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else print $c }' /proc/net/snmp
}
rb0=$(rcvbuf_errors)
"$LOADGEN" --gc "127.0.0.1:$(cat gc.port)" --sp-root root.pem \
	--orders orders --concurrency "$N" --count "$N" --timeout 60 \
	> loadgen.out 2> loadgen.err
rc=$?
rb1=$(rcvbuf_errors)
sed 's/^/# /' loadgen.out loadgen.err
echo "# UDP datagrams dropped for a full receive buffer during the run: $((rb1 - rb0))"
check "bti-loadgen exits 0" '[ $rc -eq 0 ]'
check "$N of $N provisionings completed, none failed" \
	'grep -q "^provisionings $N completed $N failed 0\$" loadgen.out'

# -- 5: from other source addresses (--source) --
"$LOADGEN" --gc "127.0.0.1:$(cat gc.port)" --sp-root root.pem \
	--orders orders2 --concurrency 4 --timeout 30 \
	--source 127.0.0.2 --source 127.0.0.3 > src.out 2>&1
src_rc=$?
sed 's/^/# /' src.out
check "4 more from 127.0.0.2 and 127.0.0.3 (--source)" \
	'[ $src_rc -eq 0 ] && grep -q "^provisionings 4 completed 4 failed 0\$" src.out && grep -q "127\.0\.0\.2:[0-9]*: session" psd.log && grep -q "127\.0\.0\.3:[0-9]*: session" psd.log'

# -- 6: a full PS answers BUSY; each of those runs again, as btid's would --
# A second bti-psd on the same store with room for 2 sessions, behind its
# own gate controller: 5, 3 at a time, get BUSY until a slot is free.
"$PSD" --listen 127.0.0.1 --port 0 --ready-file ps2.port \
	--cert ps.pem --key ps.key --store ps.db --store-key store.key \
	--media-addr 127.0.0.1:0 --max-sessions 2 2> psd2.log &
psd2_pid=$!
w=0
while [ ! -s ps2.port ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
"$GCD" --listen 127.0.0.1 --port 0 --ready-file gc2.port \
	--ps "127.0.0.1:$(cat ps2.port 2>/dev/null)" \
	--rate-burst 64 --rate-interval 1ms 2> gcd2.log &
gcd2_pid=$!
w=0
while [ ! -s gc2.port ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
"$LOADGEN" --gc "127.0.0.1:$(cat gc2.port 2>/dev/null)" --sp-root root.pem \
	--orders orders3 --concurrency 3 --timeout 60 > busy.out 2>&1
busy_rc=$?
sed 's/^/# /' busy.out
kill "$gcd2_pid" "$psd2_pid" 2>/dev/null
wait "$gcd2_pid" "$psd2_pid" 2>/dev/null
gcd2_pid=
psd2_pid=
check "5, 3 at a time, against a PS with 2 slots: BUSY runs again, all 5 complete" \
	'[ $busy_rc -eq 0 ] && grep -q "^provisionings 5 completed 5 failed 0\$" busy.out && grep -q "^runs again after BUSY [1-9]" busy.out && grep -q "BUSY" psd2.log'

# -- 7, 8: the store --
devices=$($P device list -j | grep -o '{"id":"' | wc -l)
check "the store holds $N + 9 devices" '[ "$devices" -eq $((N + 9)) ]'
spent=$($P order list -j | grep -o '"state":"spent"' | wc -l)
check "all $N + 9 work orders are spent" '[ "$spent" -eq $((N + 9)) ]'

# -- 9: refused work orders are counted failures, not lost --
printf '0000000100000000\n0000000200000000\n0000000300000000\n' > bogus
"$LOADGEN" --gc "127.0.0.1:$(cat gc.port)" --sp-root root.pem \
	--orders bogus --concurrency 3 --timeout 30 > bogus.out 2>&1
brc=$?
sed 's/^/# /' bogus.out
check "3 unknown work orders: exit 1, 3 failed AUTH_REJECTED" \
	'[ $brc -eq 1 ] && grep -q "^provisionings 3 completed 0 failed 3\$" bogus.out && grep -q "^failed AUTH_REJECTED 3\$" bogus.out'

# -- measures, then 10: clean stop --
hwm=$(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$psd_pid/status" 2>/dev/null)
echo "# $(grep '^wall' loadgen.out)"
echo "# bti-psd peak RSS (VmHWM): ${hwm:-unknown}"
kill "$gcd_pid" "$psd_pid"
wait "$gcd_pid"; g=$?
wait "$psd_pid"; s=$?
gcd_pid=
psd_pid=
check "bti-gcd and bti-psd end with status 0 on SIGTERM" \
	'[ $g -eq 0 ] && [ $s -eq 0 ]'
[ $fails -eq 0 ]
