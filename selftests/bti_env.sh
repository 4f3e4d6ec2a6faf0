# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bti_env.sh - what the bti selftests share (sourced after ktap.sh):
# finding and loading bti.ko and btictl, running a command with its output
# captured, unprivileged users, network namespaces, and the kernel log and
# taint check at the end of a program.
#
# Environment:
#   BTI_KO      path of bti.ko to insmod (its dependencies are modprobed);
#               unset: "modprobe bti"
#   BTICTL      path of btictl; unset: btictl from PATH
#   BTI_STRICT  1: a missing prerequisite (module, btictl, tool, root) is a
#               failure instead of a skip (the VM runner sets it)
#   BTI_LOOPS   repetitions of the loop tests (default per test)
#   BTI_PARAMS  module parameters for bti.ko when the tests load it, one
#               word each (bti_async.sh: gcm_alg=<an asynchronous GCM>)

BTI_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
BTI_STRICT=${BTI_STRICT:-0}
BTI_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
BTI_NETNS_LIST=()
BTI_PIDS=()
BTI_TMP=

# The eleven per-namespace counters, in the order of enum bti_stats_attr.
BTI_COUNTERS=(tx_packets tx_bytes rx_packets rx_bytes drop_auth drop_replay
	drop_malformed drop_no_key drop_limit drop_nomem drop_too_big)

# A prerequisite of the whole program is missing: skip (or fail when
# BTI_STRICT=1). Only before ktap_begin.
bti_prereq_missing() {
	if [ "$BTI_STRICT" = 1 ]; then
		echo "TAP version 13"
		echo "1..1"
		echo "not ok 1 $KTAP_PROG: missing prerequisite: $1"
		exit "$KSFT_FAIL"
	fi
	ktap_skip_all "$1"
}

# bti_setup CMD... : check root, the tools the program uses, btictl and the
# module, make a scratch directory, mark the kernel log.
bti_setup() {
	local c
	[ "$(id -u)" -eq 0 ] || bti_prereq_missing "must run as root"
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || bti_prereq_missing "$c not found"
	done
	if [ -n "${BTICTL:-}" ]; then
		[ -x "$BTICTL" ] || bti_prereq_missing "BTICTL=$BTICTL is not an executable"
	else
		BTICTL=$(command -v btictl) || bti_prereq_missing "btictl not found (set BTICTL)"
	fi
	if [ -n "${BTI_KO:-}" ]; then
		[ -r "$BTI_KO" ] || bti_prereq_missing "BTI_KO=$BTI_KO not found"
	elif ! bti_loaded && ! modinfo bti >/dev/null 2>&1; then
		bti_prereq_missing "no bti module (set BTI_KO or install bti)"
	fi
	BTI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bti-selftest.XXXXXX")
	chmod 755 "$BTI_TMP"
	bti_klog_start
}

bti_btictl() { "$BTICTL" "$@"; }

# bti_run CMD... : run CMD, set RUN_RC, RUN_OUT (stdout) and RUN_ERR.
bti_run() {
	RUN_RC=0
	RUN_OUT=$("$@" 2>"$BTI_TMP/stderr") || RUN_RC=$?
	RUN_ERR=$(cat "$BTI_TMP/stderr")
}

# Describe the last bti_run for a diagnostic.
bti_run_report() {
	printf 'status %s\nstdout: %s\nstderr: %s\n' "$RUN_RC" "$RUN_OUT" "$RUN_ERR"
}

# Run CMD as user nobody, without any capability.
bti_nobody() { "${BTI_NOBODY[@]}" "$@"; }

bti_loaded() { [ -d /sys/module/bti ]; }

# Load bti (BTI_KO or modprobe). Returns non-zero with a message on failure.
bti_load() {
	local dep params
	bti_loaded && return 0
	read -r -a params <<<"${BTI_PARAMS:-}"
	if [ -n "${BTI_KO:-}" ]; then
		for dep in $(modinfo -F depends "$BTI_KO" | tr ',' ' '); do
			modprobe "$dep" || { echo "cannot load $dep, needed by bti" >&2; return 1; }
		done
		insmod "$BTI_KO" "${params[@]}" || return 1
	else
		modprobe bti "${params[@]}" || return 1
	fi
	bti_loaded
}

bti_unload() {
	bti_loaded || return 0
	rmmod bti
}

# Is the generic netlink family "bti" visible (in the current netns)?
bti_family_visible() { genl ctrl get name bti 2>/dev/null | grep -q '^Name: bti$'; }

