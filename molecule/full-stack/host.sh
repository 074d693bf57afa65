#!/usr/bin/env bash
# The controller's side of the full-stack test host: PostgreSQL's data (/var/lib/postgresql) lives on a filesystem
# of its own, a 2 GiB ext4 file mounted through a loop device here and bind-mounted into the container
# (molecule.yml), so the disk-fill fault in verify.yml fills a real disk that node_exporter reports without
# touching this machine's. scripts/molecule.sh calls it:
#   molecule/full-stack/host.sh up     create and mount it (kept when already mounted)
#   molecule/full-stack/host.sh down   unmount it and remove the file (after the container is gone)
set -euo pipefail

dir=${MOLECULE_HOST_DIR:-/var/tmp/aarya-molecule}/full-stack
image=$dir/postgresql.ext4
mountpoint=$dir/postgresql
size=${FULL_STACK_PG_DISK:-2G}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

case "${1:-}" in
  up)
    if mountpoint -q "$mountpoint"; then exit 0; fi
    as_root mkdir -p "$mountpoint"
    as_root rm -f "$image"
    as_root truncate -s "$size" "$image"
    # -m 0: no blocks reserved for root, so "95 % full" means the same to df, node_exporter and PostgreSQL
    as_root mkfs.ext4 -q -m 0 -L aarya-pgdata "$image"
    as_root mount -o loop "$image" "$mountpoint"
    echo "full-stack host: $(findmnt -no SOURCE,FSTYPE,SIZE "$mountpoint") on $mountpoint"
    ;;
  down)
    # A container left by an interrupted run still holds the disk: remove it first (Molecule would, on destroy)
    containers=$(docker ps -aq --filter "volume=/var/lib/postgresql" 2>/dev/null || true)
    for container in $containers; do
      if docker inspect -f '{{range .Mounts}}{{.Source}} {{end}}' "$container" | grep -qw "$mountpoint"; then
        docker rm -f "$container" >/dev/null
      fi
    done
    if mountpoint -q "$mountpoint"; then as_root umount "$mountpoint"; fi
    as_root rm -f "$image"
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
