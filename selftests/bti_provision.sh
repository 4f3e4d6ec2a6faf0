#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Provisioning end to end (Documentation/protocol.rst, steps 301-310)
# against bti.ko: three namespaces BTI, GC and PS joined by veths
# (bti_prov_lib.sh), a fresh lab PKI, store, account and work orders made
# with bti-psadm, bti-gcd in GC, bti-psd in PS, btid in BTI.
#
#   - happy path: btid exits 0 (--verbose naming steps 301-310 in
#     order); its state file is PROVISIONED, mode 0600;
#     btid status and the PS store agree on the user key, device and
#     account; the work order is spent; no bti.ko session and no runtime
#     file are left;
#   - the call's media went through bti.ko (bti-psd runs its IVR): the
#     namespace's counters show protected and verified packets and no
#     auth/replay/malformed drop, and the PS verified the DTMF events;
#     btid's --prompt-to WAV holds frames of the prompt bti-psd played (a
#     WAV of random mu-law made here); the capture (tools/demo/capture.py)
#     finds media packets each way, and neither a prompt frame, nor a
#     bare telephone-event, nor the work order number in clear;
#   - a restart of btid: "already provisioned", nothing changed;
#   - a second BTI keying in the spent work order: the entry passes (a
#     spent order may be a resume by its own key) and REGISTER is refused
#     with WORK_ORDER_USED; the store has no new device, the order stays
#     the first device's, btid removed its REGISTERING (state NONE), no
#     bti.ko session;
#   - a rogue PS (certificate of another root): btid refuses the chain
#     (CERT_UNTRUSTED in the PS's log, once), no retry, nothing stored on
#     either side, no bti.ko session;
#   - a call held open (btid's --digits-from is a FIFO the test writes
#     the entry to only later): bti.ko holds the call's session, named in
#     the runtime file; DTMF of the right number injected toward the PS's
#     media port from other ports of the BTI (plain RTP on the call's
#     SSRC, SRTP-shaped packets under random keys, plain RTP on another
#     SSRC, each from its own port) completes nothing, the PS counts it as unknown sources, and
#     the capture finds that plain DTMF in clear (the control of the
#     capture's check); then the real entry completes the call;
#   - another call held open: btid is killed (SIGKILL) there, its session
#     and runtime file are left; the next btid removes the stale session
#     and provisions with the same work order.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"
# shellcheck source=bti_prov_lib.sh
. "$here/bti_prov_lib.sh"

BTID_PID=
BTID5_PID=
CAP_PID=
ktap_cleanup() {
	[ -z "$BTID_PID" ] || kill -KILL "$BTID_PID" 2>/dev/null || true
	[ -z "$BTID5_PID" ] || kill -KILL "$BTID5_PID" 2>/dev/null || true
	[ -z "$CAP_PID" ] || kill -TERM "$CAP_PID" 2>/dev/null || true
	prov_psd_stop >/dev/null 2>&1 || true
	prov_gcd_stop >/dev/null 2>&1 || true
	if [ -n "${BTI_TMP:-}" ] && [ -d "$BTI_TMP/w" ] && [ -n "${BTI_PROV_KEEP:-}" ]; then
		{ rm -rf "$BTI_PROV_KEEP"; cp -a "$BTI_TMP/w" "$BTI_PROV_KEEP"; } || true
	fi
	bti_cleanup
	bti_unload || true
}

bti_setup ip jq python3 insmod rmmod modprobe cmp stat
for t in "$BTID" "$BTI_GCD" "$BTI_PSD" "$BTI_PSADM"; do
	[ -x "$t" ] || bti_prereq_missing "$t not found (make tools)"
done
umask 077
UDP=$here/bti_udp.py
NB=$(bti_netns_name prov-bti)
NG=$(bti_netns_name prov-gc)
NP=$(bti_netns_name prov-ps)
W=$BTI_TMP/w
mkdir -m 700 "$W"
PKI=$W/pki		# the SP's lab PKI
ST=$W/ps		# the PS store
ACCT="acct-prov"

ktap_begin 23

# ---- set-up ----

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

rc=0
{ bti_netns_add "$NB" && bti_netns_add "$NG" && bti_netns_add "$NP" &&
	prov_net_setup "$NB" "$NG" "$NP"; } || rc=1
