#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Session events on the "events" multicast group, as `btictl monitor`
# shows them: the soft limit of a key (once per key, again after a
# rekey), the hard limit (the context stops), authentication failures
# (rate-limited); only to listeners of the session's namespace; open to
# unprivileged listeners.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

ktap_cleanup() {
	bti_cleanup
	bti_unload || true
}

PEER=${BTI_SRTP_PEER:-$here/../tools/srtp-peer/srtp-peer}
bti_setup ip jq insmod rmmod modprobe
[ -x "$PEER" ] || bti_prereq_missing "srtp-peer not found (set BTI_SRTP_PEER)"
umask 077
A=$(bti_netns_name ev-a)
B=$(bti_netns_name ev-b)
SUITE=AES_CM_128_HMAC_SHA1_80
LA=10.96.0.1:5004
RB=10.96.0.2:6004
K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE

ktap_begin 10

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi
bti_netns_add "$A" && bti_netns_add "$B" &&
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
	ip -n "$A" addr add 10.96.0.1/24 dev va && ip -n "$B" addr add 10.96.0.2/24 dev vb &&
	ip -n "$A" link set va up && ip -n "$B" link set vb up
setup=$?
ip netns exec "$A" ping -c 1 -W 2 10.96.0.2 >/dev/null 2>&1 || true
ktap_check "two namespaces joined by veth" [ "$setup" -eq 0 ]

printf '%s %s %s\n' "$SUITE" "$K2" "$S2" >"$BTI_TMP/peer2"
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/both"
printf 'tx-master-key %s\ntx-master-salt %s\n' "$K2" "$S2" >"$BTI_TMP/tx2"
# The unprivileged listener writes its ready file here.
PUB=$BTI_TMP/pub
mkdir -p "$PUB" && chmod 755 "$BTI_TMP" && chmod 1777 "$PUB"

btictl_a() { ip netns exec "$A" "$BTICTL" "$@"; }
stat_of() { btictl_a -j session show | jq ".[0].stats.$1"; }

# monitor NS OUT ARGS...: btictl -j monitor in the background, ready when
# it joined the group; its pid in MON_PID. MON_NOBODY=1 runs it as nobody;
# MON_READY names its ready file (default $PUB/mon.ready).
monitor() {
	local ns=$1 out=$2 ready=${MON_READY:-$PUB/mon.ready}
	shift 2
	rm -f "$ready" "$out"
	if [ -n "${MON_NOBODY:-}" ]; then
		ip netns exec "$ns" "${BTI_NOBODY[@]}" "$BTICTL" -j monitor "$@" \
			ready-file "$ready" >"$out" 2>"$out.err" &
	else
		ip netns exec "$ns" "$BTICTL" -j monitor "$@" \
			ready-file "$ready" >"$out" 2>"$out.err" &
	fi
	MON_PID=$!
	for _ in $(seq 100); do
		[ -e "$ready" ] && return 0
		sleep 0.1
	done
	return 1
}

# quiet PID OUT: the monitor PID listened to its end (exit 3: timeout)
# and printed nothing. A monitor that never ran fails this.
quiet() {
	local rc=0
	wait "$1" || rc=$?
	[ "$rc" -eq 3 ] && [ ! -s "$2" ]
}

plain_send() {
	ip netns exec "$A" "$PEER" plain-send --local $LA --remote $RB \
		--ssrc 0x1111 "$@" >/dev/null
}

peer_send() {
	ip netns exec "$B" "$PEER" send --local $RB --remote $LA --ssrc 0x2222 \
		--keys "$BTI_TMP/peer2" "$@" >/dev/null
}

btictl_a session add local $LA remote $RB suite $SUITE tx-ssrc 0x1111 \
	rx-ssrc 0x2222 srtcp-index 1 soft-limit 100 keys "$BTI_TMP/both"

# Soft limit, transmit: one event when the key protected 100 packets.
monitor "$A" "$BTI_TMP/ev1" count 1 timeout 10 || true
plain_send --count 150
wait "$MON_PID" || true
if jq -e -s 'length == 1 and .[0].event == "soft-limit" and
	.[0].direction == "tx" and .[0].protocol == "srtp" and
	.[0].ssrc == 4369 and .[0].count == 100 and
	.[0].local == "10.96.0.1:5004" and .[0].remote == "10.96.0.2:6004"' \
	"$BTI_TMP/ev1" >/dev/null; then
	ktap_ok "soft limit: an event when the transmit key protected 100 packets"
