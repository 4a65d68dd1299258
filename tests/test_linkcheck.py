"""The external link checker, against a local web server only (no network)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO

from macros.content import load_catalogue
from macros.linkcheck import Checker, check_all, collect, markdown_links, report

TIMEOUT = 0.5  # the hanging page answers after HANG seconds: always a timeout
HANG = 5


class Server:
    """A local site: /ok, /moved (301 → /ok), /missing (404), /error (500), /hang, /no-head, /flaky."""

    def __init__(self):
        self.hits: Counter = Counter()
        self.agents: set[str] = set()
        self.stop = threading.Event()
        self.flaky_failures = 1
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def answer(self, body: bool):
                path = self.path.split("?")[0]
                server.hits[(self.command, path)] += 1
                server.agents.add(self.headers.get("User-Agent", ""))
                if path == "/hang":
                    server.stop.wait(HANG)
                    status = 200
                elif path in ("/moved", "/moved-again"):
                    target = "/ok" if path == "/moved" else "/moved"
                    self.send_response(301)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                elif path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                elif path == "/no-head":
                    status = 405 if self.command == "HEAD" else 200
                elif path == "/flaky":
                    status = 503 if server.hits[(self.command, path)] <= server.flaky_failures else 200
                else:
                    status = {"/ok": 200, "/missing": 404, "/error": 500}.get(path, 404)
                payload = f"<p>{status}</p>".encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if body:
                        self.wfile.write(payload)
                except OSError:  # the client gave up (timeout)
                    pass

            def do_HEAD(self):
                self.answer(body=False)

            def do_GET(self):
                self.answer(body=True)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with Server() as running:
        yield running


SUPPORT = {
    "sources/anct-approche-impacts-collectifs.yml": "title: {fr: Présentation}\ndescription: {fr: Document.}\npublisher: anct\n",
    "phases/territoire-impact-collectif.yml": "name: {fr: Expérimentation}\nperiod: 2022\nsummary: {fr: Texte.}\n"
                                              "sources: [anct-approche-impacts-collectifs]\n",
}


def resource(title: str, url: str, summary: str = "Résumé.") -> str:
    return (f"title: {{fr: \"{title}\"}}\nurl: {url}\ntype: guide\nlanguage: fr\n"
            f"summary:\n  fr: \"{summary}\"\nsources: [anct-approche-impacts-collectifs]\n")


def make_content(root: Path, base: str, broken: bool = True) -> Path:
    content = root / "content"
    for folder in ("sources", "organisations", "phases", "resources"):
        (content / folder).mkdir(parents=True)
    for path, text in SUPPORT.items():
        (content / path).write_text(text, encoding="utf-8")
    (content / "organisations" / "anct.yml").write_text(
        f"name: ANCT\nkind: agence-publique\ncountry: FR\nwebsite: {base}/moved\n"
        f"sources: [anct-approche-impacts-collectifs, {base}/ok]\n", encoding="utf-8")
    files = {"page-ok": f"{base}/ok", "sans-head": f"{base}/no-head", "intermittent": f"{base}/flaky"}
    if broken:
        files |= {"introuvable": f"{base}/missing", "erreur-serveur": f"{base}/error", "lente": f"{base}/hang"}
    for name, url in files.items():
        summary = "Voir aussi [la page](" + base + "/missing) et [écrire](mailto:a@exemple.fr)." \
            if name == "page-ok" and broken else "Résumé."
        (content / "resources" / f"{name}.yml").write_text(resource(name, url, summary), encoding="utf-8")
    return content


def run(content: Path, report_file: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "no_proxy": "127.0.0.1,localhost", "PYTHONIOENCODING": "utf-8"}
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "macros.linkcheck", "--content", str(content), "--report",
                           str(report_file), "--timeout", str(TIMEOUT), "--concurrency", "4", "--backoff", "0.1",
                           *extra], cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=60)


def section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_broken_and_redirected_links_are_reported_by_file(server, tmp_path):
    content = make_content(tmp_path, server.base)
    started = time.monotonic()
    result = run(content, tmp_path / "rapport.md")
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    text = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    broken, moved = section(text, "Liens cassés"), section(text, "Liens redirigés")
    assert "content/resources/introuvable.yml `" in broken and f"` {server.base}/missing ` — **HTTP 404**" in broken
    assert f"` {server.base}/error ` — **HTTP 500** (après 3 essais)" in broken
    assert f"` {server.base}/hang ` — **` délai dépassé" in broken
    # a link inside a Markdown text is found, with its field and line
    assert f"- ligne 6, ` summary.fr ` : ` {server.base}/missing ` — **HTTP 404**" in broken
    assert "content/resources/page-ok.yml `" in broken
    # HEAD refused → GET; a 503 once → retried; plain 200: none of them is broken
    for fine in ("/ok>", "/no-head>", "/flaky>", "/moved>"):
        assert fine not in broken, fine
    assert "mailto:" not in text
    assert "content/organisations/anct.yml `" in moved
    assert f"` website ` : ` {server.base}/moved ` — redirigé (301) vers ` {server.base}/ok `" in moved
    assert "cassé : " in result.stderr and "/missing" in result.stderr


def test_only_redirects_do_not_fail(server, tmp_path):
    content = make_content(tmp_path, server.base, broken=False)
    result = run(content, tmp_path / "rapport.md")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert "Aucun." in section(text, "Liens cassés")
    assert "/moved `" in section(text, "Liens redirigés")
    assert "0 cassée(s), 1 redirigée(s)" in result.stdout


def test_requests_are_polite_and_each_address_is_checked_once(server, tmp_path):
    content = make_content(tmp_path, server.base)
    links = collect(load_catalogue(content))
    assert [link.url for link in links].count(f"{server.base}/ok") == 2  # a resource's url, anct's sources
    assert [link.url for link in links].count(f"{server.base}/missing") == 2  # a url, a Markdown link
    checker = Checker(timeout=TIMEOUT, retries=2, backoff=0.05, agent="QuartiersImpactCollectif-linkcheck/test")
    results = check_all([link.url for link in links], checker, concurrency=4)
    assert server.hits[("HEAD", "/missing")] == 1  # cited twice, asked once
    assert server.hits[("HEAD", "/ok")] == 2  # once for itself (cited twice), once at the end of /moved
    assert server.hits[("HEAD", "/error")] == 3  # 1 + 2 retries
    assert server.hits[("HEAD", "/hang")] == 3
    assert server.hits[("HEAD", "/no-head")] == 1 and server.hits[("GET", "/no-head")] == 1
    assert server.hits[("HEAD", "/flaky")] == 2 and not results[f"{server.base}/flaky"].broken
    assert server.hits[("GET", "/ok")] == 0  # HEAD is enough; the redirect kept HEAD too
    assert server.agents == {"QuartiersImpactCollectif-linkcheck/test"}
    assert results[f"{server.base}/moved"].final_url == f"{server.base}/ok"
    assert "Vérification des liens externes" in report(links, results)


def test_default_user_agent_names_the_project():
    assert Checker().agent.startswith("QuartiersImpactCollectif-linkcheck/")


def test_redirect_chains_loops_and_unreachable_hosts(server):
    checker = Checker(timeout=TIMEOUT, retries=0, agent="test")
    chain = checker.check(f"{server.base}/moved-again")
    assert [code for code, _ in chain.redirects] == [301, 301] and chain.final_url == f"{server.base}/ok"
    assert chain.redirected and not chain.broken
    loop = checker.check(f"{server.base}/loop")
    assert loop.broken and "trop de redirections" in loop.describe()
    closed = Checker(timeout=TIMEOUT, retries=0, agent="test").check("http://127.0.0.1:9/")  # discard port
    assert closed.broken and closed.error


def test_collects_every_kind_of_external_link(tmp_path):
    content = make_content(tmp_path, "https://exemple.org")
    (content / "sites").mkdir()
    (content / "sites" / "quartier.yml").write_text(
        "name: Quartier\nkind: programme\nregion: Occitanie\ncountry: FR\n"
        "coordinates: {lat: 43.6, lon: 1.44, precision: commune}\nlast_checked: 2026-11-02\n"
        "summary:\n  fr: \"[Site](https://exemple.org/fr) <https://exemple.org/auto>\"\n"
        "  en: \"[Site](https://exemple.org/en)\"\n"
        "continuum:\n  - {date: 2024, level: coordination, source: \"https://exemple.org/continuum\"}\n"
        "sources: [anct-approche-impacts-collectifs, \"https://exemple.org/source\"]\n", encoding="utf-8")
    found = {(link.file.split("content/")[-1], link.field, link.url) for link in collect(load_catalogue(content))}
    assert {("sites/quartier.yml", "summary.fr", "https://exemple.org/fr"),
            ("sites/quartier.yml", "summary.fr", "https://exemple.org/auto"),
            ("sites/quartier.yml", "summary.en", "https://exemple.org/en"),
            ("sites/quartier.yml", "continuum[0].source", "https://exemple.org/continuum"),
            ("sites/quartier.yml", "sources[1]", "https://exemple.org/source"),
            ("organisations/anct.yml", "website", "https://exemple.org/moved"),
            ("resources/page-ok.yml", "url", "https://exemple.org/ok")} <= found
    assert not any("002_cd3e" in url or url.startswith("mailto:") for _, _, url in found)
    assert markdown_links("[a](https://x.fr/a_(b)) [m](mailto:a@b.fr) [r][1]\n\n[1]: https://z.fr") == [
        "https://x.fr/a_(b)", "https://z.fr"]


def test_invalid_content_is_not_link_checked(tmp_path):
    content = make_content(tmp_path, "https://exemple.org")
    (content / "resources" / "page-ok.yml").write_text("title: [\n", encoding="utf-8")
    result = run(content, tmp_path / "rapport.md")
    assert result.returncode == 2
    assert "syntaxe YAML invalide" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "rapport.md").exists()


def test_weekly_workflow_runs_the_checker_and_keeps_the_report():
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "linkcheck.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["linkcheck"]["steps"]
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in steps)
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "bash scripts/setup.sh" in runs and "python -m macros.linkcheck" in runs
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "linkcheck-report.md"
