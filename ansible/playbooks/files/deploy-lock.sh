#!/bin/sh
# The deploy lock of a host (lock.yml and unlock.yml run it as root on every host of a run):
#   deploy-lock.sh take|check|release
# with AARYA_LOCK_RUN (this run's id), AARYA_LOCK_BY (user@controller), AARYA_LOCK_TIMEOUT (seconds after which a
# lock is stale and taken over; 0 takes over any lock), AARYA_LOCK_BREAK=true (take over whoever holds it).
# The lock file holds run=, by=, since= and epoch= lines: who deploys, since when. A run that fails leaves it, so
# nobody deploys over a half-done release unknowingly; `check` (dry runs) only reports it.
set -eu
lock=${AARYA_LOCK_FILE:-/var/lib/aarya/deploy.lock}
now=$(date -u +%s)
field() { sed -n "s/^$1=//p" "$lock" 2>/dev/null | head -n 1; }
holder() { echo "$(field by) since $(field since) (run $(field run))"; }
write() {
  mkdir -p "$(dirname "$lock")"
  printf 'run=%s\nby=%s\nsince=%s\nepoch=%s\n' "$AARYA_LOCK_RUN" "$AARYA_LOCK_BY" \
    "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)" "$now" >"$1"
}

case ${1:-} in
take)
  mkdir -p "$(dirname "$lock")"
  part=$(mktemp "$lock.XXXXXX")
  write "$part"
  # link(2) fails if the lock exists: only one run can create it
  if ln "$part" "$lock" 2>/dev/null; then rm -f "$part"; echo taken; exit 0; fi
  if [ "$(field run)" = "$AARYA_LOCK_RUN" ]; then rm -f "$part"; echo held; exit 0; fi
  since=$(field epoch)
  age=$((now - ${since:-0}))
  if [ "${AARYA_LOCK_BREAK:-false}" = true ] || [ "$age" -ge "${AARYA_LOCK_TIMEOUT:-3600}" ]; then
    echo "took over the lock of $(holder), ${age}s old"
    mv -f "$part" "$lock"
    exit 0
  fi
  rm -f "$part"
  echo "$(hostname) is being deployed by $(holder), ${age}s ago. If that run is over (it failed or was killed), break" \
    "the lock: add -e aarya_deploy_lock_break=true, or remove $lock on the host." >&2
  exit 3
  ;;
check)
  if [ -f "$lock" ] && [ "$(field run)" != "$AARYA_LOCK_RUN" ]; then echo "locked by $(holder)"; else echo free; fi
  ;;
release)
  if [ -f "$lock" ] && [ "$(field run)" = "$AARYA_LOCK_RUN" ]; then rm -f "$lock"; echo released; else echo "not ours"; fi
  ;;
*)
  echo "usage: deploy-lock.sh take|check|release" >&2
  exit 2
  ;;
esac
