#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh - cache of the Debian kernels the VM tests boot.
#
#   kernels.sh fetch         resolve, download and unpack the kernels
#   kernels.sh list          print the cached kernel versions (6.1 line first)
#   kernels.sh kdir KVER     print a KDIR usable by "make -C KDIR M=... modules"
#   kernels.sh image KVER    print the path of the kernel image (vmlinuz)
#   kernels.sh moddir KVER   print the kernel's module tree (lib/modules/KVER)
#   kernels.sh config KVER   print the path of the kernel's config
#
# The versions are never written here: "fetch" asks apt which kernel each
# meta package points at today (BTI_KERNEL_METAS, default
# "linux-image-amd64 linux-image-6.12-amd64"), downloads the image, the
# headers, the common headers and the kbuild package with "apt-get
# download", unpacks them with "dpkg -x" (nothing is installed on the host)
# into $BTI_CACHE/kernels/<kver>/root and fixes the headers so that they
# work from there. A kernel is marked ready (stamp) only after a small
# module was built against it.
#
# A rerun with a complete cache and unchanged apt lists does no network
# access and does not even start apt. When apt cannot download but an
# earlier kernel of the same line is cached, that one is kept, with a
# warning.

set -eu

CACHE=${BTI_CACHE:-/var/cache/bti}
KCACHE=$CACHE/kernels
METAS=${BTI_KERNEL_METAS:-linux-image-amd64 linux-image-6.12-amd64}
APT_LISTS=${BTI_APT_LISTS:-/var/lib/apt/lists}

prog=${0##*/}
die() { echo "$prog: error: $*" >&2; exit 1; }
warn() { echo "$prog: warning: $*" >&2; }
info() { echo "$prog: $*" >&2; }

usage() {
	sed -n '4,11s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

kroot() { echo "$KCACHE/$1/root"; }

# The module tree may be shipped under /lib or /usr/lib.
moddir_of() {
	local root; root=$(kroot "$1")
	if [ -d "$root/usr/lib/modules/$1/kernel" ]; then
		echo "$root/usr/lib/modules/$1"
	else
		echo "$root/lib/modules/$1"
	fi
}

is_ready() {
	local kver=$1 root
	root=$(kroot "$kver")
	[ -f "$KCACHE/$kver/stamp" ] &&
		[ -f "$root/boot/vmlinuz-$kver" ] &&
		[ -f "$root/usr/src/linux-headers-$kver/Makefile" ] &&
		[ -f "$(moddir_of "$kver")/modules.dep" ]
}

need_ready() {
	[ -n "${1:-}" ] || usage
	case $1 in */* | .*) die "bad kernel version '$1'" ;; esac
	is_ready "$1" || die "kernel $1 is not in the cache $KCACHE (run: $0 fetch)"
}

# Print the cached kernel list, only when every kernel in it is ready.
list_if_complete() {
	local kver n=0
	[ -s "$KCACHE/list" ] || return 1
	while read -r kver; do
		[ -n "$kver" ] || continue
		is_ready "$kver" || return 1
		n=$((n + 1))
	done <"$KCACHE/list"
	[ "$n" -gt 0 ]
}

# Does apt know more than when the list was written?
apt_lists_changed() {
	[ -d "$APT_LISTS" ] || return 1
	[ -n "$(find "$APT_LISTS" -maxdepth 1 -name '*Packages*' -newer "$KCACHE/list" -print -quit 2>/dev/null)" ]
}

# meta package -> kernel version, from the local apt lists (no network).
resolve_kver() {
	apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: linux-image-\([^ <>]*\)$/\1/p' |
		grep -v -- '-unsigned$' | head -n 1
}

# Package names of the Depends of $1 that match the regex $2.
depends_matching() {
	apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n 's/^Depends: //p' | tr ',|' '\n\n' |
		sed 's/(.*)//; s/^ *//; s/ *$//; s/:any$//' |
		grep -E "$2" | sort -u
}

apt_download() {
	local opts=()
	[ "$(id -u)" -ne 0 ] || opts=(-o APT::Sandbox::User=root)
	apt-get -q "${opts[@]}" download "$@"
}

# Check that KDIR builds an out-of-tree module: the headers are usable.
verify_kdir() {
	local kver=$1 kdir=$2 dir=$3
	rm -rf "$dir"
	mkdir -p "$dir"
	cat >"$dir/hello.c" <<-'EOF'
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	static int __init hello_init(void) { return 0; }
	static void __exit hello_exit(void) { }
	module_init(hello_init);
	module_exit(hello_exit);
	MODULE_LICENSE("GPL");
	EOF
	echo 'obj-m := hello.o' >"$dir/Kbuild"
	if ! make -s -C "$kdir" M="$dir" modules >"$dir/build.log" 2>&1; then
		cat "$dir/build.log" >&2
		return 1
	fi
	local vm
	vm=$(modinfo -F vermagic "$dir/hello.ko") || return 1
	case $vm in
	"$kver "*) ;;
	*) echo "hello.ko has vermagic '$vm', expected $kver" >&2; return 1 ;;
	esac
}

