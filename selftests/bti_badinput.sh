#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad input on the wire. Namespace A runs bti.ko with AES_CM_128_HMAC_SHA1_80
# sessions (IPv4 and IPv6) whose peer is namespace B, across a veth pair.
# B sends, on a session's flow, what no honest peer sends: truncated
# packets, wrong versions, CSRC lists and header extensions running past
# the end, authenticated packets (libsrtp2, tools/srtp-craft) whose
# decrypted padding lies, wrong tags, bad SRTCP E|index words, zero-length
# and random datagrams, 64 KiB datagrams in fragments (also fragments a
# notrack rule keeps from defragmentation), bad UDP lengths and checksums.
# Then A's application sends plaintext that cannot be
# protected. For every case:
#   - the packet is dropped: an application socket bound to the flow's
#     port receives nothing (and on the way out nothing reaches B);
#   - exactly the expected counter moves, by the number of packets, in
#     the session (btictl -j session show) and in the namespace
#     (btictl -j stats), and no other counter of any session moves;
# and the kernel logs no warning. Valid packets sent last are delivered,
# which shows the receivers were listening all along.

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

CRAFT=${BTI_SRTP_CRAFT:-$here/../tools/srtp-craft/srtp-craft}
bti_setup ip jq python3 insmod rmmod modprobe
[ -x "$CRAFT" ] || bti_prereq_missing "srtp-craft not found (set BTI_SRTP_CRAFT)"
umask 077
A=$(bti_netns_name bad-a)
B=$(bti_netns_name bad-b)
udp=$here/bti_udp.py

K1=E1F97A0D3E018BE0D64FA32C06DE4139
S1=0EC675AD498AFEEBB6960B3AABE6
K2=0EC675AD498AFEEBB6960B3AABE61234
S2=E1F97A0D3E018BE0D64FA32C06DE
TX_SSRC=00001111	# A's packets
RX_SSRC=00002222	# B's packets
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	"$K1" "$S1" "$K2" "$S2" >"$BTI_TMP/bti.keys"
# B protects with A's receive keys (libsrtp2 derives the session keys).
printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$K2" "$S2" >"$BTI_TMP/peer.keys"

# Session names in the results: the IPv4 and IPv6 receive flows, and
# the flows A's application sends bad plaintext on.
S4=10.97.0.1:5004
S6='[fd00:97::1]:5004'
E4=10.97.0.1:5006
E6='[fd00:97::1]:5006'

ktap_begin 40

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

setup=0
{
	bti_netns_add "$A" && bti_netns_add "$B" &&
		ip link add va netns "$A" type veth peer name vb netns "$B" &&
		ip -n "$A" addr add 10.97.0.1/24 dev va &&
		ip -n "$B" addr add 10.97.0.2/24 dev vb &&
		ip -n "$A" addr add fd00:97::1/64 dev va nodad &&
		ip -n "$B" addr add fd00:97::2/64 dev vb nodad &&
		ip -n "$A" link set va up && ip -n "$B" link set vb up &&
		ip -n "$A" link set lo up && ip -n "$B" link set lo up
} || setup=$?
for flow in "$S4 10.97.0.2:6004" "$S6 [fd00:97::2]:6004" "$E4 10.97.0.2:6006" \
	"$E6 [fd00:97::2]:6006"; do
	read -r l r <<<"$flow"
	ip netns exec "$A" "$BTICTL" session add local "$l" remote "$r" \
		suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 0x$TX_SSRC rx-ssrc 0x$RX_SSRC \
		srtcp-index 1 keys "$BTI_TMP/bti.keys" || setup=$?
done
ktap_check "two namespaces joined by veth, four sessions in A" [ "$setup" -eq 0 ]

