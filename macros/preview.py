"""Live preview for contributors: `python -m macros.preview` (French), `--lang en` (English).

`mkdocs serve` with only what concerns a contributor in the terminal: the
address to open, the content's problems, and MkDocs' own warnings (not the
theme's end-of-life banner, nor the macros plugin's information lines). When
a saved file breaks the content, the page reloaded in the browser says what
is wrong and where, in French (see hooks.py), and keeps the last good content.
"""
from __future__ import annotations

import logging
import os
import re
import sys

from .arguments import Parser
from .paths import CONFIGS

PORTS = {"fr": 8000, "en": 8001}


_REQUEST = re.compile(r'"[A-Z]+ \S* HTTP/[\d.]+" code \d+')


class _ForContributors(logging.Filter):
    """Warnings and errors; of the rest, only our hooks' messages and the address."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("mkdocs.livereload") and _REQUEST.search(record.getMessage()):
            return False  # the server's request lines ("GET /sitemap.xml …" code 404): the browser's business
        return (record.levelno >= logging.WARNING or record.name == "mkdocs.hooks.qic"
                or record.getMessage().startswith("Serving on"))


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m macros.preview",
                                     description="Aperçu en direct du site (rechargé à chaque enregistrement).")
    parser.add_argument("--lang", choices=sorted(CONFIGS), default="fr", help="langue de l'aperçu (fr par défaut)")
    parser.add_argument("--port", type=int, default=None, help="port local (8000 en français, 8001 en anglais)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # read when the theme is first imported, just below
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException
    _watch_without_following_links()

    from .paths import REPO, content_dir
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_ForContributors())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    port = args.port or PORTS[args.lang]
    print(f"Aperçu {'français' if args.lang == 'fr' else 'anglais'} : ouvrez http://127.0.0.1:{port}/ "
          "(Ctrl+C pour arrêter). La recherche n'existe que dans le site construit.", file=sys.stderr)
    try:
        serve(config_file=str(REPO / CONFIGS[args.lang]), livereload=True, dev_addr=f"127.0.0.1:{port}",
              watch=[str(content_dir())])  # also when QIC_CONTENT points elsewhere
    except MkDocsException as error:
        from mkdocs.exceptions import Abort
        # MkDocs' own « Aborted with a BuildError! »: the reason is printed just above
        reason = "la construction a échoué (voir ci-dessus)" if isinstance(error, Abort) else error
        print(f"Aperçu impossible : {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _watch_without_following_links() -> None:
    """MkDocs watches the folders with watchdog's PollingObserver, which follows links
    (os.stat): a link to / in docs/fr/ made it walk the whole disk at every poll. The
    same observer, reading with os.lstat: a link is seen, never entered (it is refused
    by the hooks anyway)."""
    from watchdog.observers import polling

    def observer(*, timeout: float = 1.0):
        return polling.PollingObserverVFS(stat=os.lstat, listdir=os.scandir, polling_interval=timeout)

    # deliberately replacing a class by a function: MkDocs only calls PollingObserver(timeout=…),
    # which the function answers; mypy refuses any assignment to a class, hence the ignore
    polling.PollingObserver = observer  # type: ignore[misc, assignment]


if __name__ == "__main__":
    sys.exit(main())
