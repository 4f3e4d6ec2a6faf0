#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interop with libsrtp2 (tools/srtp-peer) across a veth pair, for every
# suite (AES_CM_128_HMAC_SHA1_80 and _32, AEAD_AES_128_GCM,
# AEAD_AES_256_GCM, AES_256_CM_HMAC_SHA1_80 and _32), RTP and RTCP, both
# directions. The keys come from master keys: derived by btictl (RFC 3711;
# RFC 6188 with the AES-256 PRF; RFC 7714 with a 96-bit master salt for
# AES-GCM) on one side and by libsrtp2 on the other.
#
#   bti.ko protects: RTP across the sequence-number wrap (ROC 0 -> 1),
#   handed to it reordered, all verified by libsrtp2; RTCP, all verified.
#   libsrtp2 protects, reordered, with duplicates, packets older than the
#   window and flipped bits: bti.ko delivers every intact packet once and
#   counts exactly duplicates + old as replays and the flips as
#   authentication failures, for RTP (across the wrap) and for RTCP.

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
N=600		# RTP: 532 before the wrap, 68 after

K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE
SUITES=(AES_CM_128_HMAC_SHA1_80 AES_CM_128_HMAC_SHA1_32 AEAD_AES_128_GCM AEAD_AES_256_GCM
	AES_256_CM_HMAC_SHA1_80 AES_256_CM_HMAC_SHA1_32)

