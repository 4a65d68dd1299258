"""Build the whole bilingual site: `python -m macros.build`.

1. Check all the content once; on any error print every problem and stop.
   The checked content is handed to the language builds as a snapshot, so it
   is read once per build.
2. Build French (mkdocs.yml) and English (mkdocs.en.yml) in parallel, each in
   its own process, strictly, then index each for search with Pagefind
   (one bundle per language: /pagefind/ and /en/pagefind/).
3. Only when all succeed, put the result in place of site/: a failed build
   leaves the last good site/ untouched.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import glue
from .cli import validate
from .paths import REPO

CONFIGS = {"fr": "mkdocs.yml", "en": "mkdocs.en.yml"}


def index_search(site: Path) -> list[str]:
    """Pagefind's static search index for one language (accents folded)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
            "--root-selector", "article.md-content__inner", "--exclude-selectors", ".headerlink"]


def build_language(lang: str, target: Path, env: dict, quiet: bool) -> tuple[int, str]:
    """One language: a strict MkDocs build, then its search index."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet" if quiet else "--verbose",
              "-f", str(REPO / CONFIGS[lang]), "-d", str(target)]
    output = []
    for command in (mkdocs, index_search(target)):
        done = subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        lines = [line for line in done.stdout.splitlines()
                 if line.startswith(("WARNING", "ERROR", "Error", "Aborted")) or done.returncode]
        output += lines
        if done.returncode != 0:
            return done.returncode, "\n".join(output)
    return 0, "\n".join(output)


def build(out: Path, content: Path | None = None, quiet: bool = False) -> int:
    content = content or glue.content_dir()
    catalogue = validate(content)
    if catalogue is None:
        print("Construction annulée : le site publié reste inchangé.", file=sys.stderr)
        return 1
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=".site-", dir=out.parent) as tmp:
        tmp = Path(tmp)
        snapshot = tmp / "catalogue.pickle"
        glue.save_snapshot(catalogue, snapshot)
        env = {**os.environ, "QIC_CONTENT": str(content), "QIC_SNAPSHOT": str(snapshot),
               "NO_MKDOCS_2_WARNING": "1"}
        env.setdefault("BUILD_DATE", glue.build_date().isoformat())  # same "today" in both languages
        # MkDocs stamps the sitemap with the build time: the build date instead, for
        # reproducible output (two builds of the same content and date are identical)
        day = dt.date.fromisoformat(env["BUILD_DATE"])
        env.setdefault("SOURCE_DATE_EPOCH", str(int(dt.datetime(day.year, day.month, day.day,
                                                                tzinfo=dt.timezone.utc).timestamp())))
        with ThreadPoolExecutor(max_workers=len(CONFIGS)) as pool:  # two processes: both cores
            results = dict(zip(CONFIGS, pool.map(lambda lang: build_language(lang, tmp / lang, env, quiet),
                                                 CONFIGS)))
        failed = [CONFIGS[lang] for lang, (code, _) in results.items() if code != 0]
        for lang, (_, output) in results.items():
            if output:
                print(f"--- {CONFIGS[lang]}\n{output}", file=sys.stderr)
        if failed:
            print(f"Échec de la construction ({', '.join(failed)}) : le site publié reste inchangé.",
                  file=sys.stderr)
            return 1
        (tmp / "fr").rename(tmp / "site")
        (tmp / "en").rename(tmp / "site" / "en")
        old = tmp / "previous"
        if out.exists():
            out.rename(old)
        (tmp / "site").rename(out)
    elapsed = time.perf_counter() - started
    print(f"Site construit dans {os.path.relpath(out)} en {elapsed:.1f} s (français à la racine, anglais dans en/).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.build", description="Construire le site bilingue.")
    parser.add_argument("--out", type=Path, default=REPO / "site", help="dossier de sortie (site/)")
    parser.add_argument("--content", type=Path, default=None, help="dossier de contenu (content/)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    return build(args.out, args.content.resolve() if args.content else None, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
