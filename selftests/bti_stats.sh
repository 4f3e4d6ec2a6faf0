#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-namespace counters (BTI_CMD_GET_STATS, BTI_CMD_ZERO_STATS) and their
# privileges: reading is open to every user, zeroing needs CAP_NET_ADMIN
# in the user namespace that owns the network namespace
# (GENL_UNS_ADMIN_PERM): refused for nobody, allowed for root and for
# nobody inside its own user+net namespace, refused for nobody whose user
# namespace does not own the network namespace.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

ktap_cleanup() {
	bti_cleanup
	[ "$loaded_here" -eq 0 ] || bti_unload
}

loaded_here=0
bti_loaded || loaded_here=1
bti_setup ip jq python3 setpriv unshare dmesg modinfo insmod rmmod modprobe
ns=$(bti_netns_name stats)

# Can nobody make its own user namespace here?
userns_ok=0
bti_nobody unshare -Ur true >/dev/null 2>&1 && userns_ok=1

refused() { # the last bti_run was refused for lack of CAP_NET_ADMIN
	[ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q 'CAP_NET_ADMIN'
}

ktap_begin 16

# 1
if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

# 2-4: formats.
bti_run bti_btictl stats
text=$RUN_OUT
want_names=$(printf '%s\n' "${BTI_COUNTERS[@]}" | sort | tr '\n' ' ')
names=$(printf '%s\n' "$text" | awk '{ print $1 }' | sort | tr '\n' ' ')
if [ "$RUN_RC" -eq 0 ] && [ "$names" = "$want_names" ] &&
	! printf '%s\n' "$text" | grep -qvE '^[a-z_]+ [0-9]+$'; then
	ktap_ok "btictl stats: every counter, one 'name value' per line"
else
	ktap_fail "btictl stats: every counter, one 'name value' per line" "$(bti_run_report)"
fi
bti_run bti_btictl -j stats
json=$RUN_OUT
if [ "$RUN_RC" -eq 0 ] && bti_stats_json_valid "$json"; then
	ktap_ok "btictl -j stats: a JSON object of every counter, u64 each"
else
	ktap_fail "btictl -j stats: a JSON object of every counter, u64 each" "$(bti_run_report)"
fi
from_json=$(printf '%s' "$json" | jq -r 'to_entries[] | "\(.key) \(.value)"' 2>/dev/null | sort)
if [ -n "$from_json" ] && [ "$from_json" = "$(printf '%s\n' "$text" | sort)" ]; then
	ktap_ok "btictl stats and btictl -j stats agree"
else
	ktap_fail "btictl stats and btictl -j stats agree" "text:
$text
json: $json"
fi

# 5-7: reading is unprivileged, in every namespace.
bti_run bti_nobody "$BTICTL" -j stats
if [ "$RUN_RC" -eq 0 ] && bti_stats_json_valid "$RUN_OUT"; then
	ktap_ok "stats readable by an unprivileged user"
else
	ktap_fail "stats readable by an unprivileged user" "$(bti_run_report)"
fi
bti_netns_add "$ns" || true
bti_run ip netns exec "$ns" "$BTICTL" -j stats
if [ "$RUN_RC" -eq 0 ] && bti_stats_json_valid "$RUN_OUT" && bti_stats_all_zero "$RUN_OUT"; then
	ktap_ok "stats of a fresh netns: readable, all zero"
else
	ktap_fail "stats of a fresh netns: readable, all zero" "$(bti_run_report)"
fi
bti_run ip netns exec "$ns" "${BTI_NOBODY[@]}" "$BTICTL" -j stats
if [ "$RUN_RC" -eq 0 ] && bti_stats_json_valid "$RUN_OUT"; then
	ktap_ok "stats of a fresh netns readable by an unprivileged user"
else
	ktap_fail "stats of a fresh netns readable by an unprivileged user" "$(bti_run_report)"
fi

# 8-9: zeroing is refused to nobody and changes nothing. First make a
# counter move: a session on loopback, and one datagram on its flow whose
# SSRC is not the session's (dropped, counted as drop_no_key).
ip link set lo up
printf 'tx-master-key %s\ntx-master-salt %s\nrx-master-key %s\nrx-master-salt %s\n' \
	E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6 \
	E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6 >"$BTI_TMP/lo.keys"
"$BTICTL" session add local 127.0.0.1:5004 remote 127.0.0.1:6004 \
	suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 1 rx-ssrc 2 keys "$BTI_TMP/lo.keys" || true
python3 "$BTI_TEST_DIR/bti_udp.py" send 127.0.0.1:5004 127.0.0.1:6004 \
	80000001000000000000000948656c6c6f || true
"$BTICTL" session flush || true
bti_run bti_btictl -j stats
before=$RUN_OUT
bti_run bti_nobody "$BTICTL" stats zero
if refused; then
	ktap_ok "stats zero refused for an unprivileged user (CAP_NET_ADMIN)"
else
	ktap_fail "stats zero refused for an unprivileged user (CAP_NET_ADMIN)" "$(bti_run_report)"
fi
bti_run bti_btictl -j stats
after=$RUN_OUT
if ! bti_stats_json_valid "$before" || [ "$after" != "$before" ]; then
	ktap_fail "refused stats zero leaves the counters alone" "before: $before
after: $after"
elif bti_stats_all_zero "$before" ||
	[ "$(printf '%s' "$before" | jq .drop_no_key)" != 1 ]; then
	ktap_fail "refused stats zero leaves the counters alone" \
		"the datagram on the session's flow did not count as drop_no_key: $before"
else
	ktap_ok "refused stats zero leaves the counters alone"
fi

# 10-11: root may zero, in the initial and in a fresh namespace.
bti_run bti_btictl stats zero
zero_rc=$RUN_RC
zero_report=$(bti_run_report)
bti_run bti_btictl -j stats
if [ "$zero_rc" -eq 0 ] && bti_stats_json_valid "$RUN_OUT" && bti_stats_all_zero "$RUN_OUT"; then
	ktap_ok "stats zero as root: exit 0, counters zero"
else
	ktap_fail "stats zero as root: exit 0, counters zero" "$zero_report
after: $RUN_OUT"
fi
bti_run ip netns exec "$ns" "$BTICTL" stats zero
if [ "$RUN_RC" -eq 0 ]; then
	ktap_ok "stats zero as root in a fresh netns"
else
	ktap_fail "stats zero as root in a fresh netns" "$(bti_run_report)"
fi

# 12: the same user may zero the counters of a netns that its own user
# namespace owns.
name="stats zero as nobody in its own user+net namespace (unshare -Urn)"
if [ "$userns_ok" -eq 0 ]; then
	ktap_skip "$name" "unprivileged user namespaces are disabled here"
else
	bti_run bti_nobody unshare -Urn "$BTICTL" stats zero
	if [ "$RUN_RC" -eq 0 ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
fi

# 13-14: but not of a netns owned by the initial user namespace, even
# with every capability in a user namespace of its own.
name="stats zero refused for nobody in its own userns, initial netns (unshare -Ur)"
if [ "$userns_ok" -eq 0 ]; then
	ktap_skip "$name" "unprivileged user namespaces are disabled here"
else
	bti_run bti_nobody unshare -Ur "$BTICTL" stats zero
	if refused; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
fi
name="stats zero refused for nobody in its own userns, netns made by root"
if [ "$userns_ok" -eq 0 ]; then
	ktap_skip "$name" "unprivileged user namespaces are disabled here"
else
	bti_run ip netns exec "$ns" "${BTI_NOBODY[@]}" unshare -Ur "$BTICTL" stats zero
	if refused; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
fi

# 15: reading works inside the user+net namespace too.
name="stats readable by nobody in its own user+net namespace"
if [ "$userns_ok" -eq 0 ]; then
	ktap_skip "$name" "unprivileged user namespaces are disabled here"
else
	bti_run bti_nobody unshare -Urn "$BTICTL" -j stats
	if [ "$RUN_RC" -eq 0 ] && bti_stats_json_valid "$RUN_OUT" && bti_stats_all_zero "$RUN_OUT"; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
fi

# 16
bti_klog_case
ktap_end
