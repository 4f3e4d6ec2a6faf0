#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-bench.sh OUTDIR - the measurements of "make bench", run as root
# inside the test VM (tools/bench/bench.sh boots it). Writes raw results
# to OUTDIR; tools/bench/report.py turns them into the table.
#
#   env.txt               kernel, guest CPU, crypto modules, settings
#   transform-kernel.txt  bti_bench.ko's "result" lines, per round
#   transform-libsrtp.jsonl  srtp-peer bench, per round and suite
#   stream.jsonl          one line per stream run (receiver and sender)
#   sessions-SUITE.json   tools/bench/bench_sessions.py
#
# Environment: BENCH_ROUNDS (3), BENCH_PACKETS (per transform measurement,
# 20000), BENCH_STREAM_PACKETS (per stream run, 20000), BENCH_SESSIONS
# (10000), BENCH_DELETES (sessions deleted one request each, 1000; the
# rest go in one flush), BENCH_CPU (the CPU everything runs on, 0),
# BENCH_PARTS (which of "transform stream sessions" to run: all),
# BENCH_SUITES (AES_CM_128_HMAC_SHA1_80 AEAD_AES_128_GCM).
# Exit status 0 when every measurement ran and every packet that arrived
# was the one sent.

set -eu -o pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
here=$(cd "$(dirname "$0")" && pwd -P)
src=$(cd "$here/../.." && pwd -P)
kver=$(uname -r)
build=$src/build/$kver
peer=$src/tools/srtp-peer/srtp-peer
btictl=$src/tools/btictl/btictl
rounds=${BENCH_ROUNDS:-3}
packets=${BENCH_PACKETS:-20000}
stream_packets=${BENCH_STREAM_PACKETS:-20000}
sessions=${BENCH_SESSIONS:-10000}
deletes=${BENCH_DELETES:-1000}
cpu=${BENCH_CPU:-0}
parts=${BENCH_PARTS:-transform stream sessions}
read -r -a suites <<<"${BENCH_SUITES:-AES_CM_128_HMAC_SHA1_80 AEAD_AES_128_GCM}"
tmp=$(mktemp -d /tmp/bti-bench.XXXXXX)
A=bench-a
B=bench-b

