"""Helpers for the browser tests: a local server for a built site, and Chromium.

Debian's Chromium (package `chromium`) is driven by Playwright with
`executable_path`; nothing is downloaded.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING = (f"Chromium est introuvable ({CHROMIUM}) : les tests dans le navigateur ne peuvent pas tourner. "
           "Installez-le avec « sudo apt-get install chromium » (Debian/Ubuntu), "
           "ou indiquez son chemin dans la variable CHROMIUM.")


def chromium_path() -> str:
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        raise RuntimeError(MISSING)
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page closed while a file was still being sent (the browser went on to the
        next page) is not an error of the site: no traceback in the test output."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class Server:
    """Serves a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def open_all(context, urls: list[str], until: str = "networkidle") -> list:
    """Each address in its own tab of `context`, all loading at once, each waited for
    until `until` (Playwright's "networkidle": no request for half a second, so that the
    requests a page's scripts make after it has loaded are seen too). The half seconds
    of quiet overlap instead of adding up: 22 pages one after another spent 11 s
    waiting. Returns the pages, in the order of `urls`."""
    pages = []
    for url in urls:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        pages.append(page)
    for page in pages:
        page.wait_for_load_state(until)
    return pages
