#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test VM's initramfs (busybox sh). Stage 1 of the boot:
#
#  - mounts proc, sysfs and devtmpfs, loads the virtio and 9p modules
#    (/modules, in load order);
#  - mounts the 9p share "results" (read-write) and reads the run's
#    configuration from .vm/config in it (written by vm-run.sh);
#  - mounts the host root (9p share "hostroot") read-only on /newroot,
#    tmpfs wherever the guest must write, the kernel's module tree on
#    /lib/modules/KVER and the results share on its host path;
#  - switch_roots into the host root and runs stage 2, vm-init.sh of the
#    source tree (bash), which runs the command and powers off.
#
# Any failure here powers the VM off; vm-run.sh then reports that the
# guest never started the command.

PATH=/bin
export PATH

fail() {
	echo "bti-vm: init: FAILED: $*"
	/bin/busybox sync
	/bin/busybox poweroff -f
	while :; do /bin/busybox sleep 60; done
}

/bin/busybox --install -s /bin || fail "busybox --install"
mount -t proc proc /proc || fail "mount /proc"
mount -t sysfs sysfs /sys || fail "mount /sys"
mount -t devtmpfs devtmpfs /dev || fail "mount /dev"
[ -c /dev/console ] && exec </dev/console >/dev/console 2>&1

for m in /modules/*.ko; do
	[ -e "$m" ] || continue
	insmod "$m" || fail "insmod $m"
done

# The 9p devices appear asynchronously after virtio_pci probes them.
mount9p() { # tag dir options
	i=0
	while ! mount -t 9p -o "trans=virtio,version=9p2000.L,msize=262144,$3" "$1" "$2" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || fail "cannot mount the 9p share $1"
		sleep 0.1
	done
}

mount9p results /results rw
[ -r /results/.vm/config ] || fail "no .vm/config in the results share"
. /results/.vm/config
[ -n "${BTI_VM_SRC:-}" ] && [ -n "${BTI_VM_RESULTS:-}" ] && [ -n "${BTI_VM_KVER:-}" ] &&
	[ -n "${BTI_VM_MODDIR:-}" ] || fail "incomplete .vm/config"

mount9p hostroot /newroot "ro,cache=${BTI_VM_9P_CACHE:-loose}"
nr=/newroot
[ -x "$nr/bin/bash" ] || fail "no /bin/bash in the host root"

# Paths the guest needs that might lie below a directory covered by a
# tmpfs: bind them aside first, put them back afterwards.
mkdir -p /keep
nkeep=0
keep() { # host-path guest-path
	[ -d "$nr$1" ] || fail "$1 is not a directory in the host root"
	nkeep=$((nkeep + 1))
	mkdir -p "/keep/$nkeep"
	mount --bind "$nr$1" "/keep/$nkeep" || fail "bind $1"
	echo "$2" >"/keep/$nkeep.dest"
}
keep "$BTI_VM_SRC" "$BTI_VM_SRC"
keep "$BTI_VM_MODDIR" "/lib/modules/$BTI_VM_KVER"
old_ifs=$IFS
IFS=:
for p in ${BTI_VM_EXTRA_PATHS:-}; do
	IFS=$old_ifs
	[ -n "$p" ] && keep "$p" "$p"
done
IFS=$old_ifs

# Writable places. /lib/modules is replaced so that the module tree of
# this kernel can be mounted there (the host has none for it).
for d in /run /tmp /var/tmp /root /lib/modules; do
	[ -d "$nr$d" ] || continue
	mount -t tmpfs -o mode=0755,size=50% tmpfs "$nr$d" || fail "tmpfs on $d"
done
chmod 1777 "$nr/tmp" "$nr/var/tmp"
mkdir -p "$nr/run/lock" && chmod 1777 "$nr/run/lock"

i=1
while [ "$i" -le "$nkeep" ]; do
	dest=$(cat "/keep/$i.dest")
	mkdir -p "$nr$dest" 2>/dev/null
	mount --move "/keep/$i" "$nr$dest" || fail "cannot mount $dest"
	i=$((i + 1))
done

mkdir -p "$nr$BTI_VM_RESULTS" 2>/dev/null
mount --move /results "$nr$BTI_VM_RESULTS" || fail "cannot mount the results on $BTI_VM_RESULTS"

mount --move /dev "$nr/dev" || fail "move /dev"
mkdir -p "$nr/dev/pts" "$nr/dev/shm"
ln -sf /proc/self/fd "$nr/dev/fd"
ln -sf /proc/self/fd/0 "$nr/dev/stdin"
ln -sf /proc/self/fd/1 "$nr/dev/stdout"
ln -sf /proc/self/fd/2 "$nr/dev/stderr"
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts "$nr/dev/pts"
mount -t tmpfs -o mode=1777 tmpfs "$nr/dev/shm"
mount --move /proc "$nr/proc" || fail "move /proc"
mount --move /sys "$nr/sys" || fail "move /sys"

stage2=$BTI_VM_SRC/selftests/qemu/vm-init.sh
[ -r "$nr$stage2" ] || fail "no $stage2 in the host root"
# shellcheck disable=SC2093 # "fail" runs only if the exec fails
exec switch_root "$nr" /bin/bash "$stage2" "$BTI_VM_RESULTS/.vm/config"
fail "switch_root"