ktap_check "three namespaces BTI, GC, PS joined by veths" [ "$rc" -eq 0 ]

rc=0
mkdir -m 700 "$ST" "$W/entry"
{ prov_pki "$PKI" && prov_store "$ST" "$ACCT" &&
	O1=$(prov_order "$ST" "$ACCT" "$W/entry/wo1") &&
	O2=$(prov_order "$ST" "$ACCT" "$W/entry/wo2") &&
	O3=$(prov_order "$ST" "$ACCT" "$W/entry/wo3") &&
	prov_prompt 40 "$W/prompt.ul" "$W/prompt.wav"; } || rc=1
if [ "$rc" -eq 0 ] && grep -q '^ok: CN=ps.bti.test' "$PKI/pki.log"; then
	ktap_ok "bti-psadm: lab PKI (root, intermediate, PS), store, account, three work orders; a prompt WAV"
else
	ktap_fail "bti-psadm: lab PKI (root, intermediate, PS), store, account, three work orders; a prompt WAV" \
		"$(cat "$PKI/pki.log" "$ST/store.log" 2>/dev/null)"
	O1=0 O2=0 O3=0
fi

rc=0
prov_gcd_start "$NG" "$W" || rc=1
prov_psd_start "$NP" "$PKI" "$ST" --prompt "$W/prompt.wav" || rc=1
ktap_check "bti-gcd in GC and bti-psd (its IVR, the prompt WAV) in PS listening" [ "$rc" -eq 0 ]

# ---- helpers ----

bctl() { ip netns exec "$NB" "$BTICTL" "$@"; }
sessions() { bctl -j session show 2>/dev/null || echo '"error"'; }
no_session() { [ "$(sessions | jq -c .)" = "[]" ]; }
stat_ns() { bctl -j stats | jq -r ".$1"; }
devices() { prov_psadm "$ST" device list -j | jq length; }
audit_rows() { prov_psadm "$ST" audit -j | jq length; }
order_state() { prov_psadm "$1" order list -j | jq -r --arg o "$2" '.[] | select(.id == $o) | "\(.state) \(.device)"'; }
btid() { bti_run ip netns exec "$NB" "$BTID" "$@"; }
field() { sed -n "s/^$1 //p" "$2"; }
# The value of counter $2 in the last line of the PS log $1 with $3.
psd_count() { grep "$3" "$1" | tail -n 1 | sed -n "s/.*[ :]$2 \([0-9]*\).*/\1/p"; }

# The demo's capture (tools/demo/capture.py) on the BTI's link to the PS.
CAPTURE=$here/../tools/demo/capture.py
cap_start() {
	rm -f "$W/cap.ready"
	ip netns exec "$NB" python3 "$CAPTURE" capture "$1" "$W/cap.ready" to-ps &
	CAP_PID=$!
	prov_wait_file "$W/cap.ready" 600
}
cap_stop() {
	sleep 0.3
	kill -TERM "$CAP_PID" 2>/dev/null || true
	wait "$CAP_PID" || true
	CAP_PID=
}
# cap_summary PCAP NUMBER [OPTION...]
cap_summary() {
	local pcap=$1 number=$2
	shift 2
	python3 "$CAPTURE" summary "$pcap" --bti "$PROV_BTI_PS" --gc "$PROV_GC" \
		--ps "$PROV_PS" --number "$number" "$@"
}

# ---- the happy path ----

declare -A k0
for c in tx_packets rx_packets drop_auth drop_replay drop_malformed; do
	k0[$c]=$(stat_ns $c)
done
cap_start "$W/happy.pcap" || ktap_diag "the capture is not ready"
prov_btid_args "$W/bti1" "$PKI" "$W/entry/wo1"
btid "${PROV_BTID_ARGS[@]}" --prompt-to "$W/bti1/prompt.wav" --verbose
cap_stop
steps=$(printf '%s\n' "$RUN_ERR" | sed -n 's/^btid: step \([0-9]*\): .*/\1/p' | uniq | tr '\n' ' ')
steps=${steps% }
if [ "$RUN_RC" -eq 0 ] && [[ $RUN_OUT == *"btid: provisioned"* ]] &&
   [ "$steps" = "301 302 303 304 305 306 307 308 309 310" ]; then
	ktap_ok "happy path: btid provisions through GC and PS (prompt and DTMF through bti.ko), exit 0, --verbose names steps $steps"
