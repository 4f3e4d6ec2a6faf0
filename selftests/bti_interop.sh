#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interop with libsrtp2 (tools/srtp-peer) across a veth pair, both
# directions, RTP and RTCP, for the AES-CM suites (keys from RFC 3711
# master keys, derived by btictl on one side and by libsrtp2 on the
# other): sequence-number wrap (ROC 0 -> 1), reordering inside the window,
# duplicates and packets older than the window dropped and counted as
# replays, flipped bits dropped and counted as authentication failures.

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
A=$(bti_netns_name io-a)
B=$(bti_netns_name io-b)
N=1000

K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE

ktap_begin 13

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi
bti_netns_add "$A" && bti_netns_add "$B" &&
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
	ip -n "$A" addr add 10.98.0.1/24 dev va && ip -n "$B" addr add 10.98.0.2/24 dev vb &&
	ip -n "$A" link set va up && ip -n "$B" link set vb up
setup=$?
ip netns exec "$A" ping -c 1 -W 2 10.98.0.2 >/dev/null 2>&1 || true
ktap_check "two namespaces joined by veth" [ "$setup" -eq 0 ]

# peer_recv NS ARGS...: a receiver in the background, summary to $BTI_TMP/rx
peer_recv() {
	local ns=$1
	shift
	rm -f "$BTI_TMP/ready" "$BTI_TMP/rx"
	ip netns exec "$ns" "$PEER" "$@" --ready-file "$BTI_TMP/ready" \
		--timeout-ms 3000 >"$BTI_TMP/rx" 2>"$BTI_TMP/rx.err" &
	RX_PID=$!
	for _ in $(seq 100); do
		[ -e "$BTI_TMP/ready" ] && return 0
		sleep 0.1
	done
	return 1
}

stat_of() { # COUNTER: of the session in A
	ip netns exec "$A" "$BTICTL" -j session show | jq ".[0].stats.$1"
}

