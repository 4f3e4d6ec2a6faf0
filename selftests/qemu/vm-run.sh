#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh KVER RESULTS_DIR -- COMMAND...
#
# Boot the Debian kernel KVER of the cache (kernels.sh) under qemu with the
# host root shared read-only over 9p, run COMMAND in the guest as root with
# the source tree as working directory and RESULTS_DIR writable at the same
# path, then power off. Writes RESULTS_DIR/console.log (the serial console),
# RESULTS_DIR/dmesg.log (the kernel log after COMMAND) and RESULTS_DIR/vm.tap
# (KTAP: guest kernel log clean, no taint besides O/E).
#
# Exit status 0 only when COMMAND exited 0, the guest finished in time, the
# kernel log shows no problem (check-console.sh) and the kernel is tainted
# by nothing but O and E. Otherwise a one-line reason "vm-run: FAIL: ..."
# is printed and the status is 1 (2 for usage errors).
#
# Environment:
#   BTI_VM_TIMEOUT   hard limit in seconds for the whole VM run (600)
#   BTI_VM_ACCEL     auto (default), kvm or tcg
#   BTI_VM_TCG_THREAD  single (default) or multi: one host thread for all
#                    guest CPUs, or one per CPU. Multi-threaded TCG was seen
#                    to oops the 6.12 guest at boot (int3 while a static key
#                    was being patched: cross-modifying code), about 1 boot
#                    in 80 under load, and is not faster for these tests.
#   BTI_VM_ICOUNT    TCG only: run with "-icount shift=N,sleep=off", so the
#                    guest's clock advances 2^N ns per guest instruction,
#                    whatever the host does (empty: real time, the default)
#   BTI_VM_MEM       guest memory in MiB (1024)
#   BTI_VM_SMP       guest CPUs (2)
#   BTI_VM_APPEND    extra kernel command line
#   BTI_VM_VERBOSE   1: copy the console to stdout while the VM runs
#   BTI_VM_9P_CACHE  cache mode of the read-only host root (loose)
#   BTI_VM_EXTRA_PATHS  colon-separated host directories the guest must see
#                    even when they lie below /tmp, /run, /var/tmp or /root
#   BTI_CACHE        kernel cache (/var/cache/bti)
# Every exported variable named BTI_* (except BTI_VM_*) or BTICTL is passed
# to COMMAND, and BTI_RESULTS is set to RESULTS_DIR.

set -eu -o pipefail

prog='vm-run'
here=$(cd "$(dirname "$0")" && pwd -P)
src=$(cd "$here/../.." && pwd -P)

usage() {
	echo "usage: $0 KVER RESULTS_DIR -- COMMAND..." >&2
	exit 2
}
fail() {
	echo "$prog: FAIL: $*"
	exit 1
}
die() {
	echo "$prog: error: $*" >&2
	exit 1
}

[ $# -ge 4 ] && [ "$3" = -- ] || usage
kver=$1
results_arg=$2
shift 3

timeout_s=${BTI_VM_TIMEOUT:-600}
[[ $timeout_s =~ ^[1-9][0-9]*$ ]] || die "BTI_VM_TIMEOUT must be a number of seconds"
mem=${BTI_VM_MEM:-1024}
smp=${BTI_VM_SMP:-2}
CACHE=${BTI_CACHE:-/var/cache/bti}
export BTI_CACHE=$CACHE

case $src in *$'\n'*) die "the source path must not contain a newline" ;; esac
mkdir -p "$results_arg" || die "cannot create $results_arg"
results=$(cd "$results_arg" && pwd -P)
case $results in *$'\n'*) die "the results path must not contain a newline" ;; esac

image=$("$here/kernels.sh" image "$kver") || exit 1
moddir=$("$here/kernels.sh" moddir "$kver") || exit 1
config=$("$here/kernels.sh" config "$kver") || exit 1
initrd=$("$here/initramfs.sh" "$kver") || die "cannot build the initramfs for $kver"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found (install qemu-system-x86)"

