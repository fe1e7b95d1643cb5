#!/usr/bin/env bash
# Makes sure the system packages the tests need are present: Debian's Chromium (browser
# end-to-end tests), Kamailio with its websocket module (the sandbox's real SIP server) and
# Xvfb (a display for the Electron end-to-end suite). Installs what is missing when it can
# (root with apt-get); otherwise says exactly what to install and fails.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || missing+=(kamailio)
ls /usr/lib/*/kamailio/modules/websocket.so >/dev/null 2>&1 || missing+=(kamailio-websocket-modules)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need these Debian packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
