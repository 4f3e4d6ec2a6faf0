#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# UDP offloads on a session's flow, against libsrtp2 (tools/srtp-peer):
#
# - UDP GSO on egress: one UDP_SEGMENT send of N RTP packets leaves as N
#   protected datagrams that libsrtp2 accepts, each through the hooks
#   after bti's, with a right UDP checksum on the wire (IPv4, IPv6).
# - GSO and GRO on ingress: N protected datagrams that reach the hook as
#   one GSO packet (sent with UDP_SEGMENT across the veth, or aggregated by
#   UDP GRO for a socket with UDP_GRO) all reach the application decrypted.
# - Forwarding through a NAT router: a phone's UDP_SEGMENT send protected
#   after source NAT; protected datagrams aggregated by fraglist GRO and by
#   UDP GRO for forwarding verified, NATed back and delivered.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"
# shellcheck source=bti_offload_lib.sh
. "$here/bti_offload_lib.sh"

offload_begin 17

# 4-8: UDP GSO on egress, locally sent.
probes "$A"
egress_gso v4 "$A" 10.98.1.1:5004 10.98.1.2:6004 "$B" vb 160
if [ $EG_OK = 1 ]; then
	ktap_ok "IPv4 UDP_SEGMENT send of $N RTP packets: libsrtp2 accepts all $N"
else
	ktap_fail "IPv4 UDP_SEGMENT send of $N RTP packets: libsrtp2 accepts all $N" \
		"$EG_WHY; bti: $(stats_of "$A" 10.98.1.1:5004)"
fi
if [ $EG_CAP = 1 ]; then
	ktap_ok "IPv4: the $N protected datagrams have a right UDP checksum on the wire"
else
	ktap_fail "IPv4: the $N protected datagrams have a right UDP checksum on the wire" \
		"$EG_CAP_WHY"
fi
before=$(probe "$A" post_before)
after=$(probe "$A" post_after)
tx=$(stat_of "$A" 10.98.1.1:5004 tx_packets)
if [ "$before" = 1 ] && [ "$after" = $N ] && [ "$tx" = $N ] &&
	[ "$(drops_of "$A" 10.98.1.1:5004)" = 0 ]; then
	ktap_ok "one GSO packet into bti's hook, $N protected datagrams through the hooks after it"
else
	ktap_fail "one GSO packet into bti's hook, $N protected datagrams through the hooks after it" \
		"before $before, after $after, session $(stats_of "$A" 10.98.1.1:5004)"
fi
egress_gso v6 "$A" '[fd00:98:1::1]:5004' '[fd00:98:1::2]:6004' "$B" vb 160
if [ $EG_OK = 1 ]; then
	ktap_ok "IPv6 UDP_SEGMENT send of $N RTP packets: libsrtp2 accepts all $N"
else
	ktap_fail "IPv6 UDP_SEGMENT send of $N RTP packets: libsrtp2 accepts all $N" \
		"$EG_WHY; bti: $(stats_of "$A" '[fd00:98:1::1]:5004')"
fi
if [ $EG_CAP = 1 ]; then
	ktap_ok "IPv6: the $N protected datagrams have a right UDP checksum on the wire"
else
	ktap_fail "IPv6: the $N protected datagrams have a right UDP checksum on the wire" \
		"$EG_CAP_WHY"
fi

# 9-12: GSO and GRO on ingress, locally delivered.
probes "$A"
ingress gso4 "$B" 10.98.1.2:6004 10.98.1.1:5004 "$A" 10.98.1.1:5004
pre=$(probe "$A" pre_before)
if [ $IN_OK = 1 ] && [ "$pre" = 1 ]; then
	ktap_ok "IPv4: $N datagrams in one GSO packet over veth all verified and delivered"
else
	ktap_fail "IPv4: $N datagrams in one GSO packet over veth all verified and delivered" \
		"${IN_WHY:-}; packets into the hook $pre; bti: $(stats_of "$A" 10.98.1.1:5004)"
fi
ingress gso6 "$B" '[fd00:98:1::2]:6004' '[fd00:98:1::1]:5004' "$A" '[fd00:98:1::1]:5004'
if [ $IN_OK = 1 ]; then
	ktap_ok "IPv6: $N datagrams in one GSO packet over veth all verified and delivered"
else
	ktap_fail "IPv6: $N datagrams in one GSO packet over veth all verified and delivered" \
		"$IN_WHY; bti: $(stats_of "$A" '[fd00:98:1::1]:5004')"
fi

# UDP GRO: B segments in software, A's veth aggregates them again for a
# socket that asked for UDP_GRO.
ip netns exec "$B" ethtool -K vb tso off tx-udp-segmentation off >/dev/null &&
	ip netns exec "$A" ethtool -K va gro on >/dev/null
