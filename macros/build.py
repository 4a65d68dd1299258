"""Build the whole bilingual site: `python -m macros.build`.

1. Check all the content once; on any error print every problem and stop.
   Meanwhile a second process compiles the page templates, then parses
   content files too (the other core would otherwise wait for the check).
2. Build French (mkdocs.yml) and English (mkdocs.en.yml) at the same time, on
   two cores: French in this process, English in a forked copy of it, which
   inherits the checked content and the loaded modules (no second reading of
   the content, no second start of Python). Each build is strict, then indexed
   for search by Pagefind (one bundle per language: /pagefind/, /en/pagefind/).
   Where processes cannot be forked (Windows), the English build starts afresh
   and reads the content again.
3. Only when all succeed, put the result in place of site/: a failed build
   leaves the last good site/ untouched.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .paths import REPO, content_dir

# The content model, the checks and MkDocs are imported in `build` and
# `build_language`, once the helper process has started (see _Helper).

CONFIGS = {"fr": "mkdocs.yml", "en": "mkdocs.en.yml"}


def index_search(site: Path) -> list[str]:
    """Pagefind's static search index for one language (accents folded).

    Its binary comes in the pagefind_bin wheel; calling it directly spares
    starting Python again (`python -m pagefind` only hands over to it)."""
    from pagefind_bin import get_executable
    return [str(get_executable()), "--site", str(site), "--silent",
            "--root-selector", "article.md-content__inner", "--exclude-selectors", ".headerlink"]


class _Messages(logging.Handler):
    """MkDocs' log of one build, kept to be shown once the build is over."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def lines(self, everything: bool) -> list[str]:
        return [f"{r.levelname:<8}-  {r.getMessage()}" for r in self.records
                if everything or r.levelno >= logging.WARNING]


def build_language(lang: str, target: Path, quiet: bool) -> tuple[int, str, dict[str, float]]:
    """One language, in this process: a strict MkDocs build, then its search index.

    Returns the exit code, the messages worth showing, and how long each step took.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from . import rendering
    rendering.use_compiled(_compiled_templates)

    logger = logging.getLogger("mkdocs")
    messages = _Messages()
    logger.addHandler(messages)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    code = 0
    try:
        config = load_config(str(REPO / CONFIGS[lang]), site_dir=str(target), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as error:  # noqa: BLE001 - MkDocs' Abort, PluginError, ConfigurationError, or a bug
        from mkdocs.exceptions import MkDocsException
        # MkDocs' own errors say what is wrong (in French for the content's); anything
        # else is a bug, shown with its traceback
        text = str(error) if isinstance(error, MkDocsException) else traceback.format_exc()
        messages.records.append(logging.makeLogRecord({"levelname": "ERROR", "levelno": logging.ERROR,
                                                       "msg": text}))
        code = 1
    finally:
        logger.removeHandler(messages)
    seconds["pages"] = time.perf_counter() - started
    output = messages.lines(everything=code != 0)
    if code == 0:
        started = time.perf_counter()
        done = subprocess.run(index_search(target), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        seconds["recherche"] = time.perf_counter() - started
        code = done.returncode
        if code:
            output += done.stdout.splitlines()
    return code, "\n".join(output), seconds


def _fork_context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _send_result(connection, function, *args) -> None:
    try:
        connection.send(function(*args))
    finally:
        connection.close()


class _InAnotherProcess:
    """`function(*args)` run in a second process: a fork of this one, which
    inherits what it has loaded and checked ("spawn" where there is no fork).
    multiprocessing flushes this process's pending output before forking."""

    def __init__(self, function, *args, daemon: bool = False):
        self._receiving, sending = _fork_context().Pipe(duplex=False)
        self._process = _fork_context().Process(target=_send_result, args=(sending, function, *args), daemon=daemon)
        self._process.start()
        sending.close()

    def result(self, if_dead):
        """What the function returned; `if_dead` when the process ended without answering."""
        try:
            return self._receiving.recv()
        except EOFError:
            return if_dead
        finally:
            self._process.join()


class _Claims:
    """The index of the next content file to read, shared by the two processes:
    whichever asks first takes it."""

    def __init__(self, context):
        self.next = context.Value("q", 0)

    def within(self, total: int):
        def claim() -> int | None:
            with self.next.get_lock():
                index = self.next.value
                self.next.value += 1
            return index if index < total else None
        return claim


def _help(content: Path, claims: _Claims) -> tuple[dict[str, bytes], list]:
    """The helper process: our templates compiled, then content files parsed.
    Both are returned together, at the end: a pipe holds 64 KB, and a first
    message would keep the helper waiting until the other side reads it."""
    from . import rendering
    from .yaml_source import content_files, parse_claimed
    try:
        compiled = rendering.compile_all()
    except Exception:  # noqa: BLE001 - a template with a mistake: the build itself reports it, once
        compiled = {}
    files = content_files(content, REPO)
    return compiled, parse_claimed(files, claims.within(len(files)))


