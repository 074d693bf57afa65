#!/usr/bin/env bash
# `make deploy`: provision this machine (inventory/local) into the running shop, or another inventory:
#   INVENTORY=production scripts/deploy.sh --ask-vault-pass
# Installs what it needs itself: python3-venv and openssl from the distro, Ansible into .tools/ansible.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v openssl >/dev/null || missing+=(openssl)
command -v tar >/dev/null || missing+=(tar)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
scripts/ansible-env.sh

inventory="inventory/${INVENTORY:-local}"
become=()
[ "$(id -u)" -eq 0 ] || become=(--ask-become-pass)
exec .tools/ansible/bin/ansible-playbook -i "$inventory" ansible/site.yml "${become[@]}" "$@"
