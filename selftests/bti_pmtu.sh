#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The path MTU on a session's flow, against libsrtp2 (tools/srtp-peer):
# a packet that protection makes larger than the MTU is fragmented by the
# stack where that is allowed (IPv4 without DF, or a local socket that lets
# the stack fragment); otherwise it is dropped, counted (drop_too_big) and
# the sender told: EMSGSIZE from its send when it is local, an ICMP with
# the size that fits once protected when it is forwarded. IPv4 and IPv6,
# single datagrams and UDP_SEGMENT.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"
# shellcheck source=bti_offload_lib.sh
. "$here/bti_offload_lib.sh"

offload_begin 20

# Path MTU. A's link and the router's WAN link carry 1300 octets; an RTP
# packet of B payload octets is 40 + B octets of IPv4 (60 + B of IPv6)
# before protection, 10 more after.
MTU=1300
ip -n "$A" link set va mtu $MTU
ip -n "$R" link set rw mtu $MTU

# one NAME NS FROM TO RX_NS RX_IFACE SIZE: one plaintext RTP packet with
# SIZE payload octets, sent from an ordinary socket (IP_PMTUDISC_WANT:
# the stack may fragment); libsrtp2 must accept it. Sets ONE_OK and
# ONE_FRAGS (fragments seen arriving on RX_IFACE).
one() {
	local name=$1 ns=$2 from=$3 to=$4 rx_ns=$5 rx_if=$6 size=$7 rx_pid cap_pid
	ONE_OK=0
	packets "$BTI_TMP/plain" 1 -- plain-send --ssrc 0x1111 --count 1 \
		--start-seq $SEQ --payload-size "$size"
	bg cap "$rx_ns" python3 "$off" capture "$rx_if" 5004 2 $TMO
	cap_pid=$BG_PID
	bg rx "$rx_ns" "$PEER" recv --local "$to" --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count 1 --payload-size "$size" --timeout-ms $((TMO * 1000)) \
		--first-timeout-ms $((TMO * 1000))
	rx_pid=$BG_PID
	ip netns exec "$ns" python3 "$udp" send "$from" "$to" "$(cat "$BTI_TMP/plain")"
	wait "$rx_pid" || true
	wait "$cap_pid" || true
	SEQ=$((SEQ + 100))
	jq -e '.ok == 1' "$BTI_TMP/rx" >/dev/null 2>&1 && ONE_OK=1
	ONE_FRAGS=$(jq -s '[.[] | select(.fragment)] | length' "$BTI_TMP/cap")
	ONE_WHY="libsrtp2: $(cat "$BTI_TMP/rx"); captured: $(jq -c 'del(.payload)' \
		"$BTI_TMP/cap" | tr '\n' ' ') $(cat "$BTI_TMP/cap.err")"
}

# 4-5: a full-size packet is fragmented once protected.
one v4 "$A" 10.98.1.1:5004 10.98.1.2:6004 "$B" vb $((MTU - 40))
if [ $ONE_OK = 1 ] && [ "$ONE_FRAGS" = 2 ]; then
	ktap_ok "IPv4, MTU-sized packet, fragmentation allowed: sent in 2 fragments, accepted"
else
	ktap_fail "IPv4, MTU-sized packet, fragmentation allowed: sent in 2 fragments, accepted" \
		"$ONE_WHY"
fi
one v6 "$A" '[fd00:98:1::1]:5004' '[fd00:98:1::2]:6004' "$B" vb $((MTU - 60))
if [ $ONE_OK = 1 ] && [ "$ONE_FRAGS" = 2 ]; then
	ktap_ok "IPv6, MTU-sized packet, local fragmentation allowed: sent in 2 fragments, accepted"
else
	ktap_fail "IPv6, MTU-sized packet, local fragmentation allowed: sent in 2 fragments, accepted" \
		"$ONE_WHY"
fi

# 6: UDP_SEGMENT with MTU-sized segments: each one fragmented.
egress_gso mtu "$A" 10.98.1.1:5004 10.98.1.2:6004 "$B" vb $((MTU - 40))
if [ $EG_OK = 1 ]; then
	ktap_ok "IPv4 UDP_SEGMENT of MTU-sized segments: each fragmented once protected, all accepted"
else
	ktap_fail "IPv4 UDP_SEGMENT of MTU-sized segments: each fragmented once protected, all accepted" \
		"$EG_WHY"
fi

# 7: the same with IP_PMTUDISC_DO: every segment too big once protected,
# counted, and the send fails with EMSGSIZE.
too_big=$(stat_of "$A" 10.98.1.1:5004 drop_too_big)
tx=$(stat_of "$A" 10.98.1.1:5004 tx_packets)
packets "$BTI_TMP/plain" $N -- plain-send --ssrc 0x1111 --count $N --start-seq $SEQ \
	--payload-size $((MTU - 40))
