#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sessions through btictl, end to end: key files (RFC 3711 master keys and
# session keys, from a file and from stdin), show (text and JSON), set
# (window, rekey), del, flush, privileges, namespace isolation, and
# teardown with live sessions (namespace destroyed, module unloaded).

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

bti_setup ip jq setpriv unshare dmesg insmod rmmod modprobe
ns=$(bti_netns_name session)
L=192.0.2.1:5004
R=192.0.2.2:6004
L6='[2001:db8::1]:5004'
R6='[2001:db8::2]:6004'

# RFC 3711 B.3 master key and salt, one direction each way.
cat >"$BTI_TMP/master.keys" <<'KEYS'
# both directions from RFC 3711 master keys
tx-master-key E1F97A0D3E018BE0D64FA32C06DE4139
tx-master-salt 0EC675AD498AFEEBB6960B3AABE6
rx-master-key 0EC675AD498AFEEBB6960B3AABE61234
rx-master-salt E1F97A0D3E018BE0D64FA32C06DE
KEYS
# AEAD_AES_128_GCM session keys (RFC 7714 section 16 key and salt).
gcm_keys() {
	local d
	for d in tx rx; do
		echo "$d-srtp-key 000102030405060708090a0b0c0d0e0f"
		echo "$d-srtp-salt 517569642070726f2071756f"
		echo "$d-srtcp-key 000102030405060708090a0b0c0d0e0f"
		echo "$d-srtcp-salt 517569642070726f2071756f"
	done
}
sed 's/^tx-master-salt .*/tx-master-salt 0EC675AD498AFEEBB6960B3AABE6FF/' \
	"$BTI_TMP/master.keys" >"$BTI_TMP/long-salt.keys"

count() { "$BTICTL" -j session show | jq length; }

ktap_begin 17

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

bti_run bti_btictl session add local $L remote $R suite AES_CM_128_HMAC_SHA1_80 \
	tx-ssrc 0x11223344 rx-ssrc 0x55667788 keys "$BTI_TMP/master.keys"
ktap_check "add: AES_CM_128_HMAC_SHA1_80 from RFC 3711 master keys in a file" \
	[ "$RUN_RC" -eq 0 ]

bti_run bti_btictl -j session show
want=$(printf '%s\n' "${BTI_COUNTERS[@]}" | jq -R . | jq -sc 'sort')
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT" | jq -e --arg l "$L" --arg r "$R" \
	--argjson want "$want" '
	length == 1 and .[0].local == $l and .[0].remote == $r and
	.[0].suite == "AES_CM_128_HMAC_SHA1_80" and .[0].window == 128 and
	.[0].tx.ssrc == 287454020 and .[0].rx.ssrc == 1432778632 and
	(.[0].stats | keys) == $want' >/dev/null; then
	ktap_ok "show -j: flow, suite, window, SSRCs, counters"
else
	ktap_fail "show -j: flow, suite, window, SSRCs, counters" "$(bti_run_report)"
fi

bti_run bti_btictl session show
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT" | grep -q "suite AES_CM_128_HMAC_SHA1_80" &&
	! printf '%s' "$RUN_OUT" | grep -qi "e1f97a0d\|0ec675ad"; then
	ktap_ok "show: text output, no key material"
else
	ktap_fail "show: text output, no key material" "$(bti_run_report)"
fi

bti_run bti_btictl session add local $L remote $R suite AES_CM_128_HMAC_SHA1_80 \
	tx-ssrc 1 rx-ssrc 2 keys "$BTI_TMP/master.keys"
