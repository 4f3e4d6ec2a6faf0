#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Rekey in mid-stream against libsrtp2 (tools/srtp-peer) across a veth
# pair: no packet the peer sent with the old keys is lost, whether it
# arrives before or after the new keys are installed, reordered around
# the switch-over, across a ROC step; the old keys are refused above the
# switch-over and everywhere once retired; a transmit rekey carries the
# stream's ROC and SRTCP index on, so that libsrtp2 follows it; a new SSRC
# switches by itself. All that for AES_CM_128_HMAC_SHA1_80; for the other
# three suites, receive (RTP and SRTCP) and transmit rekeys.

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
A=$(bti_netns_name rk-a)
B=$(bti_netns_name rk-b)
# BTI_REKEY_SUITE: the suite (bti_async_rekey.sh runs it on AES-GCM).
SUITE=${BTI_REKEY_SUITE:-AES_CM_128_HMAC_SHA1_80}
LA=10.97.0.1:5004
RB=10.97.0.2:6004

# Master keys and salts (RFC 3711 lengths): one pair per generation.
declare -A KEY=(
	[1]=E1F97A0D3E018BE0D64FA32C06DE4139 [2]=0EC675AD498AFEEBB6960B3AABE61234
	[3]=00112233445566778899AABBCCDDEEFF [4]=FFEEDDCCBBAA99887766554433221100
	[5]=0123456789ABCDEF0123456789ABCDEF [6]=F0E1D2C3B4A5968778695A4B3C2D1E0F)
declare -A SALT=(
	[1]=0EC675AD498AFEEBB6960B3AABE6 [2]=E1F97A0D3E018BE0D64FA32C06DE
	[3]=101112131415161718191A1B1C1D [4]=1D1C1B1A19181716151413121110
	[5]=A0A1A2A3A4A5A6A7A8A9AAABACAD [6]=B0B1B2B3B4B5B6B7B8B9BABBBCBD)

ktap_begin 26

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi
bti_netns_add "$A" && bti_netns_add "$B" &&
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
	ip -n "$A" addr add 10.97.0.1/24 dev va && ip -n "$B" addr add 10.97.0.2/24 dev vb &&
	ip -n "$A" link set va up && ip -n "$B" link set vb up
setup=$?
ip netns exec "$A" ping -c 1 -W 2 10.97.0.2 >/dev/null 2>&1 || true
ktap_check "two namespaces joined by veth" [ "$setup" -eq 0 ]

# AES-GCM master salts are 12 octets (RFC 7714 12).
case $SUITE in
AEAD_*) for g in "${!SALT[@]}"; do SALT[$g]=${SALT[$g]:0:24}; done ;;
esac

for g in 1 2 3 4 5 6; do
	printf '%s %s %s\n' "$SUITE" "${KEY[$g]}" "${SALT[$g]}" >"$BTI_TMP/peer$g"
	printf 'tx-master-key %s\ntx-master-salt %s\n' "${KEY[$g]}" "${SALT[$g]}" \
		>"$BTI_TMP/tx$g"
	printf 'rx-master-key %s\nrx-master-salt %s\n' "${KEY[$g]}" "${SALT[$g]}" \
		>"$BTI_TMP/rx$g"
done

btictl_a() { ip netns exec "$A" "$BTICTL" "$@"; }
show() { btictl_a -j session show | jq -c ".[0]$1"; }
stat_of() { show ".stats.$1"; }

# new_session: a fresh session in A, tx generation 1, rx generation 2.
new_session() {
	cat "$BTI_TMP/tx1" "$BTI_TMP/rx2" >"$BTI_TMP/both"
	btictl_a session flush
	btictl_a session add local $LA remote $RB suite "$SUITE" \
		tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 keys "$BTI_TMP/both"
}

peer_send() { # ARGS...: libsrtp2 sends from B to A, SSRC 0x2222 unless given
	ip netns exec "$B" "$PEER" send --local $RB --remote $LA "$@" \
		--interval-us 200 >"$BTI_TMP/tx" 2>"$BTI_TMP/tx.err"
}

plain_send() { # ARGS...: the application in A sends plaintext to B
	ip netns exec "$A" "$PEER" plain-send --local $LA --remote $RB \
		--ssrc 0x1111 --interval-us 200 "$@" >/dev/null
}

# 1. Receive: the new keys installed before the traffic, with the
# switch-over one ROC later; reordered packets on both sides of it.
new_session
from=$((65536 + 100))
btictl_a session set local $LA remote $RB rx-ssrc 0x2222 keys "$BTI_TMP/rx3" \
	rx-srtp-from $from rx-srtcp-from 51
ktap_check "rekey: GET reports the switch-over points" \
	[ "$(show '.rx | [.srtp_from, .srtcp_from]')" = "[$from,51]" ]

