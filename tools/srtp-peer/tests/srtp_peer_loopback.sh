#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# srtp_peer_loopback: srtp-peer (libsrtp2) talking to srtp-peer over
# 127.0.0.1 and ::1, for every suite, RTP and RTCP, with the receiver's
# counts checked exactly. TAP on stdout; exit 1 if any check fails.
#
#   SRTP_PEER=path  the program (default: ../srtp-peer next to this script)
#
# Each case starts a receiver on port 0 (it writes the port it got to a
# ready file), runs a sender at it, and compares fields of the two JSON
# summaries with what the case expects. Impairments are exact (flip=N
# flips N packets, duplicate=P% duplicates round(count*P/100)), so the
# expected counts are too. Everything is bounded: the receiver stops at
# --count datagrams, after 1 s of silence or 10 s without a first
# datagram; every process runs under timeout(1); all traffic stays on
# the loopback interface.
set -u

here=$(cd "$(dirname "$0")" && pwd)
peer=${SRTP_PEER:-$here/../srtp-peer}
limit=20	# seconds, for any one process
pace=20		# microseconds between datagrams

work=$(mktemp -d "${TMPDIR:-/tmp}/srtp-peer-loopback.XXXXXX") || exit 1
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
umask 077

n=0
failed=0
echo "TAP version 13"

pass() {
	n=$((n + 1))
	echo "ok $n - $1"
}

fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	local line
	for line in "$@"; do
		echo "#   $line"
	done
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

have_ipv6=0
if grep -qs '^00000000000000000000000000000001 ' /proc/net/if_inet6; then
	have_ipv6=1
fi

# A JSON field of a one-line flat object: numbers, true/false/null.
field() {
	sed -n 's/.*"'"$1"'":\([^,}]*\).*/\1/p' "$2"
}

hex() {
	od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

# Key files k1.SUITE and k2.SUITE, and the suites' key/salt lengths.
declare -A key_len salt_len
suites="AES_CM_128_HMAC_SHA1_80 AES_CM_128_HMAC_SHA1_32 AES_256_CM_HMAC_SHA1_80
	AES_256_CM_HMAC_SHA1_32 AEAD_AES_128_GCM AEAD_AES_256_GCM"
for s in $suites; do
	case $s in
	*256*) key_len[$s]=32 ;;
	*) key_len[$s]=16 ;;
	esac
	case $s in
	AEAD*) salt_len[$s]=12 ;;
	*) salt_len[$s]=14 ;;
	esac
	for k in k1 k2; do
		printf '# %s test key\n%s %s %s\n' "$k" "$s" \
			"$(hex "${key_len[$s]}")" "$(hex "${salt_len[$s]}")" \
			> "$k.$s"
	done
done

# Wait for ready file $1 of process $2; prints the address.
wait_ready() {
	local i
	for i in $(seq 500); do
		if [ -s "$1" ]; then
			cat "$1"
			return 0
		fi
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.01
	done
	return 1
}

