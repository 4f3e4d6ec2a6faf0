#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# harness-selftest.sh RESULTS_DIR - test the VM test harness itself.
# KTAP on stdout and in RESULTS_DIR/harness.tap.
#
#  - check-console.sh flags every canned bad log of canned/ and passes the
#    clean one; decodes taints;
#  - tap-verify.sh counts programs that crash, lose their plan or fail
#    without saying so;
#  - selftests/config is satisfied by every cached kernel;
#  - real VM runs on the first kernel of "kernels.sh list" (the 6.1 line,
#    or BTI_HARNESS_KVER): a plain command passes; a failing command, a
#    module that hits WARN_ON(1) (broken/, built into
#    $BTI_BUILD_DIR/harness/<kver>) and a hanging command (with a short
#    BTI_VM_TIMEOUT, both the guest-side and the host-side limit) all make
#    vm-run.sh fail with the right reason.

set -eu -o pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
src=$(cd "$here/../.." && pwd -P)

[ $# -eq 1 ] || { echo "usage: $0 RESULTS_DIR" >&2; exit 2; }
mkdir -p "$1"
results=$(cd "$1" && pwd -P)

if [ -z "${BTI_HARNESS_INNER:-}" ]; then
	rc=0
	BTI_HARNESS_INNER=1 "$0" "$results" | tee "$results/harness.tap" || rc=$?
	exit "$rc"
fi

# shellcheck source=../ktap.sh
. "$here/../ktap.sh"
# shellcheck disable=SC2034 # read by ktap.sh
KTAP_PROG=harness-selftest

build=${BTI_BUILD_DIR:-$src/build}
mkdir -p "$build"
build=$(cd "$build" && pwd -P)
kver=${BTI_HARNESS_KVER:-$("$here/kernels.sh" list | head -n 1)}

bad_logs=(warning oops oops-only bug kasan rcu-stall rcu-detected lockdep taint
	tainted-header soft-lockup hard-lockup hung-task ubsan kfence slub panic)
mapfile -t kernels < <("$here/kernels.sh" list)

ktap_begin $((${#bad_logs[@]} + 2 + 4 + 6 + ${#kernels[@]} + 6))

# --- check-console.sh on canned logs ---------------------------------------
for name in "${bad_logs[@]}"; do
	rc=0
	out=$("$here/check-console.sh" "$here/canned/$name.log") || rc=$?
	if [ "$rc" -eq 1 ] && [ -n "$out" ]; then
		ktap_ok "check-console flags canned/$name.log"
	else
		ktap_fail "check-console flags canned/$name.log" "status $rc: $out"
	fi
done
rc=0
out=$("$here/check-console.sh" "$here/canned/clean.log") || rc=$?
if [ "$rc" -eq 0 ]; then
	ktap_ok "check-console passes canned/clean.log (O/E taint, test output on the console)"
else
	ktap_fail "check-console passes canned/clean.log (O/E taint, test output on the console)" "$out"
fi
rc=0
out=$("$here/check-console.sh" "$here/canned/no-kernel-lines.log") || rc=$?
if [ "$rc" -eq 2 ]; then
	ktap_ok "check-console refuses a log without kernel lines (status 2)"
else
	ktap_fail "check-console refuses a log without kernel lines (status 2)" "status $rc: $out"
fi

taint_case() { # mask expected-status
	local rc=0 out
	out=$("$here/check-console.sh" --taint "$1") || rc=$?
	if [ "$rc" -eq "$2" ]; then
		ktap_ok "taint $1 ($out): status $2"
	else
		ktap_fail "taint $1: status $2" "status $rc: $out"
	fi
}
taint_case 12288 0      # O E
taint_case 0 0
taint_case 512 1        # W
taint_case $((1 | 4096)) 1 # P O

# --- tap-verify.sh ----------------------------------------------------------
tv=$(mktemp -d "${TMPDIR:-/tmp}/bti-harness.XXXXXX")
ktap_cleanup() { rm -rf "$tv"; }
tap_case() { # name status expected-verify-status expected-appended(0/1) content
	local name=$1 status=$2 want=$3 append=$4 content=$5 rc=0 before after
	printf '%b' "$content" >"$tv/t.tap"
	before=$(grep -c '^not ok' "$tv/t.tap" || true)
	"$here/tap-verify.sh" "$tv/t.tap" prog "$status" >/dev/null || rc=$?
	after=$(grep -c '^not ok' "$tv/t.tap" || true)
	if [ "$rc" -eq "$want" ] && [ $((after - before)) -eq "$append" ] &&
		! grep -qv -e '^TAP version' -e '^1\.\.' -e '^ok ' -e '^not ok ' -e '^#' "$tv/t.tap"; then
		ktap_ok "tap-verify: $name"
	else
		ktap_fail "tap-verify: $name" "status $rc, appended $((after - before)):
$(cat "$tv/t.tap")"
	fi
}
tap_case "a clean pass stays as is" 0 0 0 'TAP version 13\n1..2\nok 1 a\nok 2 b\n'
tap_case "a skip (status 4) stays as is" 4 0 0 'TAP version 13\n1..1\nok 1 a # SKIP no\n'
tap_case "crash after a partial line gets not ok" 139 1 1 'TAP version 13\n1..3\nok 1 a\nok 2'
tap_case "exit 1 without not ok gets not ok" 1 1 1 'TAP version 13\n1..1\nok 1 a\n'
tap_case "short plan gets not ok" 0 1 1 'TAP version 13\n1..3\nok 1 a\n'
tap_case "missing plan gets not ok" 0 1 1 'TAP version 13\nok 1 a\n'

# --- selftests/config against the cached kernels ------------------------------
for k in "${kernels[@]}"; do
	kconfig=$("$here/kernels.sh" config "$k")
	missing=
	while IFS='=' read -r opt want; do
		case $opt in CONFIG_*) ;; *) continue ;; esac
		have=$(sed -n "s/^$opt=//p" "$kconfig")
		case $want/$have in
		y/y | m/y | m/m) ;;
		*) missing+="$opt=$want (kernel: ${have:-not set}) " ;;
		esac
	done <"$here/../config"
	if [ -z "$missing" ]; then
		ktap_ok "selftests/config satisfied by $k"
	else
		ktap_fail "selftests/config satisfied by $k" "$missing"
	fi
