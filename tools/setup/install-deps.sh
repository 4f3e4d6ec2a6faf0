#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs the Debian packages listed in debian-packages.txt that are not
# installed yet. On a ready machine it touches no network and returns at
# once. Kernel images are never installed here: the VM harness downloads
# and unpacks them into its cache (selftests/qemu/kernels.sh).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
list="$here/debian-packages.txt"

mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$list")

missing=()
for pkg in "${wanted[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#wanted[@]} packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages: ${missing[*]}" >&2
	echo "install-deps: run as root, or install them with apt-get" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

# A kernel image on the host would mean a headers package dragged it in.
if dpkg-query -W -f='${Package}\n' 'linux-image-*' 2>/dev/null | grep -q .; then
	echo "install-deps: warning: a linux-image package is installed on the host" >&2
fi