# Check "key=value" expectations against the receiver's summary $1; an
# "s.key=value" is checked against the sender's summary $2. Prints the
# differences.
differences() {
	local rjson=$1 sjson=$2 kv k v got file
	shift 2
	for kv in "$@"; do
		k=${kv%%=*}
		v=${kv#*=}
		file=$rjson
		if [ "${k#s.}" != "$k" ]; then
			k=${k#s.}
			file=$sjson
		fi
		got=$(field "$k" "$file")
		[ "$got" = "$v" ] || printf '%s=%s (want %s) ' "$k" "${got:-missing}" "$v"
	done
}

# run NAME FAMILY RECV_CMD "RECV_ARGS" SEND_CMD "SEND_ARGS" EXPECT...
#
# FAMILY is 4 or 6. The receiver always gets --local, --ready-file,
# --timeout-ms; its --count is the datagrams the case expects; and
# timed_out=false is always expected. SEND_STDIN (a file) becomes the
# sender's stdin; SEND_DELAY (seconds) delays the sender.
run() {
	local name=$1 family=$2 rcmd=$3 rargs=$4 scmd=$5 sargs=$6
	shift 6
	local lo=127.0.0.1 tag=$n rpid addr diff
	if [ "$family" = 6 ]; then
		if [ $have_ipv6 = 0 ]; then
			skip "$name" "no ::1"
			return
		fi
		lo='[::1]'
	fi
	rm -f "ready.$tag"
	# shellcheck disable=SC2086 # the argument strings are word lists
	timeout "$limit" "$peer" "$rcmd" --local "$lo:0" \
		--ready-file "ready.$tag" --timeout-ms 1000 $rargs \
		> "recv.$tag" 2> "recv-err.$tag" &
	rpid=$!
	pids+=("$rpid")
	if ! addr=$(wait_ready "ready.$tag" "$rpid"); then
		wait "$rpid" 2>/dev/null
		fail "$name" "receiver did not start: $(cat "recv-err.$tag")"
		return
	fi
	[ -n "${SEND_DELAY:-}" ] && sleep "$SEND_DELAY"
	# shellcheck disable=SC2086
	if ! timeout "$limit" "$peer" "$scmd" --remote "$addr" \
		--interval-us "$pace" $sargs > "send.$tag" 2> "send-err.$tag" \
		< "${SEND_STDIN:-/dev/null}"; then
		kill "$rpid" 2>/dev/null
		wait "$rpid" 2>/dev/null
		fail "$name" "sender failed: $(cat "send-err.$tag")"
		return
	fi
	if ! wait "$rpid"; then
		fail "$name" "receiver failed: $(cat "recv-err.$tag")"
		return
	fi
	diff=$(differences "recv.$tag" "send.$tag" timed_out=false "$@")
	if [ -z "$diff" ]; then
		pass "$name"
	else
		fail "$name" "$diff" "recv: $(cat "recv.$tag")" \
			"send: $(cat "send.$tag")" \
			"$(cat "recv-err.$tag" "send-err.$tag")"
	fi
}

# --- every suite: RTP and RTCP, clean, wrap, impairments, rekey --------
i=0
for s in $suites; do
	i=$((i + 1))
	# alternate the families so that both see every kind of case
	fa=$((i % 2 ? 4 : 6))
	fb=$((i % 2 ? 6 : 4))
	k1=k1.$s
	k2=k2.$s

	run "$s rtp basic ipv$fa" "$fa" \
		recv "--ssrc 0x1234abcd --keys $k1 --count 200" \
		send "--ssrc 0x1234abcd --keys $k1 --count 200 --start-seq 1000" \
		received=200 ok=200 auth_fail=0 replay_fail=0 other_fail=0 \
		content_mismatch=0 highest_seq=1199 roc=0 s.sent=200

	run "$s rtp seq wrap 65500+100: roc 0 -> 1 ipv$fb" "$fb" \
		recv "--ssrc 7 --keys $k1 --count 100" \
		send "--ssrc 7 --keys $k1 --count 100 --start-seq 65500" \
		received=100 ok=100 auth_fail=0 replay_fail=0 \
		highest_seq=63 highest_index=65599 roc=1 s.roc=1

	# 300 packets: 4 flipped, 30 duplicated, 3 resent left of the window
	run "$s rtp reorder+duplicate+flip+old ipv$fa" "$fa" \
		recv "--ssrc 99 --keys $k1 --count 333" \
		send "--ssrc 99 --keys $k1 --count 300 --impair reorder=8,duplicate=10%,flip=4,old=3,seed=$i" \
		received=333 ok=296 auth_fail=4 replay_fail=33 replay_old=3 \
		other_fail=0 content_mismatch=0 highest_seq=299 \
		s.duplicates=30 s.flipped=4 s.old=3

	run "$s rtp rekey at 1:5 across the wrap, reordered ipv$fb" "$fb" \
		recv "--ssrc 5 --keys $k1 --keys2 $k2 --rekey-at 1:5 --count 100" \
		send "--ssrc 5 --keys $k1 --keys2 $k2 --rekey-at 1:5 --count 100 --start-seq 65500 --impair reorder=4,seed=$i" \
		received=100 ok=100 ok_keys2=59 auth_fail=0 replay_fail=0 roc=1

	run "$s rtcp basic ipv$fb" "$fb" \
		recv "--rtcp --ssrc 0xfeedface --keys $k1 --payload-size 40 --count 100" \
		send "--rtcp --ssrc 0xfeedface --keys $k1 --payload-size 40 --count 100" \
		received=100 ok=100 auth_fail=0 replay_fail=0 other_fail=0 \
		content_mismatch=0 highest_seq=100 window=128

	run "$s rtcp reorder+duplicate+flip+old ipv$fa" "$fa" \
		recv "--rtcp --ssrc 99 --keys $k1 --count 333" \
		send "--rtcp --ssrc 99 --keys $k1 --count 300 --impair reorder=8,duplicate=10%,flip=4,old=3,seed=$i" \
		received=333 ok=296 auth_fail=4 replay_fail=33 replay_old=3 \
		other_fail=0 content_mismatch=0 highest_seq=300

	run "$s rtcp rekey at index 50, reordered ipv$fa" "$fa" \
		recv "--rtcp --ssrc 5 --keys $k1 --keys2 $k2 --rekey-at 50 --count 100" \
		send "--rtcp --ssrc 5 --keys $k1 --keys2 $k2 --rekey-at 50 --count 100 --impair reorder=4,seed=$i" \
		received=100 ok=100 ok_keys2=51 auth_fail=0 replay_fail=0
done

# --- replay window, ROC, keys ------------------------------------------
s=AES_CM_128_HMAC_SHA1_80
run "reordering by up to 99 inside the default window of 128" 4 \
	recv "--ssrc 1 --keys k1.$s --count 400" \
	send "--ssrc 1 --keys k1.$s --count 400 --impair reorder=100,seed=1" \
	received=400 ok=400 replay_fail=0 auth_fail=0

run "--window 64: old=5 are left of it, reorder=32 inside" 6 \
	recv "--ssrc 1 --keys k1.AEAD_AES_128_GCM --window 64 --count 105" \
	send "--ssrc 1 --keys k1.AEAD_AES_128_GCM --window 64 --count 100 --impair reorder=32,old=5,seed=2" \
	received=105 ok=100 replay_fail=5 replay_old=5 window=64

run "--window 100 is rounded up to 128 by libsrtp2" 4 \
	recv "--ssrc 1 --keys k1.$s --window 100 --count 10" \
	send "--ssrc 1 --keys k1.$s --count 10" \
	ok=10 window=128

run "--start-roc 3 from seq 65000: roc 3 -> 4" 4 \
	recv "--ssrc 3 --keys k1.AEAD_AES_256_GCM --start-roc 3 --count 1000" \
	send "--ssrc 3 --keys k1.AEAD_AES_256_GCM --start-roc 3 --start-seq 65000 --count 1000" \
	received=1000 ok=1000 auth_fail=0 roc=4 highest_index=262607 s.roc=4

run "receiver without the sender's ROC authenticates nothing" 4 \
	recv "--ssrc 3 --keys k1.$s --count 20" \
	send "--ssrc 3 --keys k1.$s --start-roc 2 --count 20" \
	received=20 ok=0 auth_fail=20

run "wrong key: every packet fails authentication" 6 \
	recv "--ssrc 9 --keys k2.$s --count 50" \
	send "--ssrc 9 --keys k1.$s --count 50" \
	received=50 ok=0 auth_fail=50

run "SRTCP start index 1000 (libsrtp2 index skipped forward)" 4 \
	recv "--rtcp --ssrc 9 --keys k1.$s --count 20" \
	send "--rtcp --ssrc 9 --keys k1.$s --start-seq 1000 --count 20" \
	ok=20 highest_seq=1019 highest_index=1019

SEND_STDIN=k1.AES_256_CM_HMAC_SHA1_32 \
run "key file from stdin (--keys -)" 4 \
	recv "--ssrc 9 --keys k1.AES_256_CM_HMAC_SHA1_32 --count 30" \
	send "--ssrc 9 --keys - --count 30" \
	ok=30 auth_fail=0

SEND_DELAY=1.2 \
run "first datagram after more than --timeout-ms (--first-timeout-ms)" 4 \
	recv "--ssrc 9 --keys k1.$s --first-timeout-ms 5000 --count 10" \
	send "--ssrc 9 --keys k1.$s --count 10" \
	ok=10

# --- plaintext -----------------------------------------------------------
run "plain-send to plain-recv across the wrap" 6 \
	plain-recv "--ssrc 4 --count 100" \
	plain-send "--ssrc 4 --count 100 --start-seq 65500" \
	received=100 ok=100 content_mismatch=0 roc=1 highest_seq=63 window=0

run "plain flip=5: content_mismatch 5" 4 \
	plain-recv "--ssrc 4 --count 60 --payload-size 100" \
	plain-send "--ssrc 4 --count 60 --payload-size 100 --impair flip=5,seed=9" \
	received=60 ok=55 content_mismatch=5

run "plaintext RTCP compound" 4 \
	plain-recv "--rtcp --ssrc 4 --count 30 --payload-size 12" \
	plain-send "--rtcp --ssrc 4 --count 30 --payload-size 12" \
	received=30 ok=30 highest_seq=30

run "plaintext into an SRTP receiver is never accepted" 4 \
	recv "--ssrc 4 --keys k1.$s --count 50" \
	plain-send "--ssrc 4 --count 50" \
	received=50 ok=0 auth_fail=50

run "SRTP into a plaintext receiver is wrong content" 6 \
	plain-recv "--ssrc 4 --count 50" \
	send "--ssrc 4 --keys k1.AEAD_AES_128_GCM --count 50" \
	received=50 ok=0 content_mismatch=50

# --- relay: the userspace baseline ---------------------------------------
# relay_case NAME REVERSE RTCP: plain-send -> relay -> recv (protect),
# or send -> relay --reverse -> plain-recv; with RTCP=--rtcp for RTCP.
relay_case() {
	local name=$1 reverse=$2 rtcp=$3 tag=$n rpid ypid raddr yaddr diff
	local rcmd=recv rargs="--keys k1.AEAD_AES_128_GCM $rtcp"
	local scmd=plain-send sargs="$rtcp" yargs="$rtcp" want_recv=500
	if [ "$reverse" = 1 ]; then
		rcmd=plain-recv rargs="$rtcp" scmd=send
		sargs="--keys k1.AEAD_AES_128_GCM --impair duplicate=10%,seed=4 $rtcp"
		yargs="--reverse $rtcp"
	fi
	rm -f "ready.$tag" "ready-relay.$tag"
	# shellcheck disable=SC2086
	timeout "$limit" "$peer" "$rcmd" --local 127.0.0.1:0 --ssrc 77 \
		--ready-file "ready.$tag" --timeout-ms 1000 --count "$want_recv" \
		$rargs > "recv.$tag" 2> "recv-err.$tag" &
	rpid=$!
	pids+=("$rpid")
	raddr=$(wait_ready "ready.$tag" "$rpid") || {
		fail "$name" "receiver did not start"
		return
	}
	# shellcheck disable=SC2086
	timeout "$limit" "$peer" relay --local 127.0.0.1:0 --remote "$raddr" \
		--keys k1.AEAD_AES_128_GCM --ready-file "ready-relay.$tag" \
		--timeout-ms 1000 --count $((reverse ? 550 : 500)) $yargs \
		> "relay.$tag" 2> "relay-err.$tag" &
	ypid=$!
	pids+=("$ypid")
	yaddr=$(wait_ready "ready-relay.$tag" "$ypid") || {
		fail "$name" "relay did not start"
		return
	}
	# shellcheck disable=SC2086
	timeout "$limit" "$peer" "$scmd" --remote "$yaddr" --ssrc 77 \
		--count 500 --interval-us "$pace" $sargs \
		> "send.$tag" 2> "send-err.$tag"
	wait "$ypid"
	wait "$rpid"
	if [ "$reverse" = 1 ]; then
		diff=$(differences "relay.$tag" "send.$tag" received=550 \
			forwarded=500 replay_fail=50 auth_fail=0 \
			'direction="unprotect"')
	else
		diff=$(differences "relay.$tag" "send.$tag" received=500 \
			forwarded=500 'direction="protect"')
	fi
	diff+=$(differences "recv.$tag" "send.$tag" received=500 ok=500 \
		timed_out=false)
	if [ -z "$diff" ]; then
		pass "$name"
	else
		fail "$name" "$diff" "relay: $(cat "relay.$tag")" \
			"recv: $(cat "recv.$tag")" "$(cat "relay-err.$tag")"
	fi
}
relay_case "relay: plaintext in, libsrtp2-protected out" 0 ""
relay_case "relay --reverse: SRTP in, duplicates dropped, plaintext out" 1 ""
relay_case "relay --rtcp: plaintext RTCP in, SRTCP out" 0 --rtcp
relay_case "relay --rtcp --reverse: SRTCP in, plaintext RTCP out" 1 --rtcp

# --- SIGTERM ends a receiver with its summary ----------------------------
tag=$n
rm -f "ready.$tag"
timeout "$limit" "$peer" recv --local 127.0.0.1:0 --ssrc 1 \
	--keys "k1.$s" --timeout-ms 15000 --ready-file "ready.$tag" \
	> "recv.$tag" 2>&1 &
rpid=$!
pids+=("$rpid")
if addr=$(wait_ready "ready.$tag" "$rpid") &&
   timeout "$limit" "$peer" send --remote "$addr" --ssrc 1 --keys "k1.$s" \
	--count 10 > /dev/null 2>&1; then
	sleep 0.2
	kill -TERM "$rpid"
	if wait "$rpid" && [ "$(field received "recv.$tag")" = 10 ]; then
		pass "SIGTERM ends recv with its summary"
	else
		fail "SIGTERM ends recv with its summary" "$(cat "recv.$tag")"
	fi
else
	fail "SIGTERM ends recv with its summary" "could not run"
fi

# --- recv times what it received (make bench reads its pps) --------------
tag=$n
rm -f "ready.$tag"
timeout "$limit" "$peer" plain-recv --local 127.0.0.1:0 --ssrc 5 --count 20 \
	--timeout-ms 2000 --ready-file "ready.$tag" > "recv.$tag" 2>&1 &
rpid=$!
pids+=("$rpid")
if addr=$(wait_ready "ready.$tag" "$rpid") &&
   timeout "$limit" "$peer" plain-send --remote "$addr" --ssrc 5 --count 20 \
	--interval-us 5000 > /dev/null 2>&1 && wait "$rpid"; then
	ns=$(field elapsed_ns "recv.$tag")
	pps=$(field pps "recv.$tag")
	# 19 gaps of 5 ms from the first datagram sent to the last; the
	# receiver may read the first one a little late, so allow for it
	want=$(awk -v n="${ns:-0}" 'BEGIN { if (n > 0) printf "%.0f", 20e9 / n }')
	if [ "$(field received "recv.$tag")" = 20 ] &&
	   [ "${ns:-0}" -ge 50000000 ] && [ "$ns" -lt 5000000000 ] &&
	   [ "$pps" = "$want" ]; then
		pass "recv reports elapsed_ns and pps from first to last datagram"
	else
		fail "recv reports elapsed_ns and pps from first to last datagram" \
			"$(cat "recv.$tag")" "pps want $want"
	fi
else
	fail "recv reports elapsed_ns and pps from first to last datagram" \
		"could not run: $(cat "recv.$tag")"
fi

# --- bench (the baseline of make bench; here only: does it run) ----------
bad=""
for s in $suites; do
	for r in "" --rtcp; do
		# shellcheck disable=SC2086
		out=$(timeout "$limit" "$peer" bench --suite "$s" --size 172 \
			--iterations 2000 $r 2>&1)
		case $out in
		*'"protect_ns_per_packet":'*'"unprotect_ns_per_packet":'*) ;;
		*) bad+="$s$r: $out " ;;
		esac
	done
