#!/bin/sh
# Builds a storefront release in the current directory (its unpacked source), on the app host or on the controller:
# npm ci installs the locked tree (dev dependencies included: the build needs them); the standalone output carries
# the traced runtime modules, so the full node_modules and the build cache go once it is assembled.
set -eu
rm -rf node_modules .next static
npm ci --no-audit --no-fund --loglevel=warn
npm run build
test -f .next/standalone/server.js
cp -a .next/static .next/standalone/.next/static
if [ -d public ]; then cp -a public .next/standalone/public; fi
rm -rf node_modules .next/cache
touch .built
