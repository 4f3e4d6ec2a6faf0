#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-demo.sh MODULE OUTPUT_DIR
#
# Runs inside the demo VM (see demo.sh): provisioning of a BTI end to end
# against bti.ko. Three network namespaces, bti, gc and ps, joined by
# veths (selftests/bti_prov_lib.sh); a fresh SP root and PS certificate,
# a store with one account and one work order (bti-psadm); bti-gcd in gc,
# bti-psd in ps; the user dials 611 and keys the work order in: btid
# --verbose in bti prints each step 301-310 as it happens: bti-psd's IVR
# plays the prompt over SRTP, btid receives it through bti.ko (and
# records it, --prompt-to) and keys the entry in as DTMF that bti.ko
# protects. Then the daemons' logs, the bti.ko counters of the call (they
# must not be 0), what each side stored, and a summary of the packet
# capture on the BTI's links (capture.py): media packets each way, and
# neither the prompt frames the BTI received, nor a bare DTMF event, nor
# the work order number in clear.
# Everything goes to OUTPUT_DIR/demo.txt; the capture is
# OUTPUT_DIR/call.pcap. Fails on the first step that does not behave.
set -eu

ko=$1
outdir=$(cd "$2" && pwd -P)
exec >"$outdir/demo.txt" 2>&1
top=$(cd "$(dirname "$0")/../.." && pwd -P)
# shellcheck source=../../selftests/bti_prov_lib.sh
. "$top/selftests/bti_prov_lib.sh"
btictl=$top/tools/btictl/btictl
capture=$top/tools/demo/capture.py
w=/tmp/bti-demo
pids=()

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	for ns in bti gc ps; do ip netns del "$ns" 2>/dev/null || true; done
	rmmod bti 2>/dev/null || true
}
trap cleanup EXIT

