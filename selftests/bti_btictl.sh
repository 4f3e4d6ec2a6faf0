#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# btictl's contract with its callers: usage errors exit 2, runtime errors
# exit 1, and without the module every command says clearly that the bti
# module is not loaded (for root, for nobody, in any netns), never a
# privilege or a netlink error. With the module: the feature names, the
# monitor's subscription (unprivileged), its timeout (exit 3) and SIGTERM
# (exit 0), and a receive rekey's switch-over points set and shown, the
# kernel's refusals passed on. No traffic.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

was_loaded=0
bti_loaded && was_loaded=1

ktap_cleanup() {
	bti_cleanup
	if [ "$was_loaded" -eq 1 ]; then
		bti_load
	else
		bti_unload
	fi
}

bti_setup setpriv unshare dmesg modinfo insmod rmmod modprobe ip jq

usage_error() { # the last bti_run was a usage error
	[ "$RUN_RC" -eq 2 ] && [ -n "$RUN_ERR" ]
}
absent_error() { # the last bti_run said that the module is absent
	[ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q 'bti module is not loaded'
}

ktap_begin 27

F="local 192.0.2.1:5004 remote 192.0.2.2:6004"
# 1-9: usage errors, checked before any netlink traffic.
for args in "" "no-such-command" "--no-such-option version" "stats no-such-subcommand" \
	"monitor count 0" "monitor timeout 0" "session set $F rx-srtp-from 1" \
	"session set $F keys - rx-ssrc 1 rx-srtp-from 281474976710656" \
	"session set $F keys - rx-ssrc 1 rx-roc 1 rx-srtcp-from 5"; do
	# shellcheck disable=SC2086 # word splitting wanted
	bti_run bti_btictl $args
	if usage_error; then
		ktap_ok "usage error exits 2: btictl ${args:-(no arguments)}"
	else
		ktap_fail "usage error exits 2: btictl ${args:-(no arguments)}" "$(bti_run_report)"
	fi
done

# 10-11: help and tool version need no module.
bti_run bti_btictl --help
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT$RUN_ERR" | grep -q 'stats'; then
	ktap_ok "btictl --help: exit 0, lists the commands"
else
	ktap_fail "btictl --help: exit 0, lists the commands" "$(bti_run_report)"
fi
bti_run bti_btictl -V
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT" | grep -qE '[0-9]+\.[0-9]+\.[0-9]+'; then
	ktap_ok "btictl -V: exit 0, prints a version"
else
	ktap_fail "btictl -V: exit 0, prints a version" "$(bti_run_report)"
fi

# 12-18: without the module.
unloaded=0
if bti_unload && ! bti_loaded; then
	unloaded=1
fi
check_absent() { # name command...
	local name=$1
	shift
	if [ "$unloaded" -eq 0 ]; then
		ktap_fail "$name" "could not unload bti"
		return
	fi
	bti_run "$@"
	if bti_loaded; then
		# The genl family alias autoloaded an installed bti.
		ktap_skip "$name" "bti was autoloaded (installed module with a genl alias)"
		bti_unload || unloaded=0
	elif absent_error; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
}
check_absent "module absent: btictl version exits 1, 'bti module is not loaded'" \
	bti_btictl version
check_absent "module absent: btictl stats exits 1, 'bti module is not loaded'" \
	bti_btictl stats
check_absent "module absent: btictl -j stats exits 1, 'bti module is not loaded'" \
	bti_btictl -j stats
check_absent "module absent: btictl stats zero (root) says the module, not privilege" \
	bti_btictl stats zero
check_absent "module absent: unprivileged btictl stats zero says the module is absent" \
	bti_nobody "$BTICTL" stats zero
check_absent "module absent: btictl version in a fresh netns" \
	unshare -n "$BTICTL" version
check_absent "module absent: unprivileged btictl monitor says the module is absent" \
	bti_nobody "$BTICTL" monitor timeout 1

# 19-20: with the module again.
if bti_load; then
	bti_run bti_btictl version
	if [ "$RUN_RC" -eq 0 ]; then
		ktap_ok "module reloaded: btictl version exits 0"
	else
		ktap_fail "module reloaded: btictl version exits 0" "$(bti_run_report)"
	fi
else
	ktap_fail "module reloaded: btictl version exits 0" "bti does not load"
fi
bti_run bti_btictl no-such-command
if usage_error; then
	ktap_ok "usage error exits 2 with the module loaded too"
else
	ktap_fail "usage error exits 2 with the module loaded too" "$(bti_run_report)"
fi

# 21: the feature bits of this module, by name.
bti_run bti_btictl version
if [ "$RUN_RC" -eq 0 ] &&
	printf '%s' "$RUN_OUT" | grep -qx 'features: netns-stats zero-stats sessions rekey events'; then
	ktap_ok "version names the features: netns-stats zero-stats sessions rekey events"
else
	ktap_fail "version names the features: netns-stats zero-stats sessions rekey events" \
		"$(bti_run_report)"
fi

# 22-23: the monitor, unprivileged; its ready file in a directory nobody
# may write.
PUB=$BTI_TMP/pub
mkdir -p "$PUB" && chmod 1777 "$PUB"
bti_run bti_nobody "$BTICTL" -j monitor timeout 1 ready-file "$PUB/ready1"
if [ "$RUN_RC" -eq 3 ] && [ -z "$RUN_OUT" ] && [ -s "$PUB/ready1" ] &&
	printf '%s' "$RUN_ERR" | grep -q 'timed out after 1 second with 0 events'; then
	ktap_ok "monitor as nobody: subscribed (ready file), no event, timeout exits 3"
else
	ktap_fail "monitor as nobody: subscribed (ready file), no event, timeout exits 3" \
		"$(bti_run_report)"
fi

# Not through a shell function: $! must be btictl itself (setpriv execs).
"${BTI_NOBODY[@]}" "$BTICTL" monitor ready-file "$PUB/ready2" >"$BTI_TMP/mon.out" 2>&1 &
mon=$!
for _ in $(seq 100); do
	[ -e "$PUB/ready2" ] && break
	sleep 0.1
done
mon_rc=0
if [ -e "$PUB/ready2" ]; then
	kill -TERM "$mon"
	wait "$mon" || mon_rc=$?
else
	kill -KILL "$mon"
	wait "$mon" 2>/dev/null
	mon_rc=none
fi
if [ "$mon_rc" = 0 ] && [ ! -s "$BTI_TMP/mon.out" ]; then
	ktap_ok "monitor: SIGTERM once subscribed ends it with exit 0"
else
	ktap_fail "monitor: SIGTERM once subscribed ends it with exit 0" \
		"status $mon_rc; $(cat "$BTI_TMP/mon.out")"
fi

# 24-26: a receive rekey with switch-over points, in a namespace of its own.
ns=$(bti_netns_name btictl)
bti_netns_add "$ns"
btictl_ns() { ip netns exec "$ns" "$BTICTL" "$@"; }
# RFC 3711 B.3 master key and salt for both directions, then new rx keys.
cat >"$BTI_TMP/both.keys" <<'KEYS'
tx-master-key E1F97A0D3E018BE0D64FA32C06DE4139
tx-master-salt 0EC675AD498AFEEBB6960B3AABE6
rx-master-key E1F97A0D3E018BE0D64FA32C06DE4139
rx-master-salt 0EC675AD498AFEEBB6960B3AABE6
KEYS
printf 'rx-master-key 0123456789ABCDEF0123456789ABCDEF\nrx-master-salt 00112233445566778899AABBCCDD\n' \
	>"$BTI_TMP/rx2.keys"
# shellcheck disable=SC2086 # $F is words
btictl_ns session add $F suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 0x1111 \
	rx-ssrc 0x2222 keys "$BTI_TMP/both.keys"
# shellcheck disable=SC2086
bti_run btictl_ns session set $F keys "$BTI_TMP/rx2.keys" rx-ssrc 0x2222 \
	rx-srtp-from 65636 rx-srtcp-from 51
set_rc=$RUN_RC
set_err=$RUN_ERR
bti_run btictl_ns session show
if [ "$set_rc" -eq 0 ] && [ "$RUN_RC" -eq 0 ] &&
	printf '%s' "$RUN_OUT" | grep -qx '    rekey: previous keys below srtp index 65636 (roc 1 seq 100), srtcp index 51' &&
	btictl_ns -j session show | jq -e '.[0].rx.srtp_from == 65636 and
		.[0].rx.srtcp_from == 51 and .[0].rx.roc == 1 and
		(.[0].tx | has("srtp_from") | not)' >/dev/null; then
	ktap_ok "rekey: rx-srtp-from and rx-srtcp-from set, shown in text and JSON"
else
	ktap_fail "rekey: rx-srtp-from and rx-srtcp-from set, shown in text and JSON" \
		"set: $set_rc $set_err; $(bti_run_report)"
fi

# The same SSRC goes on with the stream: an rx-roc is refused by the
# kernel, whose message btictl passes on.
# shellcheck disable=SC2086
bti_run btictl_ns session set $F keys "$BTI_TMP/rx2.keys" rx-ssrc 0x2222 rx-roc 3
if [ "$RUN_RC" -eq 1 ] &&
	printf '%s' "$RUN_ERR" | grep -q 'set BTI_CTX_A_SRTP_FROM, not BTI_CTX_A_ROC'; then
	ktap_ok "rekey: rx-roc with the same SSRC refused with the kernel's message"
else
	ktap_fail "rekey: rx-roc with the same SSRC refused with the kernel's message" \
		"$(bti_run_report)"
fi

# shellcheck disable=SC2086
bti_run btictl_ns session set $F keys "$BTI_TMP/rx2.keys" rx-ssrc 0x3333 rx-srtp-from 5
if [ "$RUN_RC" -eq 1 ] &&
	printf '%s' "$RUN_ERR" | grep -q 'a switch-over index is for the same SSRC' &&
	btictl_ns -j session show | jq -e '.[0].rx.ssrc == 8738' >/dev/null; then
	ktap_ok "rekey: a switch-over point with a new SSRC refused, nothing changed"
else
	ktap_fail "rekey: a switch-over point with a new SSRC refused, nothing changed" \
		"$(bti_run_report)"
fi

# 27
bti_klog_case
ktap_end
