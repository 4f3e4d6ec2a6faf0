#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family "bti" and BTI_CMD_GET_VERSION: visible with
# the right version and commands in the initial network namespace and in
# fresh ones (ip netns add, unshare -n), and what btictl version reports.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

ktap_cleanup() {
	bti_cleanup
	[ "$loaded_here" -eq 0 ] || bti_unload
}

loaded_here=0
bti_loaded || loaded_here=1
bti_setup ip genl jq setpriv unshare dmesg modinfo insmod rmmod modprobe
api=$(bti_expected_api)
ns=$(bti_netns_name genl)

ktap_begin 19

# 1
if bti_load; then
	ktap_ok "module loads"
else
	ktap_fail "module loads"
fi

# 2-4: the family in the initial namespace.
genl_out=$(genl ctrl get name bti 2>&1) || true
if printf '%s\n' "$genl_out" | grep -q '^Name: bti$'; then
	ktap_ok "genl: family bti in the initial netns"
else
	ktap_fail "genl: family bti in the initial netns" "$genl_out"
fi
family_version=$(printf '%s\n' "$genl_out" | sed -n 's/.*Version: 0x\([0-9a-fA-F]*\).*/\1/p')
family_version=$((16#${family_version:-ff}))
if [ "$family_version" -eq "$api" ]; then
	ktap_ok "genl: family version is $api"
else
	ktap_fail "genl: family version is $api" "genl reports version $family_version"
fi
# Operations come before the multicast groups, which are numbered alike.
cmds=$(printf '%s\n' "$genl_out" | sed -n '/multicast groups:/q; s/.*#[0-9]*:[[:space:]]*ID-0x\([0-9a-fA-F]*\).*/\1/p' |
	while read -r id; do echo $((16#$id)); done | sort -n | tr '\n' ' ')
want_cmds=$(bti_expected_cmds)
if [ -n "$want_cmds" ] && [ "$cmds" = "$want_cmds" ]; then
	ktap_ok "genl: every command of enum bti_cmd"
else
	ktap_fail "genl: every command of enum bti_cmd" "command ids: ${cmds:-none}; expected ${want_cmds:-unknown}"
fi
if printf '%s\n' "$genl_out" | sed -n '/multicast groups:/,$p' | grep -q 'name: events'; then
	ktap_ok "genl: multicast group events"
else
	ktap_fail "genl: multicast group events" "$genl_out"
fi

# 5-6: fresh namespaces.
if bti_netns_add "$ns" && ip netns exec "$ns" genl ctrl get name bti 2>&1 | grep -q '^Name: bti$'; then
	ktap_ok "genl: family bti in a fresh netns (ip netns add)"
else
	ktap_fail "genl: family bti in a fresh netns (ip netns add)"
fi
if unshare -n genl ctrl get name bti 2>&1 | grep -q '^Name: bti$'; then
	ktap_ok "genl: family bti in a fresh netns (unshare -n)"
else
	ktap_fail "genl: family bti in a fresh netns (unshare -n)"
fi

# 7-13: btictl -j version in the initial namespace.
bti_run bti_btictl -j version
version_json=$RUN_OUT
if [ "$RUN_RC" -eq 0 ] && printf '%s' "$version_json" | jq -e 'type == "object"' >/dev/null 2>&1; then
	ktap_ok "btictl -j version: exit 0, a JSON object"
else
	ktap_fail "btictl -j version: exit 0, a JSON object" "$(bti_run_report)"
fi
jget() { printf '%s' "$version_json" | jq -r "$1" 2>/dev/null; }
module_version=$(jget '.module_version // empty')
if [[ $module_version =~ ^[0-9]+\.[0-9]+\.[0-9]+([.~+-][0-9A-Za-z.~+-]*)?$ ]]; then
	ktap_ok "btictl -j version: module_version is a version number"
else
	ktap_fail "btictl -j version: module_version is a version number" "module_version: '$module_version'"
fi
if [ ! -r /sys/module/bti/version ]; then
	ktap_skip "btictl -j version: module_version is the module's MODULE_VERSION" \
		"/sys/module/bti/version missing"
elif [ "$(cat /sys/module/bti/version)" = "$module_version" ]; then
	ktap_ok "btictl -j version: module_version is the module's MODULE_VERSION"
else
	ktap_fail "btictl -j version: module_version is the module's MODULE_VERSION" \
		"/sys/module/bti/version: $(cat /sys/module/bti/version)"
fi
if [ "$(jget '.api_version | numbers')" = "$api" ]; then
	ktap_ok "btictl -j version: api_version is $api"
else
	ktap_fail "btictl -j version: api_version is $api" "api_version: $(jget .api_version)"
fi
if [ "$(jget '.api_version')" = "$family_version" ]; then
	ktap_ok "btictl -j version: api_version is the genl family version"
else
	ktap_fail "btictl -j version: api_version is the genl family version"
fi
if printf '%s' "$version_json" | jq -e '(.features | type == "array") and
		all(.features[]; type == "string") and
		(.features | index("netns-stats")) != null and
		(.features | index("zero-stats")) != null' >/dev/null 2>&1; then
	ktap_ok "btictl -j version: features include netns-stats and zero-stats"
else
	ktap_fail "btictl -j version: features include netns-stats and zero-stats" "features: $(printf '%s' "$version_json" | jq -c .features 2>&1)"
fi
tool_version=$(jget '.tool_version // empty')
bti_run bti_btictl -V
if [ -n "$tool_version" ] && [ "$RUN_RC" -eq 0 ] &&
	printf '%s' "$RUN_OUT" | grep -qwF -- "$tool_version"; then
	ktap_ok "btictl -j version: tool_version is what btictl -V prints"
else
	ktap_fail "btictl -j version: tool_version is what btictl -V prints" \
		"tool_version '$tool_version', btictl -V: $RUN_OUT"
fi

# 14: text form.
bti_run bti_btictl version
if [ "$RUN_RC" -eq 0 ] && [ -n "$module_version" ] &&
	printf '%s' "$RUN_OUT" | grep -qF -- "$module_version" &&
	printf '%s' "$RUN_OUT" | grep -q -- "netns-stats"; then
	ktap_ok "btictl version: exit 0, shows the module version and features"
else
	ktap_fail "btictl version: exit 0, shows the module version and features" "$(bti_run_report)"
fi

# 15-17: the same answer in fresh namespaces and for an unprivileged user.
bti_run ip netns exec "$ns" "$BTICTL" -j version
if [ "$RUN_RC" -eq 0 ] && [ "$RUN_OUT" = "$version_json" ]; then
	ktap_ok "btictl -j version: same in a fresh netns (ip netns add)"
else
	ktap_fail "btictl -j version: same in a fresh netns (ip netns add)" "$(bti_run_report)"
fi
bti_run unshare -n "$BTICTL" -j version
if [ "$RUN_RC" -eq 0 ] && [ "$RUN_OUT" = "$version_json" ]; then
	ktap_ok "btictl -j version: same in a fresh netns (unshare -n)"
else
	ktap_fail "btictl -j version: same in a fresh netns (unshare -n)" "$(bti_run_report)"
fi
bti_run bti_nobody "$BTICTL" -j version
if [ "$RUN_RC" -eq 0 ] && [ "$RUN_OUT" = "$version_json" ]; then
	ktap_ok "btictl -j version: same for an unprivileged user"
else
	ktap_fail "btictl -j version: same for an unprivileged user" "$(bti_run_report)"
fi

# 18
bti_klog_case
ktap_end