done
if [ -z "$bad" ]; then
	pass "bench runs for every suite, RTP and RTCP"
else
	fail "bench runs for every suite, RTP and RTCP" "$bad"
fi

# --- command line: exit status and messages -------------------------------
# cli NAME WANT_STATUS WANT_TEXT ARGS... (stdin: /dev/null)
cli() {
	local name=$1 want=$2 text=$3 rc out
	shift 3
	out=$(timeout "$limit" "$peer" "$@" 2>&1 < /dev/null)
	rc=$?
	if [ "$rc" = "$want" ] && [[ $out == *"$text"* ]]; then
		pass "cli: $name"
	else
		fail "cli: $name" "exit $rc (want $want), output: $out" \
			"(want text: $text)"
	fi
}

printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$(hex 15)" "$(hex 14)" > short-key
printf 'AES_CM_128_HMAC_SHA1_99 %s %s\n' "$(hex 16)" "$(hex 14)" > bad-suite
printf 'AEAD_AES_128_GCM %s %s\n' "$(hex 16)" "$(hex 14)" > gcm-long-salt
printf 'AES_CM_128_HMAC_SHA1_80 %s\n' "$(hex 16)" > two-fields
a=127.0.0.1:9	# discard port: nothing is sent in these cases

cli "no command is a usage error" 2 "no command" 
cli "--help" 0 "AEAD_AES_256_GCM" --help
cli "send --help" 0 "usage: srtp-peer send" send --help
cli "unknown command" 2 "unknown command 'sned'" sned
cli "unknown option" 2 "unknown option '--bogus'" send --bogus
cli "missing --keys" 2 "send needs --keys" send --remote $a --ssrc 1
cli "--rekey-at without --keys2" 2 "go together" \
	send --remote $a --ssrc 1 --keys "k1.$s" --rekey-at 5
