#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teardown under traffic. Namespaces A and B, joined by a veth pair, each
# hold N mirrored sessions (half AES-CM, half AES-GCM) and send each other
# traffic on all of them (bti_traffic.py). Under that traffic:
#   (a) D of A's sessions are deleted one by one (B then drops and counts
#       what A sends in clear on those flows), then added again;
#   (b) B's sessions are flushed, then added again;
#   (c) D of A's sessions are rekeyed (each keeps its previous receive
#       context), then namespace A is destroyed with its sessions live,
#       and made again (with D sessions);
#   (d) the module is unloaded (it may refuse while busy, but must go),
#       and loaded again under the same traffic, and works.
# After each step the bti_session slab cache holds exactly the live
# sessions (kmem_cache_shrink, then /proc/slabinfo, plus what KFENCE
# took); at the end the kmalloc caches that sessions allocate from hold
# no more objects than before the first session (within a slack), and
# the kernel log is clean (a slab cache destroyed with objects left, at
# unload, is reported there). kmemleak is used when the kernel has it.
#
# BTI_TEARDOWN_SESSIONS (100) sessions per namespace, BTI_TEARDOWN_DELETE
# (25) deleted one by one, BTI_TEARDOWN_RATE (500) datagrams per second
# from each namespace.

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

bti_setup ip jq python3 insmod rmmod modprobe
A=$(bti_netns_name td-a)
B=$(bti_netns_name td-b)
N=${BTI_TEARDOWN_SESSIONS:-100}
D=${BTI_TEARDOWN_DELETE:-25}
RATE=${BTI_TEARDOWN_RATE:-500}
traffic=$here/bti_traffic.py
IP_A=10.96.0.1
IP_B=10.96.0.2
# Growth of a kmalloc cache over the whole test that counts as a leak.
# Only the caches sessions allocate from are checked (those that hold N
# more objects once the first 2 N sessions are in, at least 0.9 per
# session: contexts, crypto transforms); the others move by a slab or two
# with whatever else runs (namespaces free their memory lazily).
# The test makes and frees 3 N + 5 D + 2 sessions; one leaked object per
# session on any path with N sessions exceeds the slack.
SLAB_SLACK=${BTI_TEARDOWN_SLAB_SLACK:-$((N / 2))}
# kmalloc caches not checked at all (bti_async_teardown.sh says why).
SKIP_CACHES=${BTI_TEARDOWN_SKIP_CACHES:-}

KMEMLEAK=/sys/kernel/debug/kmemleak
kmemleak=0
[ -w "$KMEMLEAK" ] && kmemleak=1
ktap_begin $((19 + kmemleak))
if [ "$kmemleak" = 1 ]; then
	echo clear >"$KMEMLEAK"
else
	ktap_diag "kmemleak: $KMEMLEAK not available (kernel without CONFIG_DEBUG_KMEMLEAK); leaks are checked with the slab counts only"
fi

if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

# slab_objects CACHE...: "CACHE OBJECTS" for each cache that exists, its
# objects in use: those of its slabs (/proc/slabinfo) and those KFENCE
# took over (allocated from its own pool, not counted in slabinfo).
# kmem_cache_shrink() first moves the per-CPU slabs to the node lists, so
# that their free objects are not counted as in use; an allocation on a
# CPU between the shrink and the reading still makes a fresh per-CPU slab
# count as in use, so the lowest of three readings is taken.
KFENCE_OBJECTS=/sys/kernel/debug/kfence/objects
slab_objects() {
	local c
	for _ in 1 2 3; do
		for c in "$@"; do
			[ -w "/sys/kernel/slab/$c/shrink" ] && echo 1 >"/sys/kernel/slab/$c/shrink"
		done
		echo "kfence:"
		[ ! -r "$KFENCE_OBJECTS" ] || cat "$KFENCE_OBJECTS"
		echo "slabinfo:"
		cat /proc/slabinfo
	done | awk -v want=" $* " '
		function done_object() { if (cache != "" && live) kfence[cache]++; cache = "" }
		$1 == "kfence:" { slabinfo = 0; split("", kfence); next }
		$1 == "slabinfo:" { done_object(); slabinfo = 1; next }
		slabinfo {
			if (index(want, " " $1 " ")) {
				n = $2 + kfence[$1]
				if (!($1 in low) || n < low[$1])
					low[$1] = n
			}
			next
		}
		/^kfence-#/ {
			done_object()
			live = match($0, /cache=[^ ]+/)
			cache = live ? substr($0, RSTART + 6, RLENGTH - 6) : ""
			next
		}
		/^freed by task/ { live = 0 }
		END { for (c in low) print c, low[c] }' | sort
}
sessions_in_slab() { slab_objects bti_session | awk '{ print $2 }'; }
read -r -a KMALLOC <<<"$(awk '$1 ~ /^kmalloc-/ { print $1 }' /proc/slabinfo | tr '\n' ' ')"

