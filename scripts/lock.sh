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
# The hosts install the runtime pins from wheels only (no compiler there): each must have one for the Python of
# Debian 12 (3.11) and 13 (3.13) on x86_64
for python in 3.11 3.13; do
  .tools/bin/uv pip compile --quiet --no-header --only-binary :all: --python-version "$python" \
    --python-platform x86_64-manylinux_2_36 requirements-runtime.lock -o /dev/null \
    || { echo "lock: a runtime dependency has no wheel for Python $python (the hosts install wheels only)" >&2; exit 1; }
done
