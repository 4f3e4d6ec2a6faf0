# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bti_prov_lib.sh - what bti_provision.sh and the demo (tools/demo) share
# to run provisioning end to end: three network namespaces (BTI, GC, PS)
# joined by veths, a lab PKI and PS store made with bti-psadm, bti-gcd in
# GC, bti-psd in PS, btid in BTI against bti.ko. Sourced after bti_env.sh
# (the test) or on its own (the demo); uses no helper of bti_env.sh.
#
#   BTI (10.61.1.1) --veth-- GC (10.61.1.2:7611)
#   BTI (10.61.2.1) --veth-- PS (10.61.2.2:7612 control, :16000 media)
#
# Environment: BTID, BTI_GCD, BTI_PSD, BTI_PSADM (else the tools of the
# source tree). bti-psd runs its IVR: the prompt over SRTP, the user's
# entry keyed in by btid as DTMF through bti.ko.

PROV_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BTID=${BTID:-$PROV_SRC/tools/btid/btid}
BTI_GCD=${BTI_GCD:-$PROV_SRC/tools/gcd/bti-gcd}
BTI_PSD=${BTI_PSD:-$PROV_SRC/tools/psd/bti-psd}
BTI_PSADM=${BTI_PSADM:-$PROV_SRC/tools/psadm/bti-psadm}

PROV_BTI_GC=10.61.1.1
PROV_GC=10.61.1.2
PROV_BTI_PS=10.61.2.1
PROV_PS=10.61.2.2
PROV_GC_PORT=7611
PROV_PS_PORT=7612
PROV_MEDIA_PORT=16000	# the PS's media port (ACK's MEDIA_ADDR)
PROV_BTI_MEDIA=40000	# btid's default --media-port

PROV_GCD_PID=
PROV_PSD_PID=

# prov_net_setup BTI_NS GC_NS PS_NS: the namespaces must exist; joins BTI
# to GC and to PS with a veth each and brings everything up.
prov_net_setup() {
	local b=$1 g=$2 p=$3 ns
	for ns in "$b" "$g" "$p"; do
		ip -n "$ns" link set lo up || return 1
	done
	ip link add to-gc netns "$b" type veth peer name to-bti netns "$g" &&
		ip link add to-ps netns "$b" type veth peer name to-bti netns "$p" &&
		ip -n "$b" addr add "$PROV_BTI_GC/24" dev to-gc &&
		ip -n "$b" addr add "$PROV_BTI_PS/24" dev to-ps &&
		ip -n "$g" addr add "$PROV_GC/24" dev to-bti &&
		ip -n "$p" addr add "$PROV_PS/24" dev to-bti &&
		ip -n "$b" link set to-gc up && ip -n "$b" link set to-ps up &&
		ip -n "$g" link set to-bti up && ip -n "$p" link set to-bti up
}

# prov_pki DIR [CN]: a lab PKI in DIR (made, mode 0700): SP root
# (root.key, root.pem), intermediate CA (ica.*), PS certificate (ps.key,
# ps.pem: the PS and the intermediate). Its output goes to DIR/pki.log.
prov_pki() {
	local d=$1 cn=${2:-ps.bti.test}
	mkdir -p -m 700 "$d" || return 1
	{
		"$BTI_PSADM" pki root --subject "bti test SP root" \
			--out-key "$d/root.key" --out-cert "$d/root.pem" &&
			"$BTI_PSADM" pki intermediate --root-key "$d/root.key" \
				--root-cert "$d/root.pem" --out-key "$d/ica.key" \
				--out-cert "$d/ica.pem" &&
			"$BTI_PSADM" pki ps --subject "$cn" --root-key "$d/ica.key" \
				--root-cert "$d/ica.pem" --out-key "$d/ps.key" \
				--out-cert "$d/ps.pem" &&
			"$BTI_PSADM" pki verify --root "$d/root.pem" "$d/ps.pem"
	} >"$d/pki.log" 2>&1
}

# prov_psadm DIR ARGS...: bti-psadm on the store of DIR (store.db,
# store.key, admin.key).
prov_psadm() {
	local d=$1
	shift
	"$BTI_PSADM" --store "$d/store.db" --store-key "$d/store.key" \
		--admin-key "$d/admin.key" "$@"
}

# prov_store DIR ACCOUNT: a new store in DIR with ACCOUNT.
prov_store() {
	prov_psadm "$1" store init >"$1/store.log" 2>&1 &&
		prov_psadm "$1" account add "$2" >>"$1/store.log" 2>&1
}

# prov_order DIR ACCOUNT FILE: a work order of ACCOUNT; its number (the
# user's entry, a secret) goes to FILE (mode 0600), its id to stdout.
prov_order() {
	local j
	j=$(prov_psadm "$1" order add "$2" -j) || return 1
	(umask 077 && printf '%s\n' "$j" | jq -r .number >"$3") || return 1
	printf '%s\n' "$j" | jq -r .id
}