# The test is IPv4 only. Without IPv6 on the links, no address
# configuration work (DAD, router solicitations) allocates in the
# background while the caches are counted.
no_ipv6() {
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
}

# (Re)make namespace A and the veth pair to B.
make_a() {
	bti_netns_add "$A" && no_ipv6 "$A" &&
		ip link add va netns "$A" type veth peer name vb netns "$B" &&
		ip -n "$A" addr add $IP_A/24 dev va && ip -n "$B" addr add $IP_B/24 dev vb &&
		ip -n "$A" link set va up && ip -n "$B" link set vb up &&
		ip -n "$A" link set lo up
}

# sessions add|del a|b [FIRST COUNT]: the sessions of one side (all N, or
# those of flows FIRST..FIRST+COUNT-1), in its namespace.
sessions() {
	local ns=$A local=$IP_A remote=$IP_B
	[ "$2" = a ] || { ns=$B; local=$IP_B; remote=$IP_A; }
	ip netns exec "$ns" python3 "$traffic" sessions "$1" "$2" $local $remote \
		"${3:-0}" "${4:-$N}"
}
count_sessions() { ip netns exec "$1" "$BTICTL" -j session show | jq length; }
stat_of() { ip netns exec "$1" "$BTICTL" -j stats | jq ".$2"; }

# flood_start a|b, flood_stop a|b: the traffic of one side.
declare -A FLOOD
flood_start() {
	local ns=$A local=$IP_A remote=$IP_B
	[ "$1" = a ] || { ns=$B; local=$IP_B; remote=$IP_A; }
	rm -f "$BTI_TMP/ready-$1"
	BTI_TRAFFIC_READY=$BTI_TMP/ready-$1 ip netns exec "$ns" nice -n 10 python3 "$traffic" flood \
		"$1" $local $remote "$N" "$RATE" >"$BTI_TMP/flood-$1" &
	FLOOD[$1]=$!
	BTI_PIDS+=("$!")
	for _ in $(seq 100); do
		[ -e "$BTI_TMP/ready-$1" ] && return 0
		sleep 0.1
	done
	return 1
}
flood_stop() {
	kill "${FLOOD[$1]}" 2>/dev/null || true
	wait "${FLOOD[$1]}" 2>/dev/null || true
}

# Traffic flows both ways: the packets verified in A and in B both grow
# within 2 s.
flowing() {
	local a0 b0 a1 b1
	a0=$(stat_of "$A" rx_packets)
	b0=$(stat_of "$B" rx_packets)
	for _ in $(seq 10); do
		sleep 0.2
		a1=$(stat_of "$A" rx_packets)
		b1=$(stat_of "$B" rx_packets)
		[ "$a1" -gt "$a0" ] && [ "$b1" -gt "$b0" ] && return 0
	done
	echo "rx_packets of A $a0 -> $a1, of B $b0 -> $b1"
	return 1
}

# check_case NAME CMD...: ok when CMD succeeds; what it prints follows as
# a diagnostic. CMD runs in this shell: it may start background processes.
check_case() {
	local name=$1
	shift
	if "$@" >"$BTI_TMP/case.out" 2>&1; then
		ktap_ok "$name"
		[ ! -s "$BTI_TMP/case.out" ] || ktap_diag "$(cat "$BTI_TMP/case.out")"
	else
		ktap_fail "$name" "$(cat "$BTI_TMP/case.out")"
	fi
}

# The slab cache holds exactly N sessions (polls: a namespace goes away
# in a workqueue, and memory a grace period after).
slab_holds() {
	local got
	for _ in $(seq 50); do
		got=$(sessions_in_slab)
		[ "$got" = "$1" ] && return 0
		sleep 0.2
	done
	echo "bti_session objects: ${got:-no cache}, expected $1"
	return 1
}

step_pair() { bti_netns_add "$B" && no_ipv6 "$B" && make_a; }
check_case "namespaces A and B joined by veth" step_pair

# Warm up: the first session of each suite instantiates the crypto
# templates, which stay; then the baseline of the caches.
sessions add a 0 2 && ip netns exec "$A" "$BTICTL" session flush
# What the new namespaces still allocate settles first: two counts a
# second apart that agree within a few objects.
slab_settled() {
	slab_objects "${KMALLOC[@]}" >"$1"
	for _ in $(seq 10); do
		sleep 1
		slab_objects "${KMALLOC[@]}" >"$1.again"
		awk 'NR == FNR { was[$1] = $2; next }
			{ d = $2 - was[$1]; if (d > 8 || d < -8) bad = 1 }
			END { exit bad }' "$1" "$1.again" && break
		mv "$1.again" "$1"
	done
}
slab_settled "$BTI_TMP/slab.before"
check_case "baseline: no session, the bti_session cache is empty" slab_holds 0

