#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prints the path of checkpatch.pl, unpacking it (with the data files it
# reads) from Debian's linux-source package into the cache on first use.
set -eu

cache=${BTI_CACHE:-/var/cache/bti}/checkpatch
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)

if [ -z "$tarball" ]; then
	echo "checkpatch: no /usr/src/linux-source-*.tar.xz; run 'make setup'" >&2
	exit 1
fi

stamp="$cache/.source"
if [ ! -x "$cache/scripts/checkpatch.pl" ] ||
   [ "$(cat "$stamp" 2>/dev/null)" != "$tarball" ]; then
	rm -rf "$cache"
	mkdir -p "$cache"
	top=$(basename "$tarball" .tar.xz)
	tar -xJf "$tarball" -C "$cache" --strip-components=1 \
		"$top/scripts/checkpatch.pl" \
		"$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch" \
		"$top/scripts/kernel-doc"
	echo "$tarball" > "$stamp"
fi

echo "$cache/scripts/checkpatch.pl"
