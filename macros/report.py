"""The check, as contributors and CI read it: every problem printed, then a verdict.

`validate` is what `python -m macros.cli check` and the build run first: the
content, and the hand-written pages and theme files (a link or a special file
there would be published, see files.py).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .content import load_catalogue
from .files import unsafe_files
from .paths import DOCS, OVERRIDES, REPO
from .problems import ContentError, Problem, count_errors, inert


def validate(content: Path, folders=(DOCS, OVERRIDES)):
    """The checked catalogue, after printing every problem; None when there is an error.

    Besides the content, the hand-written pages and the theme's files are looked
    at: a link or a special file there would be published (see files.py)."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    unsafe = [problem for folder in folders if Path(folder).exists() for problem in unsafe_files(folder, REPO)]
    try:
        catalogue = load_catalogue(content, REPO)
        if unsafe:
            raise ContentError(unsafe + catalogue.warnings)
    except ContentError as error:
        report(sorted(set(error.problems + unsafe)), annotate)
        count = len([p for p in set(error.problems + unsafe) if p.is_error])
        print(f"\n{count_errors(count)} : {'corrigez-les' if count > 1 else 'corrigez-la'} puis relancez "
              "la vérification.", file=sys.stderr)
        return None
    report(catalogue.warnings, annotate)
    counts = ", ".join(f"{len(v)} {k}" for k, v in catalogue.entries.items())
    print(f"Contenu valide : {counts}.")
    return catalogue


PER_FILE = 25  # problems shown for one file; a file with thousands would bury the others


def report(problems: list[Problem], annotate: bool) -> None:
    """Print problems, at most PER_FILE for each file (then how many more), and as
    GitHub annotations when running in GitHub Actions."""
    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] > PER_FILE:
            continue
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.github_annotation())
    for path, count in shown.items():
        if count > PER_FILE:
            print(f"{inert(path)} : {count - PER_FILE} autres problèmes dans ce fichier, non affichés "
                  "(corrigez d'abord les premiers)", file=sys.stderr)
