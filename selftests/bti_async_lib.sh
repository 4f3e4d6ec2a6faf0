#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bti_async_lib.sh PROG... - run test programs with bti.ko's cipher
# transforms asynchronous, AES-GCM's and AES-CM's counter mode (the
# bti_async_*.sh programs are this with their PROGs).
#
# bti.ko is loaded with gcm_alg naming pcrypt over the generic GCM
# (BTI_ASYNC_GCM_ALG): pcrypt hands each request to padata and it
# completes in padata's serial worker, not in the call (only a request
# padata refuses runs at once). Not cryptd for GCM: on 6.1.0-56 cryptd's
# AEAD fails the crypto manager's self-test ("corrupted request struct")
# and the kernel logs a WARNING. ctr_alg names cryptd over the generic
# counter mode (BTI_ASYNC_CTR_ALG; pcrypt takes AEADs only), whose
# requests complete in cryptd's worker. So each packet of a session of
# either kind is stolen by the hook and finished by the completion (and
# bti_test.ko's cases wait for it). The cases: the module loads with the
# parameters; an AES-GCM and an AES-CM session instantiate those
# transforms, asynchronous ones (/proc/crypto); a parameter naming
# another mode is refused; each PROG passes in that mode (its KTAP output
# as diagnostics); for bti_srtp_kat.sh, bti_test.ko reports packets
# finished in the completion, AES-CM ones among them; the kernel log.

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
# shellcheck source=ktap.sh
. "$here/ktap.sh"
# shellcheck source=bti_env.sh
. "$here/bti_env.sh"