say() { printf '\n== %s ==\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
bctl() { printf '$ ip netns exec bti btictl %s\n' "$*"; ip netns exec bti "$btictl" "$@"; }
psadm() { printf '$ bti-psadm %s\n' "$*"; prov_psadm "$w/ps" "$@"; }
# The step lines of a daemon's log, without its time stamp.
daemon_log() { sed 's/^[0-9TZ:.-]* //' "$1" | grep -v 'LAB/TEST MODE' | sed 's/^/  /'; }

say "bti provisioning demo on Linux $(uname -r)"
for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do modprobe "$dep"; done
insmod "$ko"
echo "bti.ko loaded: $("$btictl" version | head -n 1)"

say "three network namespaces joined by veths"
rm -rf "$w"
mkdir -m 700 "$w" "$w/ps" "$w/user"
for ns in bti gc ps; do ip netns add "$ns"; done
prov_net_setup bti gc ps
echo "  BTI  $PROV_BTI_GC --- GC $PROV_GC (bti-gcd, TCP $PROV_GC_PORT)"
echo "  BTI  $PROV_BTI_PS --- PS $PROV_PS (bti-psd, TCP $PROV_PS_PORT, media UDP $PROV_MEDIA_PORT)"

say "the service provider: a fresh SP root and PS certificate (bti-psadm pki)"
prov_pki "$w/pki" ps.demo.example
"$BTI_PSADM" pki show "$w/pki/root.pem" "$w/pki/ps.pem" |
	grep -E 'subject|issuer|key:|PS role|SHA-256' | sed 's/^/  /'
echo "  the BTI is given root.pem, its only trust anchor"

say "the PS store: one account, one work order (bti-psadm)"
prov_store "$w/ps" demo-account
order=$(prov_order "$w/ps" demo-account "$w/user/work-order")
echo "  account demo-account, work order $order: the user got its 16-digit"
echo "  number by letter: ${order}******** (the last 8 digits are its secret)"

say "the daemons"
prov_gcd_start gc "$w" || { cat "$w/gcd.log"; exit 1; }
pids+=("$PROV_GCD_PID")
prov_psd_start ps "$w/pki" "$w/ps" || { cat "$w/ps/psd.log"; exit 1; }
pids+=("$PROV_PSD_PID")
echo "  bti-gcd in gc, handing out $PROV_PS:$PROV_PS_PORT for 611"
echo "  bti-psd in ps with its key and certificate chain and the store; its"
echo "  IVR on UDP $PROV_PS:$PROV_MEDIA_PORT (built-in prompt: tones, not speech)"

rm -f "$w/cap.ready"
ip netns exec bti python3 "$capture" capture "$outdir/call.pcap" "$w/cap.ready" \
	to-gc to-ps &
cap=$!
pids+=("$cap")
prov_wait_file "$w/cap.ready" 100

say "bti.ko before the call"
ip netns exec bti "$btictl" stats zero
bctl stats

say "the user dials 611 and keys the work order in (btid provision --verbose)"
prov_btid_args "$w/bti" "$w/pki" "$w/user/work-order"
PROV_BTID_ARGS+=(--prompt-to "$outdir/prompt.wav")
echo "\$ btid ${PROV_BTID_ARGS[*]} --verbose"
ip netns exec bti "$BTID" "${PROV_BTID_ARGS[@]}" --verbose 2>&1 | sed -u 's/^/  /'
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || { echo "demo: btid failed ($rc)"; exit 1; }

say "what the gate controller logged (step 301)"
daemon_log "$w/gcd.log" | grep -v 'listening\|settings\|bti-gcd [0-9]' || true
say "what the provisioning server logged (steps 302-310)"
daemon_log "$w/ps/psd.log" | grep -v 'on port' || true

say "the bti.ko counters of the call (namespace bti)"
bctl stats
j=$(ip netns exec bti "$btictl" -j stats)
tx=$(printf '%s' "$j" | jq .tx_packets) rx=$(printf '%s' "$j" | jq .rx_packets)
drops=$(printf '%s' "$j" | jq '.drop_auth + .drop_replay + .drop_malformed')
echo "  bti.ko protected $tx packets (btid's DTMF) and verified $rx (the PS's"
echo "  prompt); $drops dropped for auth, replay or malformed"
if [ "$tx" = 0 ] || [ "$rx" = 0 ] || [ "$drops" != 0 ]; then
	echo "demo: the call's media did not go through bti.ko as it should"
	exit 1
fi
echo "(the call's session is gone: btid removed it at step 310)"
bctl session show

sleep 0.5
kill -TERM "$cap"
wait "$cap" || true

say "what each side stored"
echo "\$ btid status --state $w/bti/state"
"$BTID" status --state "$w/bti/state"
echo "  mode $(stat -c %A "$w/bti/state") $w/bti/state"
psadm device list
psadm order list

say "the prompt btid recorded ($outdir/prompt.wav)"
# The raw mu-law frames of that WAV: what capture.py looks for.
python3 - "$outdir/prompt.wav" "$w/prompt.ul" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
at = 12
while at + 8 <= len(d):
    cid, size = d[at:at + 4], struct.unpack("<I", d[at + 4:at + 8])[0]
    if cid == b"data":
        data = d[at + 8:at + 8 + size]
        open(sys.argv[2], "wb").write(data)
        print(f"  {len(data)} samples ({len(data) // 160} frames of 20 ms) of G.711 mu-law")
        break
    at += 8 + size + (size & 1)
else:
    sys.exit("demo: no data chunk in the prompt WAV")
PY
[ -s "$w/prompt.ul" ] || { echo "demo: btid recorded no prompt"; exit 1; }

say "the packet capture on the BTI's links ($outdir/call.pcap)"
st=0
python3 "$capture" summary "$outdir/call.pcap" --bti "$PROV_BTI_GC" \
	--bti "$PROV_BTI_PS" --gc "$PROV_GC" --ps "$PROV_PS" \
	--number "$w/user/work-order" --prompt "$w/prompt.ul" >"$w/summary.txt" || st=$?
sed 's/^/  /' "$w/summary.txt"
[ "$st" -eq 0 ] || { echo "demo: something crossed the wire in clear"; exit 1; }
up=$(sed -n 's/.*media (UDP) *BTI -> PS: *\([0-9]*\) .*/\1/p' "$w/summary.txt")
down=$(sed -n 's/.*media (UDP) .*PS -> BTI: *\([0-9]*\)$/\1/p' "$w/summary.txt")
if [ "${up:-0}" = 0 ] || [ "${down:-0}" = 0 ]; then
	echo "demo: the capture has no media one way (BTI->PS ${up:-0}, PS->BTI ${down:-0})"
	exit 1
fi
echo "  the prompt ($down SRTP packets) and the DTMF ($up SRTP packets) crossed"
echo "  the wire protected only: no prompt frame and no plain DTMF event in clear"

prov_psd_stop
prov_gcd_stop
echo
echo "== done =="
