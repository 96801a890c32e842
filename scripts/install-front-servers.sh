#!/usr/bin/env bash
# Installs the four front servers `corsguard export` targets (test/export), from Debian's packages:
# nginx, Apache httpd (apache2), Caddy and HAProxy. Installs only what is missing; needs root (or
# sudo). The tests start each server themselves from a generated configuration on unprivileged
# loopback ports; the packages' own services are not needed.
# Usage: scripts/install-front-servers.sh
set -euo pipefail

missing=()
command -v "${NGINX:-nginx}" >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v "${APACHE:-apache2}" >/dev/null || [ -x /usr/sbin/apache2 ] || missing+=(apache2)
command -v "${CADDY:-caddy}" >/dev/null || [ -x /usr/bin/caddy ] || missing+=(caddy)
command -v "${HAPROXY:-haproxy}" >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
