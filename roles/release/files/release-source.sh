#!/usr/bin/env bash
# The controller's side of a release, shared by the python_service and storefront roles:
#   release-source.sh id DIR ALLOW_DIRTY PATH...   print the release id of PATH... (relative to DIR, a git checkout):
#                                                   the last commit that touched them (12 hex digits); with
#                                                   uncommitted changes, refused unless ALLOW_DIRTY is true, then
#                                                   <commit>-dirty-<hash of the files' content>
#   release-source.sh pack ARCHIVE DIR TAR-ARG...   pack tar's TAR-ARG... from DIR into ARCHIVE once and record its
#                                                   sha256 beside it; an ARCHIVE already there is used only if its
#                                                   checksum matches (else it is packed again). Prints packed|verified
#   release-source.sh verify ARCHIVE                exit 0 if ARCHIVE matches its recorded sha256
# Archives live in a private directory of the user who deploys (0700, created here): nobody else can plant or
# swap one, and concurrent plays on one controller share them (a lock per archive).
set -euo pipefail

die() { echo "release-source: $*" >&2; exit 2; }

verify() { [ -f "$1" ] && [ -f "$1.sha256" ] && sha256sum --status -c "$1.sha256"; }

case ${1:-} in
id)
  [ $# -ge 4 ] || die "usage: id DIR ALLOW_DIRTY PATH..."
  dir=$2 allow=$3
  shift 3
  cd "$dir"
  git=(git -c safe.directory="$PWD")
  commit=""
  if "${git[@]}" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    commit=$("${git[@]}" log -1 --format=%H -- "$@" | cut -c1-12)
  fi
  if [ -n "$commit" ] && [ -z "$("${git[@]}" status --porcelain --untracked-files=all -- "$@")" ]; then
    echo "$commit"
    exit 0
  fi
  if [ "$allow" != true ] && [ "$allow" != True ]; then
    if [ -z "$commit" ]; then
      die "$PWD is not a git checkout with a commit of $*: deploy from a clone of the repository"
    fi
    die "uncommitted changes in $* under $PWD: commit them (a release is a commit), or set aarya_allow_dirty_release: true to deploy them as <commit>-dirty-<hash> (development and test inventories)"
  fi
  # Tracked and untracked files, less what .gitignore leaves out (node_modules, builds, caches)
  if [ -n "$commit" ]; then
    files() { "${git[@]}" ls-files -z --cached --others --exclude-standard -- "$@"; }
  else
    files() { find "$@" -type f -not -path '*/__pycache__/*' -not -path '*/node_modules/*' -not -path '*/.next/*' -print0; }
  fi
  content=$(files "$@" | while IFS= read -r -d '' file; do [ -f "$file" ] && printf '%s\0' "$file"; done \
    | sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-8)
  echo "${commit:-nogit}-dirty-$content"
  ;;
pack)
  [ $# -ge 4 ] || die "usage: pack ARCHIVE DIR TAR-ARG..."
  archive=$2 dir=$3
  shift 3
  cache=$(dirname "$archive")
  mkdir -p "$cache"
  chmod 0700 "$cache"
  [ "$(stat -c %u "$cache")" = "$(id -u)" ] || die "$cache is not owned by $(id -un): refusing to use it"
  exec 9>"$archive.lock"
  flock 9
  if verify "$archive"; then
    echo verified
    exit 0
  fi
  part=$(mktemp "$archive.XXXXXXXX")
  trap 'rm -f "$part"' EXIT
  (cd "$dir" && tar -czf "$part" "$@")
  mv "$part" "$archive"
  sha256sum "$archive" >"$archive.sha256"
  echo packed
  ;;
verify)
  [ $# -eq 2 ] || die "usage: verify ARCHIVE"
  verify "$2" || die "$2 does not match its recorded checksum ($2.sha256): remove both and deploy again"
  ;;
*)
  die "usage: release-source.sh id|pack|verify ..."
  ;;
esac