# Make the unpacked headers usable from the cache directory.
fixup_headers() {
	local kver=$1 root=$2 hdr mk link target bad=0
	hdr=$root/usr/src/linux-headers-$kver
	mk=$hdr/Makefile
	[ -f "$mk" ] || { warn "$kver: no $mk in the headers package"; return 1; }
	# The arch headers include the common ones by absolute path.
	sed -i "s|^\(include[[:space:]]\{1,\}\)/usr/src/|\1$root/usr/src/|" "$mk" || return 1
	if ! grep -q "^include[[:space:]].*$root/usr/src/" "$mk"; then
		warn "$kver: unexpected layout of $mk (no include of /usr/src/...)"
		return 1
	fi
	# Absolute symlinks (e.g. lib/modules/KVER/build) point into the host:
	# make them relative inside the cache.
	while IFS= read -r -d '' link; do
		target=$(readlink "$link")
		ln -sfnr "$root$target" "$link" || return 1
	done < <(find "$root" -type l -lname '/*' -print0)
	# The symlinks of the headers (scripts, tools -> usr/lib/linux-kbuild-*)
	# must resolve inside the cache.
	while IFS= read -r -d '' link; do
		if [ ! -e "$link" ]; then
			warn "$kver: dangling symlink $link -> $(readlink "$link")"
			bad=1
		fi
	done < <(find "$root/usr/src" -maxdepth 2 -type l -print0)
	return "$bad"
}

