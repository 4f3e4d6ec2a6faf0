#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-demo.sh MODULE OUTPUT
#
# Runs inside the demo VM (see demo.sh): every step is echoed with its
# output into OUTPUT. Fails on the first step that does not behave.
set -eu

ko=$1
exec >"$2" 2>&1
btictl=tools/btictl/btictl

step() {
	echo
	echo "\$ $*"
	"$@"
}

echo "== bti demo on Linux $(uname -r) =="
step insmod "$ko"
echo
echo "\$ dmesg | grep bti:"
dmesg --notime | grep 'bti:' || true
step $btictl version
step $btictl stats
step $btictl -j version
echo

echo "== a fresh network namespace has its own bti state =="
step ip netns add bti-demo
step ip netns exec bti-demo $btictl -j stats
echo

echo "== reading is open to everyone, changing needs CAP_NET_ADMIN =="
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
step "${nobody[@]}" $btictl -j stats
echo
echo "\$ ${nobody[*]} $btictl stats zero"
if "${nobody[@]}" $btictl stats zero; then
	echo "demo: an unprivileged user reset the counters" >&2
	exit 1
fi
step $btictl stats zero && echo "(root: counters reset)"
echo

echo "== unload with a namespace alive =="
step rmmod bti
echo "\$ $btictl version"
if $btictl version; then
	echo "demo: btictl still found the module after rmmod" >&2
	exit 1
fi
step ip netns del bti-demo