# Indexes 65000-65599 (ROC 0 SEQ 65000 to ROC 1 SEQ 63), then 65610-65999
# (ROC 1 SEQ 74-463; a gap of ten kept for later), the keys switching at
# ROC 1 SEQ 100.
bti_peer_recv "$A" 10000 plain-recv --local $LA --ssrc 0x2222 --count 990 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 65000 --count 600 \
	--impair reorder=8,seed=11 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --rekey-at $from \
	--keys2 "$BTI_TMP/peer3" --start-seq 74 --start-roc 1 --count 390 \
	--impair reorder=8,seed=12 || true
wait "$RX_PID" || true
if jq -e '.ok == 990 and .content_mismatch == 0' "$BTI_TMP/rx" >/dev/null &&
   [ "$(stat_of drop_auth)" = 0 ] && [ "$(stat_of drop_replay)" = 0 ]; then
	ktap_ok "rekey: 990 RTP packets, old keys below the switch-over and new above, reordered across it and a ROC step: none lost"
else
	ktap_fail "rekey: 990 RTP packets, old keys below the switch-over and new above, reordered across it and a ROC step: none lost" \
		"$(cat "$BTI_TMP/rx" "$BTI_TMP/tx" "$BTI_TMP/tx.err") $(show .stats)"
fi

bti_peer_recv "$A" 10000 plain-recv --rtcp --local $LA --ssrc 0x2222 --count 100 || true
peer_send --rtcp --ssrc 0x2222 --keys "$BTI_TMP/peer2" --rekey-at 51 \
	--keys2 "$BTI_TMP/peer3" --count 100 --impair reorder=4,seed=5 || true
wait "$RX_PID" || true
if jq -e '.ok == 100' "$BTI_TMP/rx" >/dev/null; then
	ktap_ok "rekey: 100 SRTCP packets across the SRTCP switch-over: none lost"
else
	ktap_fail "rekey: 100 SRTCP packets across the SRTCP switch-over: none lost" \
		"$(cat "$BTI_TMP/rx" "$BTI_TMP/tx.err") $(show .stats)"
fi

# The SRTP stream is now more than a window (128) past the switch-over:
# the old SRTP keys are retired, the SRTCP ones (49 past) not yet.
ktap_check "rekey: once a window past the switch-over, the old SRTP keys retire (GET stops reporting it)" \
	[ "$(show '.rx | [.srtp_from, .srtcp_from]')" = "[null,51]" ]

# Old keys, the ten indexes of the gap: below the switch-over, inside the
# old context's window and never used, so accepted before the retirement;
# now refused as too old.
replay0=$(stat_of drop_replay)
auth0=$(stat_of drop_auth)
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 64 --start-roc 1 \
	--count 10 || true
# Old keys above the switch-over: the new keys verify them, and refuse.
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 500 --start-roc 1 \
	--count 10 || true
sleep 0.5
if [ "$(stat_of drop_replay)" = $((replay0 + 10)) ] &&
   [ "$(stat_of drop_auth)" = $((auth0 + 10)) ]; then
	ktap_ok "rekey: old keys refused once retired (replay) and above the switch-over (auth)"
else
	ktap_fail "rekey: old keys refused once retired (replay) and above the switch-over (auth)" \
		"$(show .stats)"
fi

# 2. Receive, default switch-over: installed while the stream runs, it
# is the index after the highest accepted; late old packets still pass.
new_session
bti_peer_recv "$A" 10000 plain-recv --local $LA --ssrc 0x2222 --count 600 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 0 --count 280 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 290 --count 10 || true
btictl_a session set local $LA remote $RB rx-ssrc 0x2222 keys "$BTI_TMP/rx3"
default_from=$(show .rx.srtp_from)
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 280 --count 10 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer3" --start-seq 300 --count 300 || true
wait "$RX_PID" || true
ktap_check "rekey: the default switch-over is after the highest index accepted" \
	[ "$default_from" = 300 ]
if jq -e '.ok == 600 and .content_mismatch == 0' "$BTI_TMP/rx" >/dev/null &&
   [ "$(stat_of drop_auth)" = 0 ]; then
	ktap_ok "rekey: old-key packets that arrive after the rekey are still delivered"
else
	ktap_fail "rekey: old-key packets that arrive after the rekey are still delivered" \
		"$(cat "$BTI_TMP/rx") $(show .stats)"
fi

# old_keys_stop COUNTER START NAME: 11 s after a receive rekey, ten
# packets of SSRC 0x2222 under the old keys from SEQ START are all refused
# and counted in COUNTER.
old_keys_stop() {
	local rx0 drop0

	sleep 11
	rx0=$(stat_of rx_packets)
	drop0=$(stat_of "$1")
	peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq "$2" \
		--count 10 || true
	sleep 0.5
	if [ "$(stat_of rx_packets)" = "$rx0" ] &&
	   [ "$(stat_of "$1")" = $((drop0 + 10)) ]; then
		ktap_ok "$3"
	else
		ktap_fail "$3" "$(show .stats)"
	fi
}