else
	ktap_fail "happy path: btid provisions through GC and PS, exit 0, --verbose names each step" \
		"steps '$steps'; $(bti_run_report; tail -n 20 "$ST/psd.log")"
fi

S1=$W/bti1/state
if [ "$(sed -n 2p "$S1" 2>/dev/null)" = "state PROVISIONED" ] &&
   [ "$(stat -c %a "$S1")" = 600 ]; then
	ktap_ok "happy path: state file PROVISIONED, mode 0600"
else
	ktap_fail "happy path: state file PROVISIONED, mode 0600" \
		"$(ls -l "$W/bti1"; sed -n 2p "$S1" 2>/dev/null)"
fi

btid status --state "$S1"
printf '%s\n' "$RUN_OUT" >"$W/status1"
dev=$(field device-id "$W/status1")
pub=$(field user-public "$W/status1")
acct=$(field account-id "$W/status1")
show=$(prov_psadm "$ST" device show "${dev:-none}" -j 2>&1) || true
if [ -n "$dev" ] && [ -n "$pub" ] &&
   [ "$(printf '%s' "$show" | jq -r .user_pub 2>/dev/null)" = "$pub" ] &&
   [ "$(printf '%s' "$show" | jq -r .account 2>/dev/null)" = "$ACCT" ] &&
   [ "$acct" = "$ACCT" ] && [ "$(devices)" = 1 ] &&
   [ "$(printf '%s' "$show" | jq -r .peer 2>/dev/null)" = "$PROV_BTI_PS" ]; then
	ktap_ok "happy path: btid status and the PS store agree on device, account and user key"
else
	ktap_fail "happy path: btid status and the PS store agree on device, account and user key" \
		"btid: $(cat "$W/status1"); store: $show"
fi

got=$(order_state "$ST" "$O1")
ktap_check "happy path: work order $O1 spent, by that device" [ "$got" = "spent $dev" ]

if no_session && [ ! -e "$S1.session" ]; then
	ktap_ok "happy path: after the run no bti.ko session and no runtime file"
else
	ktap_fail "happy path: after the run no bti.ko session and no runtime file" \
		"$(sessions; ls -l "$W/bti1")"
fi

declare -A kd
for c in tx_packets rx_packets drop_auth drop_replay drop_malformed; do
	kd[$c]=$(($(stat_ns $c) - ${k0[$c]}))
done
ev=$(psd_count "$ST/psd.log" events "call ended:")
af=$(psd_count "$ST/psd.log" auth_fail "call ended:")
pstx=$(psd_count "$ST/psd.log" tx "call ended:")
if [ "${kd[tx_packets]}" -gt 0 ] && [ "${kd[rx_packets]}" -gt 0 ] &&
   [ "${kd[drop_auth]}" -eq 0 ] && [ "${kd[drop_replay]}" -eq 0 ] &&
   [ "${kd[drop_malformed]}" -eq 0 ] && [ "${ev:-0}" -gt 0 ] && [ "${af:-1}" -eq 0 ]; then
	ktap_ok "happy path: bti.ko protected ${kd[tx_packets]} and verified ${kd[rx_packets]} packets of the call, no drop; the PS verified $ev DTMF events, sent $pstx prompt packets"
else
	ktap_fail "happy path: bti.ko protected and verified the call's media, no drop; the PS verified the DTMF" \
		"bti.ko: $(for c in "${!kd[@]}"; do printf '%s %s ' "$c" "${kd[$c]}"; done); PS: $(grep 'call ended:' "$ST/psd.log" | tail -n 1)"
fi

# btid's recording of the prompt: whole 160-octet frames, each one of
# the prompt's frames (the PS plays them in order, from the first).
read -r nf nfound first < <(prov_wav_frames "$W/bti1/prompt.wav" "$W/prompt.ul" 2>&1) || true
if [ "${nf:-0}" -gt 0 ] 2>/dev/null && [ "$nfound" = "$nf" ] && [ "$first" = 0 ]; then
	ktap_ok "happy path: btid's --prompt-to WAV holds $nf frames, all the PS's prompt frames (from its first)"
