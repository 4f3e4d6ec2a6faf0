#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Known answers on the wire: two namespaces joined by a veth pair; a
# session protects the "bti" side. A known plaintext sent by an
# application there must leave the veth byte for byte as the known
# protected packet, and the known protected packet sent in must reach the
# application as the known plaintext. The answers are those of RFC 7714
# sections 16 and 17 (AES-GCM), and for the AES-CM suites those libsrtp2
# computed from the RFC 3711 B.3 master key, or for AES-256-CM RFC 6188
# 7.2's (kmod_test/libsrtp_vectors.h,
# made by kmod_test/gen_libsrtp_vectors.c; the same bytes bti_test.ko
# checks in the kernel), with the session keys derived by btictl.

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

bti_setup ip python3 insmod rmmod modprobe
A=$(bti_netns_name kat-a)
B=$(bti_netns_name kat-b)
udp=$here/bti_udp.py

# RFC 7714 section 16: key 000102..0f (..1f for 256), salt 51756964...
key128=000102030405060708090a0b0c0d0e0f
key256=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
salt=517569642070726f2071756f
rtp_plain=8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573
rtp_16_1_1=8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce
rtp_16_2_1=8040f17b8041f8d35501a0b232b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b7aa3db36dfffd6b0f9bb7878d7a76c13
rtcp_plain=81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef
rtcp_17_1=81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4
rtcp_17_2=81c8000d4d617273d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de0476f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be800005d4

# libsrtp2's answers, read from the header bti_test.ko is built with.
vectors=
for f in "$here/kmod_test/libsrtp_vectors.h" "$here/libsrtp_vectors.h"; do
	[ -r "$f" ] && { vectors=$f; break; }
done
[ -n "$vectors" ] || bti_prereq_missing "kmod_test/libsrtp_vectors.h not found"
# The octets of the array NAME of the vectors header, as lower-case hex.
vector() {
	awk -v name="$1" '
		index($0, "u8 " name "[") { on = 1; next }
		on && /};/ { exit }
		on { gsub(/0x|[ \t,]/, ""); printf "%s", $0 }' "$vectors"
}
for v in v1_plain v1_srtp v2_plain v2_srtp v3_plain v3_srtp v4_plain v4_srtcp \
	v5_plain v5_srtp v6_plain v6_srtp v7_plain v7_srtcp; do
	[ -n "$(vector "libsrtp_$v")" ] || bti_prereq_missing "no libsrtp_$v in $vectors"
done

# recv_bg NS LOCAL TIMEOUT: a receiver of one datagram into $BTI_TMP/got,
# started in the background; returns once its socket is bound. Python's
# start over 9p took over 10 s on a loaded host, so it gets up to 120 s;
# a receiver that never came up is said so, not reported as "nothing".
recv_bg() {
	rm -f "$BTI_TMP/ready" "$BTI_TMP/got"
	BTI_UDP_READY=$BTI_TMP/ready ip netns exec "$1" python3 "$udp" recv "$2" 1 "$3" \
		>"$BTI_TMP/got" &
	RECV_PID=$!
	for _ in $(seq 1200); do
		[ -e "$BTI_TMP/ready" ] && return 0
		kill -0 "$RECV_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill "$RECV_PID" 2>/dev/null || true
	wait "$RECV_PID" 2>/dev/null || true
	echo "receiver not ready" >"$BTI_TMP/got"
	return 1
}

keys() { # KEY: the same session keys for both directions and protocols
	local d
	for d in tx rx; do
		printf '%s-srtp-key %s\n%s-srtp-salt %s\n' "$d" "$1" "$d" "$salt"
		printf '%s-srtcp-key %s\n%s-srtcp-salt %s\n' "$d" "$1" "$d" "$salt"
	done
}
umask 077
keys $key128 >"$BTI_TMP/gcm128.keys"
keys $key256 >"$BTI_TMP/gcm256.keys"
# RFC 3711 B.3's master key and salt, both directions; btictl derives the
# session keys (tools/lib/srtp_kdf, checked against B.3 by its unit test).
printf '%s-master-key E1F97A0D3E018BE0D64FA32C06DE4139\n%s-master-salt 0EC675AD498AFEEBB6960B3AABE6\n' \
	tx tx rx rx >"$BTI_TMP/b3.keys"