[ $# -gt 0 ] || { echo "usage: $0 PROG..." >&2; exit 2; }
KTAP_PROG=${KTAP_NAME:-$KTAP_PROG}
ALG=${BTI_ASYNC_GCM_ALG:-pcrypt(gcm_base(ctr(aes-generic),ghash-generic))}
CTR_ALG=${BTI_ASYNC_CTR_ALG:-cryptd(ctr(aes-generic))}
PARAMS="gcm_alg=$ALG ctr_alg=$CTR_ALG"
NS=$(bti_netns_name async)

ktap_cleanup() {
	bti_cleanup
	bti_unload || true
}

bti_setup ip awk dmesg insmod rmmod modprobe

# The /proc/crypto entry of driver $1: its "async" field, "" if none.
crypto_async() {
	awk -v d="$1" '
		/^driver/ { sub(/^driver[ \t]*: /, ""); cur = $0 }
		/^async/ && cur == d { sub(/^async[ \t]*: /, ""); print; exit }
	' /proc/crypto
}

# kernel_count_case WHO WHAT: a case that passes when bti_test.ko's last
# "# WHAT: N" line in the kernel log reports N > 0.
kernel_count_case() {
	local who=$1 what=$2 n
	n=$(dmesg | sed -n "s/.*bti_test: # $what: \\([0-9]\\{1,\\}\\)\$/\\1/p" |
		tail -n 1)
	if [ "${n:-0}" -gt 0 ]; then
		ktap_ok "$who: $n $what"
	else
		ktap_fail "$who: $what" "reported: ${n:-nothing}"
	fi
}

plan=$((6 + $#))
for prog in "$@"; do
	[ "$prog" != bti_srtp_kat.sh ] || plan=$((plan + 4))
done
ktap_begin "$plan"

# Whoever loaded bti before did so without the parameter.
bti_unload || true
export BTI_PARAMS="$PARAMS"
if bti_load && [ "$(cat /sys/module/bti/parameters/gcm_alg)" = "$ALG" ] &&
	[ "$(cat /sys/module/bti/parameters/ctr_alg)" = "$CTR_ALG" ]; then
	ktap_ok "module loads with $PARAMS"
else
	ktap_fail "module loads with $PARAMS" \
		"parameters: $(cat /sys/module/bti/parameters/gcm_alg \
			/sys/module/bti/parameters/ctr_alg 2>&1)"
fi

# An AES-GCM session: its keys are what instantiates the transform.
key=000102030405060708090a0b0c0d0e0f
salt=a0a1a2a3a4a5a6a7a8a9aaab
umask 077
for d in tx rx; do
	printf '%s-srtp-key %s\n%s-srtp-salt %s\n' "$d" $key "$d" $salt
	printf '%s-srtcp-key %s\n%s-srtcp-salt %s\n' "$d" $key "$d" $salt
done >"$BTI_TMP/keys"
async=
if bti_netns_add "$NS" &&
	ip netns exec "$NS" "$BTICTL" session add local 10.96.0.1:5004 \
		remote 10.96.0.2:6004 suite AEAD_AES_128_GCM tx-ssrc 1 rx-ssrc 2 \
		keys "$BTI_TMP/keys"; then
	async=$(crypto_async "$ALG")
fi
if [ "$async" = yes ]; then
	ktap_ok "an AES-GCM session uses $ALG, asynchronous"
else
	ktap_fail "an AES-GCM session uses $ALG, asynchronous" \
		"/proc/crypto async field: ${async:-no such driver}"
fi
# And an AES-CM session its counter mode (master keys: btictl derives).
for d in tx rx; do
	printf '%s-master-key %s\n%s-master-salt %s\n' "$d" $key "$d" \
		a0a1a2a3a4a5a6a7a8a9aaabacad
done >"$BTI_TMP/cm.keys"
async=
if ip netns exec "$NS" "$BTICTL" session add local 10.96.0.1:5006 \
	remote 10.96.0.2:6006 suite AES_CM_128_HMAC_SHA1_80 tx-ssrc 1 \
	rx-ssrc 2 keys "$BTI_TMP/cm.keys"; then
	async=$(crypto_async "$CTR_ALG")
fi
if [ "$async" = yes ]; then
	ktap_ok "an AES-CM session uses $CTR_ALG, asynchronous"
else
	ktap_fail "an AES-CM session uses $CTR_ALG, asynchronous" \
		"/proc/crypto async field: ${async:-no such driver}"
fi
ip netns del "$NS" 2>/dev/null || true
BTI_NETNS_LIST=()
bti_unload || true

# wrong_mode_refused PARAM SUITE PORT KEYS NAME DESC: with bti.ko loaded
# with PARAM (an algorithm of the wrong mode, NAME in /proc/crypto), a
# session of SUITE is refused as the crypto API's refusal, never keyed.
wrong_mode_refused() {
	local param=$1 suite=$2 port=$3 keys=$4 name=$5 desc=$6 refused=
	export BTI_PARAMS="$param"
	if bti_load && bti_netns_add "$NS" &&
		! ip netns exec "$NS" "$BTICTL" session add \
			local "10.96.0.1:$port" remote "10.96.0.2:$((port + 1000))" \
			suite "$suite" tx-ssrc 1 rx-ssrc 2 keys "$keys" \
			2>"$BTI_TMP/err" &&
		grep -q 'crypto API refused' "$BTI_TMP/err" &&
		grep -q "^name *: $name\$" /proc/crypto; then
		refused=yes
	fi
	ktap_check "$param: $desc" [ "$refused" = yes ]
	ip netns del "$NS" 2>/dev/null || true
	BTI_NETNS_LIST=()
	bti_unload || true
}

# ctr_alg must name AES in counter mode: CBC, also an skcipher with a
# 16-octet IV, is refused when an AES-CM session is added.
wrong_mode_refused "ctr_alg=cbc(aes)" AES_CM_128_HMAC_SHA1_80 5006 \
	"$BTI_TMP/cm.keys" "cbc(aes)" \
	"an AES-CM session is refused, not protected with CBC"
# gcm_alg must name AES-GCM: an AEAD of another mode (CCM, which the
# crypto API does instantiate) is refused when a GCM session is added.
wrong_mode_refused "gcm_alg=ccm(aes)" AEAD_AES_128_GCM 5004 \
	"$BTI_TMP/keys" "ccm(aes)" \
	"an AES-GCM session is refused, not protected with CCM"
# The programs load bti.ko themselves, with BTI_PARAMS.
export BTI_PARAMS="$PARAMS"

for prog in "$@"; do
	rc=0
	"$here/$prog" >"$BTI_TMP/out" || rc=$?
	if [ "$rc" -eq 0 ]; then
		ktap_ok "$prog passes with asynchronous cipher transforms"
	else
		ktap_fail "$prog passes with asynchronous cipher transforms" \
			"exit status $rc"
	fi
	ktap_diag "$(sed -n 's/^/  /p' "$BTI_TMP/out")"
	if [ "$prog" = bti_srtp_kat.sh ]; then
		kernel_count_case "bti_test.ko" "packets finished in the completion"
		kernel_count_case "bti_test.ko" \
			"AES-CM packets finished in the completion"
		bti_unload || true
		# Again with the completion first: the submitter ends packets.
		rc=0
		BTI_TEST_PARAMS=late_prepare=1 "$here/$prog" >"$BTI_TMP/out" || rc=$?
		ktap_check "$prog passes when the completion comes before prepare" \
			[ "$rc" -eq 0 ]
		ktap_diag "$(sed -n 's/^/  /p' "$BTI_TMP/out")"
		kernel_count_case "bti_test.ko late_prepare=1" \
			"packets ended by the submitter"
	fi
	bti_unload || true
done

bti_klog_case
ktap_end