# Network namespaces made by the test, deleted at exit.
bti_netns_add() {
	ip netns add "$1" || return 1
	BTI_NETNS_LIST+=("$1")
}
bti_netns_name() { echo "bti-$$-$1"; }

# Start "sleep" in a new unnamed netns, its pid in BTI_HOLDER (not in a
# subshell: the process must be a child of the test).
bti_netns_holder() {
	unshare -n sleep 3600 >/dev/null 2>&1 &
	local pid=$!
	BTI_PIDS+=("$pid")
	# shellcheck disable=SC2034 # used by the tests
	BTI_HOLDER=$pid
	# Wait until the child is in its own netns.
	for _ in $(seq 50); do
		[ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ] &&
			[ -n "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" ] && break
		sleep 0.1
	done
}

bti_cleanup() {
	local ns pid
	for pid in "${BTI_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	BTI_PIDS=()
	for ns in "${BTI_NETNS_LIST[@]}"; do
		[ -e "/run/netns/$ns" ] && ip netns del "$ns"
	done
	BTI_NETNS_LIST=()
	[ -z "$BTI_TMP" ] || rm -rf "$BTI_TMP"
	return 0
}

# JSON of "btictl -j stats" with exactly the counters of BTI_COUNTERS, each a u64?
bti_stats_json_valid() {
	local want
	want=$(printf '%s\n' "${BTI_COUNTERS[@]}" | sort | jq -R . | jq -sc .)
	printf '%s' "$1" | jq -e --argjson want "$want" '
		type == "object" and (keys == $want) and
		all(.[]; type == "number" and . >= 0 and . == floor)' >/dev/null 2>&1
}

# Are all counters of a stats JSON zero?
bti_stats_all_zero() { printf '%s' "$1" | jq -e 'all(.[]; . == 0)' >/dev/null 2>&1; }

# API version the tests expect: BTI_GENL_VERSION of the uapi header when
# the source tree is there, else 1.
bti_expected_api() {
	local h=$BTI_TEST_DIR/../uapi/linux/bti.h v
	if [ -r "$h" ]; then
		v=$(sed -n 's/^#define[[:space:]]\{1,\}BTI_GENL_VERSION[[:space:]]\{1,\}\([0-9]\{1,\}\).*/\1/p' "$h")
		[ -n "$v" ] && { echo "$v"; return; }
	fi
	echo 1
}

# Command numbers the module must offer as requests: the members of enum
# bti_cmd of the uapi header, by position, without BTI_CMD_UNSPEC (0) and
# the *_EVENT commands, which the kernel only sends (space-separated,
# trailing space).
bti_expected_cmds() {
	local h=$BTI_TEST_DIR/../uapi/linux/bti.h
	[ -r "$h" ] || h=$BTI_TEST_DIR/../../../../include/uapi/linux/bti.h
	sed -n '/^enum bti_cmd {/,/__BTI_CMD_MAX/p' "$h" 2>/dev/null |
		grep '^[[:space:]]*BTI_CMD_[A-Z_]*,' |
		awk '{ n = NR - 1 } n > 0 && !/_EVENT,/ { printf "%d ", n }'
}

# Kernel log and taint, from bti_klog_start to bti_klog_check.
bti_klog_start() {
	BTI_KLOG_MARK="bti-selftest: $KTAP_PROG start $$-$(date +%s%N)"
	echo "$BTI_KLOG_MARK" >/dev/kmsg
	BTI_TAINT0=$(cat /proc/sys/kernel/tainted)
}

# Print the problems found, return non-zero when there is one.
bti_klog_check() {
	local checker log=$BTI_TMP/kernel.log taint new rc=0
	for checker in "$BTI_TEST_DIR/check-console.sh" "$BTI_TEST_DIR/qemu/check-console.sh" ""; do
		[ -z "$checker" ] || [ -x "$checker" ] && break
	done
	if [ -z "$checker" ]; then
		echo "check-console.sh not found next to the tests"
		return 1
	fi
	dmesg | awk -v m="$BTI_KLOG_MARK" 'index($0, m) { p = 1 } p' >"$log"
	if [ ! -s "$log" ]; then
		echo "the start mark is no longer in the kernel log: checking all of it"
		dmesg >"$log"
	fi
	"$checker" "$log" || rc=1
	taint=$(cat /proc/sys/kernel/tainted)
	new=$((taint & ~BTI_TAINT0))
	if ! "$checker" --taint "$new" >/dev/null; then
		echo "new kernel taint: $("$checker" --taint "$new")"
		rc=1
	fi
	return "$rc"
}

