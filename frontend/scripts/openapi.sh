#!/usr/bin/env bash
# Regenerate lib/api/openapi/<service>.json and lib/api/types/<service>.ts from the services' code.
# --check: regenerate into a temporary directory and fail when the committed files differ.
set -euo pipefail

FRONTEND="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$FRONTEND/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SERVICES=(core commerce payment)

out="$FRONTEND/lib/api"
if [[ "${1:-}" == "--check" ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/openapi" "$out/types"

for service in "${SERVICES[@]}"; do
  "$PYTHON" "$FRONTEND/scripts/dump_openapi.py" "$service" > "$out/openapi/$service.json"
  (cd "$FRONTEND" && npx --no-install openapi-typescript "$out/openapi/$service.json" \
    --output "$out/types/$service.ts" --default-non-nullable false --silent >/dev/null)
done

if [[ "${1:-}" == "--check" ]]; then
  stale=0
  for service in "${SERVICES[@]}"; do
    for file in "openapi/$service.json" "types/$service.ts"; do
      if ! cmp -s "$out/$file" "$FRONTEND/lib/api/$file"; then
        echo "lib/api/$file is out of date: run npm run gen:api and commit the result" >&2
        stale=1
      fi
    done
  done
  exit "$stale"
fi
echo "generated lib/api/openapi/*.json and lib/api/types/*.ts"
