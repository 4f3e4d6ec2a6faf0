#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Known answers and behaviour of the SRTP/SRTCP transform core of bti.ko,
# tested inside the kernel: loads bti.ko, then bti_test.ko
# (selftests/kmod_test), whose init runs its cases against bti.ko's
# exported functions and prints KTAP to the kernel log, every line
# prefixed "bti_test: ". Each of its cases becomes a case here, followed
# by one that checks the module kept to its plan and that its load status
# agrees with its results (it refuses to load when a case failed), and
# the kernel log check.
#
# Environment: BTI_TEST_KO (bti_test.ko to insmod; default: next to
# BTI_KO, else build/<uname -r>/bti_test.ko of the source tree),
# BTI_TEST_PARAMS (its module parameters, e.g. late_prepare=1), and those
# of bti_env.sh.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

test_loaded() { [ -d /sys/module/bti_test ]; }

ktap_cleanup() {
	if test_loaded; then
		rmmod bti_test || echo "# cannot remove bti_test"
	fi
	bti_cleanup
	[ "$loaded_here" -eq 0 ] || bti_unload
}

loaded_here=0
bti_loaded || loaded_here=1
bti_setup dmesg awk sed modinfo insmod rmmod modprobe

if [ -z "${BTI_TEST_KO:-}" ]; then
	for ko in ${BTI_KO:+"$(dirname "$BTI_KO")/bti_test.ko"} \
		"$here/../build/$(uname -r)/bti_test.ko"; do
		if [ -r "$ko" ]; then
			BTI_TEST_KO=$ko
			break
		fi
	done
fi
if [ -z "${BTI_TEST_KO:-}" ] || [ ! -r "$BTI_TEST_KO" ]; then
	bti_prereq_missing "bti_test.ko not found (set BTI_TEST_KO; build it with make modules-vm)"
fi

# Run everything first: the plan depends on what the module announces.
load_err=
bti_load 2>"$BTI_TMP/load.err" || load_err=$(cat "$BTI_TMP/load.err")
if test_loaded; then
	rmmod bti_test
fi
mark="bti-selftest: bti_srtp_kat.sh insmod $$-$(date +%s%N)"
echo "$mark" >/dev/kmsg
insmod_rc=0
if [ -z "$load_err" ]; then
	insmod "$BTI_TEST_KO" ${BTI_TEST_PARAMS:-} 2>"$BTI_TMP/insmod.err" || insmod_rc=$?
fi
# The module's lines after the mark, without timestamp and prefix.
dmesg | awk -v m="$mark" 'p; index($0, m) { p = 1 }' |
	sed -n 's/^\[[^]]*\] bti_test: //p' >"$BTI_TMP/ktap"
plan=$(sed -n 's/^1\.\.\([0-9]\{1,\}\)$/\1/p' "$BTI_TMP/ktap" | head -n 1)

if [ -n "$load_err" ] || [ -z "$plan" ]; then
	ktap_begin 2
	if [ -n "$load_err" ]; then
		ktap_fail "bti.ko loads" "$load_err"
	else
		ktap_fail "bti_test.ko runs its cases (no KTAP plan in the kernel log)" \
			"insmod status $insmod_rc: $(cat "$BTI_TMP/insmod.err")"
	fi
	bti_klog_case
	ktap_end
fi

ktap_begin $((plan + 2))
results=0
failed=0
while IFS= read -r line; do
	case $line in
	'TAP version '* | 1..*) ;;
	'# '*) echo "$line" ;;
	'not ok '*)
		results=$((results + 1))
		failed=$((failed + 1))
		ktap_fail "$(printf '%s' "$line" | sed 's/^not ok [0-9]* //')"
		;;
	'ok '*' # SKIP'*)
		results=$((results + 1))
		name=$(printf '%s' "$line" | sed 's/^ok [0-9]* //')
		ktap_skip "${name%% # SKIP*}" "${name#* # SKIP}"
		;;
	'ok '*)
		results=$((results + 1))
		ktap_ok "$(printf '%s' "$line" | sed 's/^ok [0-9]* //')"
		;;
	esac
done <"$BTI_TMP/ktap"
# Pad a short run so that the plan still holds; each missing case fails.
while [ "$results" -lt "$plan" ]; do
	results=$((results + 1))
	ktap_fail "bti_test case $results: no result in the kernel log"
done

name="bti_test.ko: $plan results for its plan, load status agrees with them"
if [ "$results" -ne "$plan" ]; then
	ktap_fail "$name" "$results results"
elif [ "$failed" -eq 0 ] && [ "$insmod_rc" -ne 0 ]; then
	ktap_fail "$name" "no case failed, yet insmod failed: $(cat "$BTI_TMP/insmod.err")"
elif [ "$failed" -ne 0 ] && [ "$insmod_rc" -eq 0 ]; then
	ktap_fail "$name" "$failed cases failed, yet the module loaded"
else
	ktap_ok "$name"
fi
bti_klog_case
ktap_end
