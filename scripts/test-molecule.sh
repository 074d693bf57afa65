#!/usr/bin/env bash
# Every Molecule scenario (each role's, the full stack, the hosts without systemd), MOLECULE_JOBS at a time
# (default 4: the scenarios mostly wait on apt, pip and npm, so they overlap well even on 2 cores).
# Each scenario's output goes to tests/artifacts/molecule/<name>.log; a summary with times ends the run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ansible-env.sh
scripts/test-hosts.sh
mkdir -p tests/artifacts/molecule

# Longest first, so the last to start are short: the whole shop on one host and on four, the roles that build
# releases, the hosts reached over SSH, the off-host backups, then the rest in name order.
first=(full-stack scale-out python_service storefront ssh backup without-systemd)
scenarios=("${first[@]}")
for scenario in molecule/*/molecule.yml roles/*/molecule/default/molecule.yml; do
  case "$scenario" in
    roles/*) name=${scenario#roles/}; name=${name%%/*} ;;
    *) name=${scenario#molecule/}; name=${name%%/*} ;;
  esac
  [[ " ${first[*]} " == *" $name "* ]] || scenarios+=("$name")
done

run() {
  local name=$1 start=$SECONDS result=ok
  scripts/molecule.sh "$name" >"tests/artifacts/molecule/$name.log" 2>&1 || result=FAILED
  printf '%-18s %-7s %5ss\n' "$name" "$result" "$((SECONDS - start))"
}
export -f run

# The whole shop on one host (converge, idempotence, then 15 minutes of browser, load, fault and fuzz checks) is
# the longest path of the run: the other scenarios' containers get a smaller CPU share, so they take what
# full-stack leaves rather than slow it down (they finish well before it either way).
priority=full-stack
deprioritize() {
  local seen=" " name
  while sleep 10; do
    for name in $(docker ps --format '{{.Names}}' 2>/dev/null); do
      [[ $name == *-"$priority" || $seen == *" $name "* ]] && continue
      docker update --cpu-shares 128 "$name" >/dev/null 2>&1 && seen+="$name "
    done
  done
}
deprioritize &
watcher=$!
trap 'kill "$watcher" 2>/dev/null || true' EXIT

started=$SECONDS
summary=$(printf '%s\n' "${scenarios[@]}" | xargs -P "${MOLECULE_JOBS:-4}" -I{} bash -c 'run {}')
echo "=== molecule: ${#scenarios[@]} scenarios in $((SECONDS - started))s"
echo "$summary"
if grep -q FAILED <<<"$summary"; then
  for name in $(awk '$2 == "FAILED" {print $1}' <<<"$summary"); do
    echo "--- tail of tests/artifacts/molecule/$name.log"
    tail -n 60 "tests/artifacts/molecule/$name.log"
  done
  exit 1
fi