step_sessions() {
	sessions add a && sessions add b && slab_holds $((2 * N)) &&
		slab_objects "${KMALLOC[@]}" >"$BTI_TMP/slab.sessions" &&
		flood_start a && flood_start b && flowing
}
check_case "$N sessions in each namespace, in the slab cache, traffic both ways" step_sessions

# (a) Delete D of A's sessions one by one under traffic.
step_delete() {
	sessions del a 0 "$D" && [ "$(count_sessions "$A")" = $((N - D)) ] &&
		slab_holds $((2 * N - D))
}
check_case "(a) $D of A's sessions deleted one by one under traffic, their objects freed" step_delete

# A now sends in clear on those D flows: B's sessions of them must verify
# none of it, and count every packet as a drop.
# B's sessions of the first D flows: "rx_packets drops" summed.
b_first_flows() {
	ip netns exec "$B" "$BTICTL" -j session show | jq -r --argjson d "$D" '
		[.[] | select((.local | split(":")[1] | tonumber) < 30000 + $d) | .stats] |
		"\(map(.rx_packets) | add) \(map(.drop_auth + .drop_malformed) | add)"'
}
step_fail_closed() {
	local rx0 rx1 d0 d1
	sleep 0.5
	read -r rx0 d0 <<<"$(b_first_flows)"
	sleep 1
	read -r rx1 d1 <<<"$(b_first_flows)"
	[ "$rx1" = "$rx0" ] && [ "$d1" -gt "$d0" ] ||
		{ echo "B, flows 0-$((D - 1)): rx_packets $rx0 -> $rx1, drop_auth + drop_malformed $d0 -> $d1"; return 1; }
}
check_case "(a) B verifies none of A's packets now in clear on those flows, and counts them as drops" step_fail_closed
step_readd() { sessions add a 0 "$D" && slab_holds $((2 * N)) && flowing; }
check_case "(a) they are added again under traffic: traffic both ways again" step_readd

# (b) Flush B's sessions under traffic. A flush returns only once the
# sessions are freed: read once, not polled.
step_flush() {
	local got
	ip netns exec "$B" "$BTICTL" session flush && [ "$(count_sessions "$B")" = 0 ] || return 1
	got=$(sessions_in_slab)
	[ "$got" = "$N" ] || { echo "bti_session objects right after the flush: $got, expected $N"; return 1; }
}
check_case "(b) B's $N sessions flushed under traffic, their objects freed when the flush returns" step_flush
step_readd_b() { sessions add b && slab_holds $((2 * N)) && flowing; }
check_case "(b) B's sessions added again under traffic: traffic both ways again" step_readd_b

# (c) Rekey D of A's sessions: they hold a previous receive context too.
# Then destroy A with its sessions live while B floods it. The namespace
# goes once its last process (A's flood) has gone.
step_rekey() {
	local kept
	sessions rekey a 0 "$D" || return 1
	kept=$(ip netns exec "$A" "$BTICTL" -j session show |
		jq '[.[] | select(.rx.srtp_from != null)] | length')
	[ "$kept" = "$D" ] || { echo "$kept sessions report a previous receive context"; return 1; }
	slab_holds $((2 * N))
}
check_case "(c) $D of A's sessions rekeyed under traffic, each keeping its previous receive context" step_rekey
# B's: rekeyed and then deleted at once, while packets are verified with
# both generations of keys; the replaced contexts are freed in the
# background, before their sessions.
step_rekey_del() {
	sessions rekey b 0 "$D" && sessions del b 0 "$D" &&
		[ "$(count_sessions "$B")" = $((N - D)) ] && slab_holds $((2 * N - D)) &&
		sessions add b 0 "$D" && slab_holds $((2 * N)) && flowing
}
check_case "(c) $D of B's sessions rekeyed, deleted right away and added again under traffic" step_rekey_del
step_netns() {
	flood_stop a
	ip netns del "$A"
	slab_holds "$N"
}
check_case "(c) namespace A destroyed with $N live sessions under B's traffic, objects freed" step_netns
step_remake() {
	make_a && sessions add a 0 "$D" && slab_holds $((N + D)) && flood_start a && flowing
}
check_case "(c) namespace A made again with $D sessions: traffic both ways again" step_remake

