#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-init.sh CONFIG - stage 2 of the test VM's boot, PID 1 in the host
# root (see initramfs-init.sh). Runs the command of vm-run.sh as root in
# the source tree, records in RESULTS/.vm/ its exit status, the kernel log,
# the taint mask and the boot time, and powers the VM off.
#
# Files written in RESULTS/.vm/:
#   started   created when the command starts (its host mtime times the boot)
#   uptime    guest uptime in seconds when the command started
#   status    exit status of the command ("timeout" when the guest-side
#             timer killed it)
#   tainted   /proc/sys/kernel/tainted after the command
# and RESULTS/dmesg.log, the whole kernel log after the command.

set -u

config=$1
# shellcheck source=/dev/null
. "$config"
vm=$BTI_VM_RESULTS/.vm

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb

# Power off. The power-off runs asynchronously and takes the 9p shares
# down, so nothing may be executed from the host root after the sysrq:
# wait with a bash builtin on a FIFO made beforehand.
mkfifo /run/bti-vm-wait 2>/dev/null
poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	read -r -t 60 _ <>/run/bti-vm-wait
	# Still here after 60 s: end PID 1; the kernel panics and, with
	# panic=-1 and -no-reboot, qemu ends.
	exit 1
}

log() { echo "bti-vm: $*" >/dev/kmsg 2>/dev/null || echo "bti-vm: $*"; }

hostname bti-vm 2>/dev/null
ip link set lo up 2>/dev/null
# Debug helpers, when the kernel has them.
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
# Loud kernel log on the console; unprivileged user namespaces on.
echo 7 >/proc/sys/kernel/printk
[ -w /proc/sys/kernel/unprivileged_userns_clone ] &&
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone

cd "$BTI_VM_SRC" || { log "cannot cd to $BTI_VM_SRC"; poweroff_now; }

# The guest stops the command a little before vm-run.sh kills qemu so
# that the kernel log and the taint can still be collected.
read -r up _ </proc/uptime
up=${up%.*}
limit=$((BTI_VM_TIMEOUT - up - BTI_VM_TIMEOUT / 10 - 10))
[ "$limit" -ge 5 ] || limit=5

echo "$up" >"$vm/uptime"
: >"$vm/started"
log "running (guest uptime ${up}s, limit ${limit}s): $(cat "$vm/cmd.txt")"
SECONDS=0
timeout -k 10 "$limit" bash "$vm/cmd" </dev/null
rc=$?
if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ "$SECONDS" -ge "$limit" ]; }; then
	log "command stopped by the guest timer after ${limit}s"
	echo timeout >"$vm/status"
else
	log "command exited with status $rc"
	echo "$rc" >"$vm/status"
fi
dmesg >"$BTI_VM_RESULTS/dmesg.log" 2>&1
cat /proc/sys/kernel/tainted >"$vm/tainted"
log "tainted: $(cat /proc/sys/kernel/tainted)"
poweroff_now
