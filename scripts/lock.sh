#!/usr/bin/env bash
# Resolves the workspace (keeping current pins unless UPGRADE=1) and writes the pins as plain `name==version` lines:
# requirements.lock (everything, for development and tests) and requirements-runtime.lock (what a
# deployed service needs). uv.lock itself stays local.
set -euo pipefail
cd "$(dirname "$0")/.."
.tools/bin/uv lock ${UPGRADE:+--upgrade}  # UPGRADE=1 make lock moves every pin to the newest release
export_pins() { .tools/bin/uv export --no-hashes --no-emit-workspace --no-header --no-annotate "$@"; }
export_pins --all-groups -o requirements.lock
export_pins --no-dev -o requirements-runtime.lock
