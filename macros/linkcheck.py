"""External link checker: `python -m macros.linkcheck`.

Collects every external address the site publishes — `url` and `website`
fields, sources given as web addresses, and links written inside Markdown
texts — from the validated content, checks each address once, concurrently,
and writes a Markdown report grouped by file: broken links (HTTP status or
network error) and redirected links (with the address they end at).

    python -m macros.linkcheck [--content content] [--report linkcheck-report.md]
                               [--timeout 10] [--concurrency 8] [--retries 2]

Exit code 1 when at least one link is broken, 0 otherwise (redirects are
reported but do not fail), 2 when the content itself is invalid.

It is meant for a weekly scheduled workflow, not for every build: the web
changes on its own schedule, and a build must not fail because a remote site
is down for an hour. `.github/workflows/linkcheck.yml` runs it every week
(`schedule: cron`, and by hand with `workflow_dispatch`) and uploads the
report as an artefact.

Politeness: a User-Agent naming the project, HEAD first (GET only when a
server refuses HEAD with 405 or 403), at most two requests at a time to one
host, retries with exponential backoff only after timeouts and 5xx answers.
Standard library only (concurrent.futures, urllib.request).
"""
from __future__ import annotations

import datetime as dt
import http.client
import re
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel

from .arguments import Parser
from .content import Catalogue, load_catalogue
from .model import Citation, RichText
from .paths import CONTENT, REPO
from .problems import ContentError, inert
from .rendering import markdown_html
from .yaml_source import dotted

URL_FIELDS = {"url", "website", "source"}  # a single address
URL_LISTS = {"sources"}  # lists whose items may be addresses (or source documents)
PER_HOST = 2  # requests at the same time to one host
RETRY_STATUSES = range(500, 600)


def user_agent() -> str:
    from .glue import repository_url  # late: only the command needs it

    contact = repository_url() or "site Quartiers à Impact Collectif"
    return f"QuartiersImpactCollectif-linkcheck/1.0 (+{contact}; vérification hebdomadaire des liens)"


# --- collecting ---------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Link:
    file: str  # as shown to contributors (content/resources/x.yml)
    line: int
    field: str  # summary.fr, url, sources[1]…
    url: str


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def markdown_links(text: str) -> list[str]:
    """Web addresses a Markdown text links to, as the site renders it."""
    parser = _Anchors()
    parser.feed(markdown_html(text))
    return [href for href in parser.hrefs if is_web(href)]


