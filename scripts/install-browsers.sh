#!/usr/bin/env bash
# Installs the three browser engines the browser suites drive (test/browser), from Debian's
# packages: Chromium, Firefox ESR, and WebKitGTK's WebDriver + MiniBrowser with an X server for it.
# Installs only what is missing; needs root (or sudo). Usage: scripts/install-browsers.sh
set -euo pipefail

missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
[ -x "${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}" ] || missing+=(webkit2gtk-driver)
[ -x "${XVFB:-/usr/bin/Xvfb}" ] || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
