#!/usr/bin/env bash
# Runs each service's test suite in its own pytest process (each starts its own PostgreSQL, Redis and
# SMTP sink). `scripts/test.sh unit` runs only the tests that need no server.
set -uo pipefail
cd "$(dirname "$0")/.."
scope="${1:-all}"
failed=()
for tests in services/*/tests; do
  service=$(basename "$(dirname "$tests")")
  if [ "$scope" = unit ]; then
    targets=()
    for dir in "$tests"/unit "$tests"/test_*.py; do [ -e "$dir" ] && targets+=("$dir"); done
    [ "${#targets[@]}" -gt 0 ] || continue
  else
    targets=("$tests")
  fi
  echo "== $service: ${targets[*]}"
  .venv/bin/pytest -q "${targets[@]}" || failed+=("$service")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
