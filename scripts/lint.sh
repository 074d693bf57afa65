#!/usr/bin/env bash
# ruff over the whole tree, mypy --strict per service (each service's tests are a package named `tests`).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
for service in services/*/; do
  .venv/bin/mypy "$service"
done
.venv/bin/mypy scripts