# prov_wait_file FILE [TENTHS]: wait until FILE exists (default 60 s: a
# loaded TCG guest starts programs slowly).
prov_wait_file() {
	local i
	for i in $(seq "${2:-600}"); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# prov_gcd_start NS DIR: bti-gcd in NS, handing out the PS; log DIR/gcd.log.
prov_gcd_start() {
	rm -f "$2/gcd.ready"
	ip netns exec "$1" "$BTI_GCD" --listen "$PROV_GC" --port "$PROV_GC_PORT" \
		--ps "$PROV_PS:$PROV_PS_PORT" --rate-burst 100 --rate-interval 1s \
		--ready-file "$2/gcd.ready" >>"$2/gcd.log" 2>&1 &
	PROV_GCD_PID=$!
	prov_wait_file "$2/gcd.ready"
}

# prov_psd_start NS PKI STORE [OPTION...]: bti-psd in NS with the PS key
# and chain of PKI, the store of STORE and its IVR on
# PROV_PS:PROV_MEDIA_PORT. Log: STORE/psd.log (appended).
prov_psd_start() {
	local ns=$1 pki=$2 st=$3
	shift 3
	rm -f "$st/psd.ready"
	ip netns exec "$ns" "$BTI_PSD" --listen "$PROV_PS" --port "$PROV_PS_PORT" \
		--cert "$pki/ps.pem" --key "$pki/ps.key" \
		--store "$st/store.db" --store-key "$st/store.key" \
		--media-addr "$PROV_PS:$PROV_MEDIA_PORT" \
		--ready-file "$st/psd.ready" "$@" >>"$st/psd.log" 2>&1 &
	PROV_PSD_PID=$!
	prov_wait_file "$st/psd.ready"
}

# prov_prompt FRAMES RAW WAV: a prompt of FRAMES 20 ms frames of random
# G.711 mu-law octets: RAW the octets (capture.py --prompt), WAV the same
# as a WAV file (format 7, 8000 Hz, mono: bti-psd --prompt).
prov_prompt() {
	python3 - "$@" <<'PY'
import os, struct, sys
n, raw, wav = int(sys.argv[1]) * 160, sys.argv[2], sys.argv[3]
data = os.urandom(n)
with open(raw, "wb") as f:
    f.write(data)
fmt = struct.pack("<HHIIHHH", 7, 1, 8000, 8000, 1, 8, 0)
body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + \
    b"data" + struct.pack("<I", n) + data + (b"\0" if n & 1 else b"")
with open(wav, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", len(body)) + body)
PY
}

# prov_wav_frames WAV RAW: how the samples of WAV (a mu-law WAV, e.g.
# btid --prompt-to) compare with the prompt RAW: prints "FRAMES FOUND
# FIRST": its whole 160-octet frames, how many of them are frames of RAW,
# and the index in RAW of the first one (-1: not found).
prov_wav_frames() {
	python3 - "$@" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
raw = open(sys.argv[2], "rb").read()
frames = {raw[i:i + 160]: i // 160 for i in range(0, len(raw) - 159, 160)}
at, data = 12, b""
while at + 8 <= len(d):
    cid, size = d[at:at + 4], struct.unpack("<I", d[at + 4:at + 8])[0]
    if cid == b"data":
        data = d[at + 8:at + 8 + size]
        break
    at += 8 + size + (size & 1)
got = [data[i:i + 160] for i in range(0, len(data) - 159, 160)]
found = [frames[g] for g in got if g in frames]
print(len(got), len(found), found[0] if found else -1)
PY
}

# prov_stop PID: SIGTERM and wait; the daemon's exit status.
prov_stop() {
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || true
	wait "$1"
}

prov_psd_stop() {
	local rc=0
	prov_stop "$PROV_PSD_PID" || rc=$?
	PROV_PSD_PID=
	return "$rc"
}

prov_gcd_stop() {
	local rc=0
	prov_stop "$PROV_GCD_PID" || rc=$?
	PROV_GCD_PID=
	return "$rc"
}

# prov_btid_args DIR PKI ENTRY: the arguments of "btid provision" with the
# state in DIR (made, mode 0700), the SP root of PKI and the user's entry
# from the file ENTRY.
prov_btid_args() {
	mkdir -p -m 700 "$1" || return 1
	PROV_BTID_ARGS=(provision --gc "$PROV_GC:$PROV_GC_PORT"
		--sp-root "$2/root.pem" --state "$1/state"
		--media-port "$PROV_BTI_MEDIA" --digits-from "$3")
}
