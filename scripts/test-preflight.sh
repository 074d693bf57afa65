#!/usr/bin/env bash
# The production preflight (ansible/playbooks/preflight.yml) against this machine, connection local, under --check:
#   - the demo inventories (inventory/local, what `make deploy` uses, and inventory/vagrant's settings) pass;
#   - a complete production inventory (Stripe keys, a relay that answers, a domain, the firewall) passes;
#   - each unsafe production (offline provider, a missing Stripe key or a live/test mixed pair, the mail catcher, no relay host, a relay that
#     does not answer, no domain, the firewall off, no operator SSH key, no off-host backup target or age recipient)
#     fails with the message that names its variable;
#   - a host whose distribution is not a supported one (the list narrowed to one this machine is not) is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ansible-env.sh
export PATH="$PWD/.tools/ansible/bin:$PATH" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0

work=$(mktemp -d)
relay_pid=""
cleanup() {
  [ -z "$relay_pid" ] || kill "$relay_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A stand-in SMTP relay: a port that accepts connections, and one that is closed
relay_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $relay_port)); s.listen(16); time.sleep(600)" &
relay_pid=$!

# A production inventory on this machine: the shared stack, the modes and secrets a real shop has
mkdir -p "$work/production/group_vars/all"
ln -s "$PWD/ansible/group_vars/stack.yml" "$work/production/group_vars/all/00-stack.yml"
cat >"$work/production/hosts.yml" <<'EOF'
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: /usr/bin/python3
  children:
    web: {hosts: {localhost: {}}}
    app: {hosts: {localhost: {}}}
    db: {hosts: {localhost: {}}}
    cache: {hosts: {localhost: {}}}
EOF
cat >"$work/production/group_vars/all/production.yml" <<EOF
aarya_environment: production
aarya_payment_provider: stripe
aarya_email_backend: smtp
aarya_shop_demo_mode: false
aarya_secret_stripe_secret_key: sk_live_preflight
aarya_secret_stripe_webhook_secret: whsec_preflight
aarya_stripe_publishable_key: pk_live_preflight
aarya_smtp_host: 127.0.0.1
aarya_smtp_port: $relay_port
nginx_domain: shop.example.com
nginx_acme_email: ops@example.com
security_firewall_enabled: true
aarya_preflight_smtp_timeout: 2
aarya_deploy_authorized_keys:
  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPreflightTestKeyOnly000000000000000000000 ops@laptop
backup_offsite_target: backup@backup.example.com:/srv/backups/aarya/
backup_age_recipients: [age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p]
EOF

failed=0
preflight() {
  ansible-playbook --check -i "$1" ansible/playbooks/preflight.yml "${@:2}" >"$work/out" 2>&1
}
expect_pass() {
  local name=$1
  shift
  if preflight "$@"; then
    echo "preflight: $name: passes (ok)"
  else
    echo "preflight: $name: FAILED, it should pass:" >&2
    tail -n 20 "$work/out" >&2
    failed=1
  fi
}
expect_refusal() {
  local name=$1 message=$2
  shift 2
  if preflight "$@"; then
    echo "preflight: $name: FAILED, it passed but must be refused" >&2
    failed=1
  elif grep -qF -- "$message" "$work/out"; then
    echo "preflight: $name: refused, naming $message (ok)"
  else
    echo "preflight: $name: FAILED, refused without naming '$message':" >&2
    tail -n 20 "$work/out" >&2
    failed=1
  fi
}

production="$work/production"
expect_pass "the demo shop of make deploy (inventory/local)" inventory/local
expect_pass "the developer VM's demo shop (inventory/vagrant's settings)" "$production" \
  -e @inventory/vagrant/group_vars/all/vagrant.yml
expect_pass "a complete production" "$production"
expect_pass "the offline provider in a declared demo shop" "$production" \
  -e aarya_payment_provider=offline -e aarya_email_backend=catcher -e '{"aarya_shop_demo_mode": true}'
expect_refusal "the offline provider in production" "aarya_payment_provider is 'offline' in production" \
  "$production" -e aarya_payment_provider=offline
expect_refusal "an unknown provider" "aarya_payment_provider must be 'stripe' or 'offline'" \
  "$production" -e aarya_payment_provider=auto
expect_refusal "no Stripe secret key" "aarya_secret_stripe_secret_key is empty" \
  "$production" -e aarya_secret_stripe_secret_key=
expect_refusal "no Stripe webhook secret" "aarya_secret_stripe_webhook_secret is empty" \
  "$production" -e aarya_secret_stripe_webhook_secret=
expect_refusal "no Stripe publishable key" "aarya_stripe_publishable_key is empty" \
  "$production" -e aarya_stripe_publishable_key=
expect_pass "a Stripe test-mode pair with a restricted key" "$production" \
  -e aarya_stripe_publishable_key=pk_test_preflight -e aarya_secret_stripe_secret_key=rk_test_preflight
expect_refusal "a live publishable key with a test secret key" "pk_live_ goes with sk_live_ or rk_live_" \
  "$production" -e aarya_secret_stripe_secret_key=sk_test_preflight
expect_refusal "a test publishable key with a live secret key" "(pk_test_…) and" \
  "$production" -e aarya_stripe_publishable_key=pk_test_preflight
expect_refusal "the secret key where the publishable key goes" "are not one pair" \
  "$production" -e aarya_stripe_publishable_key=sk_live_preflight
expect_refusal "the mail catcher in production" "aarya_email_backend is 'catcher'" \
  "$production" -e aarya_email_backend=catcher
expect_refusal "the removed console mailer" "aarya_email_backend must be 'smtp' or 'catcher'" \
  "$production" -e aarya_email_backend=console
expect_refusal "no relay host" "aarya_smtp_host is ''" "$production" -e aarya_smtp_host=
expect_refusal "a relay that does not answer" "The SMTP relay aarya_smtp_host:aarya_smtp_port (127.0.0.1:$closed_port)" \
  "$production" -e aarya_smtp_port="$closed_port"
expect_refusal "no domain" "nginx_domain ('') and nginx_acme_email" "$production" -e nginx_domain=
expect_refusal "no operator SSH key" "aarya_deploy_authorized_keys holds no SSH public key in production" \
  "$production" -e '{"aarya_deploy_authorized_keys": []}'
expect_refusal "only a comment for an SSH key" "aarya_deploy_authorized_keys holds no SSH public key in production" \
  "$production" -e '{"aarya_deploy_authorized_keys": ["# Ansible managed", "~/.ssh/id_ed25519.pub"]}'
expect_refusal "an unsupported distribution" "the playbooks support Debian 11 only" \
  "$production" -e '{"aarya_supported_distributions": ["Debian 11"]}'
expect_refusal "the firewall off" "security_firewall_enabled is false in production" \
  "$production" -e '{"security_firewall_enabled": false}'
expect_refusal "no off-host backup target" "backup_offsite_target ('') and backup_age_recipients" \
  "$production" -e backup_offsite_target=
expect_refusal "no age recipient for the backups' secrets" "backup_age_recipients (0 given) must both be set" \
  "$production" -e '{"backup_age_recipients": []}'
expect_pass "a demo shop without off-host backups" "$production" -e backup_offsite_target= \
  -e aarya_payment_provider=offline -e aarya_email_backend=catcher -e '{"aarya_shop_demo_mode": true}'

if [ "$failed" -ne 0 ]; then
  echo "preflight: FAILED" >&2
  exit 1
fi
echo "preflight: ok"