cli "option of another command" 2 "does not apply to recv" \
	recv --local $a --ssrc 1 --keys "k1.$s" --impair flip=1
cli "missing key file" 1 "key file nonexistent" \
	send --remote $a --ssrc 1 --keys nonexistent
cli "key too short for the suite" 1 "master key has 15 octets; AES_CM_128_HMAC_SHA1_80 needs 16" \
	send --remote $a --ssrc 1 --keys short-key
cli "salt too long for GCM" 1 "master salt has 14 octets; AEAD_AES_128_GCM needs 12" \
	recv --local $a --ssrc 1 --keys gcm-long-salt
cli "unknown suite" 1 "unknown suite 'AES_CM_128_HMAC_SHA1_99'" \
	send --remote $a --ssrc 1 --keys bad-suite
cli "key line with two fields" 1 "expected 3 fields" \
	send --remote $a --ssrc 1 --keys two-fields
cli "empty stdin key" 1 "stdin: no key line" \
	send --remote $a --ssrc 1 --keys -
cli "bad address" 1 "bad address 'localhost:5004'" \
	send --remote localhost:5004 --ssrc 1 --keys "k1.$s"
cli "IPv6 without brackets" 1 "write IPv6 as [ADDR]:PORT" \
	recv --local ::1:5004 --ssrc 1 --keys "k1.$s"