_compiled_templates: dict[str, bytes] = {}  # what the helper brought, for both builds


class _Helper:
    """A second process for as long as the content is checked, when the other core
    would wait. Started before this process imports the content model (a third of
    a second), it compiles our page templates meanwhile (the same for both
    languages), then parses content files along with this process (parsing is
    most of the check and gives plain data; each side lists the files itself and
    anything it was not given is read here). Its templates serve both builds:
    this process's and the English one forked from it. Without it, each build
    compiles them itself and the check reads every file."""

    def __init__(self, content: Path):
        self.claims = _Claims(_fork_context())
        self.process = _InAnotherProcess(_help, content, self.claims, daemon=True)

    def read(self, content: Path) -> None:
        """Read and check this process's share of the files, then take the helper's work."""
        from .content import adopt_parsed, read_claimed
        from .yaml_source import content_files
        files = content_files(content, REPO)
        read_claimed(files, self.claims.within(len(files)))
        # if it stopped without answering, the rest is read by the check
        compiled, parsed = self.process.result(if_dead=({}, []))
        _compiled_templates.update(compiled)
        adopt_parsed(parsed)


def build_both(target: Path, quiet: bool, only: str | None = None) -> dict[str, tuple[int, str, dict[str, float]]]:
    """French here, English in a second process at the same time (or just one of them)."""
    if only:
        return {only: build_language(only, target / only, quiet)}
    english = _InAnotherProcess(build_language, "en", target / "en", quiet)
    french = build_language("fr", target / "fr", quiet)
    return {"fr": french,
            "en": english.result(if_dead=(1, "la construction anglaise s'est arrêtée sans réponse", {}))}


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(out: Path, content: Path | None = None, quiet: bool = False, only: str | None = None) -> int:
    """Build the site into `out`; with `only`, just that language (at the root of `out`)."""
    started = time.perf_counter()
    content = content or content_dir()
    helper = _Helper(content)
    from . import glue
    from .cli import validate
    helper.read(content)
    catalogue = validate(content)
    checked = time.perf_counter() - started
    if catalogue is None:
        print("Construction annulée : le site publié reste inchangé.", file=sys.stderr)
        return 1
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    today = glue.build_date()  # the same "today" in both languages
    # MkDocs stamps the sitemap with the build time: the build date instead, for
    # reproducible output (two builds of the same content and date are identical)
    epoch = int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc).timestamp())
    with tempfile.TemporaryDirectory(prefix=".site-", dir=out.parent) as tmp, \
            _environment({"QIC_CONTENT": str(content), "BUILD_DATE": today.isoformat(), "NO_MKDOCS_2_WARNING": "1",
                          "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(epoch))}):
        tmp = Path(tmp)
        glue.use(catalogue)  # the hooks of both builds take the content checked above
        results = build_both(tmp, quiet, only)
        failed = [CONFIGS[lang] for lang, (code, _, _) in results.items() if code != 0]
        for lang, (_, output, _) in results.items():
            if output:
                print(f"--- {CONFIGS[lang]}\n{output}", file=sys.stderr)
        if failed:
            print(f"Échec de la construction ({', '.join(failed)}) : le site publié reste inchangé.",
                  file=sys.stderr)
            return 1
        if only:
            (tmp / only).rename(tmp / "site")
        else:
            (tmp / "fr").rename(tmp / "site")
            (tmp / "en").rename(tmp / "site" / "en")
        old = tmp / "previous"
        if out.exists():
            out.rename(old)
        (tmp / "site").rename(out)
    elapsed = time.perf_counter() - started
    where = f"{'français' if only == 'fr' else 'anglais'} seulement" if only else \
        "français à la racine, anglais dans en/"
    print(f"Site construit dans {os.path.relpath(out)} en {elapsed:.1f} s ({where}).")
    steps = " ; ".join(f"{lang} : " + ", ".join(f"{step} {value:.1f} s" for step, value in results[lang][2].items())
                       for lang in results)
    print(f"Durées : vérification {checked:.1f} s ; {steps}{'' if only else ' (les deux langues en parallèle)'}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.build", description="Construire le site bilingue.")
    parser.add_argument("--out", type=Path, default=REPO / "site", help="dossier de sortie (site/)")
    parser.add_argument("--content", type=Path, default=None, help="dossier de contenu (content/)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--seulement", choices=sorted(CONFIGS), default=None, dest="only",
                        help="une seule langue, pour un aperçu ou une mesure (le site publié a besoin des deux)")
    args = parser.parse_args(argv)
    return build(args.out, args.content.resolve() if args.content else None, args.quiet, args.only)


if __name__ == "__main__":
    code = main()
    # leave without freeing every page and record one by one: at the end of a
    # build that is a third of a second or more of nothing (files are closed,
    # the temporary folder removed, and the output flushed here)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
