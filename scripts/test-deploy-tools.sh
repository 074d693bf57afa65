#!/usr/bin/env bash
# The controller's release tools and the hosts' deploy lock, on their own (no hosts, a few seconds; in make check):
#   roles/release/files/release-source.sh  release ids from git (dirty trees refused or marked), the private,
#                                          checksummed archive cache
#   ansible/playbooks/files/deploy-lock.sh  one run at a time per host: take, re-take, refuse, stale, break, release
#   tests/deploy/limit.yml                  what a host computes from other hosts ignores --limit
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
release=$root/roles/release/files/release-source.sh
lock=$root/ansible/playbooks/files/deploy-lock.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

check() {  # check <description> <expected> <actual>
  if [ "$2" == "$3" ]; then
    echo "ok    $1"
  else
    echo "FAIL  $1: expected [$2], got [$3]"
    failures=$((failures + 1))
  fi
}
status() { "$@" >/dev/null 2>&1 && echo 0 || echo $?; }

# --- release ids -------------------------------------------------------------------------------------------------
repo=$work/repo
mkdir -p "$repo/svc" "$repo/other"
git -C "$repo" init -q
echo one >"$repo/svc/a.py"
echo one >"$repo/other/b.py"
git -C "$repo" add -A
git -C "$repo" -c user.email=t@example.com -c user.name=t commit -qm one
first=$(git -C "$repo" rev-parse HEAD | cut -c1-12)
echo two >"$repo/other/b.py"
git -C "$repo" -c user.email=t@example.com -c user.name=t commit -qam two

check "a clean component's id is the last commit that touched it" "$first" "$("$release" id "$repo" false svc)"
check "a commit elsewhere leaves the component's id alone" "$first" "$("$release" id "$repo" true svc)"
echo three >"$repo/svc/a.py"
check "a dirty component is refused" 2 "$(status "$release" id "$repo" false svc)"
message=$("$release" id "$repo" false svc 2>&1 || true)
check "the refusal names the way out" 1 "$(grep -c aarya_allow_dirty_release <<<"$message")"
dirty=$("$release" id "$repo" true svc)
check "an allowed dirty id is marked" 1 "$(grep -Ec "^$first-dirty-[0-9a-f]{8}$" <<<"$dirty")"
echo four >"$repo/svc/a.py"
check "another edit is another dirty release" 1 "$([ "$("$release" id "$repo" true svc)" != "$dirty" ] && echo 1 || echo 0)"
echo new >"$repo/svc/new.py"
check "an untracked file makes the tree dirty" 2 "$(status "$release" id "$repo" false svc)"
git -C "$repo" checkout -q -- svc && rm "$repo/svc/new.py"
mkdir -p "$work/plain/svc" && echo x >"$work/plain/svc/a.py"
check "a source outside git is refused" 2 "$(status "$release" id "$work/plain" false svc)"
check "and marked when allowed" 1 "$(grep -Ec '^nogit-dirty-[0-9a-f]{8}$' <<<"$("$release" id "$work/plain" true svc)")"

# --- archives ----------------------------------------------------------------------------------------------------
cache=$work/cache/aarya/releases
archive=$cache/svc-$first.tar.gz
check "the first pack packs" packed "$("$release" pack "$archive" "$repo" svc)"
check "the cache is private" 700 "$(stat -c %a "$cache")"
check "the second pack reuses the verified archive" verified "$("$release" pack "$archive" "$repo" svc)"
check "verify accepts it" 0 "$(status "$release" verify "$archive")"
echo planted >>"$archive"
check "verify refuses a changed archive" 2 "$(status "$release" verify "$archive")"
check "pack replaces a changed archive" packed "$("$release" pack "$archive" "$repo" svc)"
check "and the new one verifies" 0 "$(status "$release" verify "$archive")"
check "the archive holds the component" svc/a.py "$(tar -tzf "$archive" | grep -x svc/a.py)"

# --- the deploy lock ---------------------------------------------------------------------------------------------
export AARYA_LOCK_FILE=$work/lock/deploy.lock
take() { AARYA_LOCK_RUN=$1 AARYA_LOCK_BY=$2 AARYA_LOCK_TIMEOUT=${3:-3600} AARYA_LOCK_BREAK=${4:-false} "$lock" take; }
check "a free host is locked" taken "$(take run1 alice@laptop)"
check "the lock says who and since when" 2 "$(grep -Ec '^(by=alice@laptop|since=[0-9T:-]+Z)$' "$AARYA_LOCK_FILE")"
check "the same run takes it again" held "$(take run1 alice@laptop)"
check "another run is refused" 3 "$(status take run2 bob@desk)"
message=$(take run2 bob@desk 2>&1 || true)
check "the refusal names the holder and the way out" 1 "$(grep -c 'alice@laptop.*aarya_deploy_lock_break=true' <<<"$message")"
check "a dry run only reads it" "locked by alice@laptop" \
  "$(AARYA_LOCK_RUN=run2 "$lock" check | cut -d' ' -f1-3)"
check "another run cannot release it" "not ours" "$(AARYA_LOCK_RUN=run2 "$lock" release)"
check "breaking it takes it over" 1 "$(take run2 bob@desk 3600 true | grep -c 'took over the lock of alice@laptop')"
check "the old run can no longer release it" "not ours" "$(AARYA_LOCK_RUN=run1 "$lock" release)"
sed -i 's/^epoch=.*/epoch=1/' "$AARYA_LOCK_FILE"
check "a stale lock is taken over" 1 "$(take run3 carol@ci | grep -c 'took over the lock of bob@desk')"
check "its run releases it" released "$(AARYA_LOCK_RUN=run3 "$lock" release)"
check "then the host is free" free "$(AARYA_LOCK_RUN=run4 "$lock" check)"
check "a timeout of 0 takes over any lock" 1 "$(take run5 a@b >/dev/null; take run6 c@d 0 | grep -c 'took over')"

# --- --limit ------------------------------------------------------------------------------------------------------
scripts/ansible-env.sh >/dev/null
limited=$(ANSIBLE_CONFIG=$root/ansible.cfg .tools/ansible/bin/ansible-playbook -i inventory/production.example \
  --limit web1 tests/deploy/limit.yml 2>&1) && result=0 || result=$?
check "settings computed from other hosts ignore --limit" 0 "$result"
[ "$result" -eq 0 ] || tail -n 20 <<<"$limited"

if [ "$failures" -gt 0 ]; then
  echo "deploy tools: $failures failed"
  exit 1
fi
echo "deploy tools: all passed"
