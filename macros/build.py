"""Build the whole bilingual site: `python -m macros.build`.

1. Check all the content once; on any error print every problem and stop.
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

import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from . import output
from .arguments import Parser
from .outputs import GIVEN, Given
from .paths import CONFIGS, REPO, content_dir
from .problems import inert

ENGINES = ("mkdocs", "properdocs")
STEP_WORDS = {"pages": "pages", "search": "recherche"}  # as the build's summary names its steps


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


Result = tuple[int, str, dict[str, float]]  # exit code, messages worth showing, seconds per step


def build_language(lang: str, target: Path, quiet: bool, given: Given | None = None) -> Result:
    """One language, in this process: a strict MkDocs build, then its search index.
    `given`: the content checked, the day and the history, for both languages (else
    the build reads them itself).

    Returns the exit code, the messages worth showing, and how long each step took.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

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
        if given is not None:
            config[GIVEN] = given  # read by hooks.on_config
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as error:  # noqa: BLE001 - MkDocs' Abort, PluginError, ConfigurationError, or a bug
        from mkdocs.exceptions import MkDocsException
        # MkDocs' own errors say what is wrong (in French for the content's); anything
        # else is a bug, shown with its traceback
        text = str(error) if isinstance(error, MkDocsException) else \
            f"Construction annulée : {output.os_error_message(error)}" if isinstance(error, OSError) else \
            traceback.format_exc()
        messages.records.append(logging.makeLogRecord({"levelname": "ERROR", "levelno": logging.ERROR,
                                                       "msg": text}))
        code = 1
    finally:
        logger.removeHandler(messages)
    seconds["pages"] = time.perf_counter() - started
    shown = messages.lines(everything=code != 0)
    if code == 0:
        started = time.perf_counter()
        done = subprocess.run(index_search(target), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        seconds["search"] = time.perf_counter() - started
        code = done.returncode
        if code:
            shown += done.stdout.splitlines()
    return code, "\n".join(shown), seconds


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


def build_both(target: Path, quiet: bool, only: str | None = None,
               given: Given | None = None) -> dict[str, Result]:
    """French here, English in a second process at the same time (or just one of them)."""
    if only:
        return {only: build_language(only, target / only, quiet, given)}
    # a forked process inherits `given`; a new one ("spawn", Windows) reads the content again
    forked = _fork_context().get_start_method() == "fork"
    english = _InAnotherProcess(build_language, "en", target / "en", quiet, given if forked else None)
    french = build_language("fr", target / "fr", quiet, given)
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
    try:
        output.check_target(out, REPO)
        with output.locked(Path(os.path.abspath(out))):
            return _build(Path(os.path.abspath(out)), content or content_dir(), quiet, only)
    except output.OutputError as error:
        print(f"Construction refusée : {error}", file=sys.stderr)
    except OSError as error:  # writing the site: rights, a full disk, a name too long
        print(f"Construction annulée : {output.os_error_message(error)}. Le site publié reste inchangé.",
              file=sys.stderr)
    return 1


def _build(out: Path, content: Path, quiet: bool, only: str | None) -> int:
    started = time.perf_counter()
    from . import glue
    from .report import validate
    catalogue = validate(content)
    checked = time.perf_counter() - started
    if catalogue is None:
        print("Construction annulée : le site publié reste inchangé.", file=sys.stderr)
        return 1
    for done in output.recover(out):
        print(done)
    today = glue.build_date()  # the same "today" in both languages
    from .history import read_history
    started_history = time.perf_counter()
    history = read_history(content)  # one `git log` for both languages: the records' dates
    dated = time.perf_counter() - started_history
    notice = glue.history_notice(catalogue, history)
    if notice:
        print(notice)
    # MkDocs stamps the sitemap with the build time: the build date instead, for
    # reproducible output (two builds of the same content and date are identical)
    epoch = int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC).timestamp())
    with output.staging(out) as tmp, \
            _environment({"NO_MKDOCS_2_WARNING": "1",  # read by Material and MkDocs themselves
                          "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(epoch))}):
        # the hooks of both builds take the content checked above
        results = build_both(tmp, quiet, only, Given(catalogue, today, history))
        failed = [CONFIGS[lang] for lang, (code, _, _) in results.items() if code != 0]
        for lang, (_, messages, _) in results.items():
            if messages:
                print(f"--- {CONFIGS[lang]}\n" + "\n".join(inert(line) for line in messages.splitlines()),
                      file=sys.stderr)
        if failed:
            print(f"Échec de la construction ({', '.join(failed)}) : le site publié reste inchangé.",
                  file=sys.stderr)
            return 1
        if not only:
            (tmp / "en").rename(tmp / "fr" / "en")
        output.swap(tmp / (only or "fr"), out, tmp)
    elapsed = time.perf_counter() - started
    where = f"{'français' if only == 'fr' else 'anglais'} seulement" if only else \
        "français à la racine, anglais dans en/"
    print(f"Site construit dans {os.path.relpath(out)} en {elapsed:.1f} s ({where}).")
    steps = " ; ".join(f"{lang} : " + ", ".join(f"{STEP_WORDS[step]} {value:.1f} s"
                                                for step, value in results[lang][2].items())
                       for lang in results)
    both = "" if only else " (les deux langues en parallèle)"
    print(f"Durées : vérification {checked:.1f} s, dates Git {dated * 1000:.0f} ms ; {steps}{both}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m macros.build", description="Construire le site bilingue.")
    parser.add_argument("--out", type=Path, default=None,
                        help="dossier de sortie : site/ (site-fr/ ou site-en/ avec --only)")
    parser.add_argument("--content", type=Path, default=None, help="dossier de contenu (content/)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs",
                        help="moteur : MkDocs 1.6 (par défaut) ou ProperDocs, sa continuation (pip install properdocs)")
    parser.add_argument("--quiet", action="store_true", help="n'afficher que les avertissements et les erreurs")
    parser.add_argument("--only", choices=sorted(CONFIGS), default=None,
                        help="une seule langue, pour un aperçu ou une mesure, dans son propre dossier "
                             "(site-fr/ ou site-en/) : le site complet de site/ reste intact")
    args = parser.parse_args(argv)
    if args.engine == "properdocs":
        # before anything imports MkDocs: from here on every `mkdocs.*` import (ours, Material's,
        # the macros plugin's) gets ProperDocs, a drop-in continuation of MkDocs 1.6
        import properdocs.replacement  # noqa: F401
    out = args.out or REPO / (f"site-{args.only}" if args.only else "site")
    return build(out, args.content.resolve() if args.content else None, args.quiet, args.only)


if __name__ == "__main__":
    code = main()
    # leave without freeing every page and record one by one: at the end of a
    # build that is a third of a second or more of nothing (files are closed,
    # the temporary folder removed, and the output flushed here)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
