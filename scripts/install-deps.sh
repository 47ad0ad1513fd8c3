#!/bin/sh
# Installs the Debian packages lede needs to build and test, when missing.
# Usage: scripts/install-deps.sh [EXTRA_PACKAGE...]
# Runs apt-get as root, or through sudo for other users; does nothing when
# every package is already installed.
set -eu

packages="build-essential cmake pkg-config libxml2-dev zlib1g-dev libzstd-dev libjansson-dev python3 python3-pip python3-distributed chromium $*"

missing=""
for pkg in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
    *" installed") ;;
    *) missing="$missing $pkg" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run this as root or install sudo" >&2
    exit 1
fi
echo "install-deps: installing$missing"
# The package lists of a fresh machine (or container) may be empty or stale.
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086 # the package names must split
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