log() { echo "bench: $*" >&2; }
die() {
	echo "bench: error: $*" >&2
	exit 1
}
cleanup() {
	local pid
	for pid in $(jobs -p); do
		kill "$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	ip netns del "$A" 2>/dev/null || true
	ip netns del "$B" 2>/dev/null || true
	rmmod bti_bench 2>/dev/null || true
	rmmod bti 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
on1() { taskset -c "$cpu" "$@"; }

mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.jsonl "$out"/*.json
umask 077

for f in "$build/bti.ko" "$build/bti_bench.ko" "$peer" "$btictl"; do
	[ -e "$f" ] || die "$f is missing (make bench builds it)"
done

# --- modules -------------------------------------------------------------
# A real system's udev loads the CPU's accelerated crypto drivers at boot
# (by CPU modalias); this VM has no udev, so load them as it would. Then
# the crypto API picks the same drivers as on such a system.
accel=(aesni_intel sha1_ssse3 ghash_clmulni_intel)
for m in $(modinfo -F depends "$build/bti.ko" | tr ',' ' ') veth "${accel[@]}"; do
	modprobe "$m" || die "cannot load $m"
done
insmod "$build/bti.ko"

{
	echo "kernel: $kver"
	echo "guest_cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "guest_cpus: $(nproc)"
	echo "guest_flags: $(grep -m1 -o -w -E 'aes|avx2|avx512f|pclmulqdq|sha_ni|vaes' /proc/cpuinfo | sort -u | tr '\n' ' ')"
	echo "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
	echo "crypto_modules: ${accel[*]}"
	echo "rounds: $rounds"
	echo "transform_packets: $packets"
	echo "stream_packets: $stream_packets"
	echo "sessions: $sessions"
	echo "deletes: $deletes"
	echo "pinned_cpu: $cpu"
	echo "parts: $parts"
	echo "suites: ${suites[*]}"
} >"$out/env.txt"

# --- 1: the transform, in a loop -----------------------------------------
# enum bti_suite values of the suites, for bti_bench.ko
suite_ids() {
	local s ids=()
	for s in "${suites[@]}"; do
		case $s in
		AES_CM_128_HMAC_SHA1_80) ids+=(1) ;;
		AES_CM_128_HMAC_SHA1_32) ids+=(2) ;;
		AEAD_AES_128_GCM) ids+=(3) ;;
		AEAD_AES_256_GCM) ids+=(4) ;;
		AES_256_CM_HMAC_SHA1_80) ids+=(5) ;;
		AES_256_CM_HMAC_SHA1_32) ids+=(6) ;;
		*) die "unknown suite $s" ;;
		esac
	done
	local IFS=,
	echo "${ids[*]}"
}

# Rounds alternate bti_bench.ko and libsrtp2 so that a change of the
# host's load falls on both.
transform() {
	local r s mark
	for r in $(seq "$rounds"); do
		log "transform: round $r of $rounds"
		mark="bti_bench round $r $(date +%s%N)"
		echo "$mark" >/dev/kmsg
		on1 insmod "$build/bti_bench.ko" packets="$packets" \
			suites="$(suite_ids)" ||
			die "bti_bench.ko failed: $(dmesg | grep 'bti_bench: error' | tail -n 3)"
		dmesg | sed -n "/$mark/,\$p" | grep -o 'bti_bench: result .*' |
			sed "s/^bti_bench: result /round=$r /" >>"$out/transform-kernel.txt"
		rmmod bti_bench
		for s in "${suites[@]}"; do
			on1 "$peer" bench --suite "$s" --iterations "$packets" |
				sed "s/^{/{\"round\":$r,/" >>"$out/transform-libsrtp.jsonl"
		done
	done
}

# --- 2: a stream through veth --------------------------------------------
hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

netns_up() {
	ip netns add "$A"
	ip netns add "$B"
	ip link add va netns "$A" type veth peer name vb netns "$B"
	ip -n "$A" addr add 10.99.0.1/24 dev va
	ip -n "$B" addr add 10.99.0.2/24 dev vb
	ip -n "$A" link set va up
	ip -n "$B" link set vb up
	ip -n "$A" link set lo up
	ip -n "$B" link set lo up
}

# Key files for a suite: libsrtp2 master key and salt ($tmp/peer.keys),
# bti session keys for both directions ($tmp/bti.keys for A, the same
# with tx and rx swapped in $tmp/bti-b.keys for B).
keys_for() {
	local suite=$1 klen=16 slen=14 d
	case $suite in AEAD*) slen=12 ;; esac
	case $suite in *_256_*) klen=32 ;; esac
	printf '%s %s %s\n' "$suite" "$(hex $klen)" "$(hex $slen)" >"$tmp/peer.keys"
	: >"$tmp/bti.keys"
	for d in tx rx; do
		{
			echo "$d-srtp-key $(hex $klen)"
			echo "$d-srtp-salt $(hex $slen)"
			echo "$d-srtcp-key $(hex $klen)"
			echo "$d-srtcp-salt $(hex $slen)"
			case $suite in AEAD*) ;; *)
				echo "$d-srtp-auth $(hex 20)"
				echo "$d-srtcp-auth $(hex 20)" ;;
			esac
		} >>"$tmp/bti.keys"
	done
	sed -e 's/^tx-/X-/' -e 's/^rx-/tx-/' -e 's/^X-/rx-/' "$tmp/bti.keys" >"$tmp/bti-b.keys"
}

# wait_ready FILE PID
wait_ready() {
	local _
	for _ in $(seq 200); do
		[ -s "$1" ] && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

SSRC=0x62746921
# Receivers and relays wait for the first datagram as long as it takes to
# start the sender (its binaries come over 9p; under load, or under
# icount where the guest clock leaps while it waits for the host, that
# took over 10 s), then end after 2 s without one.
waits=(--first-timeout-ms 300000 --timeout-ms 2000)

# udp_rcvbuf_errors NS: datagrams a full socket buffer dropped in NS
udp_rcvbuf_errors() {
	# shellcheck disable=SC2016 # awk's own variables
	ip netns exec "$1" awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++)
		if ($i == "RcvbufErrors") f = i; h = 1 } else print $f }' \
		/proc/net/snmp
}

# stream_run ROUND SUITE CONFIG: one run; appends a line to stream.jsonl.
stream_run() {
	local r=$1 suite=$2 config=$3
	local rcmd=plain-recv scmd=plain-send rkeys=() skeys=()
	local rns=$B rlocal=10.99.0.2:6004 slocal=10.99.0.1:5004
	local sremote=10.99.0.2:6004 rpid y1 y2
	rm -f "$tmp/ready" "$tmp/rx" "$tmp/tx" "$tmp/y1" "$tmp/y2"
	local drops_a drops_b
	drops_a=$(udp_rcvbuf_errors "$A")
	drops_b=$(udp_rcvbuf_errors "$B")
	case $config in
	bti)
		ip netns exec "$A" "$btictl" session add local 10.99.0.1:5004 \
			remote 10.99.0.2:6004 suite "$suite" tx-ssrc $SSRC \
			rx-ssrc $SSRC keys "$tmp/bti.keys"
		ip netns exec "$B" "$btictl" session add local 10.99.0.2:6004 \
			remote 10.99.0.1:5004 suite "$suite" tx-ssrc $SSRC \
			rx-ssrc $SSRC keys "$tmp/bti-b.keys"
		;;
	libsrtp2)
		rcmd=recv scmd=send
		rkeys=(--keys "$tmp/peer.keys")
		skeys=(--keys "$tmp/peer.keys")
		;;
	relay)
		# plain-send -> relay (A, protect) -> veth -> relay (B,
		# unprotect) -> plain-recv; the extra hops are loopback.
		rlocal=127.0.0.1:7004 slocal=127.0.0.1:5000
		sremote=127.0.0.1:5004
		ip netns exec "$A" taskset -c "$cpu" "$peer" relay \
			--local 0.0.0.0:5004 --remote 10.99.0.2:6004 \
			--keys "$tmp/peer.keys" --count "$stream_packets" \
			"${waits[@]}" --ready-file "$tmp/y1" >"$tmp/r1" &
		y1=$!
		ip netns exec "$B" taskset -c "$cpu" "$peer" relay --reverse \
			--local 0.0.0.0:6004 --remote 127.0.0.1:7004 \
			--keys "$tmp/peer.keys" --count "$stream_packets" \
			"${waits[@]}" --ready-file "$tmp/y2" >"$tmp/r2" &
		y2=$!
		if ! wait_ready "$tmp/y1" "$y1" || ! wait_ready "$tmp/y2" "$y2"; then
			die "$config: the relays did not start"
		fi
		;;
	esac
	ip netns exec "$rns" taskset -c "$cpu" "$peer" "$rcmd" --local "$rlocal" \
		--ssrc $SSRC "${rkeys[@]}" --count "$stream_packets" \
		"${waits[@]}" --ready-file "$tmp/ready" >"$tmp/rx" &
	rpid=$!
	wait_ready "$tmp/ready" "$rpid" || die "$config: the receiver did not start"
	ip netns exec "$A" taskset -c "$cpu" "$peer" "$scmd" --local "$slocal" \
		--remote "$sremote" --ssrc $SSRC "${skeys[@]}" \
		--count "$stream_packets" >"$tmp/tx"
	wait "$rpid" || die "$config: the receiver failed"
	if [ "$config" = relay ]; then
		wait "$y1" || die "relay (protect) failed"
		wait "$y2" || die "relay (unprotect) failed"
	fi
	if [ "$config" = bti ]; then
		ip netns exec "$A" "$btictl" -j session show >"$tmp/sa"
		ip netns exec "$B" "$btictl" -j session show >"$tmp/sb"
		ip netns exec "$A" "$btictl" session flush
		ip netns exec "$B" "$btictl" session flush
	fi
	# Every packet that arrived must be the one sent, whole.
	jq -e '.ok == .received and .content_mismatch == 0' "$tmp/rx" >/dev/null ||
		die "$suite $config: wrong packets arrived: $(cat "$tmp/rx")"
	drops_a=$(($(udp_rcvbuf_errors "$A") - drops_a))
	drops_b=$(($(udp_rcvbuf_errors "$B") - drops_b))
	jq -c -n --argjson round "$r" --arg suite "$suite" --arg config "$config" \
		--argjson sent "$stream_packets" \
		--argjson drops_a "$drops_a" --argjson drops_b "$drops_b" \
		--slurpfile rx "$tmp/rx" --slurpfile tx "$tmp/tx" \
		'{round: $round, suite: $suite, config: $config, sent: $sent,
		  rcvbuf_drops_sender_ns: $drops_a,
		  rcvbuf_drops_receiver_ns: $drops_b,
		  rx: $rx[0], tx: $tx[0]}' >>"$out/stream.jsonl"
	log "stream: round $r $suite $config: $(jq -r '"\(.received) received, \(.pps) pps"' "$tmp/rx"), socket buffer drops $drops_a+$drops_b"
}

stream() {
	local r s
	netns_up
	# Read the programs once, so that no run waits for 9p.
	ip netns exec "$A" "$peer" --help >/dev/null 2>&1 || true
	ip netns exec "$B" "$btictl" help >/dev/null 2>&1 || true
	for r in $(seq "$rounds"); do
		stream_run "$r" none plain
		for s in "${suites[@]}"; do
			keys_for "$s"
			stream_run "$r" "$s" bti
			stream_run "$r" "$s" libsrtp2
			stream_run "$r" "$s" relay
		done
	done
	ip netns del "$A"
	ip netns del "$B"
}

# --- 3: sessions ---------------------------------------------------------
# The installer runs in a memory cgroup of its own, so that what bti
# charges to it (sessions, contexts) is read apart from the rest.
session_memory() {
	local s cg=/sys/fs/cgroup/bti-bench
	mountpoint -q /sys/fs/cgroup || mount -t cgroup2 none /sys/fs/cgroup
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	mkdir -p "$cg"
	for s in "${suites[@]}"; do
		log "sessions: $sessions of $s"
		# In the initial namespace: "ip netns exec" would hide the
		# cgroup file system behind a new /sys.
		(
			echo "$BASHPID" >"$cg/cgroup.procs"
			exec taskset -c "$cpu" python3 "$here/bench_sessions.py" \
				"$s" "$sessions" "$out/sessions-$s.json" "$deletes"
		) || die "bench_sessions.py $s failed"
	done
	rmdir "$cg"
}

for part in $parts; do
	case $part in
	transform) transform ;;
	stream) stream ;;
	sessions) session_memory ;;
	*) die "BENCH_PARTS: no part \"$part\" (transform, stream, sessions)" ;;
	esac
done
rmmod bti
log "done"