# 6 results per suite, 2 of set-up, 2 of plaintext, the kernel log.
ktap_begin $((6 * ${#SUITES[@]} + 5))

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

# rx_done: the sender has finished. A receiver that got all it expected
# has printed its summary and ended; one still waiting gets 10 s, then
# SIGTERM (it prints its summary), so that a failing case costs seconds,
# not the first timeout.
rx_done() {
	for _ in $(seq 100); do
		[ -s "$BTI_TMP/rx" ] && break
		sleep 0.1
	done
	[ -s "$BTI_TMP/rx" ] || kill -TERM "$RX_PID" 2>/dev/null || true
	wait "$RX_PID" || true
}

stat_of() { # COUNTER: of the session in A
	ip netns exec "$A" "$BTICTL" -j session show | jq ".[0].stats.$1"
}

# keys SUITE: the master key and salt of each direction for SUITE, as
# key files for srtp-peer ($BTI_TMP/k1: A to B, k2: B to A) and for
# btictl ($BTI_TMP/bti.keys, A's view). AES-GCM: 12-octet salts; 32-octet
# keys for AEAD_AES_256_GCM and AES_256_CM.
keys() {
	local k1=$K1 s1=$S1 k2=$K2 s2=$S2
	case $1 in
	AEAD_*) s1=${S1:0:24} s2=${S2:0:24} ;;
	esac
	case $1 in
	AEAD_AES_256_GCM | AES_256_CM_*) k1=$K1$K2 k2=$K2$K1 ;;
	esac
	printf '%s %s %s\n' "$1" "$k1" "$s1" >"$BTI_TMP/k1"
	printf '%s %s %s\n' "$1" "$k2" "$s2" >"$BTI_TMP/k2"
	printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
		"$k1" "$s1" "$k2" "$s2" >"$BTI_TMP/bti.keys"
}

# drops: "DROP_REPLAY DROP_AUTH" of the session in A
drops() {
	ip netns exec "$A" "$BTICTL" -j session show |
		jq -r '.[0].stats | "\(.drop_replay) \(.drop_auth)"'
}

# counted NAME REPLAY AUTH: judge a libsrtp2 to bti.ko case from the
# sender's summary ($BTI_TMP/tx), the plain receiver's ($BTI_TMP/rx) and
# how far the drop counters moved (REPLAY, AUTH). One jq for it all:
# every process costs under TCG.
counted() {
	local name=$1 replay=$2 auth=$3 sent='' dups='' old='' flipped='' ok='' clean=''
	read -r sent dups old flipped ok clean < <(jq -rn \
		--slurpfile tx "$BTI_TMP/tx" --slurpfile rx "$BTI_TMP/rx" \
		'[$tx[0].packets, $tx[0].duplicates, $tx[0].old, $tx[0].flipped,
		  $rx[0].ok, ($rx[0].content_mismatch == 0 and
		  $rx[0].replay_fail == 0 and $rx[0].other_fail == 0)] | @tsv') || true
	if [ -n "$ok" ] && [ "$ok" = $((sent - flipped)) ] && [ "$clean" = true ]; then
		ktap_ok "$name: libsrtp2 to bti.ko, reordered: every intact packet delivered once"
	else
		ktap_fail "$name: libsrtp2 to bti.ko, reordered: every intact packet delivered once" \
			"delivered $ok of $sent - $flipped; $(cat "$BTI_TMP/rx" "$BTI_TMP/tx")"
	fi
	if [ -n "$flipped" ] && [ "$replay" = $((dups + old)) ] && [ "$auth" = "$flipped" ] &&
	   [ "$flipped" -gt 0 ] && [ "$dups" -gt 0 ] && [ "$old" -gt 0 ]; then
		ktap_ok "$name: $dups duplicates and $old old packets counted as replays, $flipped flipped as auth failures"
	else
		ktap_fail "$name: duplicates and old packets counted as replays, flipped bits as auth failures" \
			"drop_replay $replay (want $dups + $old), drop_auth $auth (want $flipped)"
	fi
}

FLIPS=10
IMPAIR=reorder=8,duplicate=5%,old=10,flip=$FLIPS,seed=7
NC=150		# RTCP from libsrtp2: old= needs >= old + flip + window (128)
for suite in "${SUITES[@]}"; do
	keys "$suite"
	ip netns exec "$A" "$BTICTL" session flush
	ip netns exec "$A" "$BTICTL" session add local 10.98.0.1:5004 remote 10.98.0.2:6004 \
		suite "$suite" tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 \
		keys "$BTI_TMP/bti.keys"

	# bti.ko protects plaintext handed to it reordered in blocks of 8,
	# one block across the wrap (65004 + 528 = 65532); libsrtp2 verifies.
	bti_peer_recv "$B" 3000 recv --local 10.98.0.2:6004 --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count $N || true
	ip netns exec "$A" "$PEER" plain-send --local 10.98.0.1:5004 \
		--remote 10.98.0.2:6004 --ssrc 0x1111 --count $N --start-seq 65004 \
		--impair reorder=8,seed=3 --interval-us 200 >/dev/null
	rx_done
	if jq -e ".ok == $N and .roc == 1 and .auth_fail == 0 and .replay_fail == 0" \
		"$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$suite: $N RTP packets protected by bti.ko, reordered, verified by libsrtp2, ROC 0->1"
	else
		ktap_fail "$suite: $N RTP packets protected by bti.ko, reordered, verified by libsrtp2, ROC 0->1" \
			"$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
	fi

	# libsrtp2 protects, across the wrap, with duplicates, old packets,
	# flips and reordering. The receiver stops at the intact count: one
	# packet delivered twice would take the place of an original.
	bti_peer_recv "$A" 3000 plain-recv --local 10.98.0.1:5004 --ssrc 0x2222 \
		--count $((N - FLIPS)) || true
	ip netns exec "$B" "$PEER" send --local 10.98.0.2:6004 --remote 10.98.0.1:5004 \
		--ssrc 0x2222 --keys "$BTI_TMP/k2" --count $N --start-seq 65004 \
		--impair "$IMPAIR" --window 128 --interval-us 200 >"$BTI_TMP/tx"
	rx_done
	read -r replay0 auth0 < <(drops)
	counted "$suite RTP" "$replay0" "$auth0"

	# RTCP (same port, RFC 5761). bti.ko protects, libsrtp2 verifies.
	bti_peer_recv "$B" 3000 recv --rtcp --local 10.98.0.2:6004 --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count 100 || true
	ip netns exec "$A" "$PEER" plain-send --rtcp --local 10.98.0.1:5004 \
		--remote 10.98.0.2:6004 --ssrc 0x1111 --count 100 >/dev/null
	rx_done
	if jq -e '.ok == 100 and .auth_fail == 0 and .replay_fail == 0' "$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$suite: 100 RTCP packets protected by bti.ko, verified by libsrtp2"
	else
		ktap_fail "$suite: 100 RTCP packets protected by bti.ko, verified by libsrtp2" \
			"$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
	fi

	# libsrtp2 protects RTCP with the same impairments.
	bti_peer_recv "$A" 3000 plain-recv --rtcp --local 10.98.0.1:5004 --ssrc 0x2222 \
		--count $((NC - FLIPS)) || true
	ip netns exec "$B" "$PEER" send --rtcp --local 10.98.0.2:6004 --remote 10.98.0.1:5004 \
		--ssrc 0x2222 --keys "$BTI_TMP/k2" --count $NC --impair "$IMPAIR" \
		--window 128 >"$BTI_TMP/tx"
	rx_done
	read -r replay1 auth1 < <(drops)
	counted "$suite RTCP" $((replay1 - replay0)) $((auth1 - auth0))
done

# A session's flow never carries plaintext: what a plain receiver gets
# of what was sent in clear on it is never that plaintext.
keys AES_CM_128_HMAC_SHA1_80
ip netns exec "$A" "$BTICTL" session flush
ip netns exec "$A" "$BTICTL" session add local 10.98.0.1:5004 remote 10.98.0.2:6004 \
	suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 0x1111 rx-ssrc 0x2222 keys "$BTI_TMP/bti.keys"
bti_peer_recv "$B" 3000 plain-recv --local 10.98.0.2:6004 --ssrc 0x1111 --count 50 || true
ip netns exec "$A" "$PEER" plain-send --local 10.98.0.1:5004 --remote 10.98.0.2:6004 \
	--ssrc 0x1111 --count 50 >/dev/null
rx_done
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