# The last case of every program.
bti_klog_case() {
	local report
	if report=$(bti_klog_check); then
		ktap_ok "kernel log clean, no new taint besides O/E"
	else
		ktap_fail "kernel log clean, no new taint besides O/E" "$report"
	fi
}

# bti_peer_recv NS TIMEOUT_MS ARGS...: an srtp-peer receiver ($PEER) in
# namespace NS in the background, its summary to $BTI_TMP/rx (stderr to
# $BTI_TMP/rx.err), its pid in RX_PID. It ends after TIMEOUT_MS without a
# datagram (or when --count is reached), and waits up to 120 s for the
# first. Returns once it listens (1 if it never does).
bti_peer_recv() {
	local ns=$1 idle=$2
	shift 2
	rm -f "$BTI_TMP/ready" "$BTI_TMP/rx"
	ip netns exec "$ns" "$PEER" "$@" --ready-file "$BTI_TMP/ready" \
		--timeout-ms "$idle" --first-timeout-ms 120000 \
		>"$BTI_TMP/rx" 2>"$BTI_TMP/rx.err" &
	RX_PID=$!
	for _ in $(seq 300); do
		[ -e "$BTI_TMP/ready" ] && return 0
		sleep 0.1
	done
	return 1
}

# bti_media_both_ways LABEL SESSION_NS LOCAL CLEAR_NS CLEAR PEER_NS REMOTE N:
# three cases of a session against libsrtp2 ($PEER). SESSION_NS gets, after
# a flush, one $SUITE session of LOCAL and REMOTE (addr:port) with the keys
# of $BTI_TMP/session.keys, sending SSRC 0x1111 and receiving 0x2222.
# CLEAR_NS sends N RTP packets in clear from CLEAR to REMOTE, where
# libsrtp2 in PEER_NS must verify them all ($BTI_TMP/k1); libsrtp2 sends N
# SRTP packets ($BTI_TMP/k2) to LOCAL, which must reach CLEAR verified and
# decrypted; the session counts N each way and no drop.
bti_media_both_ways() {
	local label=$1 sess_ns=$2 local=$3 clear_ns=$4 clear=$5 peer_ns=$6
	local remote=$7 n=$8 stats name

	ip netns exec "$sess_ns" "$BTICTL" session flush
	ip netns exec "$sess_ns" "$BTICTL" session add local "$local" remote "$remote" \
		suite "$SUITE" tx-ssrc 0x1111 rx-ssrc 0x2222 srtcp-index 1 \
		keys "$BTI_TMP/session.keys"

	name="$label: $n RTP packets sent in clear leave protected; libsrtp2 verifies all"
	bti_peer_recv "$peer_ns" 5000 recv --local "$remote" --ssrc 0x1111 \
		--keys "$BTI_TMP/k1" --count "$n" || true
	ip netns exec "$clear_ns" "$PEER" plain-send --local "$clear" --remote "$remote" \
		--ssrc 0x1111 --count "$n" --interval-us 200 >/dev/null
	wait "$RX_PID" || true
	if jq -e ".ok == $n and .auth_fail == 0" "$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
	fi

	name="$label: libsrtp2's $n SRTP packets arrive verified and decrypted"
	bti_peer_recv "$clear_ns" 5000 plain-recv --local "$clear" --ssrc 0x2222 \
		--count "$n" || true
	ip netns exec "$peer_ns" "$PEER" send --local "$remote" --remote "$local" \
		--ssrc 0x2222 --keys "$BTI_TMP/k2" --count "$n" --interval-us 200 >/dev/null
	wait "$RX_PID" || true
	if jq -e ".ok == $n and .content_mismatch == 0" "$BTI_TMP/rx" >/dev/null; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(cat "$BTI_TMP/rx" "$BTI_TMP/rx.err")"
	fi

	name="$label: the session counted $n each way and no drop"
	stats=$(ip netns exec "$sess_ns" "$BTICTL" -j session show | jq -c '.[0].stats')
	if printf '%s' "$stats" | jq -e ".tx_packets == $n and .rx_packets == $n and
		([.drop_auth, .drop_replay, .drop_malformed, .drop_no_key] | add) == 0" >/dev/null; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$stats"
	fi
}
