#!/usr/bin/env bash
# Installs the pinned n8n once into a cache outside the repo and prints its folder on stdout.
# Why this way (measured on these machines): a plain `npm install n8n` fails (an optional Kafka
# dependency downloads binaries), so install with --ignore-scripts and rebuild the one native module
# n8n needs (sqlite3). First run: about 5–6 minutes and 2.9 GB; later runs: instant.
#   N8N_VERSION       n8n version (default: the tested one, 2.41.1)
#   N8N_GONG_CACHE    cache folder (default: ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-gong)
set -euo pipefail
. "$(dirname "$0")/node24.sh"
version="${N8N_VERSION:-2.41.1}"
cache="${N8N_GONG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gong}"
dir="$cache/n8n-$version"
if [ -f "$dir/.installed" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
	echo "[n8n] n8n $version already installed in $dir" >&2
	echo "$dir"
	exit 0
fi
mkdir -p "$dir"
start=$(date +%s)
echo "[n8n] installing n8n $version into $dir — first run only, about 5–6 minutes and 2.9 GB" >&2
cd "$dir"
[ -f package.json ] || echo '{ "name": "n8n-host", "private": true }' > package.json
# Progress lines so a person sees the long install is alive.
( while sleep 30; do echo "[n8n]   … still installing ($(( $(date +%s) - start )) s, $(du -sh . 2>/dev/null | cut -f1) on disk so far)" >&2; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version" >&2
echo "[n8n] building sqlite3 for node $(node -v)" >&2
npm rebuild sqlite3 --loglevel=error >&2
kill $ticker 2>/dev/null || true
touch .installed
echo "[n8n] n8n $version ready in $(( $(date +%s) - start )) s" >&2
echo "$dir"