else
	ktap_fail "happy path: btid's --prompt-to WAV holds the PS's prompt frames" \
		"frames ${nf:-?}, found ${nfound:-?}, first ${first:-?}; $(ls -l "$W/bti1")"
fi

sum=$(cap_summary "$W/happy.pcap" "$W/entry/wo1" --prompt "$W/prompt.ul" 2>&1) && rc=0 || rc=$?
up=$(printf '%s\n' "$sum" | sed -n 's/.*media (UDP) *BTI -> PS: *\([0-9]*\) .*/\1/p')
down=$(printf '%s\n' "$sum" | sed -n 's/.*PS -> BTI: *\([0-9]*\)$/\1/p' | tail -n 1)
if [ "$rc" -eq 0 ] && [ "${up:-0}" -gt 0 ] && [ "${down:-0}" -gt 0 ] &&
   [[ $sum == *"media: none of the"* ]] &&
   [[ $sum == *"work order number is in none of the"* ]]; then
	ktap_ok "capture.py: media each way (BTI->PS $up, PS->BTI $down); no prompt frame, bare telephone-event (DTMF) or work order number in clear"
else
	ktap_fail "capture.py: media each way; no prompt frame, bare telephone-event (DTMF) or work order number in clear" \
		"status $rc: $sum"
fi

# ---- a restart ----

cp -p "$S1" "$W/state1.before"
m0=$(stat -c %Y.%i "$S1") d0=$(devices) a0=$(audit_rows)
btid "${PROV_BTID_ARGS[@]}"
if [ "$RUN_RC" -eq 0 ] && [[ $RUN_OUT == *"already provisioned"* ]] &&
   cmp -s "$S1" "$W/state1.before" && [ "$(stat -c %Y.%i "$S1")" = "$m0" ] &&
   [ "$(devices)" = "$d0" ] && [ "$(audit_rows)" = "$a0" ] && no_session; then
	ktap_ok "restart: btid says already provisioned; state file, store and bti.ko unchanged"
else
	ktap_fail "restart: btid says already provisioned; state file, store and bti.ko unchanged" \
		"$(bti_run_report)"
fi

# ---- btid rekey: new keys for a session of the provisioned BTI ----
# A session as a voice call would have it, then btid rekey renews its keys
# with the PS (PURPOSE 2) and replaces its contexts with SESSION_SET.

RK_LOCAL=$PROV_BTI_PS:41000 RK_REMOTE=$PROV_PS:6000
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	00112233445566778899aabbccddeeff 0123456789abcdef01234567 \
	ffeeddccbbaa99887766554433221100 76543210fedcba9876543210 >"$W/rk.keys"
bctl session add local "$RK_LOCAL" remote "$RK_REMOTE" suite AEAD_AES_128_GCM \
	tx-ssrc 0x1111 rx-ssrc 0x2222 keys "$W/rk.keys" >/dev/null 2>&1 || true
rk_ssrcs() { sessions | jq -r --arg l "$RK_LOCAL" '.[] | select(.local == $l) | "\(.tx.ssrc) \(.rx.ssrc)"'; }
rk0=$(rk_ssrcs)
cp -p "$S1" "$W/state1.rekey"
btid rekey --gc "$PROV_GC:$PROV_GC_PORT" --sp-root "$PKI/root.pem" --state "$S1" \
	--local "$RK_LOCAL" --remote "$RK_REMOTE"
rk1=$(rk_ssrcs)
if [ "$rk0" = "4369 8738" ] && [ "$RUN_RC" -eq 0 ] &&
   [[ $RUN_OUT == *"btid: rekeyed the session"* ]] &&
   [ -n "$rk1" ] && [ "${rk1%% *}" != 4369 ] && [ "${rk1##* }" != 8738 ] &&
   grep -q ": rekeyed" "$ST/psd.log" && cmp -s "$S1" "$W/state1.rekey"; then
	ktap_ok "btid rekey: the PS renews the keys, bti.ko's session gets them by SESSION_SET (SSRCs $rk0 -> $rk1), the state file unchanged"
else
	ktap_fail "btid rekey: the PS renews the keys, bti.ko's session gets them by SESSION_SET" \
		"ssrcs before '$rk0' after '$rk1'; $(bti_run_report; tail -n 5 "$ST/psd.log")"
