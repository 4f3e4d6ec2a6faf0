# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bti_offload_lib.sh - what bti_offload.sh and bti_pmtu.sh share (sourced
# after ktap.sh and bti_env.sh): five namespaces, the sessions, and
# senders and receivers built on bti_offload.py, bti_udp.py and
# tools/srtp-peer (libsrtp2, the independent SRTP implementation).
#
# A (bti endpoint) -- va/vb -- B (libsrtp2 peer)
# P (phone) -- pv/rp -- R (NAT router with bti) -- rw/ww -- W (libsrtp2 peer)
#
# The sessions: on A, 10.98.1.1:5004 <-> 10.98.1.2:6004 and the same in
# IPv6; on R, the phone's IPv4 flow as it leaves (10.98.2.1:5004 after
# source NAT) and its IPv6 flow ([fd00:50::2]:5004, not translated).
# tx SSRC 0x1111, rx SSRC 0x2222.

# offload_begin PLAN: the start both programs share: prerequisites, the
# KTAP plan, the module, the namespaces and the sessions (3 results).
offload_begin() {
	bti_setup ip jq python3 nft ethtool insmod rmmod modprobe
	[ -x "$PEER" ] || bti_prereq_missing "srtp-peer not found (set BTI_SRTP_PEER)"
	umask 077
	ktap_begin "$1"
	if bti_load; then
		ktap_ok "module loads"
	else
		ktap_fail "module loads"
	fi
	local setup_rc=0
	setup || setup_rc=$?
	ktap_check "namespaces: A-B over veth, phone-router-WAN with NAT" [ "$setup_rc" -eq 0 ]
	ktap_check "sessions: IPv4 and IPv6 on A, the phone's flows on the router" sessions
}

ktap_cleanup() {
	bti_cleanup
	bti_unload || true
}

# shellcheck disable=SC2034 # some are used by one program only
PEER=${BTI_SRTP_PEER:-$BTI_TEST_DIR/../tools/srtp-peer/srtp-peer}
off=$BTI_TEST_DIR/bti_offload.py
udp=$BTI_TEST_DIR/bti_udp.py
A=$(bti_netns_name of-a)	# bti endpoint
B=$(bti_netns_name of-b)	# its libsrtp2 peer
P=$(bti_netns_name of-p)	# a phone behind ...
R=$(bti_netns_name of-r)	# ... a NAT router with bti ...
W=$(bti_netns_name of-w)	# ... and the libsrtp2 peer on its WAN side
N=16			# datagrams per GSO packet
# Receivers end once they have what they wait for; the time limits are
# long because a loaded host can stall the guest (TCG) for seconds.
TMO=30
SEQ=0			# RTP sequence numbers in use so far

K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE

# setup: the namespaces, links, addresses, routes and the NAT.
setup() {
	local ns
	for ns in "$A" "$B" "$P" "$R" "$W"; do
		bti_netns_add "$ns" && ip -n "$ns" link set lo up || return 1
	done
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
		ip link add pv netns "$P" type veth peer name rp netns "$R" &&
		ip link add rw netns "$R" type veth peer name ww netns "$W" || return 1
	ip -n "$A" addr add 10.98.1.1/24 dev va &&
		ip -n "$A" addr add fd00:98:1::1/64 dev va nodad &&
		ip -n "$B" addr add 10.98.1.2/24 dev vb &&
		ip -n "$B" addr add fd00:98:1::2/64 dev vb nodad &&
		ip -n "$P" addr add 192.168.50.2/24 dev pv &&
		ip -n "$P" addr add fd00:50::2/64 dev pv nodad &&
		ip -n "$R" addr add 192.168.50.1/24 dev rp &&
		ip -n "$R" addr add fd00:50::1/64 dev rp nodad &&
		ip -n "$R" addr add 10.98.2.1/24 dev rw &&
		ip -n "$R" addr add fd00:98:2::1/64 dev rw nodad &&
		ip -n "$W" addr add 10.98.2.2/24 dev ww &&
		ip -n "$W" addr add fd00:98:2::2/64 dev ww nodad || return 1
	ip -n "$A" link set va up && ip -n "$B" link set vb up &&
		ip -n "$P" link set pv up && ip -n "$R" link set rp up &&
		ip -n "$R" link set rw up && ip -n "$W" link set ww up || return 1
	ip -n "$P" route add default via 192.168.50.1 &&
		ip -n "$P" -6 route add default via fd00:50::1 &&
		ip -n "$W" -6 route add fd00:50::/64 via fd00:98:2::1 || return 1
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	# The phone's IPv4 leaves the router's WAN side with the router's
	# address: bti protects it after source NAT.
	ip netns exec "$R" nft -f - <<-EOF || return 1
		table ip nat {
			chain post {
				type nat hook postrouting priority srcnat;
				oifname "rw" snat to 10.98.2.1
			}
		}
	EOF
	# The test's pauses must not end the NAT mapping of the phone's flow.
	ip netns exec "$R" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=600 \
		net.netfilter.nf_conntrack_udp_timeout_stream=600 || return 1
	probes "$A" && probes "$R"
}

