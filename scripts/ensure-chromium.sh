#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; install it when missing (never a downloaded browser).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium ontbreekt: installeren met apt-get (eenmalig, ~30 s)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  echo "De browsertests hebben Chromium nodig: sudo apt-get install -y chromium" >&2
  exit 1
fi
