#!/usr/bin/env bash
# Regenerate the hashed lock files requirements.txt and requirements-dev.txt from
# requirements.in and requirements-dev.in, with pip-tools (pinned) in a throwaway
# virtual environment: pip-tools is not one of the project's packages.
# Existing pins are kept unless their .in line changed; pass pip-compile options
# through, e.g. `bash scripts/lock.sh --upgrade-package mkdocs-material`.
# Only the public index is read (the machine's pip configuration is ignored), so the
# hashes are those of the files every developer and CI download.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_TOOLS=pip-tools==7.7.0
python=${PYTHON:-python3}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT PIP_NO_INDEX
"$python" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet "$PIP_TOOLS"
compile=("$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url "$@")
# the build lock first: the dev lock is constrained by it (-c requirements.txt)
"${compile[@]}" --output-file=requirements.txt requirements.in
"${compile[@]}" --output-file=requirements-dev.txt requirements-dev.in