fi
bctl session del local "$RK_LOCAL" remote "$RK_REMOTE" >/dev/null 2>&1 || true

# ---- the spent work order ----

d0=$(devices) a0=$(audit_rows)
prov_btid_args "$W/bti2" "$PKI" "$W/entry/wo1"
btid "${PROV_BTID_ARGS[@]}"
used=$(prov_psadm "$ST" audit -j | jq --argjson n "$a0" \
	'[.[$n:][] | select(.result_name == "WORK_ORDER_USED")] | length')
st2=$(ip netns exec "$NB" "$BTID" status --state "$W/bti2/state" 2>&1 | sed -n 1p)
if [ "$RUN_RC" -eq 1 ] && [[ $RUN_ERR == *WORK_ORDER_USED* ]] && [ "$used" -ge 1 ] &&
   [[ $RUN_ERR == *"REGISTERING removed"* ]] && [ "$st2" = "state NONE" ] &&
   [ ! -e "$W/bti2/state" ] && [ "$(devices)" = "$d0" ] && no_session &&
   [ "$(order_state "$ST" "$O1")" = "spent $dev" ]; then
	ktap_ok "spent work order: refused with WORK_ORDER_USED, no device bound, btid's REGISTERING removed ($st2), no session"
else
	ktap_fail "spent work order: refused with WORK_ORDER_USED, no device bound, btid's REGISTERING removed, no session" \
		"$(bti_run_report; echo "used rows $used, devices $(devices), btid $st2"; sessions)"
fi

# ---- a rogue PS ----

RPKI=$W/rogue-pki RST=$W/rogue-ps
mkdir -m 700 "$RST"
rc=0
{ prov_pki "$RPKI" ps.bti.test && prov_store "$RST" "$ACCT" &&
	OR=$(prov_order "$RST" "$ACCT" "$W/entry/rogue") &&
	prov_psd_stop && prov_psd_start "$NP" "$RPKI" "$RST"; } || rc=1
d0=$(devices)
prov_btid_args "$W/bti3" "$PKI" "$W/entry/rogue"
btid "${PROV_BTID_ARGS[@]}"
sleep 0.5	# the PS reads the ERROR, then the close
ended=$(grep -c "run ended" "$RST/psd.log" || true)
if [ "$rc" -eq 0 ] && [ "$RUN_RC" -eq 1 ] && [[ $RUN_ERR == *"PS certificate chain"* ]] &&
   grep -q "run ended: CERT_UNTRUSTED (peer's)" "$RST/psd.log" && [ "$ended" = 1 ] &&
   [ "$(prov_psadm "$RST" audit -j | jq '[.[] | select(.event == "session_failed")] | length')" = 1 ] &&
   [[ $RUN_ERR == *"after 1 run:"* ]] && [ ! -e "$W/bti3/state" ] &&
   [ ! -e "$W/bti3/state.session" ] && no_session &&
   [ "$(prov_psadm "$RST" device list -j | jq length)" = 0 ] &&
   [ "$(order_state "$RST" "$OR")" = "open null" ] && [ "$(devices)" = "$d0" ]; then
	ktap_ok "rogue PS (another root): btid refuses its chain (CERT_UNTRUSTED, one run ended and one audit row at the PS), no retry, nothing stored on either side, no session"
else
	ktap_fail "rogue PS (another root): btid refuses its chain (CERT_UNTRUSTED, once at the PS), no retry, nothing stored on either side, no session" \
		"setup $rc, run ended x$ended; $(bti_run_report; ls -l "$W/bti3"; sessions; tail -n 5 "$RST/psd.log"; prov_psadm "$RST" audit -j)"
fi
prov_psd_stop || true

# ---- a call held open: DTMF injected, then the real entry ----

# btid's entries come from a FIFO the test holds open (read-write, so
# that neither side blocks) and writes the entry to only later: btid
# waits for the line with the call up.
prov_psd_start "$NP" "$PKI" "$ST" --prompt "$W/prompt.wav" || true
mkfifo -m 600 "$W/entry/wo2.fifo" "$W/entry/wo3.fifo"
exec 8<>"$W/entry/wo2.fifo"
prov_btid_args "$W/bti4" "$PKI" "$W/entry/wo2.fifo"
S4=$W/bti4/state
ip netns exec "$NB" "$BTID" "${PROV_BTID_ARGS[@]}" >"$W/btid4.out" 2>&1 &
BTID_PID=$!
for _ in $(seq 600); do
	[ "$(sessions | jq length 2>/dev/null)" = 1 ] && break
	sleep 0.1
