#!/usr/bin/env bash
# The storefront's checks. Installs the distro's Node.js, npm and Chromium (for the browser tests) when
# missing and runs `npm ci` (skipped when node_modules matches package-lock.json), then
#   scripts/test-frontend.sh lint   eslint, tsc, and the generated API types up to date with the services
#   scripts/test-frontend.sh unit   the unit tests (Vitest)
#   scripts/test-frontend.sh stripe builds the storefront, then the pay page in Stripe mode in Chromium with a
#                                   stubbed Stripe.js and fake services (playwright.stripe.config.ts)
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"

cd frontend
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" >"$stamp"
fi
case "${1:-unit}" in
  lint) npm run --silent lint && npm run --silent typecheck && npm run --silent check:api ;;
  unit) npm test ;;
  stripe) npm run --silent build && npm run --silent e2e:stripe ;;
  *) echo "usage: $0 lint|unit|stripe" >&2; exit 2 ;;
esac