# A default switch-over lies in the past: the old keys stop 10 s after the
# rekey even when the new keys never see a packet. The gap 280-289 is in
# the old context's window and unused, so it would pass before that.
new_session
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 0 --count 280 || true
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 290 --count 10 || true
btictl_a session set local $LA remote $RB rx-ssrc 0x2222 keys "$BTI_TMP/rx3"
old_keys_stop drop_replay 280 \
	"rekey: with the default switch-over the old keys stop 10 s after the rekey, new traffic or not"

# 3. Transmit: a rekey carries the ROC on (across the wrap) and the
# SRTCP index; libsrtp2 switches keys at the same index.
new_session
bti_peer_recv "$B" 10000 recv --local $RB --ssrc 0x1111 --keys "$BTI_TMP/peer1" \
	--rekey-at 65500 --keys2 "$BTI_TMP/peer4" --count 1000 || true
plain_send --start-seq 65000 --count 500
btictl_a session set local $LA remote $RB tx-ssrc 0x1111 keys "$BTI_TMP/tx4"
plain_send --start-seq 65500 --count 500
wait "$RX_PID" || true
if jq -e '.ok == 1000 and .roc == 1 and .auth_fail == 0 and .ok_keys2 == 500' \
	"$BTI_TMP/rx" >/dev/null; then
	ktap_ok "rekey: transmit, 500 packets with each key, ROC carried over the wrap; libsrtp2 verifies all"
else
	ktap_fail "rekey: transmit, 500 packets with each key, ROC carried over the wrap; libsrtp2 verifies all" \
		"$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
fi

bti_peer_recv "$B" 10000 recv --rtcp --local $RB --ssrc 0x1111 --keys "$BTI_TMP/peer4" \
	--rekey-at 51 --keys2 "$BTI_TMP/peer5" --count 100 || true
plain_send --rtcp --count 50
btictl_a session set local $LA remote $RB tx-ssrc 0x1111 keys "$BTI_TMP/tx5"
index_after=$(show .tx.srtcp_index)
plain_send --rtcp --count 50
wait "$RX_PID" || true
if [ "$index_after" = 51 ] && jq -e '.ok == 100 and .auth_fail == 0' "$BTI_TMP/rx" >/dev/null; then
	ktap_ok "rekey: transmit SRTCP, the index carries on (51) and libsrtp2 verifies 100"
else
	ktap_fail "rekey: transmit SRTCP, the index carries on (51) and libsrtp2 verifies 100" \
		"srtcp_index after rekey $index_after; $(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err") $(show .)"
fi

# 4. Receive, new SSRC: the packet's SSRC chooses the keys; the old SSRC
# retires after a window's worth of packets of the new one.
new_session
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 0 --count 20 || true
btictl_a session set local $LA remote $RB rx-ssrc 0x3333 keys "$BTI_TMP/rx6"
rx0=$(stat_of rx_packets)
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 20 --count 10 || true
peer_send --ssrc 0x3333 --keys "$BTI_TMP/peer6" --start-seq 0 --count 10 || true
sleep 0.5
rx1=$(stat_of rx_packets)
ktap_check "rekey: new SSRC, packets of the old and the new SSRC both delivered" \
	[ "$rx1" = $((rx0 + 20)) ]
peer_send --ssrc 0x3333 --keys "$BTI_TMP/peer6" --start-seq 10 --count 130 || true
nokey0=$(stat_of drop_no_key)
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 30 --count 10 || true
sleep 0.5
ktap_check "rekey: new SSRC, the old SSRC is refused after a window of new packets" \
	[ "$(stat_of drop_no_key)" = $((nokey0 + 10)) ]

# A new SSRC also starts the old keys' 10 s: past them the old SSRC is
# refused though the new one never sent a packet.
new_session
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer2" --start-seq 0 --count 20 || true
btictl_a session set local $LA remote $RB rx-ssrc 0x3333 keys "$BTI_TMP/rx6"
old_keys_stop drop_no_key 20 \
	"rekey: new SSRC, the old SSRC is refused 10 s after the rekey, new traffic or not"

# Same SSRC before any packet: the new keys keep the ROC the session was
# given (rx-roc 7), as the old ones would have used.
cat "$BTI_TMP/tx1" "$BTI_TMP/rx2" >"$BTI_TMP/both"
btictl_a session flush
btictl_a session add local $LA remote $RB suite "$SUITE" tx-ssrc 0x1111 \
	rx-ssrc 0x2222 rx-roc 7 srtcp-index 1 keys "$BTI_TMP/both"
