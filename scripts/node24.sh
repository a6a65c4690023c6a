# Source this file: `. scripts/node24.sh`
# Node 24 for development, the tests and n8n 2.x: n8n-workflow 2.x pulls in isolated-vm, a native
# module that builds only on Node >= 24. See scripts/node.sh.
. "$(dirname "${BASH_SOURCE[0]:-$0}")/node.sh" 24