for suite in AES_CM_128_HMAC_SHA1_80 AES_CM_128_HMAC_SHA1_32; do
	printf '%s %s %s\n' "$suite" "$K1" "$S1" >"$BTI_TMP/k1"
	printf '%s %s %s\n' "$suite" "$K2" "$S2" >"$BTI_TMP/k2"
	printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
		"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/bti.keys"
	ip netns exec "$A" "$BTICTL" session flush
	ip netns exec "$A" "$BTICTL" session add local 10.98.0.1:5004 remote 10.98.0.2:6004 \
		suite "$suite" tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 \
		keys "$BTI_TMP/bti.keys"

	# bti.ko protects, libsrtp2 verifies, across the wrap of the sequence.
	peer_recv "$B" recv --local 10.98.0.2:6004 --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count $N || true
	ip netns exec "$A" "$PEER" plain-send --local 10.98.0.1:5004 \
		--remote 10.98.0.2:6004 --ssrc 0x1111 --count $N --start-seq 65000 \
		--interval-us 200 >/dev/null
	wait "$RX_PID" || true
	if jq -e ".ok == $N and .roc == 1 and .auth_fail == 0" "$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$suite: $N RTP packets protected by bti.ko, verified by libsrtp2, ROC 0->1"
	else
		ktap_fail "$suite: $N RTP packets protected by bti.ko, verified by libsrtp2, ROC 0->1" \
			"$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
	fi

	# libsrtp2 protects, with duplicates, old packets, flips and
	# reordering; bti.ko delivers every original once and counts the rest.
	peer_recv "$A" plain-recv --local 10.98.0.1:5004 --ssrc 0x2222 --count $N || true
	ip netns exec "$B" "$PEER" send --local 10.98.0.2:6004 --remote 10.98.0.1:5004 \
		--ssrc 0x2222 --keys "$BTI_TMP/k2" --count $N --start-seq 65000 \
		--impair reorder=8,duplicate=5%,old=10,flip=10,seed=7 --window 128 \
		--interval-us 200 \
		>"$BTI_TMP/tx"
	wait "$RX_PID" || true
	dups=$(jq .duplicates "$BTI_TMP/tx")
	old=$(jq .old "$BTI_TMP/tx")
	flipped=$(jq .flipped "$BTI_TMP/tx")
	delivered=$(jq .ok "$BTI_TMP/rx")
	want=$((N - flipped))
	replay=$(stat_of drop_replay)
	auth=$(stat_of drop_auth)
	if [ "$delivered" = "$want" ] && jq -e '.content_mismatch == 0' "$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$suite: libsrtp2 to bti.ko, reordered, across the wrap: every intact packet delivered once"
	else
		ktap_fail "$suite: libsrtp2 to bti.ko, reordered, across the wrap: every intact packet delivered once" \
			"delivered $delivered of $want; $(cat "$BTI_TMP/rx" "$BTI_TMP/tx")"
	fi
	if [ "$replay" = $((dups + old)) ] && [ "$auth" = "$flipped" ]; then
		ktap_ok "$suite: duplicates and old packets counted as replays, flipped bits as auth failures"
	else
		ktap_fail "$suite: duplicates and old packets counted as replays, flipped bits as auth failures" \
			"drop_replay $replay (want $((dups + old))), drop_auth $auth (want $flipped)"
	fi

	# RTCP both ways (same port, RFC 5761).
	peer_recv "$B" recv --rtcp --local 10.98.0.2:6004 --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count 100 || true
	ip netns exec "$A" "$PEER" plain-send --rtcp --local 10.98.0.1:5004 \
		--remote 10.98.0.2:6004 --ssrc 0x1111 --count 100 >/dev/null
	wait "$RX_PID" || true
	rtcp_out=$(jq .ok "$BTI_TMP/rx")
	peer_recv "$A" plain-recv --rtcp --local 10.98.0.1:5004 --ssrc 0x2222 --count 100 || true
	ip netns exec "$B" "$PEER" send --rtcp --local 10.98.0.2:6004 --remote 10.98.0.1:5004 \
		--ssrc 0x2222 --keys "$BTI_TMP/k2" --count 100 >/dev/null
	wait "$RX_PID" || true
	rtcp_in=$(jq .ok "$BTI_TMP/rx")
	if [ "$rtcp_out" = 100 ] && [ "$rtcp_in" = 100 ]; then
		ktap_ok "$suite: 100 SRTCP packets each way between bti.ko and libsrtp2"
	else
		ktap_fail "$suite: 100 SRTCP packets each way between bti.ko and libsrtp2" \
			"out $rtcp_out, in $rtcp_in"
	fi
done

# A session's flow never carries plaintext: with the wrong key on the
# peer, nothing it receives verifies.
printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$K2" "$S2" >"$BTI_TMP/wrong"
ip netns exec "$A" "$BTICTL" session flush
ip netns exec "$A" "$BTICTL" session add local 10.98.0.1:5004 remote 10.98.0.2:6004 \
	suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 0x1111 rx-ssrc 0x2222 keys "$BTI_TMP/bti.keys"
peer_recv "$B" plain-recv --local 10.98.0.2:6004 --ssrc 0x1111 --count 50 || true
ip netns exec "$A" "$PEER" plain-send --local 10.98.0.1:5004 --remote 10.98.0.2:6004 \
	--ssrc 0x1111 --count 50 >/dev/null
wait "$RX_PID" || true
if jq -e '.ok == 0 and .received == 50' "$BTI_TMP/rx" >/dev/null; then
	ktap_ok "plaintext sent on a session's flow never leaves in clear"
else
	ktap_fail "plaintext sent on a session's flow never leaves in clear" "$(cat "$BTI_TMP/rx")"
fi
sent=$(stat_of tx_packets)
if [ "$sent" = 50 ]; then
	ktap_ok "the session counted the 50 protected packets"
else
	ktap_fail "the session counted the 50 protected packets" "tx_packets $sent"
fi

ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
