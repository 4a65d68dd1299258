#!/usr/bin/env bash
# Run every test: the model, the rendering, full builds of both languages and
# the browser tests in Debian's Chromium. Sets itself up on a fresh clone
# (Python packages; Chromium through apt when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installation de Chromium (paquet Debian)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium est absent : les tests dans le navigateur échoueront."
    echo "Installez-le : sudo apt-get install chromium"
  fi
fi
exec .venv/bin/python -m pytest "$@"