else
	ktap_fail "soft limit: an event when the transmit key protected 100 packets" \
		"$(cat "$BTI_TMP/ev1" "$BTI_TMP/ev1.err")"
fi

# Once per key: more packets, no second event.
monitor "$A" "$BTI_TMP/ev2" count 1 timeout 2 || true
plain_send --count 50 --start-seq 150
ktap_check "soft limit: only once per key" quiet "$MON_PID" "$BTI_TMP/ev2"

# A rekey starts the count again.
btictl_a session set local $LA remote $RB tx-ssrc 0x1111 keys "$BTI_TMP/tx2"
monitor "$A" "$BTI_TMP/ev3" count 1 timeout 10 || true
plain_send --count 100 --start-seq 200
wait "$MON_PID" || true
ktap_check "soft limit: after a rekey, again when the new key protected 100" \
	jq -e -s 'length == 1 and .[0].event == "soft-limit" and .[0].count == 100' \
	"$BTI_TMP/ev3"

# Receive, unprivileged listener: the event of the receive key.
MON_NOBODY=1 monitor "$A" "$BTI_TMP/ev4" count 1 timeout 10 || true
peer_send --count 120
wait "$MON_PID" || true
ktap_check "soft limit: receive key, seen by an unprivileged listener" \
	jq -e -s 'length == 1 and .[0].event == "soft-limit" and
		.[0].direction == "rx" and .[0].ssrc == 8738' "$BTI_TMP/ev4"

# Another namespace hears nothing of A's sessions, while A's own listener
# gets the event.
MON_READY=$PUB/mon-b.ready monitor "$B" "$BTI_TMP/ev5" count 1 timeout 5 || true
mon_b=$MON_PID
monitor "$A" "$BTI_TMP/ev5a" count 1 timeout 10 || true
peer_send --count 10 --start-seq 120 --impair flip=5,seed=3
wait "$MON_PID" || true
if quiet "$mon_b" "$BTI_TMP/ev5" &&
   jq -e -s 'length == 1 and .[0].event == "auth-failures"' "$BTI_TMP/ev5a" >/dev/null; then
	ktap_ok "events stay in the session's namespace"
else
	ktap_fail "events stay in the session's namespace" \
		"B: $(cat "$BTI_TMP/ev5" "$BTI_TMP/ev5.err"); A: $(cat "$BTI_TMP/ev5a")"
fi

# Authentication failures: one event now, the rest counted into the next.
# The event above opened a second of silence: let it pass.
sleep 1.1
monitor "$A" "$BTI_TMP/ev6" count 2 timeout 10 || true
peer_send --count 40 --start-seq 130 --impair flip=40,seed=4
sleep 1.2
peer_send --count 5 --start-seq 170 --impair flip=5,seed=5
wait "$MON_PID" || true
auth1=$(stat_of drop_auth)
if jq -e -s --argjson n "$auth1" 'length == 2 and
	all(.[]; .event == "auth-failures") and .[0].count + .[1].count <= $n and
	.[0].count >= 1 and .[1].count > 1' "$BTI_TMP/ev6" >/dev/null; then
	ktap_ok "authentication failures: at most one event a second, with the count"
else
	ktap_fail "authentication failures: at most one event a second, with the count" \
		"drop_auth $auth1; $(cat "$BTI_TMP/ev6" "$BTI_TMP/ev6.err")"
fi

# Hard limit: the SRTCP index of the transmit key is nearly spent.
btictl_a session set local $LA remote $RB tx-ssrc 0x1111 srtcp-index 2147483646 \
	keys "$BTI_TMP/tx2"
limit0=$(stat_of drop_limit)
monitor "$A" "$BTI_TMP/ev7" count 1 timeout 10 || true
plain_send --rtcp --count 4
wait "$MON_PID" || true
if jq -e -s 'length == 1 and .[0].event == "hard-limit" and
	.[0].direction == "tx" and .[0].protocol == "srtcp"' "$BTI_TMP/ev7" >/dev/null &&
   [ "$(stat_of drop_limit)" = $((limit0 + 2)) ]; then
	ktap_ok "hard limit: the SRTCP key stops after index 2^31-1, one event, drops counted"
else
	ktap_fail "hard limit: the SRTCP key stops after index 2^31-1, one event, drops counted" \
		"drop_limit +$(($(stat_of drop_limit) - limit0)); $(cat "$BTI_TMP/ev7" "$BTI_TMP/ev7.err")"
fi

ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