# RFC 6188 7.2's, for AES-256-CM (its KDF: the AES-256 PRF).
printf '%s-master-key F0F04914B513F2763A1B1FA130F10E2998F6F6E43E4309D1E622A0E332B9F1B6\n%s-master-salt 3B04803DE51EE7C96423AB5B78D2\n' \
	tx tx rx rx >"$BTI_TMP/rfc6188.keys"

ktap_begin 25

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

bti_netns_add "$A" && bti_netns_add "$B" &&
	ip link add va netns "$A" type veth peer name vb netns "$B" &&
	ip -n "$A" addr add 10.99.0.1/24 dev va && ip -n "$B" addr add 10.99.0.2/24 dev vb &&
	ip -n "$A" link set va up && ip -n "$B" link set vb up &&
	ip -n "$A" link set lo up && ip -n "$B" link set lo up
setup=$?
# Resolve the neighbours once, so that no test packet waits for ARP.
ip netns exec "$A" ping -c 1 -W 2 10.99.0.2 >/dev/null 2>&1 || true
ktap_check "two namespaces joined by veth" [ "$setup" -eq 0 ]

# kat_out NAME SUITE KEYFILE SSRC SEND_HEX EXPECT_HEX [SESSION ARGS...]
# Egress: A sends SEND_HEX in clear, B must receive EXPECT_HEX.
kat_out() {
	local name=$1 suite=$2 keys=$3 ssrc=$4 send=$5 want=$6 got
	shift 6
	ip netns exec "$A" "$BTICTL" session flush
	ip netns exec "$A" "$BTICTL" session add local 10.99.0.1:5004 \
		remote 10.99.0.2:6004 suite "$suite" tx-ssrc "$ssrc" rx-ssrc "$ssrc" "$@" \
		keys "$keys"
	if recv_bg "$B" 10.99.0.2:6004 5; then
		ip netns exec "$A" python3 "$udp" send 10.99.0.1:5004 10.99.0.2:6004 "$send"
		wait "$RECV_PID" || true
	fi
	got=$(cat "$BTI_TMP/got")
	if [ "$got" = "$want" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "expected $want
got      ${got:-nothing}
session  $(ip netns exec "$A" "$BTICTL" -j session show)
B: $(ip -n "$B" -s link show vb | tr '\n' ' ')
A: $(ip -n "$A" -s link show va | tr '\n' ' ')"
	fi
}

# kat_in NAME SUITE KEYFILE SSRC SEND_HEX EXPECT_HEX [VAR=VALUE] [SESSION ARGS...]
# Ingress: B sends SEND_HEX (protected), A's application must get
# EXPECT_HEX. VAR=VALUE is for the sender (bti_udp.py).
kat_in() {
	local name=$1 suite=$2 keys=$3 ssrc=$4 send=$5 want=$6 got senv=()
	shift 6
	while [ $# -gt 0 ] && [ "${1#*=}" != "$1" ]; do
		senv+=("$1")
		shift
	done
	ip netns exec "$A" "$BTICTL" session flush
	ip netns exec "$A" "$BTICTL" session add local 10.99.0.1:5004 \
		remote 10.99.0.2:6004 suite "$suite" tx-ssrc "$ssrc" rx-ssrc "$ssrc" "$@" \
		keys "$keys"
	if recv_bg "$A" 10.99.0.1:5004 5; then
		env "${senv[@]}" ip netns exec "$B" python3 "$udp" send 10.99.0.2:6004 10.99.0.1:5004 "$send"
		wait "$RECV_PID" || true
	fi
	got=$(cat "$BTI_TMP/got")
	if [ "$got" = "$want" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "expected $want
got      ${got:-nothing}
session  $(ip netns exec "$A" "$BTICTL" -j session show)
B: $(ip -n "$B" -s link show vb | tr '\n' ' ')
A: $(ip -n "$A" -s link show va | tr '\n' ' ')"
	fi
}

kat_out "RFC 7714 16.1.1: AEAD_AES_128_GCM RTP protected on the wire" \
	AEAD_AES_128_GCM "$BTI_TMP/gcm128.keys" 0x5501a0b2 $rtp_plain $rtp_16_1_1
kat_in "RFC 7714 16.1.2: AEAD_AES_128_GCM RTP verified and decrypted" \
	AEAD_AES_128_GCM "$BTI_TMP/gcm128.keys" 0x5501a0b2 $rtp_16_1_1 $rtp_plain
kat_in "RFC 7714 16.1.2 with no UDP checksum (zero): still verified and delivered" \
	AEAD_AES_128_GCM "$BTI_TMP/gcm128.keys" 0x5501a0b2 $rtp_16_1_1 $rtp_plain BTI_UDP_NO_CHECK=1
kat_out "RFC 7714 16.2.1: AEAD_AES_256_GCM RTP protected on the wire" \
	AEAD_AES_256_GCM "$BTI_TMP/gcm256.keys" 0x5501a0b2 $rtp_plain $rtp_16_2_1
kat_in "RFC 7714 16.2.2: AEAD_AES_256_GCM RTP verified and decrypted" \
	AEAD_AES_256_GCM "$BTI_TMP/gcm256.keys" 0x5501a0b2 $rtp_16_2_1 $rtp_plain
kat_out "RFC 7714 17.1: AEAD_AES_128_GCM RTCP protected on the wire" \
	AEAD_AES_128_GCM "$BTI_TMP/gcm128.keys" 0x4d617273 $rtcp_plain $rtcp_17_1 srtcp-index 0x5d4
kat_in "RFC 7714 17.2: AEAD_AES_256_GCM RTCP verified and decrypted" \
	AEAD_AES_256_GCM "$BTI_TMP/gcm256.keys" 0x4d617273 $rtcp_17_2 $rtcp_plain

# The same RFC packet again is a replay: dropped and counted, never delivered.
recv_bg "$A" 10.99.0.1:5004 2 || true
ip netns exec "$B" python3 "$udp" send 10.99.0.2:6004 10.99.0.1:5004 "$rtcp_17_2"
wait "$RECV_PID" || true
replays=$(ip netns exec "$A" "$BTICTL" -j session show | python3 -c \
	'import json,sys; print(json.load(sys.stdin)[0]["stats"]["drop_replay"])')
if [ ! -s "$BTI_TMP/got" ] && [ "$replays" = 1 ]; then
	ktap_ok "a replayed SRTCP packet is dropped and counted"
else
	ktap_fail "a replayed SRTCP packet is dropped and counted" "delivered: $(cat "$BTI_TMP/got"); drop_replay $replays"
fi

# libsrtp2's AES-CM answers (kmod_test/gen_libsrtp_vectors.c), keys from
# the RFC 3711 B.3 master key.
kat_out "libsrtp2 v1: AES_CM_128_HMAC_SHA1_80 RTP protected on the wire" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0xcafebabe \
	"$(vector libsrtp_v1_plain)" "$(vector libsrtp_v1_srtp)"
kat_in "libsrtp2 v1: AES_CM_128_HMAC_SHA1_80 RTP verified and decrypted" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0xcafebabe \
	"$(vector libsrtp_v1_srtp)" "$(vector libsrtp_v1_plain)"
kat_out "libsrtp2 v2: CSRCs, extension, marker, padding, ROC 5, protected on the wire" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0x0badf00d \
	"$(vector libsrtp_v2_plain)" "$(vector libsrtp_v2_srtp)" tx-roc 5
kat_in "libsrtp2 v2: CSRCs, extension, marker, padding, ROC 5, verified and decrypted" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0x0badf00d \
	"$(vector libsrtp_v2_srtp)" "$(vector libsrtp_v2_plain)" rx-roc 5
kat_out "libsrtp2 v3: AES_CM_128_HMAC_SHA1_32 RTP protected on the wire" \
	AES_CM_128_HMAC_SHA1_32 "$BTI_TMP/b3.keys" 0x01020304 \
	"$(vector libsrtp_v3_plain)" "$(vector libsrtp_v3_srtp)"
kat_in "libsrtp2 v3: AES_CM_128_HMAC_SHA1_32 RTP verified and decrypted" \
	AES_CM_128_HMAC_SHA1_32 "$BTI_TMP/b3.keys" 0x01020304 \
	"$(vector libsrtp_v3_srtp)" "$(vector libsrtp_v3_plain)"
kat_out "libsrtp2 v4: AES_CM_128_HMAC_SHA1_80 SRTCP protected on the wire (index 1)" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0xcafebabe \
	"$(vector libsrtp_v4_plain)" "$(vector libsrtp_v4_srtcp)" srtcp-index 1
kat_in "libsrtp2 v4: AES_CM_128_HMAC_SHA1_80 SRTCP verified and decrypted" \
	AES_CM_128_HMAC_SHA1_80 "$BTI_TMP/b3.keys" 0xcafebabe \
	"$(vector libsrtp_v4_srtcp)" "$(vector libsrtp_v4_plain)"
# The same for AES-256-CM (RFC 6188), keys from RFC 6188 7.2's master key.
kat_out "libsrtp2 v5: AES_256_CM_HMAC_SHA1_80 RTP with a CSRC, ROC 3, protected on the wire" \
	AES_256_CM_HMAC_SHA1_80 "$BTI_TMP/rfc6188.keys" 0x5eed5eed \
	"$(vector libsrtp_v5_plain)" "$(vector libsrtp_v5_srtp)" tx-roc 3
kat_in "libsrtp2 v5: AES_256_CM_HMAC_SHA1_80 RTP with a CSRC, ROC 3, verified and decrypted" \
	AES_256_CM_HMAC_SHA1_80 "$BTI_TMP/rfc6188.keys" 0x5eed5eed \
	"$(vector libsrtp_v5_srtp)" "$(vector libsrtp_v5_plain)" rx-roc 3
kat_out "libsrtp2 v6: AES_256_CM_HMAC_SHA1_32 RTP protected on the wire" \
	AES_256_CM_HMAC_SHA1_32 "$BTI_TMP/rfc6188.keys" 0x01020304 \
	"$(vector libsrtp_v6_plain)" "$(vector libsrtp_v6_srtp)"
kat_in "libsrtp2 v6: AES_256_CM_HMAC_SHA1_32 RTP verified and decrypted" \
	AES_256_CM_HMAC_SHA1_32 "$BTI_TMP/rfc6188.keys" 0x01020304 \
	"$(vector libsrtp_v6_srtp)" "$(vector libsrtp_v6_plain)"
kat_out "libsrtp2 v7: AES_256_CM_HMAC_SHA1_80 SRTCP protected on the wire (index 1)" \
	AES_256_CM_HMAC_SHA1_80 "$BTI_TMP/rfc6188.keys" 0x5eed5eed \
	"$(vector libsrtp_v7_plain)" "$(vector libsrtp_v7_srtcp)" srtcp-index 1
kat_in "libsrtp2 v7: AES_256_CM_HMAC_SHA1_80 SRTCP verified and decrypted" \
	AES_256_CM_HMAC_SHA1_80 "$BTI_TMP/rfc6188.keys" 0x5eed5eed \
	"$(vector libsrtp_v7_srtcp)" "$(vector libsrtp_v7_plain)"

# Tear the namespaces down with a live session before the log check.
ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
