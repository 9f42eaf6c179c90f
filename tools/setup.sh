#!/usr/bin/env bash
# Installs the Debian packages cae needs (only those missing), then configures and builds cae in
# build/. Safe to run again: it does only what is left to do.
#
#   tools/setup.sh [BUILD_DIR] [MESON_OPTION...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
shift || true

mapfile -t wanted < <(grep -v '^#' "$root/tools/packages.txt" | sed '/^$/d')
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd "$root"
if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$@" >/dev/null
fi
ninja -C "$build" >/dev/null
echo "setup: built $build/src/cae" >&2