done

# --- real VM runs -------------------------------------------------------------
# The build directory must be visible in the guest wherever it lies.
export BTI_VM_EXTRA_PATHS=$build

vm_case() { # name expect(pass|fail) reason-regex timeout command...
	local name=$1 expect=$2 regex=$3 t=$4 rc=0 out dir
	shift 4
	# Outside $results: these runs fail on purpose, and their vm.tap
	# must not count as failures of the project.
	dir=$build/harness-runs/vm-$(printf '%s' "$name" | tr -c 'A-Za-z0-9\n' - | cut -c1-40)
	rm -rf "$dir"
	mkdir -p "$dir"
	VM_DIR=$dir
	out=$(BTI_VM_TIMEOUT=$t "$here/vm-run.sh" "$kver" "$dir" -- "$@" 2>"$dir.stderr") || rc=$?
	ktap_diag "vm-run ($rc): ${out:-ok} $(grep -o 'boot time [0-9.]*s' "$dir.stderr" || true)"
	if [ "$expect" = pass ] && [ "$rc" -eq 0 ] && ! grep -q '^not ok' "$dir/vm.tap"; then
		ktap_ok "vm: $name"
	elif [ "$expect" = fail ] && [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -qE "$regex"; then
		ktap_ok "vm: $name"
	else
		ktap_fail "vm: $name" "expected $expect matching '$regex'; $(cat "$dir.stderr")"
	fi
}

vm_case "a clean command passes" pass '' 120 true
vm_case "a failing command fails" fail 'exited with status 3' 120 sh -c 'exit 3'

# The broken module, built against the kernel's headers out of the tree.
bdir=$build/harness/$kver/broken
rm -rf "$bdir"
mkdir -p "$bdir"
cp "$here/broken/bti_broken.c" "$here/broken/Kbuild" "$bdir/"
kdir=$("$here/kernels.sh" kdir "$kver")
if make -s -C "$kdir" M="$bdir" modules >"$bdir/build.log" 2>&1 && [ -f "$bdir/bti_broken.ko" ]; then
	vm_case "a module that hits WARN_ON fails the run" fail 'kernel log: .*WARNING' 120 \
		insmod "$bdir/bti_broken.ko"
	if grep -q '^not ok 1 .*kernel log clean' "$VM_DIR/vm.tap" 2>/dev/null &&
		grep -q '^not ok 2 .*no taint' "$VM_DIR/vm.tap" 2>/dev/null; then
		ktap_ok "vm: the WARN_ON run's vm.tap has 'not ok' for the log and the taint (W)"
	else
		ktap_fail "vm: the WARN_ON run's vm.tap has 'not ok' for the log and the taint (W)"
	fi
else
	ktap_fail "vm: a module that hits WARN_ON fails the run" "cannot build it: $(cat "$bdir/build.log")"
	ktap_fail "vm: the WARN_ON run's vm.tap has 'not ok' for the log and the taint (W)"
fi

# Hangs: the guest-side limit (the command is killed, logs collected) and
# the host-side limit (the guest's timer is stopped, qemu is killed).
vm_case "a hanging command hits the guest-side limit" fail "timeout: .*guest's limit" 30 sleep 1000
vm_case "a hung guest hits the host-side limit" fail 'timeout: the VM did not finish' 20 \
	sh -c 'kill -STOP $PPID; sleep 1000'

ktap_end
