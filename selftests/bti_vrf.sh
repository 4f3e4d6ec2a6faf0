#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A session whose link is enslaved to a VRF. The VRF device runs the
# netfilter hooks a second time for the packets of its links: POST_ROUTING
# with the VRF device as output before the real link's, PRE_ROUTING with it
# as input after the real link's. Each packet must be protected and
# verified exactly once, against libsrtp2 on the far side, over IPv4 and
# IPv6.
#
#   A: va (in VRF "blue", table 10) 10.97.0.1, fd97::1 -- B: vb 10.97.0.2, fd97::2

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
bti_setup ip jq sysctl insmod rmmod modprobe
[ -x "$PEER" ] || bti_prereq_missing "srtp-peer not found (set BTI_SRTP_PEER)"
modprobe vrf 2>/dev/null || true
umask 077
A=$(bti_netns_name vrf-a)
B=$(bti_netns_name vrf-b)
N=300
SUITE=AES_CM_128_HMAC_SHA1_80
K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE

ktap_begin 9

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

# Sockets of A not bound to the VRF send through its link (a route of the
# main table names it) and take what arrives on it (udp_l3mdev_accept);
# IPv6 lets them bind to the link's address only as a non-local one.
bti_netns_add "$A" && bti_netns_add "$B" &&
	ip -n "$A" link add blue type vrf table 10 &&
	ip -n "$A" link set blue up &&
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
	ip -n "$A" link set va master blue &&
	ip -n "$A" addr add 10.97.0.1/24 dev va &&
	ip -n "$A" addr add fd97::1/64 dev va nodad &&
	ip -n "$B" addr add 10.97.0.2/24 dev vb &&
	ip -n "$B" addr add fd97::2/64 dev vb nodad &&
	ip -n "$A" link set va up && ip -n "$B" link set vb up &&
	ip -n "$A" route add 10.97.0.2/32 dev va &&
	ip -n "$A" -6 route add fd97::2/128 dev va &&
	ip netns exec "$A" sysctl -qw net.ipv4.udp_l3mdev_accept=1 \
		net.ipv6.ip_nonlocal_bind=1
setup=$?
ktap_check "a link in a VRF in A, joined to B" [ "$setup" -eq 0 ]

printf '%s %s %s\n' "$SUITE" "$K1" "$S1" >"$BTI_TMP/k1"
printf '%s %s %s\n' "$SUITE" "$K2" "$S2" >"$BTI_TMP/k2"
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/session.keys"

# both_ways LABEL LOCAL REMOTE: A's session of LOCAL and REMOTE (addr:port),
# A in clear, B with libsrtp2.
both_ways() {
	bti_media_both_ways "$1" "$A" "$2" "$A" "$2" "$B" "$3" $N
}

both_ways IPv4 10.97.0.1:5004 10.97.0.2:6004
both_ways IPv6 '[fd97::1]:5004' '[fd97::2]:6004'

ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
