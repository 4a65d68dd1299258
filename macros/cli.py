"""Command line: `python -m macros.cli check` and friends (see README)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .content import load_catalogue
from .paths import CONTENT, REPO
from .problems import ContentError


def check(content: Path) -> int:
    """Validate all the content; print every problem; 0 when there is no error."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    try:
        catalogue = load_catalogue(content, REPO)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
            if annotate:
                print(problem.github_annotation())
        count = len([p for p in error.problems if p.is_error])
        print(f"\n{count} erreur{'s' if count > 1 else ''} : corrigez-les puis relancez la vérification.",
              file=sys.stderr)
        return 1
    for problem in catalogue.warnings:
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.github_annotation())
    counts = ", ".join(f"{len(v)} {k}" for k, v in catalogue.entries.items())
    print(f"Contenu valide : {counts}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli",
                                     description="Outils du site Quartiers à Impact Collectif.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="vérifier tout le contenu YAML")
    check_cmd.add_argument("--content", type=Path, default=CONTENT)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.content)
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
