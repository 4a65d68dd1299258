#!/usr/bin/env bash
# Prepare a fresh clone: a Python virtual environment in .venv with the exact
# versions of requirements*.txt, each file checked against its sha256 hash in the
# lock (pip's --require-hashes; the locks come from scripts/lock.sh). Idempotent:
# reinstalls only when a requirements file changed. Usage: scripts/setup.sh [build|dev]
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
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$file"
  # the project itself, editable: `import macros` works from MkDocs' hooks, tests and benchmark;
  # a second call, without hashes (a local folder has none), its build backend (setuptools) and
  # its dependencies being already installed, hashed, from the lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$sum" > "$stamp"
fi
