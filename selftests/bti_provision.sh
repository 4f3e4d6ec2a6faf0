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
#   - the bti.ko counters of the call (needs the IVR; see PROV_LAB_DIGITS);
#   - a restart of btid: "already provisioned", nothing changed;
#   - a second BTI keying in the spent work order: the entry passes (a
#     spent order may be a resume by its own key) and REGISTER is refused
#     with WORK_ORDER_USED; the store has no new device, the order stays
#     the first device's, btid is not provisioned (it keeps REGISTERING,
#     the key a resume would need), no bti.ko session;
#   - a rogue PS (certificate of another root): btid refuses the chain
#     (CERT_UNTRUSTED in the PS's log), no retry, nothing stored on
#     either side, no bti.ko session;
#   - a call held open (the PS has no entry to give yet): bti.ko holds the
#     call's session, named in the runtime file, and protects the call's
#     RTP; the demo's capture summary (tools/demo/capture.py) finds
#     neither the number nor that RTP in clear on the wire, and does find
#     the same RTP sent outside the session; btid is killed (SIGKILL)
#     there; the next btid removes the stale session and provisions with
#     the same work order.
#
# PROV_LAB_DIGITS (below, or BTI_PROV_LAB_DIGITS): 1 while bti-psd has no IVR: its lab option
# --test-digits-from plays the user's entry. Set to 0 once the media leg
# is there: btid's --digits-from then goes to the PS as DTMF over SRTP
# through bti.ko, and the counters case checks protected and verified
# packets of the call.

set -eu

PROV_LAB_DIGITS=${BTI_PROV_LAB_DIGITS:-1}

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"
# shellcheck source=bti_prov_lib.sh
. "$here/bti_prov_lib.sh"

BTID_PID=
CAP_PID=
ktap_cleanup() {
	[ -z "$BTID_PID" ] || kill -KILL "$BTID_PID" 2>/dev/null || true
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

ktap_begin 20

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
	O2=$(prov_order "$ST" "$ACCT" "$W/entry/wo2"); } || rc=1
if [ "$rc" -eq 0 ] && grep -q '^ok: CN=ps.bti.test' "$PKI/pki.log"; then
	ktap_ok "bti-psadm: lab PKI (root, intermediate, PS), store, account, two work orders"
else
	ktap_fail "bti-psadm: lab PKI (root, intermediate, PS), store, account, two work orders" \
		"$(cat "$PKI/pki.log" "$ST/store.log" 2>/dev/null)"
	O1=0 O2=0
fi

# The lab entries: the order's number three times (the run's three tries),
# so that a refused entry ends with TOO_MANY_TRIES instead of a wait.
for o in wo1 wo2; do
	for _ in 1 2 3; do cat "$W/entry/$o" 2>/dev/null || true; done >"$W/entry/$o.lab"
done
: >"$W/entry/none.lab"

rc=0
prov_gcd_start "$NG" "$W" || rc=1
prov_psd_start "$NP" "$PKI" "$ST" "$W/entry/wo1.lab" || rc=1
ktap_check "bti-gcd in GC and bti-psd in PS listening" [ "$rc" -eq 0 ]

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

# ---- the happy path ----

tx0=$(stat_ns tx_packets) rx0=$(stat_ns rx_packets)
prov_btid_args "$W/bti1" "$PKI" "$W/entry/wo1"
btid "${PROV_BTID_ARGS[@]}" --verbose
steps=$(printf '%s\n' "$RUN_ERR" | sed -n 's/^btid: step \([0-9]*\): .*/\1/p' | uniq | tr '\n' ' ')
steps=${steps% }
if [ "$RUN_RC" -eq 0 ] && [[ $RUN_OUT == *"btid: provisioned"* ]] &&
   [ "$steps" = "301 302 303 304 305 306 307 309 310" ]; then
	ktap_ok "happy path: btid provisions through GC and PS, exit 0, --verbose names steps $steps"
else
	ktap_fail "happy path: btid provisions through GC and PS, exit 0, --verbose names each step" \
		"$(bti_run_report; tail -n 20 "$ST/psd.log")"
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

tx=$(($(stat_ns tx_packets) - tx0)) rx=$(($(stat_ns rx_packets) - rx0))
if [ "$PROV_LAB_DIGITS" = 1 ]; then
	ktap_skip "happy path: bti.ko protected and verified the call's media" \
		"no media leg yet: bti-psd has no IVR and plays the entry from --test-digits-from (protected $tx, verified $rx)"
elif [ "$tx" -gt 0 ] && [ "$rx" -gt 0 ]; then
	ktap_ok "happy path: bti.ko protected $tx and verified $rx packets of the call"
else
	ktap_fail "happy path: bti.ko protected and verified the call's media" \
		"protected $tx, verified $rx"
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

# ---- the spent work order ----