# listen NS LOCAL FILE: an application socket on LOCAL that writes every
# datagram it gets to FILE, as hex, until killed.
listen() {
	rm -f "$BTI_TMP/ready"
	BTI_UDP_READY=$BTI_TMP/ready ip netns exec "$1" python3 "$udp" recv "$2" 1000000 600 \
		>"$3" &
	BTI_PIDS+=("$!")
	for _ in $(seq 100); do
		[ -e "$BTI_TMP/ready" ] && return 0
		sleep 0.1
	done
	return 1
}
: >"$BTI_TMP/app4"
: >"$BTI_TMP/app6"
: >"$BTI_TMP/wire"
: >"$BTI_TMP/wire6"
listening=0
{
	listen "$A" "$S4" "$BTI_TMP/app4" && listen "$A" "$S6" "$BTI_TMP/app6" &&
		listen "$B" 10.97.0.2:6006 "$BTI_TMP/wire" &&
		listen "$B" "[fd00:97::2]:6006" "$BTI_TMP/wire6"
} || listening=$?
ktap_check "application sockets bound in A (both families) and in B" [ "$listening" -eq 0 ]

# serve NS IN OUT: a "bti_udp.py serve" in NS, its commands written to the
# descriptor IN and its answers read from OUT (see ask).
serve() {
	local ns=$1 fifo=$BTI_TMP/serve-$1
	mkfifo "$fifo.in" "$fifo.out"
	BTICTL=$BTICTL ip netns exec "$ns" python3 "$udp" serve <"$fifo.in" >"$fifo.out" &
	BTI_PIDS+=("$!")
	eval "exec {$2}>\"\$fifo.in\" {$3}<\"\$fifo.out\""
}
serve "$B" PEER_IN PEER_OUT	# B: sends what the peer sends
serve "$A" APP_IN APP_OUT	# A: sends what A's application sends, reads counters
# ask peer|app COMMAND...: one command to a server; its answer in REPLY.
ask() {
	if [ "$1" = peer ]; then
		shift
		echo "$*" >&"$PEER_IN"
		read -r -t 120 -u "$PEER_OUT" REPLY
	else
		shift
		echo "$*" >&"$APP_IN"
		read -r -t 120 -u "$APP_OUT" REPLY
	fi
}
# snap: the counters of every session and of the namespace, through
# btictl -j, into LAST. Each case compares with what the one before left.
snap() { ask app counters && LAST=$REPLY; }

# What moved between two snapshots: "NAME COUNTER DELTA" lines, sorted,
# NAME s4, s6, e4, e6 or netns.
deltas() {
	awk -v old="$1" -v new="$2" -v s4="$S4" -v s6="$S6" -v e4="$E4" -v e6="$E6" 'BEGIN {
		alias[s4] = "s4"; alias[s6] = "s6"; alias[e4] = "e4"; alias[e6] = "e6"
		n = split(old, w, " ")
		for (i = 1; i <= n; i++) {
			split(w[i], kv, "=")
			was[kv[1]] = kv[2]
		}
		n = split(new, w, " ")
		for (i = 1; i <= n; i++) {
			split(w[i], kv, "=")
			if (kv[2] == was[kv[1]])
				continue
			c = kv[1]
			sub(/.*:/, "", c)
			name = substr(kv[1], 1, length(kv[1]) - length(c) - 1)
			print (name in alias ? alias[name] : name), c, kv[2] - was[kv[1]]
		}
	}' | sort
}