btictl_a session set local $LA remote $RB rx-ssrc 0x2222 keys "$BTI_TMP/rx3"
peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer3" --start-seq 100 --start-roc 7 \
	--count 10 || true
sleep 0.5
if [ "$(stat_of rx_packets)" = 10 ] && [ "$(stat_of drop_auth)" = 0 ] &&
   [ "$(show .rx.roc)" = 7 ]; then
	ktap_ok "rekey: same SSRC before the first packet, the new keys keep the ROC (7)"
else
	ktap_fail "rekey: same SSRC before the first packet, the new keys keep the ROC (7)" \
		"$(show .)"
fi

# 5. The other suites: the same dispatch with their tags and IVs, against
# libsrtp2: receive across a switch-over with reordering (RTP and SRTCP),
# transmit with libsrtp2 switching at the same index. Master keys of the
# suite's length, salts of 14 octets (RFC 3711) or 12 (RFC 7714 §11).
suite_keys() { # SUITE KEY_HEX SALT_HEX_DIGITS: generations 7 and 8
	local g salt
	for g in 7 8; do
		salt=$(printf "%0${3}X" $((g * 0x10203)))
		printf '%s %s%s %s\n' "$1" "$2" "$g" "$salt" >"$BTI_TMP/peer$g"
		printf 'tx-master-key %s%s\ntx-master-salt %s\n' "$2" "$g" "$salt" >"$BTI_TMP/tx$g"
		printf 'rx-master-key %s%s\nrx-master-salt %s\n' "$2" "$g" "$salt" >"$BTI_TMP/rx$g"
	done
}
rx_is() { jq -e "$1" "$BTI_TMP/rx" >/dev/null; } # JQ_FILTER: of the receiver's report
suite_session() { # SUITE: tx and rx generation 7
	cat "$BTI_TMP/tx7" "$BTI_TMP/rx7" >"$BTI_TMP/both"
	btictl_a session flush
	btictl_a session add local $LA remote $RB suite "$1" \
		tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 keys "$BTI_TMP/both"
}
for suite in AES_CM_128_HMAC_SHA1_32 AEAD_AES_128_GCM AEAD_AES_256_GCM; do
	key=0123456789ABCDEF0123456789ABCDE
	[ $suite != AEAD_AES_256_GCM ] || key=$key${key}0
	salt_digits=24
	[ $suite != AES_CM_128_HMAC_SHA1_32 ] || salt_digits=28
	suite_keys $suite $key $salt_digits
	suite_session $suite
	btictl_a session set local $LA remote $RB rx-ssrc 0x2222 keys "$BTI_TMP/rx8" \
		rx-srtp-from 200 rx-srtcp-from 31
	bti_peer_recv "$A" 10000 plain-recv --local $LA --ssrc 0x2222 --count 400 || true
	peer_send --ssrc 0x2222 --keys "$BTI_TMP/peer7" --rekey-at 200 \
		--keys2 "$BTI_TMP/peer8" --start-seq 0 --count 400 \
		--impair reorder=8,seed=13 || true
	wait "$RX_PID" || true
	if jq -e '.ok == 400 and .content_mismatch == 0' "$BTI_TMP/rx" >/dev/null &&
	   [ "$(stat_of drop_auth)" = 0 ] && [ "$(stat_of drop_replay)" = 0 ]; then
		ktap_ok "rekey $suite: 400 RTP packets reordered across the switch-over: none lost"
	else
		ktap_fail "rekey $suite: 400 RTP packets reordered across the switch-over: none lost" \
			"$(cat "$BTI_TMP/rx" "$BTI_TMP/tx.err") $(show .stats)"
	fi
	bti_peer_recv "$A" 10000 plain-recv --rtcp --local $LA --ssrc 0x2222 --count 60 || true
	peer_send --rtcp --ssrc 0x2222 --keys "$BTI_TMP/peer7" --rekey-at 31 \
		--keys2 "$BTI_TMP/peer8" --count 60 --impair reorder=4,seed=6 || true
	wait "$RX_PID" || true
	ktap_check "rekey $suite: 60 SRTCP packets across the switch-over: none lost" \
		rx_is '.ok == 60'

	bti_peer_recv "$B" 10000 recv --local $RB --ssrc 0x1111 --keys "$BTI_TMP/peer7" \
		--rekey-at 300 --keys2 "$BTI_TMP/peer8" --count 400 || true
	plain_send --start-seq 100 --count 200
	btictl_a session set local $LA remote $RB tx-ssrc 0x1111 keys "$BTI_TMP/tx8"
	plain_send --start-seq 300 --count 200
	wait "$RX_PID" || true
	ktap_check "rekey $suite: transmit, 200 packets with each key; libsrtp2 verifies all" \
		rx_is '.ok == 400 and .auth_fail == 0 and .ok_keys2 == 200'
done

ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
