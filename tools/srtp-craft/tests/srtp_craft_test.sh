#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# srtp_craft_test: srtp-craft protects packets exactly as libsrtp2 does
# (the libsrtp2 known answers of selftests/kmod_test/libsrtp_vectors.h,
# made by gen_libsrtp_vectors.c from RFC 3711 B.3's master key), leaves
# lying content alone, numbers SRTCP packets in order, and refuses bad
# input with its exit codes. TAP on stdout; exit 1 if any check fails.
#
#   SRTP_CRAFT=path  the program (default: ../srtp-craft next to this script)
set -u

here=$(cd "$(dirname "$0")" && pwd)
craft=${SRTP_CRAFT:-$here/../srtp-craft}
vectors=$here/../../../selftests/kmod_test/libsrtp_vectors.h
key=E1F97A0D3E018BE0D64FA32C06DE4139
salt=0EC675AD498AFEEBB6960B3AABE6

work=$(mktemp -d "${TMPDIR:-/tmp}/srtp-craft-test.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
umask 077
printf 'AES_CM_128_HMAC_SHA1_80 %s %s\n' "$key" "$salt" >"$work/k80"
printf 'AES_CM_128_HMAC_SHA1_32 %s %s\n' "$key" "$salt" >"$work/k32"

n=0
failed=0
echo "TAP version 13"
echo "1..11"

check() { # NAME WANT GOT
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		failed=$((failed + 1))
		echo "not ok $n - $1"
		echo "#   want: $2"
		echo "#   got:  $3"
	fi
}

# The octets of array NAME of the vectors header, as lower-case hex.
vector() {
	awk -v name="$1" '
		index($0, "u8 " name "[") { on = 1; next }
		on && /};/ { exit }
		on { gsub(/0x|[ \t,]/, ""); printf "%s", $0 }' "$vectors"
}

for v in v1 v2 v3 v4; do
	[ -n "$(vector "libsrtp_${v}_plain")" ] || {
		echo "Bail out! no libsrtp_${v}_plain in $vectors"
		exit 1
	}
done

check "v1: AES_CM_128_HMAC_SHA1_80 RTP as libsrtp2 protects it" \
	"$(vector libsrtp_v1_srtp)" \
	"$("$craft" --keys "$work/k80" "$(vector libsrtp_v1_plain)")"
check "v2: CSRCs, extension, padding, ROC 5" \
	"$(vector libsrtp_v2_srtp)" \
	"$("$craft" --keys "$work/k80" --roc 5 "$(vector libsrtp_v2_plain)")"
check "v3: AES_CM_128_HMAC_SHA1_32 RTP" \
	"$(vector libsrtp_v3_srtp)" \
	"$("$craft" --keys "$work/k32" "$(vector libsrtp_v3_plain)")"
check "v4: SRTCP, first index 1" \
	"$(vector libsrtp_v4_srtcp)" \
	"$("$craft" --keys "$work/k80" --rtcp "$(vector libsrtp_v4_plain)")"
check "packets from standard input, one per line" \
	"$(vector libsrtp_v1_srtp)" \
	"$(vector libsrtp_v1_plain | "$craft" --keys "$work/k80")"

# P set, padding count 0xff past a 4-octet payload: protected as it is.
lie=a000000100000000cafebabe000000ff
out=$("$craft" --keys "$work/k80" "$lie")
check "a lying padding count is protected, header kept, 10-octet tag" \
	"${lie:0:24} $((${#lie} / 2 + 10))" "${out:0:24} $((${#out} / 2))"

two=$("$craft" --keys "$work/k80" --rtcp "$(vector libsrtp_v4_plain)" \
	"$(vector libsrtp_v4_plain)" | sed -n 2p)
check "the second SRTCP packet has E|index 0x80000002" \
	80000002 "${two:$((${#two} - 28)):8}"

status() { "$@" >/dev/null 2>&1; echo $?; }
check "no --keys: usage error (2)" 2 "$(status "$craft" 80)"
check "odd number of hex digits: exit 1" 1 \
	"$(status "$craft" --keys "$work/k80" 8000000100000000cafebab)"
check "too short to hold an SSRC: exit 1" 1 \
	"$(status "$craft" --keys "$work/k80" 8000000100000000)"
check "--roc with --rtcp: usage error (2)" 2 \
	"$(status "$craft" --keys "$work/k80" --rtcp --roc 1 81c90001cafebabe)"

[ "$failed" -eq 0 ]
