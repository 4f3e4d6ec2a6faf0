#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh RESULTS_DIR KDIR...
#
# Kernel style gates, as TAP in RESULTS_DIR/lint.tap:
#  - checkpatch.pl --strict on kmod/ and uapi/, on the in-kernel tests
#    (selftests/kmod_test) and on the bench module (tools/bench/kmod)
#  - kernel-doc -Wall on the same files
#  - for every KDIR, clean W=1 C=1 (sparse) builds of bti.ko, bti_test.ko
#    and bti_bench.ko with no diagnostics
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 RESULTS_DIR [KDIR...]" >&2
	exit 2
fi
results=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

mkdir -p "$results"
tap="$results/lint.tap"
log="$results/lint.log"
: > "$log"
n=0
failed=0
lines=()

result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		lines+=("ok $n $2")
	else
		lines+=("not ok $n $2")
		failed=1
	fi
}

sources=(kmod/*.c kmod/*.h uapi/linux/bti.h)
# The kernel side of the tests; gen_libsrtp_vectors.c is a host program.
test_sources=(selftests/kmod_test/bti_test*.[ch] selftests/kmod_test/*_vectors.h)
bench_sources=(tools/bench/kmod/*.[ch])

if checkpatch=$(tools/setup/checkpatch.sh 2>>"$log"); then
	out=$(perl "$checkpatch" --strict --no-tree --terse -f "${sources[@]}" 2>&1)
	echo "$out" >> "$log"
	bad=$(echo "$out" | grep -v ' 0 errors, 0 warnings, 0 checks' || true)
	[ -z "$bad" ]
	result $? "checkpatch --strict: kmod/ and uapi/"
	[ -n "$bad" ] && echo "$bad" | sed 's/^/# /' >> "$log"

	out=$(perl "$checkpatch" --strict --no-tree --terse -f "${test_sources[@]}" 2>&1)
	echo "$out" >> "$log"
	bad=$(echo "$out" | grep -v ' 0 errors, 0 warnings, 0 checks' || true)
	[ -z "$bad" ]
	result $? "checkpatch --strict: selftests/kmod_test"
	[ -n "$bad" ] && echo "$bad" | sed 's/^/# /' >> "$log"

	out=$(perl "$checkpatch" --strict --no-tree --terse -f "${bench_sources[@]}" 2>&1)
	echo "$out" >> "$log"
	bad=$(echo "$out" | grep -v ' 0 errors, 0 warnings, 0 checks' || true)
	[ -z "$bad" ]
	result $? "checkpatch --strict: tools/bench/kmod"
	[ -n "$bad" ] && echo "$bad" | sed 's/^/# /' >> "$log"

	kdoc="$(dirname "$checkpatch")/kernel-doc"
	out=$(perl "$kdoc" -none -Wall "${sources[@]}" "${test_sources[@]}" \
		"${bench_sources[@]}" 2>&1)
	echo "$out" >> "$log"
	[ -z "$out" ]
	result $? "kernel-doc -Wall: kmod/, uapi/, selftests/kmod_test and tools/bench/kmod"
else
	result 1 "checkpatch --strict: checkpatch.pl not available"
	result 1 "checkpatch --strict: checkpatch.pl not available"
	result 1 "checkpatch --strict: checkpatch.pl not available"
	result 1 "kernel-doc -Wall: kernel-doc not available"
fi

for kdir in "$@"; do
	kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
		"$kdir/include/generated/utsrelease.h" 2>/dev/null)
	[ -n "$kver" ] || kver=${kdir//\//_}
	out_dir="$top/build/lint/$kver"
	rm -rf "$out_dir"
	out=$(tools/kbuild/build-module.sh "$kdir" "$out_dir" W=1 C=1 2>&1)
	rc=$?
	echo "$out" >> "$log"
	diag=$(echo "$out" | grep -E '(warning|error):' || true)
	[ $rc -eq 0 ] && [ -z "$diag" ] && [ -f "$out_dir/bti.ko" ]
	result $? "W=1 C=1 build without diagnostics on $kver"
	[ -n "$diag" ] && echo "$diag" | sed 's/^/# /' >> "$log"

	out=$(tools/kbuild/build-test-module.sh "$kdir" "$out_dir" W=1 C=1 2>&1)
	rc=$?
	echo "$out" >> "$log"
	diag=$(echo "$out" | grep -E '(warning|error):' || true)
	[ $rc -eq 0 ] && [ -z "$diag" ] && [ -f "$out_dir/bti_test.ko" ]
	result $? "W=1 C=1 build of bti_test.ko without diagnostics on $kver"
	[ -n "$diag" ] && echo "$diag" | sed 's/^/# /' >> "$log"

	out=$(tools/kbuild/build-bench-module.sh "$kdir" "$out_dir" W=1 C=1 2>&1)
	rc=$?
	echo "$out" >> "$log"
	diag=$(echo "$out" | grep -E '(warning|error):' || true)
	[ $rc -eq 0 ] && [ -z "$diag" ] && [ -f "$out_dir/bti_bench.ko" ]
	result $? "W=1 C=1 build of bti_bench.ko without diagnostics on $kver"
	[ -n "$diag" ] && echo "$diag" | sed 's/^/# /' >> "$log"
done

{
	echo "TAP version 13"
	echo "1..$n"
	printf '%s\n' "${lines[@]}"
} > "$tap"
cat "$tap"
[ "$failed" -eq 0 ] || grep '^# ' "$log" >&2
exit "$failed"
