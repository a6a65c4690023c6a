#!/usr/bin/env bash
# Installs one n8n version once into a cache outside the repo and prints its folder on stdout.
# Why this way (measured on these machines): a plain `npm install n8n` fails (an optional Kafka
# dependency downloads binaries), so install with --ignore-scripts and rebuild the one native module
# n8n needs (sqlite3). First run: about 5–6 minutes and 2–3 GB per version; later runs: instant.
#   N8N_VERSION       n8n version (default: the newest tested one, 2.41.1)
#   N8N_GONG_CACHE    cache folder (default: ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-gong)
# Each major runs on the oldest Node it supports, as the package's `engines` claims: n8n 2.x on
# Node 24, n8n 1.x on Node 20. The Node binary used is written to <folder>/.node for the e2e harness.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${N8N_VERSION:-2.41.1}"
cache="${N8N_GONG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gong}"
dir="$cache/n8n-$version"
case "$version" in
	1.*) node_major=20 ;;
	*) node_major=24 ;;
esac
if [ -f "$dir/.installed" ] && [ -x "$dir/node_modules/.bin/n8n" ] && [ -x "$(cat "$dir/.node" 2>/dev/null)" ]; then
	echo "[n8n] n8n $version already installed in $dir" >&2
	echo "$dir"
	exit 0
fi
. "$root/scripts/node.sh" "$node_major"
mkdir -p "$dir"
start=$(date +%s)
echo "[n8n] installing n8n $version (Node $(node -v)) into $dir — first run only, about 5–6 minutes and 2–3 GB" >&2
cd "$dir"
if [ ! -f package.json ]; then
	case "$version" in
		# n8n 1.x pins xlsx to a tarball on cdn.sheetjs.com, which this machine (and many locked-down
		# build hosts) cannot reach; the registry's last xlsx serves the one node that uses it.
		1.*) echo '{ "name": "n8n-host", "private": true, "overrides": { "xlsx": "0.18.5" } }' > package.json ;;
		*) echo '{ "name": "n8n-host", "private": true }' > package.json ;;
	esac
fi
# Progress lines so a person sees the long install is alive.
( while sleep 30; do echo "[n8n]   … still installing ($(( $(date +%s) - start )) s, $(du -sh . 2>/dev/null | cut -f1) on disk so far)" >&2; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version" >&2
echo "[n8n] building sqlite3 for node $(node -v)" >&2
npm rebuild sqlite3 --loglevel=error >&2
kill $ticker 2>/dev/null || true
command -v node > .node
touch .installed
echo "[n8n] n8n $version ready in $(( $(date +%s) - start )) s" >&2
echo "$dir"