cli "unknown bench suite" 1 "--suite AES_CM_128_HMAC_SHA1_81: unknown suite" \
	bench --suite AES_CM_128_HMAC_SHA1_81
cli "bad impair spec" 1 "impair: unknown item 'loss'" \
	send --remote $a --ssrc 1 --keys "k1.$s" --impair loss=1
cli "old= that cannot be left of the window" 1 "needs --count >= old + flip + window = 130" \
	send --remote $a --ssrc 1 --keys "k1.$s" --count 100 --impair old=2
cli "keys2 of another suite" 1 "a rekey keeps the suite" \
	send --remote $a --ssrc 1 --keys "k1.$s" --keys2 k2.AEAD_AES_128_GCM --rekey-at 5
cli "rekey index outside the packets sent" 1 "is not one of the indexes sent" \
	send --remote $a --ssrc 1 --keys "k1.$s" --keys2 "k2.$s" --rekey-at 1:0 --count 10
cli "RTP sequence number above 65535" 1 "an RTP sequence number is 0..65535" \
	send --remote $a --ssrc 1 --keys "k1.$s" --start-seq 65536
cli "SRTCP index 0" 1 "SRTCP indexes start at 1" \
	send --rtcp --remote $a --ssrc 1 --keys "k1.$s" --start-seq 0
cli "--window below 64" 1 "--window 32: want a number 64..32767" \
	recv --local $a --ssrc 1 --keys "k1.$s" --window 32
cli "address families differ" 1 "different address families" \
	send --local '[::1]:0' --remote $a --ssrc 1 --keys "k1.$s" --count 1

echo "1..$n"
[ "$failed" -eq 0 ]
