#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A CPE protects the media of a phone behind it: packets forwarded through
# the namespace that holds the session are protected on their way out
# (POST_ROUTING) and verified on their way in (PRE_ROUTING), routed and
# behind source NAT (masquerade), against libsrtp2 on the far side.
#
#   phone (P) 192.168.77.2 -- 192.168.77.1 CPE (R) 10.95.0.1 -- 10.95.0.2 peer (B)

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
bti_setup ip jq nft sysctl insmod rmmod modprobe
[ -x "$PEER" ] || bti_prereq_missing "srtp-peer not found (set BTI_SRTP_PEER)"
umask 077
P=$(bti_netns_name fw-p)
R=$(bti_netns_name fw-r)
B=$(bti_netns_name fw-b)
N=500
SUITE=AES_CM_128_HMAC_SHA1_80
K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE

ktap_begin 12

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi
bti_netns_add "$P" && bti_netns_add "$R" && bti_netns_add "$B" &&
	ip link add lan netns "$R" type veth peer name eth0 netns "$P" &&
	ip link add wan netns "$R" type veth peer name eth0 netns "$B" &&
	ip -n "$P" addr add 192.168.77.2/24 dev eth0 &&
	ip -n "$R" addr add 192.168.77.1/24 dev lan &&
	ip -n "$R" addr add 10.95.0.1/24 dev wan &&
	ip -n "$B" addr add 10.95.0.2/24 dev eth0 &&
	ip -n "$P" link set eth0 up && ip -n "$R" link set lan up &&
	ip -n "$R" link set wan up && ip -n "$B" link set eth0 up &&
	ip -n "$P" route add default via 192.168.77.1 &&
	ip -n "$B" route add 192.168.77.0/24 via 10.95.0.1 &&
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
setup=$?
ktap_check "phone, CPE and peer, routed" [ "$setup" -eq 0 ]

printf '%s %s %s\n' "$SUITE" "$K1" "$S1" >"$BTI_TMP/k1"
printf '%s %s %s\n' "$SUITE" "$K2" "$S2" >"$BTI_TMP/k2"
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/session.keys"

# both_ways LABEL LOCAL: the CPE's session names the phone's media as
# LOCAL (its address on the wire at the CPE's WAN side); the phone sends
# and receives plaintext, the peer SRTP.
both_ways() {
	bti_media_both_ways "$1" "$R" "$2" "$P" 192.168.77.2:5004 "$B" 10.95.0.2:6004 $N
}

both_ways routed 192.168.77.2:5004

# A forwarded datagram's UDP checksum is checked before the tag vouches
# for it: from the phone, one with a wrong checksum is dropped, one with
# the right one protected (both raw: no checksum offload).
# cpe_stat PORT FIELD: a counter of the CPE's session of the phone's PORT.
cpe_stat() {
	ip netns exec "$R" "$BTICTL" -j session show |
		jq -r ".[] | select(.local == \"192.168.77.2:$1\") | .stats.$2"
}
# csum_case LABEL PORT: from the phone's PORT to the peer's 6004, which
# have a session in the CPE.
csum_case() {
	local name="$1: a forwarded datagram with a wrong UDP checksum is dropped (drop_malformed), with the right one protected"
	local port=$2 rtp=80004000000000000000111100112233445566778899aabbccddeeff
	local malformed0 tx0 sum

	malformed0=$(cpe_stat "$port" drop_malformed)
	tx0=$(cpe_stat "$port" tx_packets)
	for sum in bad good; do
		ip netns exec "$P" python3 "$here/bti_udp.py" raw 192.168.77.2:"$port" \
			10.95.0.2:6004 0 $sum "$rtp" ||
			ktap_diag "the raw send ($sum checksum) failed"
	done
	for _ in $(seq 20); do
		[ "$(cpe_stat "$port" tx_packets)" = $((tx0 + 1)) ] && break
		sleep 0.2
	done
	if [ "$(cpe_stat "$port" drop_malformed)" = $((malformed0 + 1)) ] &&
	   [ "$(cpe_stat "$port" tx_packets)" = $((tx0 + 1)) ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(ip netns exec "$R" "$BTICTL" -j session show)"
	fi
}
csum_case routed 5004

# With connection tracking in the CPE, its check of the checksum on the
# way in leaves the datagram marked as summed (CHECKSUM_COMPLETE, with
# the sum found wrong), which nf_checksum() would take on trust after
# routing; forwarding must have dropped that mark (skb_forward_csum()).
# A flow of its own: the connections tracked here would keep the phone's
# port 5004 from being translated in the source NAT cases below.
ip netns exec "$R" nft -f - <<'EOF'
table ip bti_test_ct {
	chain check {
		type filter hook forward priority filter; policy accept;
		ct state invalid counter
	}
}
EOF
ip netns exec "$R" "$BTICTL" session add local 192.168.77.2:5008 remote 10.95.0.2:6004 \
	suite $SUITE tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 keys "$BTI_TMP/session.keys"
csum_case "routed, connection tracking" 5008
# The case means something only if conntrack did look at the datagram.
if ip netns exec "$R" nft list chain ip bti_test_ct check | grep -q 'invalid counter packets 1 '; then
	ktap_ok "routed, connection tracking: conntrack found the datagram with the wrong checksum invalid"
else
	ktap_fail "routed, connection tracking: conntrack found the datagram with the wrong checksum invalid" \
		"$(ip netns exec "$R" nft list chain ip bti_test_ct check)"
fi
ip netns exec "$R" nft delete table ip bti_test_ct

# Behind masquerade the phone's media leaves with the WAN address; the
# peer answers there, and the CPE verifies before it translates back.
ip netns exec "$R" nft -f - <<'EOF'
table ip bti_test_nat {
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade persistent
	}
}
EOF
ip netns exec "$B" ip route del 192.168.77.0/24
both_ways "source NAT" 10.95.0.1:5004

ip netns del "$P"
ip netns del "$R"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