# Counters just before and after bti's hooks: how many packets each
# sees of the sessions' flows (port 5004 on the bti side).
probes() {
	ip netns exec "$1" nft delete table inet probe 2>/dev/null || true
	ip netns exec "$1" nft -f - <<-EOF
		table inet probe {
			chain pre_before {
				type filter hook prerouting priority -150;
				udp dport 5004 counter
			}
			chain post_before {
				type filter hook postrouting priority 0;
				udp sport 5004 counter
			}
			chain post_after {
				type filter hook postrouting priority 200;
				udp sport 5004 counter
			}
		}
	EOF
}
probe() { # NS CHAIN: packets counted
	ip netns exec "$1" nft -j list chain inet probe "$2" |
		jq '[.nftables[] | .rule? // empty | .expr[] | .counter? // empty | .packets] | add // 0'
}

session() { # NS LOCAL REMOTE
	ip netns exec "$1" "$BTICTL" session add local "$2" remote "$3" \
		suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 0x1111 rx-ssrc 0x2222 \
		keys "$BTI_TMP/bti.keys"
}
# sessions: the key files (k1: A and R to their peers, k2: back; in
# srtp-peer's format) and the four sessions.
sessions() {
	printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$K1" "$S1" >"$BTI_TMP/k1" &&
		printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$K2" "$S2" >"$BTI_TMP/k2" &&
		printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
			"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/bti.keys" || return 1
	session "$A" 10.98.1.1:5004 10.98.1.2:6004 &&
		session "$A" '[fd00:98:1::1]:5004' '[fd00:98:1::2]:6004' &&
		session "$R" 10.98.2.1:5004 10.98.2.2:6004 &&
		session "$R" '[fd00:50::2]:5004' '[fd00:98:2::2]:6004'
}

stat_of() { # NS LOCAL COUNTER
	ip netns exec "$1" "$BTICTL" -j session show | jq --arg l "$2" \
		".[] | select(.local == \$l) | .stats.$3"
}
stats_of() { # NS LOCAL: the session's counters, for a diagnostic
	ip netns exec "$1" "$BTICTL" -j session show | jq -c --arg l "$2" \
		'.[] | select(.local == $l) | .stats'
}
drops_of() { # NS LOCAL: sum of the drop counters
	ip netns exec "$1" "$BTICTL" -j session show | jq --arg l "$2" \
		'[.[] | select(.local == $l) | .stats | to_entries[] |
		  select(.key | startswith("drop_")) | .value] | add'
}