done
ses=$(sessions)
flow="$PROV_BTI_PS:$PROV_BTI_MEDIA $PROV_PS:$PROV_MEDIA_PORT"
if [ "$(printf '%s' "$ses" | jq -r '.[0] | "\(.local) \(.remote)"' 2>/dev/null)" = "$flow" ] &&
   [ "$(printf '%s' "$ses" | jq -r '.[0].suite')" = AEAD_AES_128_GCM ] &&
   grep -qx "local ${flow%% *}" <(sed 's/\(local [^ ]*\) \([0-9]*\)$/\1:\2/' "$S4.session" 2>/dev/null); then
	ktap_ok "held call: bti.ko holds its session ($flow, AEAD_AES_128_GCM), named in the runtime file"
else
	ktap_fail "held call: bti.ko holds its session ($flow, AEAD_AES_128_GCM), named in the runtime file" \
		"$ses; $(cat "$S4.session" 2>/dev/null); $(cat "$W/btid4.out")"
fi

# The DTMF of the right entry (work order wo2 and '#', RFC 4733: start,
# end three times per key), on the call's SSRC (ssrc_b2p), in plain RTP.
ssrc=$(printf '%s' "$ses" | jq -r '.[0].tx.ssrc // 0' 2>/dev/null || echo 0)
dtmf_pkts() {	# SSRC TAIL: TAIL "plain" or "srtp" (random 4 + 16 octets)
	python3 - "$1" "$2" "$(cat "$W/entry/wo2")" <<'PY'
import os, struct, sys
ssrc, tail, number = int(sys.argv[1]), sys.argv[2], sys.argv[3].rstrip("#")
seq, ts = 1000, 80000
for key in [int(c) for c in number] + [11]:
    for i, (end, dur) in enumerate(((0, 160), (1, 800), (1, 800), (1, 800))):
        hdr = struct.pack("!BBHII", 0x80, (0x80 if i == 0 else 0) | 101,
                          seq, ts, ssrc)
        ev = struct.pack("!BBH", key, (0x80 if end else 0) | 10, dur)
        body = ev if tail == "plain" else os.urandom(20)
        print((hdr + body).hex())
        seq += 1
    ts += 1600
PY
}
dtmf_pkts "$ssrc" plain >"$W/inj.plain"
dtmf_pkts "$ssrc" srtp >"$W/inj.srtp"
dtmf_pkts $(((ssrc ^ 0x5a5a5a5a) & 0xffffffff)) plain >"$W/inj.other"
ninj=$(cat "$W/inj.plain" "$W/inj.srtp" "$W/inj.other" | wc -l)
keyed0=$(grep -c "entry keyed" "$ST/psd.log" || true)
cap_start "$W/inject.pcap" || true
ip netns exec "$NB" python3 "$UDP" send "$PROV_BTI_PS:$((PROV_BTI_MEDIA + 1))" \
	"$PROV_PS:$PROV_MEDIA_PORT" - <"$W/inj.plain" >/dev/null 2>&1 || true
ip netns exec "$NB" python3 "$UDP" send "$PROV_BTI_PS:$((PROV_BTI_MEDIA + 2))" \
	"$PROV_PS:$PROV_MEDIA_PORT" - <"$W/inj.srtp" >/dev/null 2>&1 || true
ip netns exec "$NB" python3 "$UDP" send "$PROV_BTI_PS:$((PROV_BTI_MEDIA + 3))" \
	"$PROV_PS:$PROV_MEDIA_PORT" - <"$W/inj.other" >/dev/null 2>&1 || true
cap_stop
sum=$(cap_summary "$W/inject.pcap" "$W/entry/wo2" 2>&1) && rc=0 || rc=$?
n_plain=$(cat "$W/inj.plain" "$W/inj.other" | wc -l)
if [ "$rc" -eq 1 ] && [[ $sum == *"FAIL: $n_plain media packets in clear"* ]]; then
	ktap_ok "capture.py: the $n_plain plain DTMF packets injected outside the session are found in clear, the random-key ones not (the check's control)"