d0=$(devices) a0=$(audit_rows)
prov_btid_args "$W/bti2" "$PKI" "$W/entry/wo1"
btid "${PROV_BTID_ARGS[@]}"
used=$(prov_psadm "$ST" audit -j | jq --argjson n "$a0" \
	'[.[$n:][] | select(.result_name == "WORK_ORDER_USED")] | length')
st2=$(ip netns exec "$NB" "$BTID" status --state "$W/bti2/state" 2>&1 | sed -n 1p)
if [ "$RUN_RC" -eq 1 ] && [[ $RUN_ERR == *WORK_ORDER_USED* ]] && [ "$used" -ge 1 ] &&
   [[ $st2 == "state NONE" || $st2 == "state REGISTERING" ]] &&
   [ "$(devices)" = "$d0" ] && no_session &&
   [ "$(order_state "$ST" "$O1")" = "spent $dev" ]; then
	ktap_ok "spent work order: refused with WORK_ORDER_USED, no device bound, btid not provisioned ($st2), no session"
else
	ktap_fail "spent work order: refused with WORK_ORDER_USED, no device bound, btid not provisioned, no session" \
		"$(bti_run_report; echo "used rows $used, devices $(devices), btid $st2"; sessions)"
fi

# ---- a rogue PS ----

RPKI=$W/rogue-pki RST=$W/rogue-ps
mkdir -m 700 "$RST"
rc=0
{ prov_pki "$RPKI" ps.bti.test && prov_store "$RST" "$ACCT" &&
	OR=$(prov_order "$RST" "$ACCT" "$W/entry/rogue") &&
	for _ in 1 2 3; do cat "$W/entry/rogue"; done >"$W/entry/rogue.lab" &&
	prov_psd_stop && prov_psd_start "$NP" "$RPKI" "$RST" "$W/entry/rogue.lab"; } || rc=1
d0=$(devices)
prov_btid_args "$W/bti3" "$PKI" "$W/entry/rogue"
btid "${PROV_BTID_ARGS[@]}"
if [ "$rc" -eq 0 ] && [ "$RUN_RC" -eq 1 ] && [[ $RUN_ERR == *"PS certificate chain"* ]] &&
   grep -q "run ended: CERT_UNTRUSTED (peer's)" "$RST/psd.log" &&
   [[ $RUN_ERR == *"after 1 run:"* ]] && [ ! -e "$W/bti3/state" ] &&
   [ ! -e "$W/bti3/state.session" ] && no_session &&
   [ "$(prov_psadm "$RST" device list -j | jq length)" = 0 ] &&
   [ "$(order_state "$RST" "$OR")" = "open null" ] && [ "$(devices)" = "$d0" ]; then
	ktap_ok "rogue PS (another root): btid refuses its chain (CERT_UNTRUSTED), no retry, nothing stored on either side, no session"
else
	ktap_fail "rogue PS (another root): btid refuses its chain (CERT_UNTRUSTED), no retry, nothing stored on either side, no session" \
		"setup $rc; $(bti_run_report; ls -l "$W/bti3"; sessions; tail -n 5 "$RST/psd.log")"
fi
prov_psd_stop || true

# ---- a call held open, btid killed in it, the retry ----

# The PS gets no entry to give (an empty lab file), so the call stays up
# until T_entry. With the IVR (PROV_LAB_DIGITS=0) this hold needs another
# way (btid keys the entry in at once), and btid owns the media port the
# RTP below is sent from: these cases are written for the lab mode.
prov_psd_start "$NP" "$PKI" "$ST" "$W/entry/none.lab" || true
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
}
cap_summary() {
	python3 "$CAPTURE" summary "$1" --bti "$PROV_BTI_PS" --gc "$PROV_GC" \
		--ps "$PROV_PS" --number "$W/entry/wo2" --dtmf "$W/rtp.payload"
}
cap_start "$W/call.pcap" || true
prov_btid_args "$W/bti4" "$PKI" "$W/entry/wo2"
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
	ktap_ok "during the call bti.ko holds its session ($flow, AEAD_AES_128_GCM), named in the runtime file"
else
	ktap_fail "during the call bti.ko holds its session ($flow, AEAD_AES_128_GCM), named in the runtime file" \
		"$ses; $(cat "$S4.session" 2>/dev/null); $(cat "$W/btid4.out")"
fi

# RTP of the call's SSRC from btid's media port: bti.ko protects each
# datagram (AES-GCM: 16 more octets) and the PS sees no plaintext payload.
N=5
ssrc=$(printf '%s' "$ses" | jq -r '.[0].tx.ssrc // 0' 2>/dev/null || echo 0)
payload=$(printf '70726f6d70742d6f722d6469676974732d%02x' $(seq 0 19) | head -c 80)
: >"$W/rtp.plain"
for i in $(seq "$N"); do
	printf '8000%04x%08x%08x%s\n' "$i" $((i * 160)) "$ssrc" "$payload" >>"$W/rtp.plain"
