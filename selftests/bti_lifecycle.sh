#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module and namespace lifecycles: load/unload repeated; unload while
# namespaces are alive, reload, the namespaces work again with fresh
# state; namespaces created and destroyed in a loop while loaded, then an
# unload right away (namespace cleanup still pending).

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

bti_setup ip genl jq nsenter unshare dmesg modinfo insmod rmmod modprobe
loads=${BTI_LOOPS:-5}
churn=${BTI_NETNS_LOOPS:-50}

ktap_begin 11

# 1: load/unload repeated.
err=
bti_unload || err="initial unload failed"
for i in $(seq "$loads"); do
	[ -z "$err" ] || break
	bti_load || { err="load $i failed"; break; }
	bti_family_visible || { err="family missing after load $i"; break; }
	bti_btictl stats >/dev/null || { err="btictl stats failed after load $i"; break; }
	bti_unload || { err="unload $i failed"; break; }
	[ ! -d /sys/module/bti ] || { err="/sys/module/bti still there after unload $i"; break; }
	! bti_family_visible || { err="family still visible after unload $i"; break; }
done
if [ -z "$err" ]; then
	ktap_ok "load, use, unload $loads times"
else
	ktap_fail "load, use, unload $loads times" "$err"
fi

# 2: namespaces alive while loaded.
bti_load || true
nets=()
for i in 1 2 3; do
	n=$(bti_netns_name "life$i")
	bti_netns_add "$n" && nets+=("$n")
done
bti_netns_holder
holder=$BTI_HOLDER
# Run a command in every test namespace: the named ones and the holder's.
in_each_netns() {
	local n
	for n in "${nets[@]}"; do
		ip netns exec "$n" "$@" || return 1
	done
	nsenter --net="/proc/$holder/ns/net" "$@"
}
each_stats_ok() {
	local n out
	for n in "${nets[@]}" "holder"; do
		if [ "$n" = holder ]; then
			out=$(nsenter --net="/proc/$holder/ns/net" "$BTICTL" -j stats) || return 1
		else
			out=$(ip netns exec "$n" "$BTICTL" -j stats) || return 1
		fi
		bti_stats_json_valid "$out" && bti_stats_all_zero "$out" || return 1
	done
}
if [ "${#nets[@]}" -eq 3 ] && [ -d "/proc/$holder" ] && in_each_netns "$BTICTL" stats >/dev/null; then
	ktap_ok "4 namespaces (3 named, 1 unnamed) use bti"
else
	ktap_fail "4 namespaces (3 named, 1 unnamed) use bti"
fi

# 3-4: unload under them.
if bti_unload && ! bti_loaded; then
	ktap_ok "unload while the namespaces are alive"
else
	ktap_fail "unload while the namespaces are alive"
fi
gone=1
for n in "${nets[@]}"; do
	ip netns exec "$n" genl ctrl get name bti >/dev/null 2>&1 && gone=0
done
nsenter --net="/proc/$holder/ns/net" genl ctrl get name bti >/dev/null 2>&1 && gone=0
if [ "$gone" -eq 1 ]; then
	ktap_ok "family gone from every namespace after unload"
else
	ktap_fail "family gone from every namespace after unload"
fi

# 5-7: reload, same namespaces.
if bti_load; then
	ktap_ok "reload with the namespaces alive"
else
	ktap_fail "reload with the namespaces alive"
fi
if each_stats_ok; then
	ktap_ok "after reload every namespace has fresh counters"
else
	ktap_fail "after reload every namespace has fresh counters"
fi
if in_each_netns "$BTICTL" stats zero; then
	ktap_ok "after reload stats zero works in every namespace"
else
	ktap_fail "after reload stats zero works in every namespace"
fi
bti_cleanup_nets() {
	local n
	kill "$holder" 2>/dev/null || true
	wait "$holder" 2>/dev/null || true
	for n in "${nets[@]}"; do
		ip netns del "$n" 2>/dev/null || true
	done
}
bti_cleanup_nets

# 8-9: namespace churn while loaded.
err=
start=$SECONDS
for i in $(seq "$churn"); do
	n=$(bti_netns_name "churn$i")
	ip netns add "$n" || { err="ip netns add $i failed"; break; }
	ip netns exec "$n" "$BTICTL" stats >/dev/null || { err="btictl stats in $n failed"; ip netns del "$n"; break; }
	ip netns del "$n" || { err="ip netns del $i failed"; break; }
done
if [ -z "$err" ]; then
	ktap_ok "$churn namespaces created, used, deleted (ip netns)"
	ktap_diag "took $((SECONDS - start))s"
else
	ktap_fail "$churn namespaces created, used, deleted (ip netns)" "$err"
fi
err=
for i in $(seq "$churn"); do
	out=$(unshare -n "$BTICTL" -j stats) || { err="btictl in unshare -n failed at $i"; break; }
	bti_stats_all_zero "$out" || { err="fresh netns $i has counters: $out"; break; }
done
if [ -z "$err" ]; then
	ktap_ok "$churn short-lived namespaces (unshare -n) see fresh counters"
else
	ktap_fail "$churn short-lived namespaces (unshare -n) see fresh counters" "$err"
fi

# 10-11: unload right after the churn, while netns cleanup may be pending.
if bti_unload && ! bti_loaded && ! bti_family_visible; then
	ktap_ok "unload right after the namespace churn"
else
	ktap_fail "unload right after the namespace churn"
fi

bti_klog_case
ktap_end
