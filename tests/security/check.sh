#!/usr/bin/env bash
# The three security checks against one shop, each run even when another failed; exit 1 if any failed.
# Usage: tests/security/check.sh --url BASE_URL --tls HOST:PORT --scan ADDRESS|local [--self-signed] [--domain]
#   tests/security/check.sh --url https://localhost --tls localhost:443 --scan local --self-signed   (this machine)
#   tests/security/check.sh --url https://localhost:18443 --tls localhost:18443 --scan 172.17.0.2 --self-signed
# --url: the shop through nginx (headers.py; a self-signed certificate is accepted with --self-signed)
# --tls: nginx's TLS endpoint (tls.sh, Mozilla intermediate)
# --scan: an address to scan all TCP ports of from here, or `local` for this machine's listening sockets
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

url="" tls="" scan="" self_signed=() insecure=() domain=()
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --tls) tls=$2; shift 2 ;;
    --scan) scan=$2; shift 2 ;;
    --self-signed) self_signed=(--self-signed); insecure=(--insecure); shift ;;
    --domain) domain=(--domain); shift ;;
    *) echo "check: unknown argument $1" >&2; exit 2 ;;
  esac
done

failed=()
if [ -n "$tls" ]; then
  tests/security/tls.sh "$tls" "${self_signed[@]}" || failed+=(tls)
fi
if [ -n "$url" ]; then
  .venv/bin/python tests/security/headers.py "$url" "${insecure[@]}" "${domain[@]}" || failed+=(headers)
fi
if [ "$scan" = local ]; then
  .venv/bin/python tests/security/ports.py --local || failed+=(ports)
elif [ -n "$scan" ]; then
  .venv/bin/python tests/security/ports.py "$scan" || failed+=(ports)
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "security: failed: ${failed[*]}"
  exit 1
fi
echo "security: ok"
