#!/usr/bin/env bash
# Checks the developer VM's definition without booting it (CI has no hypervisor):
#   - `vagrant validate` on the Vagrantfile (Debian's vagrant + vagrant-libvirt, so both providers' blocks load);
#   - the playbook the VM is provisioned with parses against inventory/vagrant, and that inventory puts the VM in
#     every group site.yml plays on.
# Installs vagrant from Debian when it is missing (root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v vagrant >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "test-vagrant: installing vagrant and vagrant-libvirt from Debian"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends vagrant vagrant-libvirt >/dev/null
fi

echo "test-vagrant: vagrant validate"
VAGRANT_CHECKPOINT_DISABLE=1 vagrant validate

scripts/ansible-env.sh
export PATH="$PWD/.tools/ansible/bin:$PATH"
echo "test-vagrant: site.yml against inventory/vagrant"
ansible-playbook --syntax-check -i inventory/vagrant ansible/site.yml >/dev/null
for group in web app db cache; do
  hosts=$(ansible -i inventory/vagrant "$group" --list-hosts 2>/dev/null | tail -n +2 | tr -d ' ')
  if [ "$hosts" != "aarya-vm" ]; then
    echo "test-vagrant: group $group of inventory/vagrant holds '$hosts', not the VM aarya-vm" >&2
    exit 1
  fi
done
echo "test-vagrant: ok"