done
tx0=$(stat_ns tx_packets)
rm -f "$W/udp.ready"
BTI_UDP_READY=$W/udp.ready ip netns exec "$NP" python3 "$UDP" recv \
	"$PROV_PS:$PROV_MEDIA_PORT" "$N" 30 >"$W/rtp.wire" 2>&1 &
rxp=$!
# Python starts slowly on a loaded TCG guest: send only once it listens.
prov_wait_file "$W/udp.ready" 600 || ktap_diag "the receiver is not ready after 60 s"
ip netns exec "$NB" python3 "$UDP" send "$PROV_BTI_PS:$PROV_BTI_MEDIA" \
	"$PROV_PS:$PROV_MEDIA_PORT" - <"$W/rtp.plain" >/dev/null 2>&1 || true
wait "$rxp" || true
cap_stop
tx=$(($(stat_ns tx_packets) - tx0))
clear=0
while read -r w; do
	grep -qi "${payload:0:32}" <<<"$w" && clear=$((clear + 1))
	[ "${#w}" -eq $((${#payload} + 24 + 32)) ] || clear=$((clear + 100))
done <"$W/rtp.wire"
if [ "$tx" -eq "$N" ] && [ "$(wc -l <"$W/rtp.wire")" -eq "$N" ] && [ "$clear" -eq 0 ]; then
	ktap_ok "during the call bti.ko protects the call's RTP: $N of $N sent as SRTP, none in clear on the wire"
else
	ktap_fail "during the call bti.ko protects the call's RTP: $N of $N sent as SRTP, none in clear on the wire" \
		"protected $tx, clear/badlen $clear, ssrc $ssrc; wire: $(cat "$W/rtp.wire")"
fi

# The capture's summary of that call: the control packets and the
# protected RTP; and, as a control, the same RTP sent from a port that
# has no session, which crosses the wire in clear and must be found.
printf '%s\n' "$payload" >"$W/rtp.payload"
sum=$(cap_summary "$W/call.pcap" 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 0 ] && [[ $sum == *"media: none of the $N media packets"* ]] &&
   [[ $sum == *"work order number is in none of the"* ]]; then
	ktap_ok "capture.py: the call's control and its $N SRTP packets carry neither the number nor the payload in clear"
else
	ktap_fail "capture.py: the call's control and its $N SRTP packets carry neither the number nor the payload in clear" "$sum"
fi
cap_start "$W/clear.pcap" || true
ip netns exec "$NB" python3 "$UDP" send "$PROV_BTI_PS:$((PROV_BTI_MEDIA + 1))" \
	"$PROV_PS:$PROV_MEDIA_PORT" - <"$W/rtp.plain" >/dev/null 2>&1 || true
cap_stop
sum=$(cap_summary "$W/clear.pcap" 2>&1) && rc=0 || rc=$?
if [ "$rc" -eq 1 ] && [[ $sum == *"FAIL: $N media packets in clear"* ]]; then
	ktap_ok "capture.py: the same RTP sent outside the session is found in clear ($N packets)"
else
	ktap_fail "capture.py: the same RTP sent outside the session is found in clear ($N packets)" \
		"status $rc: $sum"
fi

kill -KILL "$BTID_PID" 2>/dev/null || true
wait "$BTID_PID" 2>/dev/null || true
BTID_PID=
if [ "$(sessions | jq length)" = 1 ] && [ -s "$S4.session" ] && [ ! -e "$S4" ]; then
	ktap_ok "btid killed (SIGKILL) in the call: its session and runtime file are left behind"
else
	ktap_fail "btid killed (SIGKILL) in the call: its session and runtime file are left behind" \
		"$(sessions; ls -l "$W/bti4")"
fi

prov_psd_stop || true
prov_psd_start "$NP" "$PKI" "$ST" "$W/entry/wo2.lab" || true
btid "${PROV_BTID_ARGS[@]}"
if [ "$RUN_RC" -eq 0 ] && [ "$(sed -n 2p "$S4" 2>/dev/null)" = "state PROVISIONED" ] &&
   no_session && [ ! -e "$S4.session" ] && [ "$(devices)" = 2 ] &&
   [ "$(order_state "$ST" "$O2" | cut -d' ' -f1)" = spent ]; then
	ktap_ok "the next btid removes the stale session and provisions (work order $O2 spent)"
else
	ktap_fail "the next btid removes the stale session and provisions (work order $O2 spent)" \
		"$(bti_run_report; sessions; ls -l "$W/bti4"; tail -n 10 "$ST/psd.log")"
fi

prov_psd_stop || true
prov_gcd_stop || true
bti_klog_case
ktap_end
