"""The live preview a contributor runs: quiet terminal, content errors shown in the browser."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import BUILD_DATE, REPO


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, wanted: str = "", seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if wanted in page:
                return page
        except OSError:
            page = ""
        if time.monotonic() > deadline:
            return page
        time.sleep(0.5)


def test_a_broken_save_is_explained_on_the_page_and_the_terminal_stays_quiet(content):
    port = _free_port()
    env = {**os.environ, "QIC_CONTENT": str(content), "BUILD_DATE": BUILD_DATE}
    env.pop("NO_MKDOCS_2_WARNING", None)
    server = subprocess.Popen([sys.executable, "-m", "macros.preview", "--port", str(port)], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sites/lievin/"
        assert "Liévin" in _get(url, "Liévin")
        assert _get(f"http://127.0.0.1:{port}/page-absente.xml", seconds=0) == ""  # a 404, as a browser may ask
        site = content / "sites" / "lievin.yml"
        written = site.read_text(encoding="utf-8")
        where = f"content/sites/lievin.yml:{written.splitlines().index('kind: pilote') + 1}:1"
        site.write_text(written.replace("kind: pilote", "kind: piloote"), encoding="utf-8")
        page = _get(url, "qic-preview-errors")
        assert where in page and "valeur « piloote » non reconnue" in page
        assert "Liévin" in page  # the last good content is still shown
    finally:
        server.terminate()
        terminal = server.communicate(timeout=30)[0]
    assert "ouvrez http://127.0.0.1:" in terminal
    assert f"{where}: kind: valeur « piloote » non reconnue" in terminal
    assert "end of life" not in terminal and "[macros]" not in terminal
    assert "GET " not in terminal and "404" not in terminal  # the server's request lines stay out
