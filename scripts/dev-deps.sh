# Source this file after scripts/node24.sh: `. scripts/dev-deps.sh <tag>`
# Installs the package's dev dependencies (npm ci, about 35 s) when any tool the scripts run is
# missing, so that `npm test`, `npm run dev`, `npm run test:e2e` and `npm run bench` each work as the
# first command on a fresh clone.
for _gong_tool in tsc vitest tsx; do
	if [ ! -x "node_modules/.bin/$_gong_tool" ]; then
		echo "[${1:-setup}] installing the package's dev dependencies (npm ci, about 35 s)"
		npm ci --no-audit --no-fund --loglevel=error
		break
	fi
done
unset _gong_tool
