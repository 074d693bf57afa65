# Sourced by the scripts that run Node.js on this machine (the storefront's checks and builds, Molecule's builds on
# the controller, the storefront benchmark): installs the distro's nodejs and npm when missing, and when the
# distro's Node.js is older than Next.js 16 needs (Debian 12's 18.20), the same official Node.js build the
# storefront role installs on such hosts (version and sha512 from roles/storefront/defaults/main.yml), unpacked
# into .tools/node/<version>/ and put first on PATH. The distro's npm drives it.
# shellcheck shell=bash
aarya_node_env() {
  local root defaults version arch sha want dir tarball
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
  defaults="$root/roles/storefront/defaults/main.yml"
  want=$(sed -n 's/^storefront_node_min_version: "\(.*\)"/\1/p' "$defaults")
  if node -e 'const h = process.versions.node.split(".").map(Number), w = process.argv[1].split(".").map(Number);
      process.exit(h[0] > w[0] || (h[0] === w[0] && h[1] >= w[1]) ? 0 : 1)' "$want"; then
    return 0
  fi
  version=$(sed -n 's/^storefront_node_version: "\(.*\)"/\1/p' "$defaults")
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "node-env: no Node.js build for $(uname -m)" >&2; return 1 ;; esac
  sha=$(sed -n "s/^  $arch: \([0-9a-f]\{128\}\)$/\1/p" "$defaults")
  dir="$root/.tools/node/$version"
  if [ ! -x "$dir/bin/node" ]; then
    echo "node-env: Node.js $(node --version) is older than $want; installing the official Node.js $version into .tools/node" >&2
    mkdir -p "$dir"
    tarball=$(mktemp)
    curl -fsSL --retry 3 -o "$tarball" "https://registry.npmjs.org/node-linux-$arch/-/node-linux-$arch-$version.tgz"
    if ! echo "$sha  $tarball" | sha512sum -c --quiet -; then
      rm -f "$tarball"; echo "node-env: the Node.js $version download does not match its pinned sha512" >&2; return 1
    fi
    tar -xzf "$tarball" -C "$dir" --strip-components=1 package/bin/node package/LICENSE
    rm -f "$tarball"
  fi
  export PATH="$dir/bin:$PATH"
}
aarya_node_env