SEQ=$((SEQ + 100))
# shellcheck disable=SC2046 # one argument per datagram
res=$(ip netns exec "$A" env BTI_PMTUDISC=do python3 "$off" gso-send 10.98.1.1:5004 \
	10.98.1.2:6004 $((MTU - 28)) $(cat "$BTI_TMP/plain") 2>&1) || true
if [ "$(printf '%s' "$res" | jq -r .send 2>/dev/null)" = EMSGSIZE ] &&
	[ "$(stat_of "$A" 10.98.1.1:5004 drop_too_big)" = $((too_big + N)) ] &&
	[ "$(stat_of "$A" 10.98.1.1:5004 tx_packets)" = "$tx" ]; then
	ktap_ok "IPv4 UDP_SEGMENT, DF: EMSGSIZE, all $N segments counted in drop_too_big, none sent"
else
	ktap_fail "IPv4 UDP_SEGMENT, DF: EMSGSIZE, all $N segments counted in drop_too_big, none sent" \
		"$res; $(stats_of "$A" 10.98.1.1:5004)"
fi

# pmtu NAME NS FROM TO RX_NS MODE SIZE FIT COUNT: from a socket with
# IP(V6)_MTU_DISCOVER MODE, two packets of SIZE payload octets, the second
# once an ICMP had the time to come back, then one of FIT; libsrtp2 at TO
# receives what gets through, until COUNT came. Sets PM (the sender's
# outcomes), PM_RX (libsrtp2's summary) and PM_VERIFIED (how many libsrtp2
# verified).
pmtu() {
	local name=$1 ns=$2 from=$3 to=$4 rx_ns=$5 mode=$6 size=$7 fit=$8 count=$9 rx_pid
	packets "$BTI_TMP/big" 2 -- plain-send --ssrc 0x1111 --count 2 \
		--start-seq $SEQ --payload-size "$size"
	packets "$BTI_TMP/fit" 1 -- plain-send --ssrc 0x1111 --count 1 \
		--start-seq $((SEQ + 2)) --payload-size "$fit"
	bg rx "$rx_ns" "$PEER" recv --local "$to" --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count "$count" --payload-size "$fit" --timeout-ms $((TMO * 1000)) \
		--first-timeout-ms $((TMO * 1000))
	rx_pid=$BG_PID
	PM=$(cat "$BTI_TMP/big" "$BTI_TMP/fit" |
		ip netns exec "$ns" python3 "$off" pmtu "$from" "$to" "$mode" 2>&1 | jq -c .) || true
	wait "$rx_pid" || true
	SEQ=$((SEQ + 100))
	PM_RX=$(cat "$BTI_TMP/rx")
	# A packet of the other size is verified but not the one expected.
	PM_VERIFIED=$(printf '%s' "$PM_RX" |
		jq 'if .auth_fail == 0 and .other_fail == 0 and .replay_fail == 0
		    then .ok + .content_mismatch else -1 end' 2>/dev/null) || PM_VERIFIED=-1
}

# 8: IPv4 without DF (IP_PMTUDISC_DONT): fragmented, never refused.
pmtu dont "$A" 10.98.1.1:5004 10.98.1.2:6004 "$B" dont $((MTU - 40)) 100 3
want="{\"first\":\"ok\",\"mtu\":$MTU,\"again\":\"ok\",\"fit\":\"ok\"}"
if [ "$PM" = "$want" ] && [ "$PM_VERIFIED" = 3 ]; then
	ktap_ok "IPv4 without DF: protected packets over the MTU fragmented, all 3 arrive"
else
	ktap_fail "IPv4 without DF: protected packets over the MTU fragmented, all 3 arrive" \
		"got $PM, want $want; libsrtp2: $PM_RX"
fi

# 9-12: local, IPv4 with DF and IPv6, IP(V6)_PMTUDISC_DO: each packet too
# big once protected is dropped and counted and its send fails with
# EMSGSIZE; the path MTU stays that of the link (protected packets must
# fit it); a packet with room for the tag goes.
local_do() { # NAME FAMILY LOCAL REMOTE HEADERS
	local name=$1 fam=$2 from=$3 to=$4 hdr=$5 before now
	before=$(stat_of "$A" "$from" drop_too_big)
	pmtu "$name" "$A" "$from" "$to" "$B" "do" $((MTU - hdr)) $((MTU - hdr - 10)) 1
	now=$(stat_of "$A" "$from" drop_too_big)
	want="{\"first\":\"EMSGSIZE\",\"mtu\":$MTU,\"again\":\"EMSGSIZE\",\"fit\":\"ok\"}"
	if [ "$PM" = "$want" ]; then
		ktap_ok "$fam, local, no fragmentation: EMSGSIZE, a packet 10 octets under the MTU goes"
	else
		ktap_fail "$fam, local, no fragmentation: EMSGSIZE, a packet 10 octets under the MTU goes" \
			"got $PM, want $want"
	fi
	if [ "$now" = $((before + 2)) ] && [ "$PM_VERIFIED" = 1 ] &&
		printf '%s' "$PM_RX" | jq -e '.ok == 1 and .received == 1' >/dev/null; then
		ktap_ok "$fam, local: both too big counted in drop_too_big, only the one that fits arrived"
	else
		ktap_fail "$fam, local: both too big counted in drop_too_big, only the one that fits arrived" \
			"drop_too_big $before -> $now; libsrtp2: $PM_RX"
	fi
}
local_do do4 IPv4 10.98.1.1:5004 10.98.1.2:6004 40
local_do do6 IPv6 '[fd00:98:1::1]:5004' '[fd00:98:1::2]:6004' 60

# 13: forwarded IPv4 without DF: the router fragments it.
pmtu fdont "$P" 192.168.50.2:5004 10.98.2.2:6004 "$W" dont $((MTU - 40)) 100 3
want="{\"first\":\"ok\",\"mtu\":1500,\"again\":\"ok\",\"fit\":\"ok\"}"
if [ "$PM" = "$want" ] && [ "$PM_VERIFIED" = 3 ]; then
	ktap_ok "router, IPv4 without DF: protected packets over the MTU fragmented, all 3 arrive"
else
	ktap_fail "router, IPv4 without DF: protected packets over the MTU fragmented, all 3 arrive" \
		"got $PM, want $want; libsrtp2: $PM_RX"
fi

# 14-17: forwarded, IPv4 with DF and IPv6: the router drops the packet,
# counts it and tells the phone by ICMP the size that fits once protected
# (through the NAT for IPv4); the phone's next packet of that size fails
# with EMSGSIZE at the phone, and one that fits goes.
fwd_do() { # NAME FAMILY PHONE REMOTE SESSION HEADERS
	local name=$1 fam=$2 from=$3 to=$4 sess=$5 hdr=$6 before now
	before=$(stat_of "$R" "$sess" drop_too_big)
	pmtu "$name" "$P" "$from" "$to" "$W" "do" $((MTU - hdr)) $((MTU - hdr - 10)) 1
	now=$(stat_of "$R" "$sess" drop_too_big)
	want="{\"first\":\"ok\",\"mtu\":$((MTU - 10)),\"again\":\"EMSGSIZE\",\"fit\":\"ok\"}"
	if [ "$PM" = "$want" ]; then
		ktap_ok "router, $fam, no fragmentation: the phone learns path MTU $((MTU - 10))"
	else
		ktap_fail "router, $fam, no fragmentation: the phone learns path MTU $((MTU - 10))" \
			"got $PM, want $want"
	fi
	if [ "$now" = $((before + 1)) ] && [ "$PM_VERIFIED" = 1 ] &&
		printf '%s' "$PM_RX" | jq -e '.ok == 1 and .received == 1' >/dev/null; then
		ktap_ok "router, $fam: drop_too_big counted it, only the packet that fits arrived"
	else
		ktap_fail "router, $fam: drop_too_big counted it, only the packet that fits arrived" \
			"drop_too_big $before -> $now; libsrtp2: $PM_RX"
	fi
}
fwd_do fdo4 IPv4 192.168.50.2:5004 10.98.2.2:6004 10.98.2.1:5004 40
fwd_do fdo6 IPv6 '[fd00:50::2]:5004' '[fd00:98:2::2]:6004' '[fd00:50::2]:5004' 60

# 18-19: the counters agree, and nothing was dropped for another reason.
tx_a=$(stat_of "$A" 10.98.1.1:5004 tx_packets)
want=$((1 + N + 3 + 1))
if [ "$tx_a" = "$want" ]; then
	ktap_ok "A (IPv4): tx_packets counts every protected datagram sent"
else
	ktap_fail "A (IPv4): tx_packets counts every protected datagram sent" "$tx_a, want $want"
fi
ip netns exec "$A" "$BTICTL" -j stats >"$BTI_TMP/stats.a"
ip netns exec "$R" "$BTICTL" -j stats >"$BTI_TMP/stats.r"
if jq -s -e --argjson a $((4 + N)) '
	all(.[]; .drop_auth == 0 and .drop_replay == 0 and .drop_malformed == 0 and
		.drop_no_key == 0 and .drop_nomem == 0 and .drop_limit == 0) and
	.[0].drop_too_big == $a and .[1].drop_too_big == 2' \
	"$BTI_TMP/stats.a" "$BTI_TMP/stats.r" >/dev/null; then
	ktap_ok "btictl stats: drop_too_big $((4 + N)) on A and 2 on the router, no other drop"
else
	ktap_fail "btictl stats: drop_too_big $((4 + N)) on A and 2 on the router, no other drop" \
		"A $(cat "$BTI_TMP/stats.a"); router $(cat "$BTI_TMP/stats.r")"
fi

bti_klog_case
ktap_end