else
	ktap_fail "capture.py: the $n_plain plain DTMF packets injected outside the session are found in clear, the random-key ones not" \
		"status $rc: $sum"
fi

sleep 2	# what the PS would do with them, it has done by now
if kill -0 "$BTID_PID" 2>/dev/null && [ "$(sessions | jq length)" = 1 ] &&
   [ "$(order_state "$ST" "$O2")" = "open null" ] && [ "$(devices)" = 1 ] &&
   [ "$(grep -c "entry keyed" "$ST/psd.log" || true)" = "$keyed0" ]; then
	ktap_ok "held call: $ninj injected DTMF packets (plain and random-key SRTP from other ports, plain on another SSRC, each from another port) complete no entry"
else
	ktap_fail "held call: injected DTMF packets complete no entry" \
		"btid $(kill -0 "$BTID_PID" 2>/dev/null && echo running || echo gone); $(sessions); order $(order_state "$ST" "$O2"); $(tail -n 5 "$ST/psd.log"; cat "$W/btid4.out")"
fi

# The real entry, now: btid keys it in through bti.ko.
cat "$W/entry/wo2" >&8
rc=0
wait "$BTID_PID" || rc=$?
BTID_PID=
exec 8>&-
unk=$(psd_count "$ST/psd.log" unknown_source "media totals:")
if [ "$rc" -eq 0 ] && [ "$(sed -n 2p "$S4" 2>/dev/null)" = "state PROVISIONED" ] &&
   [ "$(order_state "$ST" "$O2" | cut -d' ' -f1)" = spent ] && no_session &&
   [ "${unk:-0}" -ge "$ninj" ]; then
	ktap_ok "held call: the real entry then completes it (work order $O2 spent); the PS dropped the $unk injected packets as unknown sources"
else
	ktap_fail "held call: the real entry then completes it; the PS dropped the injected packets as unknown sources" \
		"btid $rc: $(cat "$W/btid4.out"); order $(order_state "$ST" "$O2"); unknown_source ${unk:-?} of $ninj; $(grep 'media totals' "$ST/psd.log" | tail -n 1)"
fi

# (unknown_source may count more than the injected packets: the copies
# of the '#' end packet btid sends after the PS has ended the call.)

# ---- another call held open, btid killed in it, the retry ----

exec 9<>"$W/entry/wo3.fifo"
prov_btid_args "$W/bti5" "$PKI" "$W/entry/wo3.fifo"
S5=$W/bti5/state
ip netns exec "$NB" "$BTID" "${PROV_BTID_ARGS[@]}" >"$W/btid5.out" 2>&1 &
BTID5_PID=$!
for _ in $(seq 600); do
	[ "$(sessions | jq length 2>/dev/null)" = 1 ] && break
	sleep 0.1
done
kill -KILL "$BTID5_PID" 2>/dev/null || true
wait "$BTID5_PID" 2>/dev/null || true
BTID5_PID=
exec 9>&-
if [ "$(sessions | jq length)" = 1 ] && [ -s "$S5.session" ] && [ ! -e "$S5" ]; then
	ktap_ok "btid killed (SIGKILL) in a held call: its session and runtime file are left behind"
else
	ktap_fail "btid killed (SIGKILL) in a held call: its session and runtime file are left behind" \
		"$(sessions; ls -l "$W/bti5"; cat "$W/btid5.out")"
fi

prov_btid_args "$W/bti5" "$PKI" "$W/entry/wo3"
btid "${PROV_BTID_ARGS[@]}"
if [ "$RUN_RC" -eq 0 ] && [ "$(sed -n 2p "$S5" 2>/dev/null)" = "state PROVISIONED" ] &&
   no_session && [ ! -e "$S5.session" ] && [ "$(devices)" = 3 ] &&
   [ "$(order_state "$ST" "$O3" | cut -d' ' -f1)" = spent ]; then
	ktap_ok "the next btid removes the stale session and provisions (work order $O3 spent)"
else
	ktap_fail "the next btid removes the stale session and provisions (work order $O3 spent)" \
		"$(bti_run_report; sessions; ls -l "$W/bti5"; tail -n 10 "$ST/psd.log")"
fi

prov_psd_stop || true
prov_gcd_stop || true
bti_klog_case
ktap_end
