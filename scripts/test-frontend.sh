#!/usr/bin/env bash
# The storefront's checks. Installs Chromium (for the browser tests) and Node.js >= 20.9 with npm
# (scripts/node-env.sh) when missing and runs `npm ci` (skipped when node_modules matches package-lock.json), then
#   scripts/test-frontend.sh lint   eslint, tsc, and the generated API types up to date with the services
#   scripts/test-frontend.sh unit   the unit tests (Vitest)
#   scripts/test-frontend.sh stripe builds the storefront, then the pay page in Stripe mode in Chromium with a
#                                   stubbed Stripe.js and fake services (playwright.stripe.config.ts)
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# Node.js >= 20.9 (Next.js 16) with npm: the distro's, or the official build where the distro's is older
. scripts/node-env.sh

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
