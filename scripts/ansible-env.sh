#!/usr/bin/env bash
# Creates or updates the Ansible tool venv .tools/ansible from requirements-ansible.txt.
# Idempotent and fast when up to date: the installed set is keyed on a hash of the requirements file.
# Usage: scripts/ansible-env.sh   (then use .tools/ansible/bin/{ansible-playbook,ansible-lint,molecule,yamllint})
set -euo pipefail
cd "$(dirname "$0")/.."

# Behind a TLS-inspecting proxy the system bundle holds its CA; pip should trust it as apt does.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export SSL_CERT_FILE="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" PIP_CERT="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
fi

venv=.tools/ansible
stamp="$venv/.requirements.sha256"
wanted=$(sha256sum requirements-ansible.txt | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  python3 -c 'import ensurepip, venv' 2>/dev/null || {
    echo "ansible-env: python3-venv is missing (apt-get install python3-venv)" >&2
    exit 1
  }
  python3 -m venv "$venv"
fi
echo "ansible-env: installing requirements-ansible.txt into $venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r requirements-ansible.txt
echo "$wanted" >"$stamp"