wait_file() {
	for _ in $(seq 100); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# bg NAME NS CMD...: CMD in NS in the background, stdout to $BTI_TMP/NAME,
# its pid in BG_PID; returns once CMD made its ready file
# ($BTI_TMP/NAME.ready, passed as BTI_UDP_READY and, for srtp-peer, as
# --ready-file).
bg() {
	local name=$1 ns=$2
	shift 2
	rm -f "$BTI_TMP/$name" "$BTI_TMP/$name.ready"
	if [ "$1" = "$PEER" ]; then
		set -- "$@" --ready-file "$BTI_TMP/$name.ready"
	fi
	BTI_UDP_READY=$BTI_TMP/$name.ready ip netns exec "$ns" "$@" \
		>"$BTI_TMP/$name" 2>"$BTI_TMP/$name.err" &
	BG_PID=$!
	wait_file "$BTI_TMP/$name.ready"
}

# packets FILE COUNT -- srtp-peer (plain-)send ARGS: the datagrams that
# srtp-peer sends, one hex line each, made on B's loopback (one collector
# for all, started at the first call).
COLLECT_PID=
packets() {
	local out=$1 count=$2 have want
	shift 3
	if [ -z "$COLLECT_PID" ] || ! kill -0 "$COLLECT_PID" 2>/dev/null; then
		bg collect "$B" python3 "$udp" recv 127.0.0.1:7000 1000000 600 || return 1
		COLLECT_PID=$BG_PID
		BTI_PIDS+=("$COLLECT_PID")
	fi
	have=$(wc -l <"$BTI_TMP/collect")
	ip netns exec "$B" "$PEER" "$@" --local 127.0.0.1:7001 \
		--remote 127.0.0.1:7000 >/dev/null || return 1
	want=$((have + count))
	for _ in $(seq $((TMO * 10))); do
		[ "$(wc -l <"$BTI_TMP/collect")" -ge "$want" ] && break
		sleep 0.1
	done
	sed -n "$((have + 1)),${want}p" "$BTI_TMP/collect" >"$out"
	[ "$(wc -l <"$out")" -eq "$count" ]
}

# egress_gso NAME FROM_NS FROM TO RX_NS RX_IFACE SIZE: one UDP_SEGMENT send
# of N plaintext RTP packets with SIZE octets of payload; libsrtp2 must
# accept all N and every one must have a right UDP checksum on the wire.
# Sets EG_OK (recv) and EG_CAP (capture) to 1 when they passed.
egress_gso() {
	local name=$1 from_ns=$2 from=$3 to=$4 rx_ns=$5 rx_if=$6 size=$7
	local cap_pid rx_pid want_len
	EG_OK=0 EG_CAP=0
	packets "$BTI_TMP/plain" $N -- plain-send --ssrc 0x1111 --count $N \
		--start-seq $SEQ --payload-size "$size"
	bg cap "$rx_ns" python3 "$off" capture "$rx_if" 5004 $N $TMO
	cap_pid=$BG_PID
	bg rx "$rx_ns" "$PEER" recv --local "$to" --ssrc 0x1111 --keys "$BTI_TMP/k1" \
		--count $N --payload-size "$size" --timeout-ms $((TMO * 1000)) \
		--first-timeout-ms $((TMO * 1000))
	rx_pid=$BG_PID
	# shellcheck disable=SC2046 # one argument per datagram
	ip netns exec "$from_ns" python3 "$off" gso-send "$from" "$to" $((12 + size)) \
		$(cat "$BTI_TMP/plain") >"$BTI_TMP/gso" 2>&1 || true
	wait "$rx_pid" || true
	wait "$cap_pid" || true
	SEQ=$((SEQ + 100))
	if jq -e ".ok == $N and .content_mismatch == 0" "$BTI_TMP/rx" >/dev/null 2>&1; then
		EG_OK=1
	else
		EG_WHY="libsrtp2: $(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err"); sender: $(cat "$BTI_TMP/gso")"
	fi
	want_len=$((size + 12 + 10))
	if [ "$(jq -s --argjson l "$want_len" \
		'[.[] | select(.csum_ok == true and (.payload | length) == 2 * $l)] | length' \
		"$BTI_TMP/cap")" = $N ]; then
		EG_CAP=1
	else
		EG_CAP_WHY="captured: $(cat "$BTI_TMP/cap" "$BTI_TMP/cap.err" | cut -c1-200)"
	fi
}

# ingress NAME TX_NS FROM TO RX_NS RX_LOCAL [gro]: N datagrams protected by
# libsrtp2 sent as one UDP_SEGMENT send; the receiver (with UDP_GRO when
# asked) must get exactly srtp-peer's plaintext of each. Sets IN_OK.
ingress() {
	local name=$1 tx_ns=$2 from=$3 to=$4 rx_ns=$5 rx_local=$6 gro=${7:-}
	local rx_pid
	IN_OK=0
	packets "$BTI_TMP/prot" $N -- send --ssrc 0x2222 --keys "$BTI_TMP/k2" \
		--count $N --start-seq $SEQ &&
		packets "$BTI_TMP/plain" $N -- plain-send --ssrc 0x2222 --count $N \
			--start-seq $SEQ
	bg rx "$rx_ns" python3 "$off" recv "$rx_local" $N $TMO ${gro:+"$gro"}
	rx_pid=$BG_PID
	# shellcheck disable=SC2046 # one argument per datagram
	ip netns exec "$tx_ns" python3 "$off" gso-send "$from" "$to" $((12 + 160 + 10)) \
		$(cat "$BTI_TMP/prot") >"$BTI_TMP/gso" 2>&1 || true
	wait "$rx_pid" || true
	SEQ=$((SEQ + 100))
	if [ -s "$BTI_TMP/rx" ] && cmp -s "$BTI_TMP/rx" "$BTI_TMP/plain"; then
		IN_OK=1
	else
		IN_WHY="received $(wc -l <"$BTI_TMP/rx") of $N ($(cat "$BTI_TMP/rx.err"));\
 sender: $(cat "$BTI_TMP/gso")"
	fi
}