def is_web(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _walk(value, loc: tuple):
    """(loc, url) for every external address inside a record, its lists and blocks."""
    if isinstance(value, RichText):
        for lang in ("fr", "en"):
            for url in markdown_links(getattr(value, lang) or ""):
                yield loc + (lang,), url
    elif isinstance(value, Citation):  # a web page cited as a source: sources[1], as written
        if value.url:
            yield loc, value.url
    elif isinstance(value, BaseModel):
        for name, item in value:
            yield from _walk(item, loc + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, loc + (index,))
    elif is_web(value):
        name = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if name in URL_FIELDS or name in URL_LISTS:
            yield loc, value.strip()


def collect(catalogue: Catalogue) -> list[Link]:
    links = []
    for entries in catalogue.entries.values():
        for entry in entries.values():
            for loc, url in _walk(entry.record, ()):
                links.append(Link(entry.path, entry.document.where(loc)[0], dotted(loc), url))
    return sorted(set(links))


# --- checking -----------------------------------------------------------------------------------

@dataclass
class Result:
    url: str
    status: int | None = None  # final HTTP status
    error: str = ""  # network error, in French
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, next address)
    attempts: int = 0

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return not self.broken and bool(self.redirects) and self.final_url != self.url

    def describe(self, markdown: bool = False) -> str:
        """What happened, in French; with `markdown`, every value from the content or the
        network (the error's words, the address redirected to) as an inert code span."""
        shown = code if markdown else str
        text = shown(self.error) if self.error else f"HTTP {self.status}"
        if self.redirects and self.final_url and self.final_url != self.url:
            text += f" (après redirection vers {shown(self.final_url) if markdown else f'<{self.final_url}>'})"
        return text


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects keeping the method (HEAD stays HEAD) and remembers each hop."""

    def __init__(self):
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            self.hops.append((code, new.full_url))
            new.method = req.get_method()
        return new


class _RetryError(Exception):
    def __init__(self, result: Result):
        self.result = result


class Checker:
    def __init__(self, timeout: float = 10, retries: int = 2, backoff: float = 1.0, agent: str | None = None):
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.agent = agent or user_agent()
        self._hosts: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(PER_HOST))
        self._lock = threading.Lock()

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts[urllib.parse.urlsplit(url).netloc.lower()]

    def check(self, url: str) -> Result:
        """HEAD (GET if HEAD is refused), retried with backoff after a timeout or a 5xx answer."""
        result = Result(url)
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            result.attempts = attempt + 1
            try:
                with self._host_slot(url):
                    outcome = self._request(url, "HEAD")
                    if outcome.status in (403, 405):  # some servers refuse HEAD only
                        outcome = self._request(url, "GET")
            except _RetryError as retry:
                outcome = retry.result
                result.status, result.error = outcome.status, outcome.error
                continue
            outcome.attempts = result.attempts
            return outcome
        return result

    def _request(self, url: str, method: str) -> Result:
        redirects = _Redirects()
        opener = urllib.request.build_opener(redirects)
        request = urllib.request.Request(url, method=method, headers={
            "User-Agent": self.agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "fr,en;q=0.8"})
        result = Result(url)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)  # enough to know it answers; never the whole file
                result.status, result.final_url = response.status, response.geturl()
        except urllib.error.HTTPError as error:
            result.status, result.final_url, result.redirects = error.code, error.geturl() or url, redirects.hops
            error.close()
            if 300 <= error.code < 400:  # urllib gives up after 10 hops
                result.error = f"trop de redirections (boucle ?), dernière réponse HTTP {error.code}"
            if error.code in RETRY_STATUSES:
                raise _RetryError(result) from None
            return result
        except urllib.error.URLError as error:
            if not isinstance(error.reason, TimeoutError):
                result.error = _network_error(error.reason)
                return result
            result.error = f"délai dépassé ({self.timeout:g} s sans réponse)"
            raise _RetryError(result) from None
        except TimeoutError:  # while reading the answer
            result.error = f"délai dépassé ({self.timeout:g} s sans réponse)"
            raise _RetryError(result) from None
        except (OSError, ValueError, http.client.HTTPException) as error:  # connection reset, bad answer…
            result.error = f"erreur réseau ({type(error).__name__} : {error})"
        result.redirects = redirects.hops
        return result


def _network_error(reason) -> str:
    if isinstance(reason, ssl.SSLError):
        return f"certificat ou connexion sécurisée invalide ({reason.reason or reason})"
    if isinstance(reason, socket.gaierror):
        return "nom de domaine introuvable"
    if isinstance(reason, ConnectionRefusedError):
        return "connexion refusée"
    return f"erreur réseau ({reason})"


def check_all(urls: list[str], checker: Checker, concurrency: int = 8) -> dict[str, Result]:
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return dict(zip(unique, pool.map(checker.check, unique), strict=True))


# --- reporting ----------------------------------------------------------------------------------

def code(text) -> str:
    """`text` as a Markdown code span, whatever it holds: on one line (controls escaped, see
    problems.inert), fenced by more backticks than its longest run, padded by a space
    that Markdown takes off. Inside, nothing is a link, an image or HTML: an address
    written `https://x.invalid/>![pixel](https://evil.example/p.png)` stays text in the
    report and in the job summary that GitHub renders."""
    text = inert(str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def report(links: list[Link], results: dict[str, Result], today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    broken = [link for link in links if results[link.url].broken]
    moved = [link for link in links if results[link.url].redirected]
    lines = [f"# Vérification des liens externes — {today.isoformat()}", "",
             f"{len(results)} adresses vérifiées ({len(links)} liens) : "
             f"{len({link.url for link in broken})} cassée(s), {len({link.url for link in moved})} redirigée(s).", ""]

    def grouped(title: str, chosen: list[Link], describe) -> None:
        lines.extend([f"## {title}", ""])
        if not chosen:
            lines.extend(["Aucun.", ""])
            return
        by_file: dict[str, list[Link]] = defaultdict(list)
        for link in chosen:
            by_file[link.file].append(link)
        for file in sorted(by_file):
            lines.extend([f"### {code(file)}", ""])
            for link in sorted(by_file[file]):
                lines.append(f"- ligne {link.line}, {code(link.field)} : {code(link.url)} — "
                             f"{describe(results[link.url])}")
            lines.append("")

    grouped("Liens cassés", broken, lambda r: f"**{r.describe(markdown=True)}**"
            + (f" (après {r.attempts} essais)" if r.attempts > 1 else ""))
    grouped("Liens redirigés", moved,
            lambda r: f"redirigé ({', '.join(str(int(status)) for status, _ in r.redirects)}) "
                      f"vers {code(r.final_url)} : mettez l'adresse à jour")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m macros.linkcheck",
                                     description="Vérifier les liens externes du contenu.")
    parser.add_argument("--content", type=Path, default=CONTENT, help="dossier de contenu (content/)")
    parser.add_argument("--report", type=Path, default=Path("linkcheck-report.md"), help="rapport Markdown")
    parser.add_argument("--timeout", type=float, default=10, help="secondes d'attente par requête")
    parser.add_argument("--concurrency", type=int, default=8, help="requêtes simultanées")
    parser.add_argument("--retries", type=int, default=2,
                        help="nouveaux essais après un délai dépassé ou une erreur 5xx")
    parser.add_argument("--backoff", type=float, default=1.0,
                        help="attente avant le premier nouvel essai (doublée ensuite)")
    args = parser.parse_args(argv)
    try:
        catalogue = load_catalogue(args.content, REPO)
    except ContentError as error:
        print(error, file=sys.stderr)
        print("Contenu invalide : corrigez-le (python -m macros.cli check) avant de vérifier les liens.",
              file=sys.stderr)
        return 2
    links = collect(catalogue)
    started = time.perf_counter()
    checker = Checker(args.timeout, args.retries, args.backoff)
    results = check_all([link.url for link in links], checker, args.concurrency)
    args.report.write_text(report(links, results), encoding="utf-8")
    broken = sorted({link.url for link in links if results[link.url].broken})
    moved = sorted({link.url for link in links if results[link.url].redirected})
    print(f"{len(results)} adresses vérifiées en {time.perf_counter() - started:.1f} s : "
          f"{len(broken)} cassée(s), {len(moved)} redirigée(s). Rapport : {args.report}")
    for url in broken:
        print(inert(f"  cassé : {url} — {results[url].describe()}"), file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