# want SESSION COUNTER N...: the lines deltas must print.
want() {
	while [ $# -ge 3 ]; do
		printf '%s %s %s\nnetns %s %s\n' "$1" "$2" "$3" "$2" "$3"
		shift 3
	done | sort
}

# run_case NAME WANT_LINES SINK peer|app COMMAND...: have a server run
# COMMAND (its answer in $BTI_TMP/out), then wait up to 3 s for the
# counters to move as WANT_LINES says; SINK (the receiving application's
# file) must stay empty.
run_case() {
	local name=$1 expect=$2 sink=$3 before=$LAST got=
	shift 3
	ask "$@" || REPLY="no answer"
	echo "$REPLY" >"$BTI_TMP/out"
	for _ in $(seq 10); do
		snap
		got=$(deltas "$before" "$LAST")
		[ "$got" = "$expect" ] && break
		sleep 0.3
	done
	if [ "$got" = "$expect" ] && [ ! -s "$sink" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "counters moved:
${got:-nothing}
expected:
$expect
delivered: $(head -c 300 "$sink")
sender: $(head -c 300 "$BTI_TMP/out")"
	fi
}

P4="10.97.0.2:6004 $S4"		# the peer's IPv4 flow to A
P6="[fd00:97::2]:6004 $S6"	# and its IPv6 flow
O4="$E4 10.97.0.2:6006"		# A's application's flows to B
O6="$E6 [fd00:97::2]:6006"
craft() { "$CRAFT" --keys "$BTI_TMP/peer.keys" "$@"; }

# RTP header: hdr OCTET0 OCTET1 SEQ SSRC (hex, 8 digits) -> 24 hex digits
hdr() { printf '%02x%02x%04x11223344%s' "$1" "$2" "$3" "$4"; }
# N octets of 0xab, as hex
fill() { local i; for ((i = 0; i < $1; i++)); do printf ab; done; }
# HEX with octet I (negative: from the end) XORed with MASK
flip() {
	local h=$1 i=$2 o
	[ "$i" -ge 0 ] || i=$((${#h} / 2 + i))
	o=$((0x${h:2*i:2} ^ $3))
	printf '%s%02x%s' "${h:0:2*i}" "$o" "${h:2*i+2}"
}
# huge N SSRC rtp|rtcp [SEQ]: a datagram of N octets, an RTP header of
# SSRC and sequence number SEQ (default 256), or an RTCP header, then
# filler; one line of hex, too long for a command line: for sendfile.
# shellcheck disable=SC2016 # Python, not shell
huge() {
	python3 -c 'import sys
n, ssrc, rtcp, seq = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "rtcp", int(sys.argv[4])
h = ("81c9%04x" % ((n // 4 - 1) & 0xffff) + ssrc) if rtcp else ("8000%04x11223344" % seq + ssrc)
print(h + "cd" * (n - len(h) // 2))' "$1" "$2" "$3" "${4:-256}"
}

rtp_ok=$(hdr 0x80 0 1 $RX_SSRC)$(fill 20)
srtp_ok=$(craft "$rtp_ok")
rtcp_ok=80c90001$RX_SSRC
srtcp_ok=$(craft --rtcp "$rtcp_ok")

snap
# --- RTP from the peer ---------------------------------------------------
run_case "RTP: zero-length UDP payload: dropped, drop_malformed" \
	"$(want s4 drop_malformed 1)" "$BTI_TMP/app4" peer send "$P4" .
run_case "RTP: shorter than the 12-octet header (1, 5, 11 octets): drop_malformed" \
	"$(want s4 drop_malformed 3)" "$BTI_TMP/app4" \
	peer send "$P4" 80 8000000111 "$(hdr 0x80 0 1 $RX_SSRC | cut -c1-22)"
run_case "RTP: header but shorter than header and tag (12, 21 octets): drop_malformed" \
	"$(want s4 drop_malformed 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x80 0 1 $RX_SSRC)" "$(hdr 0x80 0 1 $RX_SSRC)$(fill 9)"
run_case "RTP: version 0, 1 and 3: drop_malformed" \
	"$(want s4 drop_malformed 3)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x00 0 1 $RX_SSRC)$(fill 30)" \
	"$(hdr 0x40 0 1 $RX_SSRC)$(fill 30)" "$(hdr 0xc0 0 1 $RX_SSRC)$(fill 30)"
run_case "RTP: CSRC count past the end (15 in 40 octets, 4 in 36): drop_malformed" \
	"$(want s4 drop_malformed 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x8f 0 1 $RX_SSRC)$(fill 28)" "$(hdr 0x84 0 1 $RX_SSRC)$(fill 24)"
run_case "RTP: header extension past the end (65535 words; no room for its header): drop_malformed" \
	"$(want s4 drop_malformed 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x90 0 1 $RX_SSRC)bedeffff$(fill 30)" "$(hdr 0x90 0 1 $RX_SSRC)$(fill 12)"
run_case "RTP: an SSRC other than the session's: drop_no_key" \
	"$(want s4 drop_no_key 1)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x80 0 1 00003333)$(fill 30)"
run_case "RTP: header and a wrong 10-octet tag, nothing else: drop_auth" \
	"$(want s4 drop_auth 1)" "$BTI_TMP/app4" \
	peer send "$P4" "$(hdr 0x80 0 1 $RX_SSRC)$(fill 10)"
run_case "RTP: libsrtp2 packet with a flipped bit in the payload, in the tag: drop_auth" \
	"$(want s4 drop_auth 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$(flip "$srtp_ok" 14 0x10)" "$(flip "$srtp_ok" -1 0x01)"
# The tag verifies (libsrtp2 protected them), then the decrypted padding
# count lies: zero, more than the payload, or P set with no payload.
pad_lies=$(craft "$(hdr 0xa0 0 10 $RX_SSRC)01020300" \
	"$(hdr 0xa0 0 11 $RX_SSRC)010203c8" "$(hdr 0xa0 0 12 $RX_SSRC)" | tr '\n' ' ')
# shellcheck disable=SC2086 # one packet per word
run_case "RTP: authenticated, padding count 0, past the payload, no payload: drop_malformed" \
	"$(want s4 drop_malformed 3)" "$BTI_TMP/app4" peer send "$P4" $pad_lies

# Random datagrams (seeded): whatever each one is counted as, every one
# is dropped and counted as one drop, and nothing else moves.
python3 -c 'import random
r = random.Random(3711)
for _ in range(64):
    print(bytes(r.randrange(256) for _ in range(r.randrange(1, 200))).hex())' \
	>"$BTI_TMP/random"
before=$LAST
ask peer sendfile "$P4" "$BTI_TMP/random" || true
for _ in $(seq 10); do
	snap
	sums=$(deltas "$before" "$LAST" | awk '
		$2 ~ /^drop_/ { d[$1] += $3; next } { other = other " " $0 }
		END { printf "%d %d%s", d["s4"], d["netns"], other }')
	[ "$sums" = "64 64" ] && break
	sleep 0.3
done
if [ "$sums" = "64 64" ] && [ ! -s "$BTI_TMP/app4" ]; then
	ktap_ok "RTP port: 64 random datagrams (1-199 octets), each dropped and counted once"
else
	ktap_fail "RTP port: 64 random datagrams (1-199 octets), each dropped and counted once" \
		"drops of the session, of the namespace, other moves: $sums
delivered: $(head -c 300 "$BTI_TMP/app4")"
fi

{ huge 65507 $RX_SSRC rtp; huge 65507 $RX_SSRC rtcp; } >"$BTI_TMP/huge"
run_case "RTP and RTCP of 65507 octets (IPv4 fragments), wrong tags: drop_auth" \
	"$(want s4 drop_auth 2)" "$BTI_TMP/app4" peer sendfile "$P4" "$BTI_TMP/huge"

# --- RTCP from the peer --------------------------------------------------
run_case "RTCP: shorter than header, E|index and tag (8, 21 octets): drop_malformed" \
	"$(want s4 drop_malformed 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$rtcp_ok" "$rtcp_ok$(fill 13)"
run_case "RTCP: version 1: drop_malformed" \
	"$(want s4 drop_malformed 1)" "$BTI_TMP/app4" \
	peer send "$P4" "$(flip "$srtcp_ok" 0 0xc0)"
run_case "RTCP: an SSRC other than the session's: drop_no_key" \
	"$(want s4 drop_no_key 1)" "$BTI_TMP/app4" \
	peer send "$P4" "80c9000100003333$(fill 14)"
run_case "RTCP: libsrtp2 packet with a flipped bit in the tag: drop_auth" \
	"$(want s4 drop_auth 1)" "$BTI_TMP/app4" \
	peer send "$P4" "$(flip "$srtcp_ok" -1 0x01)"
run_case "RTCP: libsrtp2 packet with E cleared, with another index: drop_auth" \
	"$(want s4 drop_auth 2)" "$BTI_TMP/app4" \
	peer send "$P4" "$(flip "$srtcp_ok" 8 0x80)" "$(flip "$srtcp_ok" 11 0x02)"

# --- UDP header lies (raw socket) ----------------------------------------
run_case "UDP: wrong checksum on a valid packet: drop_malformed" \
	"$(want s4 drop_malformed 1)" "$BTI_TMP/app4" peer raw "$P4" 0 bad "$srtp_ok"
run_case "UDP: length field 4 more than the datagram: drop_malformed" \
	"$(want s4 drop_malformed 1)" "$BTI_TMP/app4" peer raw "$P4" 4 good "$srtp_ok"
run_case "UDP: length field 4 less than the datagram: drop_malformed" \
	"$(want s4 drop_malformed 1)" "$BTI_TMP/app4" peer raw "$P4" -4 good "$srtp_ok"

# --- IPv6 ---------------------------------------------------------------
run_case "IPv6: truncated (5 octets), version 1: drop_malformed" \
	"$(want s6 drop_malformed 2)" "$BTI_TMP/app6" \
	peer send "$P6" 8000000111 "$(hdr 0x40 0 1 $RX_SSRC)$(fill 30)"
run_case "IPv6: zero UDP checksum (not allowed over IPv6): drop_malformed" \
	"$(want s6 drop_malformed 1)" "$BTI_TMP/app6" peer raw "$P6" 0 zero "$srtp_ok"
run_case "IPv6: authenticated, padding count 0: drop_malformed" \
	"$(want s6 drop_malformed 1)" "$BTI_TMP/app6" \
	peer send "$P6" "$(craft "$(hdr 0xa0 0 10 $RX_SSRC)01020300")"
huge 65527 $RX_SSRC rtp >"$BTI_TMP/huge"
run_case "IPv6: RTP of 65527 octets (IPv6 fragments), wrong tag: drop_auth" \
	"$(want s6 drop_auth 1)" "$BTI_TMP/app6" peer sendfile "$P6" "$BTI_TMP/huge"

# Fragments that skip defragmentation (a notrack rule ahead of it, as a
# firewall may have) cannot be verified: the first one, which names the
# flow, is dropped, and the rest can never be reassembled.
# notrack ip|ip6 add|delete: such a rule in A
notrack() {
	if [ "$2" = add ]; then
		ip netns exec "$A" nft -f - <<-EOF
		table $1 bti_notrack {
			chain pre {
				type filter hook prerouting priority -450;
				notrack
			}
		}
		EOF
	else
		ip netns exec "$A" nft delete table "$1" bti_notrack
	fi
}
# notrack_case ip|ip6 IPv4|IPv6 SIZE SESSION APP FLOW: a plaintext of
# SIZE octets from the peer on FLOW, behind such a rule
notrack_case() {
	local name="$2 fragments past defragmentation (notrack): the first dropped, drop_malformed"

	huge "$3" $RX_SSRC rtp >"$BTI_TMP/huge"
	if notrack "$1" add; then
		run_case "$name" "$(want "$4" drop_malformed 1)" "$5" \
			peer sendfile "$6" "$BTI_TMP/huge"
		notrack "$1" delete || ktap_diag "could not delete the notrack rule"
	else
		ktap_fail "$name" "nft could not add a notrack rule"
	fi
}
notrack_case ip IPv4 65507 s4 "$BTI_TMP/app4" "$P4"
notrack_case ip6 IPv6 65527 s6 "$BTI_TMP/app6" "$P6"

# --- nothing leaked, and the receivers were listening ---------------------
nothing_delivered() { [ ! -s "$BTI_TMP/app4" ] && [ ! -s "$BTI_TMP/app6" ]; }
ktap_check "no bad packet reached an application socket in A" nothing_delivered

# Valid packets: a small one and a 65507-octet one (from a 65497-octet RTP
# packet, fragmented), both after the authenticated padding lies.
good_small=$(hdr 0x80 0 19 $RX_SSRC)$(fill 20)
big_plain=$(huge 65497 $RX_SSRC rtp 20)
craft "$good_small" "$big_plain" >"$BTI_TMP/valid"
before=$LAST
ask peer sendfile "$P4" "$BTI_TMP/valid" || true
for _ in $(seq 10); do
	[ "$(wc -l <"$BTI_TMP/app4")" -ge 2 ] && break
	sleep 0.3
done
snap
expect=$(want s4 rx_packets 2 s4 rx_bytes $(((${#good_small} + ${#big_plain}) / 2)))
got=$(deltas "$before" "$LAST")
if [ "$(sed -n 1p "$BTI_TMP/app4")" = "$good_small" ] &&
   [ "$(sed -n 2p "$BTI_TMP/app4")" = "$big_plain" ] &&
   [ "$(wc -l <"$BTI_TMP/app4")" -eq 2 ] && [ "$got" = "$expect" ]; then
	ktap_ok "valid packets after all that (32 and 65507 octets) are delivered intact, and only they"
else
	ktap_fail "valid packets after all that (32 and 65507 octets) are delivered intact, and only they" \
		"received $(wc -l <"$BTI_TMP/app4") datagrams; counters moved:
$got
expected:
$expect"
fi

# --- plaintext from A's application that cannot be protected -------------
# Each send fails with EPERM (the hook dropped it) and nothing reaches B.
run_case "egress: zero-length, 5 octets, version 1, CSRC past the end: drop_malformed" \
	"$(want e4 drop_malformed 4)" "$BTI_TMP/wire" \
	app send "$O4" . 8000000111 "$(hdr 0x40 0 1 $TX_SSRC)$(fill 20)" \
	"$(hdr 0x8f 0 1 $TX_SSRC)$(fill 20)"
ktap_check "egress: the application saw EPERM for each of the 4" \
	[ "$(cat "$BTI_TMP/out")" = "EPERM EPERM EPERM EPERM" ]
run_case "egress: an SSRC other than the session's: drop_no_key" \
	"$(want e4 drop_no_key 1)" "$BTI_TMP/wire" \
	app send "$O4" "$(hdr 0x80 0 1 00003333)$(fill 20)"
huge 65507 $TX_SSRC rtp >"$BTI_TMP/huge"
run_case "egress: a 65507-octet plaintext, too big once protected: drop_malformed" \
	"$(want e4 drop_malformed 1)" "$BTI_TMP/wire" app sendfile "$O4" "$BTI_TMP/huge"
ktap_check "egress: the application saw EPERM for it" [ "$(cat "$BTI_TMP/out")" = EPERM ]

# fits NAME ALIAS FLOW SINK N: the largest plaintext that still fits a
# datagram once protected (N octets, RTP) leaves, protected: N+10 octets.
fits() {
	local name=$1 alias=$2 flow=$3 sink=$4 n=$5 before=$LAST got expect sent
	huge "$n" $TX_SSRC rtp 257 >"$BTI_TMP/huge"
	ask app sendfile "$flow" "$BTI_TMP/huge" || REPLY="no answer"
	sent=$REPLY
	for _ in $(seq 10); do
		[ -s "$sink" ] && break
		sleep 0.3
	done
	snap
	got=$(deltas "$before" "$LAST")
	expect=$(want "$alias" tx_packets 1 "$alias" tx_bytes $((n + 10)))
	if [ "$sent" = ok ] && [ "$got" = "$expect" ] && [ "$(wc -l <"$sink")" -eq 1 ] &&
	   [ "$(wc -c <"$sink")" -eq $((2 * (n + 10) + 1)) ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "sender: $sent; B got $(wc -l <"$sink") datagrams, $(wc -c <"$sink") hex characters; counters moved:
$got
expected:
$expect"
	fi
}
fits "egress: a 65497-octet plaintext leaves protected as 65507 octets" \
	e4 "$O4" "$BTI_TMP/wire" 65497

# The same over IPv6, whose payload length leaves room for 65527 octets.
huge 65527 $TX_SSRC rtp >"$BTI_TMP/huge"
run_case "egress IPv6: a 65527-octet plaintext, too big once protected: drop_malformed" \
	"$(want e6 drop_malformed 1)" "$BTI_TMP/wire6" app sendfile "$O6" "$BTI_TMP/huge"
fits "egress IPv6: a 65517-octet plaintext leaves protected as 65527 octets" \
	e6 "$O6" "$BTI_TMP/wire6" 65517

# Stop the servers and receivers so that the namespaces really go,
# sessions and all, before the log check.
exec {PEER_IN}>&- {APP_IN}>&-
for pid in "${BTI_PIDS[@]}"; do
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
done
BTI_PIDS=()
ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
