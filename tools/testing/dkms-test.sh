#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-test.sh RESULTS_DIR KVER
#
# Proves that dkms.conf works: `dkms add` and `dkms build` of this tree
# against the installed linux-headers-KVER, in a private DKMS tree so the
# host's own DKMS state is left alone. TAP in RESULTS_DIR/dkms.tap.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 RESULTS_DIR KVER" >&2
	exit 2
fi
results=$1
kver=$2
top=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$results"
log="$results/dkms.log"
: > "$log"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0
lines=()
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		lines+=("ok $n $2")
	else
		lines+=("not ok $n $2")
		failed=1
	fi
}

conf_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
mod_version=$(sed -n 's/^#define BTI_MODULE_VERSION "\(.*\)"$/\1/p' \
	"$top/kmod/version.h")
[ -n "$conf_version" ] && [ "$conf_version" = "$mod_version" ]
result $? "dkms.conf version ($conf_version) matches the module's ($mod_version)"

src="$work/src/bti-$conf_version"
mkdir -p "$src" "$work/dkms"
cp -a "$top/Kbuild" "$top/dkms.conf" "$top/kmod" "$top/uapi" "$src/"
dkms=(dkms --dkmstree "$work/dkms" --sourcetree "$work/src")

if [ ! -d "/lib/modules/$kver/build" ]; then
	result 1 "dkms add/build: linux-headers-$kver is not installed"
else
	"${dkms[@]}" add -m bti -v "$conf_version" >>"$log" 2>&1
	result $? "dkms add bti/$conf_version"

	"${dkms[@]}" build -m bti -v "$conf_version" -k "$kver" >>"$log" 2>&1
	result $? "dkms build bti/$conf_version for $kver"

	ko=$(find "$work/dkms/bti/$conf_version/$kver" -name 'bti.ko*' \
		2>/dev/null | head -n 1)
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)
	version=$(modinfo -F version "$ko" 2>/dev/null)
	[ -n "$ko" ] && [ "$vermagic" = "$kver" ] &&
		[ "$version" = "$conf_version" ]
	result $? "dkms-built bti.ko is for $kver (vermagic '$vermagic') and version '$version'"
fi

{
	echo "TAP version 13"
	echo "1..$n"
	printf '%s\n' "${lines[@]}"
} > "$results/dkms.tap"
cat "$results/dkms.tap"
exit "$failed"