# Choose the accelerator. /dev/kvm can exist and open yet not run a guest
# (nested virtualisation): probe once by booting the kernel without a root
# until its panic, and remember the answer per host kernel and qemu.
kvm_works() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	local probe_dir key stamp log
	probe_dir=$CACHE/kvm-probe
	key="$(uname -r)-$(qemu-system-x86_64 --version | head -n 1 | tr -c 'A-Za-z0-9.\n' _)"
	stamp=$probe_dir/$key
	if [ -f "$stamp" ]; then
		[ "$(cat "$stamp")" = yes ]
		return
	fi
	mkdir -p "$probe_dir"
	log=$probe_dir/$key.log
	echo "$prog: probing KVM (once per host)..." >&2
	( timeout 20 qemu-system-x86_64 -accel kvm -cpu host -machine q35 -m 256 \
		-display none -monitor none -serial stdio -no-reboot \
		-kernel "$image" -append "console=ttyS0 panic=-1 root=/dev/bti-none" \
		</dev/null ) >"$log" 2>&1 || true
	if grep -q 'Kernel panic' "$log"; then
		echo yes >"$stamp"
		return 0
	fi
	echo no >"$stamp"
	return 1
}
tcg_thread=${BTI_VM_TCG_THREAD:-single}
case $tcg_thread in multi | single) ;; *) die "BTI_VM_TCG_THREAD must be multi or single" ;; esac
case ${BTI_VM_ACCEL:-auto} in
kvm) accel=(-accel kvm -cpu host) ;;
tcg) accel=(-accel "tcg,thread=$tcg_thread" -cpu max) ;;
auto)
	if kvm_works; then
		accel=(-accel kvm -cpu host)
	else
		accel=(-accel "tcg,thread=$tcg_thread" -cpu max)
	fi
	;;
*) die "BTI_VM_ACCEL must be auto, kvm or tcg" ;;
esac

icount=()
if [ -n "${BTI_VM_ICOUNT:-}" ]; then
	[[ ${BTI_VM_ICOUNT} =~ ^[0-9]$ ]] || die "BTI_VM_ICOUNT must be a shift from 0 to 9"
	[ "${accel[1]#tcg}" != "${accel[1]}" ] || die "BTI_VM_ICOUNT needs TCG (BTI_VM_ACCEL=tcg)"
	icount=(-icount "shift=$BTI_VM_ICOUNT,sleep=off")
fi

# The run's configuration, read by initramfs-init.sh and vm-init.sh.
vm=$results/.vm
rm -rf "$vm"
rm -f "$results/console.log" "$results/dmesg.log" "$results/vm.tap"
mkdir -p "$vm"
shq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
{
	echo "BTI_VM_KVER=$(shq "$kver")"
	echo "BTI_VM_SRC=$(shq "$src")"
	echo "BTI_VM_RESULTS=$(shq "$results")"
	echo "BTI_VM_MODDIR=$(shq "$moddir")"
	echo "BTI_VM_TIMEOUT=$(shq "$timeout_s")"
	echo "BTI_VM_EXTRA_PATHS=$(shq "${BTI_VM_EXTRA_PATHS:-}")"
	echo "BTI_VM_9P_CACHE=$(shq "${BTI_VM_9P_CACHE:-loose}")"
} >"$vm/config"
{
	echo "cd $(printf '%q' "$src") || exit 1"
	for name in $(compgen -e); do
		case $name in
		BTI_VM_*) ;;
		BTI_* | BTICTL) echo "export $name=$(printf '%q' "${!name}")" ;;
		esac
	done
	echo "export BTI_RESULTS=$(printf '%q' "$results")"
	echo "exec $(printf '%q ' "$@")"
} >"$vm/cmd"
printf '%s\n' "$*" >"$vm/cmd.txt"

append="console=ttyS0,115200 panic=-1 printk.time=1 printk.devkmsg=on"
append+=" loglevel=7 mitigations=off"
# Unmerged slab caches: bti's own caches show in /proc/slabinfo, and one
# that still holds objects when the module unloads is reported as a BUG.
append+=" slab_nomerge"
grep -q '^CONFIG_KFENCE=y' "$config" && append+=" kfence.sample_interval=10"
append+=" ${BTI_VM_APPEND:-}"