# Download and unpack one kernel, verify it and mark it ready.
fetch_kver() {
	local kver=$1 dir=$KCACHE/$1 pkgs common kbuild deb
	rm -f "$dir/stamp"
	rm -rf "$dir/debs" "$dir/root"
	mkdir -p "$dir/debs" "$dir/root"

	common=$(depends_matching "linux-headers-$kver" '^linux-headers-.*-common$')
	kbuild=$(depends_matching "linux-headers-$kver" '^linux-kbuild-')
	[ -n "$common" ] || { warn "$kver: linux-headers-$kver has no -common dependency"; return 1; }
	[ -n "$kbuild" ] || { warn "$kver: linux-headers-$kver has no linux-kbuild dependency"; return 1; }
	# shellcheck disable=SC2086 # lists of package names
	pkgs=$(echo "linux-image-$kver linux-headers-$kver" $common $kbuild)
	info "$kver: downloading $pkgs"
	# shellcheck disable=SC2086
	if ! (cd "$dir/debs" && apt_download $pkgs >"$dir/download.log" 2>&1); then
		cat "$dir/download.log" >&2
		warn "$kver: apt-get download failed"
		return 1
	fi
	info "$kver: unpacking"
	for deb in "$dir"/debs/*.deb; do
		dpkg -x "$deb" "$dir/root" || { warn "$kver: cannot unpack $deb"; return 1; }
	done
	fixup_headers "$kver" "$dir/root" || return 1

	local root moddir
	root=$dir/root
	[ -f "$root/boot/vmlinuz-$kver" ] || { warn "$kver: no boot/vmlinuz-$kver in the image package"; return 1; }
	moddir=$(moddir_of "$kver")
	[ -d "$moddir/kernel" ] || { warn "$kver: no module tree in the image package"; return 1; }
	info "$kver: indexing modules"
	depmod -b "${moddir%/lib/modules/"$kver"}" "$kver" ||
		{ warn "$kver: depmod failed"; return 1; }
	# dpkg -x installs no dependencies: what the kbuild tools run (pahole,
	# since the 6.12 headers ship a vmlinux for module BTF) must be on the
	# host already, from tools/setup/debian-packages.txt.
	local dep missing=()
	for dep in $(depends_matching "$kbuild" '.'); do
		dpkg-query -W -f='${db:Status-Status}' "$dep" 2>/dev/null |
			grep -qx installed || missing+=("$dep")
	done
	[ ${#missing[@]} -eq 0 ] ||
		warn "$kver: $kbuild needs ${missing[*]}, not installed on this host (add to tools/setup/debian-packages.txt)"
	info "$kver: building a test module against the headers"
	verify_kdir "$kver" "$root/usr/src/linux-headers-$kver" "$dir/kdir-check" ||
		{ warn "$kver: the headers in $root cannot build a module"; return 1; }
	rm -rf "$dir/kdir-check" "$dir/debs" "$dir/download.log"
	{
		echo "kver=$kver"
		echo "packages=$pkgs"
		echo "fetched=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	} >"$dir/stamp"
	info "$kver: ready"
}

cmd_fetch() {
	mkdir -p "$KCACHE" || die "cannot create $KCACHE (set BTI_CACHE?)"
	if list_if_complete && ! apt_lists_changed; then
		cat "$KCACHE/list"
		return 0
	fi
	exec 9>"$KCACHE/.lock"
	flock 9
	local old=() new=() meta kver i=0 failed=0
	if [ -s "$KCACHE/list" ]; then
		mapfile -t old <"$KCACHE/list"
	fi
	for meta in $METAS; do
		kver=$(resolve_kver "$meta" || true)
		if [ -z "$kver" ]; then
			warn "apt does not know $meta (is 'apt-get update' done?)"
		elif is_ready "$kver"; then
			:
		elif ! fetch_kver "$kver"; then
			warn "could not fetch kernel $kver"
			rm -rf "${KCACHE:?}/$kver"
			kver=
		fi
		if [ -z "$kver" ]; then
			kver=${old[$i]:-}
			if [ -n "$kver" ] && is_ready "$kver"; then
				warn "keeping the cached kernel $kver for $meta"
			else
				echo "$prog: error: no kernel for $meta" >&2
				kver=
				failed=1
			fi
		fi
		[ -z "$kver" ] || new+=("$kver")
		i=$((i + 1))
	done
	[ "$failed" -eq 0 ] || die "the kernel cache $KCACHE is incomplete"
	printf '%s\n' "${new[@]}" >"$KCACHE/list.new"
	mv "$KCACHE/list.new" "$KCACHE/list"
	cat "$KCACHE/list"
}

cmd_list() {
	list_if_complete || die "the kernel cache $KCACHE is not ready (run: $0 fetch)"
	cat "$KCACHE/list"
}

case ${1:-} in
fetch) [ $# -eq 1 ] || usage; cmd_fetch ;;
list) [ $# -eq 1 ] || usage; cmd_list ;;
kdir) [ $# -eq 2 ] || usage; need_ready "$2"; echo "$(kroot "$2")/usr/src/linux-headers-$2" ;;
image) [ $# -eq 2 ] || usage; need_ready "$2"; echo "$(kroot "$2")/boot/vmlinuz-$2" ;;
moddir) [ $# -eq 2 ] || usage; need_ready "$2"; moddir_of "$2" ;;
config) [ $# -eq 2 ] || usage; need_ready "$2"; echo "$(kroot "$2")/boot/config-$2" ;;
-h | --help | help) usage ;;
*) usage ;;
esac
