#!/usr/bin/env bash
# Build the whole bilingual site into site/ (French at the root, English in
# site/en/), after checking all the content. Sets itself up on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
exec .venv/bin/python -m macros.build "$@"