gro_rc=$?
probes "$A"
ingress gro4 "$B" 10.98.1.2:6004 10.98.1.1:5004 "$A" 10.98.1.1:5004 gro
pre=$(probe "$A" pre_before)
if [ $gro_rc = 0 ] && [ $IN_OK = 1 ] && [ "$pre" -lt $N ]; then
	ktap_ok "IPv4 UDP GRO: $N datagrams in $pre aggregates, all verified and delivered"
else
	ktap_fail "IPv4 UDP GRO: $N datagrams in $pre aggregates, all verified and delivered" \
		"ethtool $gro_rc; ${IN_WHY:-}; bti: $(stats_of "$A" 10.98.1.1:5004)"
fi
probes "$A"
ingress gro6 "$B" '[fd00:98:1::2]:6004' '[fd00:98:1::1]:5004' "$A" '[fd00:98:1::1]:5004' gro
pre=$(probe "$A" pre_before)
if [ $gro_rc = 0 ] && [ $IN_OK = 1 ] && [ "$pre" -lt $N ]; then
	ktap_ok "IPv6 UDP GRO: $N datagrams in $pre aggregates, all verified and delivered"
else
	ktap_fail "IPv6 UDP GRO: $N datagrams in $pre aggregates, all verified and delivered" \
		"ethtool $gro_rc; ${IN_WHY:-}; bti: $(stats_of "$A" '[fd00:98:1::1]:5004')"
fi
ip netns exec "$B" ethtool -K vb tso on tx-udp-segmentation on >/dev/null
ip netns exec "$A" ethtool -K va gro off >/dev/null
rx=$(stat_of "$A" 10.98.1.1:5004 rx_packets)
rx6=$(stat_of "$A" '[fd00:98:1::1]:5004' rx_packets)
if [ "$rx" = $((2 * N)) ] && [ "$rx6" = $((2 * N)) ] &&
	[ "$(drops_of "$A" 10.98.1.1:5004)" = 0 ] &&
	[ "$(drops_of "$A" '[fd00:98:1::1]:5004')" = 0 ]; then
	ktap_ok "the sessions counted every datagram received and no drop"
else
	ktap_fail "the sessions counted every datagram received and no drop" \
		"$(stats_of "$A" 10.98.1.1:5004) $(stats_of "$A" '[fd00:98:1::1]:5004')"
fi

# 14-16: forwarding through the NAT router.
egress_gso fwd "$P" 192.168.50.2:5004 10.98.2.2:6004 "$W" ww 160
if [ $EG_OK = 1 ] && [ $EG_CAP = 1 ]; then
	ktap_ok "router: the phone's UDP_SEGMENT send protected after source NAT, all $N accepted"
else
	ktap_fail "router: the phone's UDP_SEGMENT send protected after source NAT, all $N accepted" \
		"${EG_WHY:-} ${EG_CAP_WHY:-}; bti: $(stats_of "$R" 10.98.2.1:5004)"
fi
ip netns exec "$W" ethtool -K ww tx-udp-segmentation off >/dev/null &&
	ip netns exec "$R" ethtool -K rw gro on rx-gro-list on >/dev/null
gro_rc=$?
probes "$R"
ingress flist "$W" 10.98.2.2:6004 10.98.2.1:5004 "$P" 192.168.50.2:5004
pre=$(probe "$R" pre_before)
if [ $gro_rc = 0 ] && [ $IN_OK = 1 ] && [ "$pre" -lt $N ]; then
	ktap_ok "router: $N datagrams in $pre fraglist GRO packets verified, NATed back, delivered"
else
	ktap_fail "router: $N datagrams in $pre fraglist GRO packets verified, NATed back, delivered" \
		"ethtool $gro_rc; ${IN_WHY:-}; bti: $(stats_of "$R" 10.98.2.1:5004)"
fi
ip netns exec "$R" ethtool -K rw rx-gro-list off rx-udp-gro-forwarding on >/dev/null
probes "$R"
ingress ufwd "$W" 10.98.2.2:6004 10.98.2.1:5004 "$P" 192.168.50.2:5004
pre=$(probe "$R" pre_before)
if [ $IN_OK = 1 ] && [ "$pre" -lt $N ]; then
	ktap_ok "router: $N datagrams in $pre UDP GRO (forwarding) packets verified, NATed back, delivered"
else
	ktap_fail "router: $N datagrams in $pre UDP GRO (forwarding) packets verified, NATed back, delivered" \
		"${IN_WHY:-}; bti: $(stats_of "$R" 10.98.2.1:5004)"
fi
ip netns exec "$W" ethtool -K ww tx-udp-segmentation on >/dev/null
ip netns exec "$R" ethtool -K rw gro off rx-udp-gro-forwarding off >/dev/null

bti_klog_case
ktap_end
