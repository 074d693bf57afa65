#!/usr/bin/env bash
# Scans a TLS endpoint with sslyze against Mozilla's "intermediate" configuration (tests/security/tls_check.py).
# Usage: tests/security/tls.sh HOST:PORT [--self-signed] [--json-out FILE]
# sslyze runs from its own venv, .tools/sslyze (requirements-sslyze.txt; made on first use, kept while the
# requirements file is unchanged), because its cryptography pin conflicts with the services' lock.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Behind a TLS-inspecting proxy the system bundle holds its CA; pip should trust it as apt does.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export PIP_CERT="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
fi

venv=.tools/sslyze
requirements=tests/security/requirements-sslyze.txt
stamp="$venv/.requirements.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "tls: installing $requirements into $venv" >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
  echo "$wanted" >"$stamp"
fi
# sslyze's bundled trust store holds a root with a negative serial number, which cryptography warns about.
exec "$venv/bin/python" -W "ignore:Parsed a serial number" tests/security/tls_check.py "$@"
