"""Shared fixtures: a copy of the real content to break, and built sites."""
from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

BUILD_DATE = "2026-11-30"  # fixed "today" so that upcoming/past is stable in tests
# the public address of the release-like build: served under a path, as GitHub Pages
# serves a project site (https://<owner>.github.io/<repository>/)
SITE_URL = "https://example.org/qic/"


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy of content/ that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    return target


def run_build(content: Path, out: Path, *extra: str, env: dict | None = None,
              cwd: Path = REPO) -> subprocess.CompletedProcess:
    """`python -m macros.build` as a contributor or CI runs it."""
    environment = {**os.environ, "BUILD_DATE": BUILD_DATE, "REPO_URL": "https://github.com/exemple/qic",
                   **(env or {})}
    return subprocess.run([sys.executable, "-m", "macros.build", "--content", str(content), "--out", str(out),
                           "--quiet", *extra],
                          cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def run_check(content: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m macros.cli check --content <content>` run in this process: the command's
    own code (its arguments, its messages, its exit status), `env` set for the call as a
    new process would see it, without starting Python and importing the model again (0.25 s
    of each run's 0.3 s; the suite ran 86). Its output must be UTF-8, as CI reads it. What
    only a process shows (a read that never ends, stopped by a timeout; the checkout
    taken for the repository) is tried with a new process."""
    from unittest import mock

    from macros.cli import main
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, {"BUILD_DATE": BUILD_DATE, **(env or {})}), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--content", str(content)])
    stdout, stderr = out.getvalue(), err.getvalue()
    for text in (stdout, stderr):
        text.encode("utf-8")  # strict, as CI's PYTHONIOENCODING: a lone surrogate raises here
    return subprocess.CompletedProcess(["macros.cli", "check", str(content)], code, stdout, stderr)


def _built_once(tmp_path_factory, name: str, env: dict | None = None) -> Path:
    """The real site built once for the whole test session, shared by the xdist
    workers (each would otherwise build its own): the first to come builds, under a
    lock, in the temporary folder the workers share; the others wait, then read it.
    Tests read these builds and never change them (a test that must, copies one)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # pytest-xdist: one base folder per worker, under a common one
    folder = shared / f"shared-{name}"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            shutil.rmtree(folder, ignore_errors=True)  # a failed attempt of another worker
            result = run_build(REPO / "content", folder / "site", env=env)
            assert result.returncode == 0, result.stdout + result.stderr
            (folder / "built").write_text("")
    return folder / "site"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for the whole session (both languages)."""
    return _built_once(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """The real site as .github/workflows/release.yml builds it (SITE_URL set, a
    release version and date in the footer), once for the whole session."""
    return _built_once(tmp_path_factory, "published", {"SITE_URL": SITE_URL, "RELEASE_VERSION": "v1.2",
                                                       "RELEASE_DATE": BUILD_DATE})


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(site):
    """The real built site, served on 127.0.0.1."""
    from browser import Server
    served = Server(site)
    yield served
    served.close()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (then read the diff)")


# --- test layers ----------------------------------------------------------------------------------
# Each test gets one marker, from what it uses, so that a layer runs alone:
#   unit     the model, the checks and the renderers, called directly (no MkDocs, no browser)
#   glue     the MkDocs glue, in memory (tests/test_glue.py)
#   build    a real build or a real server: the session's built sites, or a build of its own
#   browser  Debian's Chromium on a built site
# `bash scripts/test.sh -m unit` is the fast layer; the README gives each layer's time.
LAYERS = ("unit", "glue", "build", "browser")
_BROWSER_FIXTURES = {"browser", "server"}
_BUILD_FIXTURES = {"site", "published"}
# what a test's own code calls to build or serve the site
_BUILDS = ("run_build(", "macros.build", "scripts/build.sh", "macros.preview", "mkdocs", "properdocs",
           "build_site(", "getfixturevalue(", "bench/run.py", "BENCH")


def _layer(item) -> str:
    names = set(getattr(item, "fixturenames", ()))
    if item.get_closest_marker("browser") or names & _BROWSER_FIXTURES:
        return "browser"
    if names & _BUILD_FIXTURES:
        return "build"
    try:
        import inspect
        source = inspect.getsource(item.function)
    except (OSError, TypeError):
        source = ""
    if any(call in source for call in _BUILDS):
        return "build"
    return "glue" if item.module.__name__ == "test_glue" else "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        layer = _layer(item)
        if not item.get_closest_marker(layer):
            item.add_marker(getattr(pytest.mark, layer))
