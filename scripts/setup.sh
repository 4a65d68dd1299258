#!/usr/bin/env bash
# Prepare a fresh clone: a Python virtual environment in .venv with the exact
# versions of requirements*.txt. Idempotent: reinstalls only when a
# requirements file changed. Usage: scripts/setup.sh [build|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
file=requirements.txt
[ "$what" = dev ] && file=requirements-dev.txt
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$what"
sum=$(cat requirements.txt "$file" pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$file"
  # the project itself, editable: `import macros` works from MkDocs' hooks, tests and benchmark
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$sum" > "$stamp"
fi
