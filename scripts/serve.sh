#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on http://127.0.0.1:8080/
# (rebuilding on every change). `--release` serves the optimised build instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
echo "Recovery Run will be at http://127.0.0.1:8080/ once built (Ctrl-C stops it)."
exec trunk serve "$@"
