#!/usr/bin/env bash
# Weight and Lighthouse scores of one page of each kind (home, a site, calendar,
# resources, approach, history, form, « Ce qui manque »), both languages, served
# compressed on 127.0.0.1 (about a quarter of an hour; --pages to choose some).
# Figures are printed and written to bench/LIGHTHOUSE.md. Needs Node.js (npm) and
# Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
tools=.cache/lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  # 12.2.3: the newest release that runs on Node.js 20
  npm install --prefix "$tools" --save-exact --no-audit --no-fund lighthouse@12.2.3 >/dev/null
fi
[ -f site/index.html ] || .venv/bin/python -m macros.build --quiet
exec .venv/bin/python scripts/lighthouse.py --lighthouse "$tools/node_modules/.bin/lighthouse" "$@"
