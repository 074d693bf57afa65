#!/usr/bin/env bash
# Installs what `make check`, `make test` and `make dev` need on Debian 12/13 (as root or with sudo):
# the distro's Python, PostgreSQL and Redis, then uv (in .tools/) and the project's virtualenv (.venv/).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Behind a TLS-inspecting proxy the system bundle holds its CA; pip and uv should trust it as apt does.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export SSL_CERT_FILE="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" PIP_CERT="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
fi
export UV_NATIVE_TLS=1

missing=()
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v runuser >/dev/null || missing+=(util-linux)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

UV_VERSION=0.13.9
if [ ! -x .tools/bin/uv ] || ! .tools/bin/uv --version | grep -q "$UV_VERSION"; then
  python3 -m venv .tools
  .tools/bin/pip install -q "uv==$UV_VERSION"
fi

[ -x .venv/bin/python ] || .tools/bin/uv venv -q --python python3 .venv
.tools/bin/uv pip install -q --python .venv/bin/python -r requirements.lock \
  $(for service in services/*/pyproject.toml; do printf -- "-e %s " "$(dirname "$service")"; done)
