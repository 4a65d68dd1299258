"""The hashed lock files: complete, consistent with each other and with their inputs.

requirements.txt (build) and requirements-dev.txt (build and tests) are produced by
scripts/lock.sh (pip-compile --generate-hashes) from requirements.in and
requirements-dev.in; scripts/setup.sh installs them with pip's --require-hashes.
"""
from __future__ import annotations

import re
import tomllib

import pytest

from conftest import REPO

LOCKS = ("requirements.txt", "requirements-dev.txt")
INPUTS = {"requirements.in": "requirements.txt", "requirements-dev.in": "requirements-dev.txt"}


def name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def logical_lines(file: str) -> list[str]:
    """The file's lines, continuations joined, comments dropped."""
    text = (REPO / file).read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.split(" #")[0].strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def lock(file: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{name: (version, hashes)}; fails on any line that is not an exact, hashed pin."""
    pins = {}
    for line in logical_lines(file):
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        assert match, f"{file} : ni version exacte ni empreinte : {line}"
        pins[name(match[1])] = (match[2], frozenset(re.findall(r"sha256:([0-9a-f]{64})", match[3])))
    return pins


@pytest.mark.parametrize("file", LOCKS)
def test_every_requirement_is_an_exact_version_with_its_hashes(file):
    """pip's --require-hashes refuses a lock with one package unhashed, a range, an
    include or an editable: the lock is complete on its own."""
    assert lock(file)


def test_the_dev_lock_installs_the_build_lock_unchanged():
    build, dev = lock("requirements.txt"), lock("requirements-dev.txt")
    different = {package: (pin, dev.get(package)) for package, pin in build.items() if dev.get(package) != pin}
    assert not different, "relancez bash scripts/lock.sh : " + str(different)


@pytest.mark.parametrize("source,locked", INPUTS.items())
def test_each_lock_has_the_versions_its_input_asks_for(source, locked):
    """A version changed in a .in file without `bash scripts/lock.sh` is caught here."""
    pins = lock(locked)
    for line in logical_lines(source):
        if line.startswith("-"):
            assert re.fullmatch(r"-[rc] requirements\.(in|txt)", line), line
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        assert match, f"{source} : version exacte attendue : {line}"
        assert pins.get(name(match[1]), ("absent",))[0] == match[2], \
            f"{source} demande {line}, {locked} a {pins.get(name(match[1]), ('absent',))[0]} : relancez bash scripts/lock.sh"


def test_the_build_backend_is_the_locked_setuptools():
    """setup.sh installs the project with --no-build-isolation: the setuptools of the lock builds it."""
    backend = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    assert backend == [f"setuptools=={lock('requirements.txt')['setuptools'][0]}"]
