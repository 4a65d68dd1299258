"""Build the whole bilingual site: `python -m macros.build`.

1. Check all the content once; on any error print every problem and stop.
2. Build French (mkdocs.yml) and English (mkdocs.en.yml) in parallel, each in
   its own process, strictly, into a temporary folder.
3. Index both languages for search with Pagefind.
4. Only when all succeed, put the result in place of site/: a failed build
   leaves the last good site/ untouched.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import glue
from .cli import check
from .paths import REPO

CONFIGS = {"fr": "mkdocs.yml", "en": "mkdocs.en.yml"}


def index_search(site: Path) -> int:
    """Pagefind's static search index: one per language (from <html lang>), accents folded."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
               "--root-selector", "article.md-content__inner", "--exclude-selectors", ".headerlink"]
    return subprocess.run(command, cwd=REPO).returncode


def build(out: Path, content: Path | None = None, quiet: bool = False) -> int:
    content = content or glue.content_dir()
    if check(content) != 0:
        print("Construction annulée : le site publié reste inchangé.", file=sys.stderr)
        return 1
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QIC_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("BUILD_DATE", glue.build_date().isoformat())  # same "today" in both languages
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=".site-", dir=out.parent) as tmp:
        tmp = Path(tmp)
        processes = {
            lang: subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet" if quiet else "--verbose",
                 "-f", str(REPO / config), "-d", str(tmp / lang)],
                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for lang, config in CONFIGS.items()
        }
        failed = []
        for lang, process in processes.items():
            output, _ = process.communicate()
            lines = [line for line in output.splitlines()
                     if line.startswith(("WARNING", "ERROR", "Error", "Aborted")) or process.returncode]
            if lines:
                print(f"--- {CONFIGS[lang]}\n" + "\n".join(lines), file=sys.stderr)
            if process.returncode != 0:
                failed.append(CONFIGS[lang])
        if failed:
            print(f"Échec de la construction ({', '.join(failed)}) : le site publié reste inchangé.",
                  file=sys.stderr)
            return 1
        (tmp / "fr").rename(tmp / "site")
        (tmp / "en").rename(tmp / "site" / "en")
        if index_search(tmp / "site") != 0:
            print("Échec de l'indexation de la recherche : le site publié reste inchangé.", file=sys.stderr)
            return 1
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
