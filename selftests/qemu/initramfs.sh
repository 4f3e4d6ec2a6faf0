#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# initramfs.sh KVER - build (when missing or stale) the initramfs that
# boots kernel KVER of the cache into the host root, and print its path.
#
# Contents: busybox (busybox-static), the virtio and 9p modules of KVER
# with their dependencies in load order, and /init (initramfs-init.sh).
# The image is rebuilt when any of those inputs change.

set -eu -o pipefail

prog=${0##*/}
die() { echo "$prog: error: $*" >&2; exit 1; }

[ $# -eq 1 ] || { echo "usage: $prog KVER" >&2; exit 2; }
kver=$1
here=$(cd "$(dirname "$0")" && pwd -P)
CACHE=${BTI_CACHE:-/var/cache/bti}
BUSYBOX=${BTI_BUSYBOX:-/bin/busybox}
# Modules /init loads, in this order, with their dependencies.
BOOT_MODULES="virtio_pci 9pnet_virtio 9p"

moddir=$("$here/kernels.sh" moddir "$kver")
modbase=${moddir%/lib/modules/"$kver"}
init=$here/initramfs-init.sh
[ -f "$init" ] || die "missing $init"
[ -x "$BUSYBOX" ] || die "no static busybox at $BUSYBOX (install busybox-static)"
! readelf -l "$BUSYBOX" 2>/dev/null | grep -q 'Requesting program interpreter' ||
	die "$BUSYBOX is not statically linked (install busybox-static)"

# Module files to load, in order, without duplicates.
mods=$(for m in $BOOT_MODULES; do
	modprobe -d "$modbase" -S "$kver" --show-depends "$m" ||
		die "$kver: cannot resolve module $m"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }')

out_dir=$CACHE/kernels/$kver
out=$out_dir/initramfs.cpio.gz
key=$( {
	echo "kver=$kver"
	sha256sum "$init" "$BUSYBOX" "$0"
	echo "$mods"
} | sha256sum | cut -d' ' -f1)
if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
	echo "$out"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bti-initramfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
r=$work/root
mkdir -p "$r/bin" "$r/dev" "$r/proc" "$r/sys" "$r/newroot" "$r/results" "$r/modules"
cp "$BUSYBOX" "$r/bin/busybox"
ln -s busybox "$r/bin/sh"
cp "$init" "$r/init"
chmod 755 "$r/init"
# The kernel opens /dev/console before /init runs; without the node (no
# privilege for mknod) /init reopens it after mounting devtmpfs.
mknod -m 600 "$r/dev/console" c 5 1 2>/dev/null || true

n=0
for m in $mods; do
	n=$((n + 1))
	name=$(printf '%02d-%s' "$n" "$(basename "$m")")
	case $m in
	*.ko) cp "$m" "$r/modules/$name" ;;
	*.ko.xz) xz -dc "$m" >"$r/modules/${name%.xz}" ;;
	*.ko.zst) zstd -qdc "$m" >"$r/modules/${name%.zst}" ;;
	*.ko.gz) gzip -dc "$m" >"$r/modules/${name%.gz}" ;;
	*) die "unknown module format: $m" ;;
	esac
done
[ "$n" -gt 0 ] || die "$kver: no module to load for $BOOT_MODULES?"

(cd "$r" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$work/initramfs.cpio.gz"
mv "$work/initramfs.cpio.gz" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "$key" >"$out.key"
echo "$out"