qemu=(qemu-system-x86_64 "${accel[@]}" -machine q35 -smp "$smp" -m "$mem"
	-display none -monitor none -serial stdio -no-reboot
	-kernel "$image" -initrd "$initrd" -append "$append"
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=${results//,/,,},mount_tag=results,security_model=none,multidevs=remap"
	"${icount[@]}")

echo "$prog: $kver (${accel[1]}${icount[1]:+, icount ${icount[1]}}): $*" >&2
start=$(date +%s.%N)
set +e
if [ "${BTI_VM_VERBOSE:-0}" = 1 ]; then
	timeout -k 5 "$timeout_s" "${qemu[@]}" </dev/null 2>"$vm/qemu.err" | tee "$results/console.log"
	qrc=${PIPESTATUS[0]}
else
	timeout -k 5 "$timeout_s" "${qemu[@]}" </dev/null >"$results/console.log" 2>"$vm/qemu.err"
	qrc=$?
fi
set -e
end=$(date +%s.%N)
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')

boot=
if [ -e "$vm/started" ]; then
	boot=$(awk -v a="$start" -v b="$(stat -c %.9Y "$vm/started")" 'BEGIN { printf "%.1f", b - a }')
	echo "$prog: $kver: boot time ${boot}s (guest uptime $(cat "$vm/uptime")s at command start), total ${elapsed}s" >&2
fi

# Verdicts. The kernel log checks run in every case, for the report.
reason=
log_ok=1
logs=("$results/console.log")
[ ! -s "$results/dmesg.log" ] || logs+=("$results/dmesg.log")
log_report=$("$here/check-console.sh" "${logs[@]}") || log_ok=0
log_report=${log_report//"$results/"/}
taint_ok=0
taint_report="the guest did not report its taint"
if [ -s "$vm/tainted" ]; then
	taint_ok=1
	taint_report=$("$here/check-console.sh" --taint "$(cat "$vm/tainted")") || taint_ok=0
fi

status=$(cat "$vm/status" 2>/dev/null || true)
if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	reason="timeout: the VM did not finish within ${timeout_s}s (BTI_VM_TIMEOUT)"
elif [ "$qrc" -ne 0 ]; then
	reason="qemu exited with status $qrc: $(head -n 1 "$vm/qemu.err")"
elif [ ! -e "$vm/started" ]; then
	reason="the guest never started the command: $(grep -m1 -E 'bti-vm: init: FAILED|Kernel panic' "$results/console.log" || echo "see $results/console.log")"
elif [ -z "$status" ]; then
	reason="the guest stopped without reporting the command's status (crash?)"
elif [ "$status" = timeout ]; then
	reason="timeout: the command was still running when the guest's limit hit (BTI_VM_TIMEOUT=${timeout_s})"
elif [ "$status" != 0 ]; then
	reason="the command exited with status $status"
fi
[ -n "$reason" ] || [ "$log_ok" -eq 1 ] ||
	reason="kernel log: $(printf '%s\n' "$log_report" | head -n 1)"
[ -n "$reason" ] || [ "$taint_ok" -eq 1 ] || reason="kernel $taint_report"

{
	echo "TAP version 13"
	echo "1..3"
	if [ "$log_ok" -eq 1 ]; then
		echo "ok 1 $kver: guest kernel log clean"
	else
		echo "not ok 1 $kver: guest kernel log clean"
		printf '%s\n' "$log_report" | sed 's/^/# /'
	fi
	if [ "$taint_ok" -eq 1 ]; then
		echo "ok 2 $kver: no taint besides O/E"
	else
		echo "not ok 2 $kver: no taint besides O/E"
	fi
	echo "# $taint_report"
	# The command's own failures are counted by its results; this one
	# counts a guest that crashed, hung or never got to run it.
	if [ -n "$status" ] && [ "$status" != timeout ] && [ "$qrc" -eq 0 ]; then
		echo "ok 3 $kver: guest ran the command to its end"
	else
		echo "not ok 3 $kver: guest ran the command to its end"
		echo "# ${reason:-no status}"
	fi
	echo "# boot ${boot:-?}s, total ${elapsed}s"
} >"$results/vm.tap"

if [ -n "$reason" ]; then
	fail "$kver: $reason (console: $results/console.log)"
fi
echo "$prog: $kver: ok (${elapsed}s)" >&2
