#!/usr/bin/env bash
# Runs `molecule test` on the Debian 12 and Debian 13 test hosts, for
#   scripts/molecule.sh               every role under roles/ that has molecule/default
#   scripts/molecule.sh nginx redis   these roles (roles/<name>/molecule/default)
#   scripts/molecule.sh full-stack    a shared scenario (molecule/<name>/molecule.yml)
# Prepares the tool venv (scripts/ansible-env.sh) and the test images (scripts/test-hosts.sh) first; prints the
# time each scenario took and exits non-zero when any failed. MOLECULE_COMMAND=converge (verify, destroy, ...)
# runs another Molecule command, for working on a role.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/ansible-env.sh
scripts/test-hosts.sh
export PATH="$root/.tools/ansible/bin:$PATH"
# The full-stack and scale-out scenarios build the storefront on the controller and run its browser tests from
# here: Node.js >= 20.9 with npm
. scripts/node-env.sh
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export SSL_CERT_FILE="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
fi

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for scenario in roles/*/molecule/default/molecule.yml; do
    role=${scenario#roles/}
    names+=("${role%%/*}")
  done
fi

run_scenario() {
  local name=$1 command=${MOLECULE_COMMAND:-test}
  # Container names are global to dockerd: one suffix per scenario keeps concurrent runs apart.
  export MOLECULE_INSTANCE_SUFFIX="$name"
  if [ -f "roles/$name/molecule/default/molecule.yml" ]; then
    (cd "roles/$name" && molecule --base-config "$root/molecule/base.yml" "$command")
  elif [ -f "molecule/$name/molecule.yml" ]; then
    molecule --base-config "$root/molecule/base.yml" "$command" --scenario-name "$name"
  else
    echo "molecule: no scenario roles/$name/molecule/default nor molecule/$name" >&2
    return 2
  fi
}

# A shared scenario may need something on the controller around its hosts' life (molecule/<name>/host.sh up|down,
# for instance full-stack's loop-mounted PostgreSQL disk): fresh for `test`, kept for a converge or verify.
host_side() {
  local name=$1 when=$2 script="molecule/$1/host.sh"
  [ -x "$script" ] || return 0
  case "$when:${MOLECULE_COMMAND:-test}" in
    before:test) "$script" down && "$script" up ;;
    before:create | before:converge) "$script" up ;;
    after:test | after:destroy) "$script" down ;;
  esac
}

failed=()
summary=()
for name in "${names[@]}"; do
  echo "=== molecule ${MOLECULE_COMMAND:-test}: $name (debian12, debian13)"
  start=$SECONDS
  host_side "$name" before
  if run_scenario "$name"; then result=ok; else result=FAILED; failed+=("$name"); fi
  if ! host_side "$name" after && [ "$result" = ok ]; then result=FAILED; failed+=("$name"); fi
  summary+=("$(printf '%-16s %-7s %4ss' "$name" "$result" "$((SECONDS - start))")")
done

echo "=== molecule summary"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "molecule: failed: ${failed[*]}" >&2
  exit 1
fi
