#!/usr/bin/env bash
# Installs the Debian packages the build, the dev stack and the tests need.
# Quiet when everything is already installed; otherwise apt-get update + install
# of only the missing packages (a fresh Debian 12 has empty package lists).
set -euo pipefail

PACKAGES=(
  make g++ pkg-config
  libfcgi-dev libjsoncpp-dev libsoci-dev libpq-dev libboost-test-dev
  libssl-dev libargon2-dev libsystemd-dev libcurl4-openssl-dev uuid-dev libkainjow-mustache-dev
  clang libclang-rt-14-dev
  postgresql nginx openssl acl ca-certificates util-linux procps
  chromium chromium-driver python3-selenium
  systemd
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$pkg")
  fi
done

((${#missing[@]} == 0)) && exit 0

echo "deps: installing missing packages: ${missing[*]}" >&2

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "deps: not root and sudo is not available; install as root: ${missing[*]}" >&2
    exit 1
  fi
fi

"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