# (d) Unload the module under traffic, with counters being read at the
# same time. rmmod may refuse while the module is busy (EBUSY), but must
# succeed within a few tries.
step_rmmod() {
	local reader tries=0
	(
		while :; do
			ip netns exec "$A" "$BTICTL" -j session show >/dev/null 2>&1
			ip netns exec "$B" "$BTICTL" -j stats >/dev/null 2>&1
		done
	) &
	reader=$!
	until rmmod bti 2>"$BTI_TMP/rmmod.err"; do
		tries=$((tries + 1))
		if ! grep -qi 'busy\|in use' "$BTI_TMP/rmmod.err" || [ "$tries" -ge 10 ]; then
			kill "$reader"
			wait "$reader" 2>/dev/null || true
			echo "rmmod failed ($tries tries): $(cat "$BTI_TMP/rmmod.err")"
			return 1
		fi
		sleep 0.5
	done
	kill "$reader"
	wait "$reader" 2>/dev/null || true
	[ "$tries" -eq 0 ] || echo "rmmod refused $tries times (busy) before it unloaded"
	! bti_loaded
}
check_case "(d) module unloaded under traffic in two namespaces with $((N + D)) sessions" step_rmmod
check_case "(d) its bti_session cache went with it" \
	sh -c '! grep -q "^bti_session " /proc/slabinfo'

# The traffic goes on, in clear, until sessions are back.
step_reload() {
	bti_load && sessions add a 0 "$D" && sessions add b 0 "$D" && slab_holds $((2 * D)) &&
		flowing
}
check_case "(d) module loaded again under traffic: $D sessions in both namespaces, traffic both ways" step_reload
flood_stop a
flood_stop b
step_final_flush() {
	ip netns exec "$A" "$BTICTL" session flush &&
		ip netns exec "$B" "$BTICTL" session flush && slab_holds 0
}
check_case "every session flushed: the bti_session cache is empty again" step_final_flush

# No kmalloc cache that sessions use grew by more than SLAB_SLACK
# objects since before the first session (polled for up to 60 s: some
# memory is freed a grace period later, and a destroyed namespace's own
# objects only once the kernel's cleanup of namespaces, which batches
# them, has run; under TCG that once took more than 10 s). A leak stays.
slab_grew() {
	local grown
	for _ in $(seq 120); do
		slab_objects "${KMALLOC[@]}" >"$BTI_TMP/slab.after"
		grown=$(awk -v n="$N" -v slack="$SLAB_SLACK" -v skip=" $SKIP_CACHES " '
			FILENAME ~ /before$/ { was[$1] = $2; next }
			FILENAME ~ /sessions$/ {
				if ($2 - was[$1] >= 1.8 * n && !index(skip, " " $1 " ")) used[$1] = 1
				next
			}
			($1 in used) && $2 - was[$1] > slack { printf "%s %+d; ", $1, $2 - was[$1] }' \
			"$BTI_TMP/slab.before" "$BTI_TMP/slab.sessions" "$BTI_TMP/slab.after")
		[ -z "$grown" ] && break
		sleep 0.5
	done
	# For the record: what the sessions use and where that ended.
	awk -v n="$N" '
		FILENAME ~ /before$/ { was[$1] = $2; next }
		FILENAME ~ /sessions$/ { if ($2 - was[$1] >= n) per[$1] = ($2 - was[$1]) / (2 * n); next }
		$1 in per { printf "%s %.1f/session, %+d at the end; ", $1, per[$1], $2 - was[$1] }' \
		"$BTI_TMP/slab.before" "$BTI_TMP/slab.sessions" "$BTI_TMP/slab.after"
	echo
	[ -z "$SKIP_CACHES" ] || echo "not checked: $SKIP_CACHES"
	[ -z "$grown" ] || { echo "grew by more than $SLAB_SLACK objects: $grown"; return 1; }
}
check_case "no kmalloc cache that sessions use grew by more than $SLAB_SLACK objects over $((3 * N + 5 * D + 2)) sessions" slab_grew

if [ "$kmemleak" = 1 ]; then
	step_kmemleak() {
		echo scan >"$KMEMLEAK" && echo scan >"$KMEMLEAK" &&
			! grep -q '\[bti\]' "$KMEMLEAK" ||
			{ grep -B 12 -A 8 '\[bti\]' "$KMEMLEAK" | head -n 40; return 1; }
	}
	check_case "kmemleak reports no object allocated by bti" step_kmemleak
fi

# Stop everything left and let the namespaces go before the log check.
for pid in "${BTI_PIDS[@]}"; do
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
done
BTI_PIDS=()
ip netns del "$A"
ip netns del "$B"
BTI_NETNS_LIST=()
bti_klog_case
ktap_end
