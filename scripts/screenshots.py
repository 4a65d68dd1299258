"""Screenshots of the key pages, both languages, phone and desktop widths.

    .venv/bin/python scripts/screenshots.py [--site site] [--out screenshots]

Serves the built site on 127.0.0.1 and drives Debian's Chromium with
Playwright. The PNGs are for a person to review, not for tests.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["", "sites/", "sites/chateau-thierry/", "sites/peter-mcgill/", "ressources/", "calendrier/",
         "contacts/", "histoire/", "approche/", "approche/conditions/", "approche/continuum-cooperation/",
         "nouveautes/", "a-completer/"]
PRINTED = ["sites/chateau-thierry/", "histoire/"]  # also shot as printed (print style sheet, A4 width)
WIDTHS = {"phone": 375, "desktop": 1280}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for width_name, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900 if width > 400 else 812})
                for lang, prefix in (("fr", ""), ("en", "en/")):
                    for path in args.pages:
                        page.goto(base + prefix + path)
                        name = (path.strip("/").replace("/", "_") or "accueil")
                        target = args.out / f"{lang}-{width_name}-{name}.png"
                        page.screenshot(path=str(target), full_page=args.full)
                        print(target)
                page.close()
            page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
            page.emulate_media(media="print")
            for lang, prefix in (("fr", ""), ("en", "en/")):
                for path in PRINTED:
                    page.goto(base + prefix + path)
                    target = args.out / f"{lang}-print-{path.strip('/').replace('/', '_')}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
            page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
