#!/usr/bin/env bash
# `make deploy`: provision this machine (inventory/local) into the running shop, or another inventory:
#   INVENTORY=production scripts/deploy.sh --ask-vault-pass
# Installs what it needs itself: python3-venv and openssl from the distro, Ansible into .tools/ansible.
# A demo shop (the mail catcher) ends by saying where its mail is caught and how to read it.
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
.tools/ansible/bin/ansible-playbook -i "$inventory" ansible/site.yml "${become[@]}" "$@"

# The inventory's mail settings, as the first app host has them (evaluated on the controller, nothing connects)
mail=$(ANSIBLE_DEPRECATION_WARNINGS=0 .tools/ansible/bin/ansible -i "$inventory" 'app[0]' -o -m ansible.builtin.debug \
  -a '{"msg": "{{ aarya_email_backend }} {{ aarya_mail_catcher_dir }} {{ aarya_ops_group }} {{ inventory_hostname }}"}' \
  2>/dev/null | sed -n 's/.*"msg": "\([^"]*\)".*/\1/p' || true)
read -r backend directory group host <<<"$mail" || true
if [ "${backend:-}" = catcher ]; then
  cat <<EOF

Demo shop: no mail leaves ${host}. Each message is a file in
  ${directory}/core/       (sign-up and reset codes)
  ${directory}/commerce/   (order e-mails)
readable by root and the members of ${group} only. Read the newest:
  sudo sh -c 'ls -t ${directory}/*/*.eml | head -n 1 | xargs cat'
or join the group once (then log in again):  sudo usermod -aG ${group} "\$USER"
EOF
fi
