#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# btictl's contract with its callers: usage errors exit 2, runtime errors
# exit 1, and without the module every command says clearly that the bti
# module is not loaded (for root, for nobody, in any netns), never a
# privilege or a netlink error.

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

bti_setup setpriv unshare dmesg modinfo insmod rmmod modprobe

usage_error() { # the last bti_run was a usage error
	[ "$RUN_RC" -eq 2 ] && [ -n "$RUN_ERR" ]
}
absent_error() { # the last bti_run said that the module is absent
	[ "$RUN_RC" -eq 1 ] && printf '%s' "$RUN_ERR" | grep -q 'bti module is not loaded'
}

ktap_begin 15

# 1-4: usage errors, checked before any netlink traffic.
for args in "" "no-such-command" "--no-such-option version" "stats no-such-subcommand"; do
	# shellcheck disable=SC2086 # word splitting wanted
	bti_run bti_btictl $args
	if usage_error; then
		ktap_ok "usage error exits 2: btictl ${args:-(no arguments)}"
	else
		ktap_fail "usage error exits 2: btictl ${args:-(no arguments)}" "$(bti_run_report)"
	fi
done

# 5-6: help and tool version need no module.
bti_run bti_btictl --help
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT$RUN_ERR" | grep -q 'stats'; then
	ktap_ok "btictl --help: exit 0, lists the commands"
else
	ktap_fail "btictl --help: exit 0, lists the commands" "$(bti_run_report)"
fi
bti_run bti_btictl -V
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$RUN_OUT" | grep -qE '[0-9]+\.[0-9]+\.[0-9]+'; then
	ktap_ok "btictl -V: exit 0, prints a version"
else
	ktap_fail "btictl -V: exit 0, prints a version" "$(bti_run_report)"
fi

# 7-12: without the module.
unloaded=0
if bti_unload && ! bti_loaded; then
	unloaded=1
fi
check_absent() { # name command...
	local name=$1
	shift
	if [ "$unloaded" -eq 0 ]; then
		ktap_fail "$name" "could not unload bti"
		return
	fi
	bti_run "$@"
	if bti_loaded; then
		# The genl family alias autoloaded an installed bti.
		ktap_skip "$name" "bti was autoloaded (installed module with a genl alias)"
		bti_unload || unloaded=0
	elif absent_error; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "$(bti_run_report)"
	fi
}
check_absent "module absent: btictl version exits 1, 'bti module is not loaded'" \
	bti_btictl version
check_absent "module absent: btictl stats exits 1, 'bti module is not loaded'" \
	bti_btictl stats
check_absent "module absent: btictl -j stats exits 1, 'bti module is not loaded'" \
	bti_btictl -j stats
check_absent "module absent: btictl stats zero (root) says the module, not privilege" \
	bti_btictl stats zero
check_absent "module absent: unprivileged btictl stats zero says the module is absent" \
	bti_nobody "$BTICTL" stats zero
check_absent "module absent: btictl version in a fresh netns" \
	unshare -n "$BTICTL" version

# 13-14: with the module again.
if bti_load; then
	bti_run bti_btictl version
	if [ "$RUN_RC" -eq 0 ]; then
		ktap_ok "module reloaded: btictl version exits 0"
	else
		ktap_fail "module reloaded: btictl version exits 0" "$(bti_run_report)"
	fi
else
	ktap_fail "module reloaded: btictl version exits 0" "bti does not load"
fi
bti_run bti_btictl no-such-command
if usage_error; then
	ktap_ok "usage error exits 2 with the module loaded too"
else
	ktap_fail "usage error exits 2 with the module loaded too" "$(bti_run_report)"
fi

# 15
bti_klog_case
ktap_end
