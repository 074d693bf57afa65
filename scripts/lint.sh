#!/usr/bin/env bash
# ruff over the whole tree, mypy --strict per service (each service's tests are a package named `tests`),
# ansible-lint (production profile) and yamllint over the playbooks, roles and scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
for service in services/*/; do
  .venv/bin/mypy "$service"
done
.venv/bin/mypy scripts tests/load tests/fuzz tests/security tests/bench
scripts/ansible-env.sh
.tools/ansible/bin/yamllint --strict .
.tools/ansible/bin/ansible-lint