if [ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q "a session for this flow exists" &&
	[ "$(count)" -eq 1 ]; then
	ktap_ok "add: a second session for the flow is refused"
else
	ktap_fail "add: a second session for the flow is refused" "$(bti_run_report)"
fi

bti_run bti_btictl session add local $L remote 192.0.2.3:6004 suite AES_CM_128_HMAC_SHA1_80 \
	tx-ssrc 1 rx-ssrc 2 keys "$BTI_TMP/long-salt.keys"
if [ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q "line 3" && [ "$(count)" -eq 1 ]; then
	ktap_ok "add: a 15-octet salt is refused with its line number, nothing added"
else
	ktap_fail "add: a 15-octet salt is refused with its line number, nothing added" "$(bti_run_report)"
fi

RUN_RC=0
RUN_ERR=$(gcm_keys | "$BTICTL" session add local "$L6" remote "$R6" suite AEAD_AES_128_GCM \
	tx-ssrc 7 rx-ssrc 8 window 1024 keys - 2>&1) || RUN_RC=$?
if [ "$RUN_RC" -eq 0 ] && "$BTICTL" -j session show local "$L6" remote "$R6" |
	jq -e '.[0].suite == "AEAD_AES_128_GCM" and .[0].window == 1024' >/dev/null; then
	ktap_ok "add: IPv6 AEAD_AES_128_GCM from session keys on stdin"
else
	ktap_fail "add: IPv6 AEAD_AES_128_GCM from session keys on stdin" "$RUN_ERR"
fi

# The window belongs to the receive context: alone it is refused, with
# a new receive context it applies.
bti_run bti_btictl session set local $L remote $R window 256
alone_rc=$RUN_RC
alone_err=$RUN_ERR
grep '^rx-' "$BTI_TMP/master.keys" >"$BTI_TMP/rx.keys"
bti_run bti_btictl session set local $L remote $R keys "$BTI_TMP/rx.keys" \
	rx-ssrc 0x55667788 window 256 soft-limit 1000000
if [ "$alone_rc" -eq 1 ] && printf '%s' "$alone_err" | grep -q "receive context" &&
	[ "$RUN_RC" -eq 0 ] && "$BTICTL" -j session show local $L remote $R |
	jq -e '.[0].window == 256 and .[0].soft_limit == 1000000' >/dev/null; then
	ktap_ok "set: a window alone is refused; with a new receive context it applies"
else
	ktap_fail "set: a window alone is refused; with a new receive context it applies" \
		"alone: $alone_rc $alone_err; $(bti_run_report)"
fi

grep '^tx-' "$BTI_TMP/master.keys" >"$BTI_TMP/tx.keys"
bti_run bti_btictl session set local $L remote $R keys "$BTI_TMP/tx.keys" tx-ssrc 0xabcdef01
if [ "$RUN_RC" -eq 0 ] && "$BTICTL" -j session show local $L remote $R |
	jq -e '.[0].tx.ssrc == 2882400001 and .[0].rx.ssrc == 1432778632' >/dev/null; then
	ktap_ok "set: rekey of the sending direction only"
else
	ktap_fail "set: rekey of the sending direction only" "$(bti_run_report)"
fi

bti_run bti_nobody "$BTICTL" session del local $L remote $R
if [ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q CAP_NET_ADMIN && [ "$(count)" -eq 2 ]; then
	ktap_ok "del by an unprivileged user: refused, nothing removed"
else
	ktap_fail "del by an unprivileged user: refused, nothing removed" "$(bti_run_report)"
fi
bti_run bti_nobody "$BTICTL" -j session show
if [ "$RUN_RC" -eq 0 ] && [ "$(printf '%s' "$RUN_OUT" | jq length)" -eq 2 ]; then
	ktap_ok "show by an unprivileged user"
else
	ktap_fail "show by an unprivileged user" "$(bti_run_report)"
fi

bti_netns_add "$ns" || true
ip netns exec "$ns" "$BTICTL" session add local $L remote $R suite AES_CM_128_HMAC_SHA1_32 \
	tx-ssrc 1 rx-ssrc 2 keys "$BTI_TMP/master.keys" 2>"$BTI_TMP/err" || true
if [ "$(ip netns exec "$ns" "$BTICTL" -j session show | jq length)" -eq 1 ] &&
	[ "$(count)" -eq 2 ] &&
	"$BTICTL" -j session show local $L remote $R | jq -e '.[0].suite == "AES_CM_128_HMAC_SHA1_80"' >/dev/null; then
	ktap_ok "namespaces: the same flow in another namespace is another session"
else
	ktap_fail "namespaces: the same flow in another namespace is another session" "$(cat "$BTI_TMP/err")"
fi

bti_run bti_btictl session del local $L remote $R
ok=$RUN_RC
bti_run bti_btictl session del local $L remote $R
if [ "$ok" -eq 0 ] && [ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q "no session for this flow"; then
	ktap_ok "del: removes the session; again: no session for this flow"
else
	ktap_fail "del: removes the session; again: no session for this flow" "$(bti_run_report)"
fi

bti_run bti_btictl session flush
if [ "$RUN_RC" -eq 0 ] && [ "$(count)" -eq 0 ]; then
	ktap_ok "flush: no session left"
else
	ktap_fail "flush: no session left" "$(bti_run_report)"
fi

name="add by an unprivileged user in its own user+net namespace"
if ! bti_nobody unshare -Ur true >/dev/null 2>&1; then
	ktap_skip "$name" "unprivileged user namespaces are disabled here"
else
	chmod 644 "$BTI_TMP/master.keys"
	bti_run bti_nobody unshare -Urn sh -c "\"$BTICTL\" session add local $L remote $R \
		suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 1 rx-ssrc 2 keys \"$BTI_TMP/master.keys\" &&
		\"$BTICTL\" -j session show"
	if [ "$RUN_RC" -eq 0 ] && [ "$(printf '%s' "$RUN_OUT" | jq length)" -eq 1 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
fi

# Teardown with live sessions: 200 in a namespace that is destroyed, 200
# in the initial one when the module unloads. A leak would leave objects
# in bti's slab caches, which the kernel reports at unload.
rc=0
ip netns exec "$ns" sh -c "for i in \$(seq 1 200); do \"$BTICTL\" session add \
	local 10.1.\$((i / 250)).\$((i % 250 + 1)):5004 remote $R suite AES_CM_128_HMAC_SHA1_80 \
	tx-ssrc \$i rx-ssrc \$i keys \"$BTI_TMP/master.keys\" || exit 1; done" || rc=$?
ip netns del "$ns"
BTI_NETNS_LIST=()
for i in $(seq 1 200); do
	"$BTICTL" session add local 10.2.$((i / 250)).$((i % 250 + 1)):5004 remote $R \
		suite AES_CM_128_HMAC_SHA1_80 tx-ssrc "$i" rx-ssrc "$i" \
		keys "$BTI_TMP/master.keys" || rc=1
done
n=$(count)
if [ "$rc" -eq 0 ] && [ "$n" -eq 200 ] && bti_unload; then
	ktap_ok "destroy a namespace and unload the module with 200 sessions each"
else
	ktap_fail "destroy a namespace and unload the module with 200 sessions each" "rc $rc, $n sessions"
fi

bti_klog_case
ktap_end
