#!/usr/bin/env bash
# Run every test: the model, the rendering, full builds of both languages and
# the browser tests in Debian's Chromium. Sets itself up on a fresh clone
# (Python packages; Chromium, Java and npm through apt when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
# Debian packages the tests need, installed when missing (as root) or named:
# Chromium for the browser tests, Java for the Nu HTML Checker, npm for the validators.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installation des paquets Debian manquants : ${missing[*]}…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Paquets absents : ${missing[*]} ; des tests échoueront. Installez-les : sudo apt-get install ${missing[*]}"
  fi
fi
# The validators of tests/test_validators.py, pinned, in a project-local folder
# (git-ignored): the Nu HTML Checker (vnu-jar, run with the machine's Java)
# ical.js, a second iCalendar and vCard parser, and @rowanmanning/feed-parser, a
# second Atom parser (both run with Node.js). Also recheck, a ReDoS analyser
# (tests/test_redos.py), used through its pure JavaScript backend: no native binary, no Java.
# And structured-data-testing-tool, a second JSON-LD reader that checks schema.org
# markup against Google's presets (tests/test_structured_data.py).
VNU_JAR=vnu-jar@26.9.27
ICAL_JS=ical.js@2.2.1
FEED_PARSER=@rowanmanning/feed-parser@2.1.5
RECHECK=recheck@4.5.0
SDTT=structured-data-testing-tool@4.5.0
if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f .tools/node_modules/ical.js/dist/ical.js ] \
   || [ ! -f .tools/node_modules/recheck/package.json ] \
   || [ ! -f .tools/node_modules/structured-data-testing-tool/package.json ] \
   || ! grep -q '"version": "2.2.1"' .tools/node_modules/ical.js/package.json \
   || ! grep -q '"version": "4.5.0"' .tools/node_modules/recheck/package.json \
   || ! grep -q '"version": "4.5.0"' .tools/node_modules/structured-data-testing-tool/package.json \
   || ! grep -q '"version": "26.9.27"' .tools/node_modules/vnu-jar/package.json \
   || ! grep -q '"version": "2.1.5"' .tools/node_modules/@rowanmanning/feed-parser/package.json 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installation des validateurs ($VNU_JAR, $ICAL_JS, $FEED_PARSER, $RECHECK, $SDTT) dans .tools/…"
    npm install --prefix .tools --no-save --ignore-scripts --no-audit --no-fund --silent "$VNU_JAR" "$ICAL_JS" "$FEED_PARSER" "$RECHECK" "$SDTT"
  else
    echo "npm est absent : les tests des validateurs échoueront. Installez Node.js (sudo apt-get install npm)."
  fi
fi
# One worker per core (pytest-xdist); `bash scripts/test.sh -n0 …` runs in one process.
exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
