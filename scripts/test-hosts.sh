#!/usr/bin/env bash
# Test hosts for the Molecule scenarios on a machine without systemd as PID 1 (see docs/testing-roles.md):
#   scripts/test-hosts.sh        start dockerd if needed, build local/debian:{12,13} and local/debian{12,13}-systemd
#   scripts/test-hosts.sh stop   stop the dockerd this script started (by its recorded pid)
# Images that already exist are not rebuilt unless molecule/images/ changed; REBUILD=1 forces the systemd images.
set -euo pipefail
cd "$(dirname "$0")/.."

state=.molecule
pidfile=$state/dockerd.pid
mkdir -p "$state"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

stop_dockerd() {
  [ -f "$pidfile" ] || { echo "test-hosts: no dockerd started by this script"; return 0; }
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    echo "test-hosts: stopping dockerd (pid $pid)"
    as_root kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$pidfile"
}

start_dockerd() {
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
    echo "test-hosts: installing docker.io and debootstrap"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
  fi
  docker info >/dev/null 2>&1 && return 0
  echo "test-hosts: starting dockerd (log in $state/dockerd.log)"
  as_root setsid dockerd >"$state/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      # dockerd's own pid file, not $! (a subshell or sudo): this is the process `stop` must end
      cp /var/run/docker.pid "$pidfile"
      return 0
    fi
    sleep 1
  done
  echo "test-hosts: dockerd did not come up; see $state/dockerd.log" >&2
  exit 1
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The host's own mirrors, so the images use what apt on this machine can reach.
host_mirror() {
  local pattern=$1 default=$2 uri
  uri=$(grep -hoE "^(URIs:|deb) +[^ ]+" /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | awk '{print $2}' | grep -E "$pattern" | head -1 || true)
  echo "${uri:-$default}"
}

build_images() {
  local mirror security version suite context recipe
  # The images are rebuilt when their recipe changes (the Dockerfile or the packages it pre-downloads)
  recipe=$(cat molecule/images/Dockerfile molecule/images/role-packages.txt | sha256sum | cut -c1-16)
  mirror=$(host_mirror '/debian/?$' http://deb.debian.org/debian)
  security=$(host_mirror '/debian-security/?$' http://deb.debian.org/debian-security)
  for version in 12 13; do
    case $version in 12) suite=bookworm ;; 13) suite=trixie ;; esac
    if ! image_exists "local/debian:$version"; then
      echo "test-hosts: debootstrap $suite from $mirror"
      rootfs=$(mktemp -d /tmp/rootfs-$version.XXXX)
      as_root debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$state/debootstrap-$version.log" 2>&1
      as_root tar -C "$rootfs" -c . | docker import - "local/debian:$version" >/dev/null
      as_root rm -rf "$rootfs"
    fi
    if [ "${REBUILD:-0}" = 1 ] || ! image_exists "local/debian$version-systemd" \
       || [ "$(docker image inspect -f '{{ index .Config.Labels "aarya.recipe" }}' "local/debian$version-systemd")" != "$recipe" ]; then
      echo "test-hosts: building local/debian$version-systemd"
      context=$(mktemp -d)
      cp molecule/images/Dockerfile molecule/images/role-packages.txt "$context/"
      mkdir "$context/ca-certificates"
      cp /usr/local/share/ca-certificates/*.crt "$context/ca-certificates/" 2>/dev/null || true
      docker build -q -t "local/debian$version-systemd" --build-arg "DEBIAN_VERSION=$version" \
        --build-arg "SUITE=$suite" --build-arg "MIRROR=$mirror" --build-arg "SECURITY_MIRROR=$security" \
        --label "aarya.recipe=$recipe" "$context" >/dev/null
      rm -rf "$context"
    fi
  done
}

case "${1:-start}" in
  start) start_dockerd; build_images; echo "test-hosts: ready (local/debian12-systemd, local/debian13-systemd)" ;;
  stop) stop_dockerd ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
