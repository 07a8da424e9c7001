#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian/Ubuntu machine, then nox into .venv.
# System packages: chromium + chromium-driver (browser tests), a headless JRE (Nu HTML Checker), nodejs/npm
# (npm ci installs the pinned axe-core). Each is installed only if missing; needs root or sudo for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)

if [ ${#need[@]} -gt 0 ]; then
  echo "test-setup: installing ${need[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "test-setup: need root or sudo to install: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test-setup: no apt-get here; install ${need[*]} with your package manager" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "nox>=2024.4"
echo "test-setup: ready; run .venv/bin/nox"
