"""Command line: `python -m macros.cli check` and friends (see README and CONTRIBUTING.md).

- check: validate all the content (used by the build and by CI);
- schemas: write schemas/<kind>.schema.json from the model (editor help);
- fingerprints: write content/sources/<id>.fingerprint from the source texts;
- new-site "Nom": create content/sites/<slug>.yml from starters/site.yml;
- translations: list the reader-facing texts that lack English;
- release-notes [--since TAG]: the records added, changed and removed since the
  previous release, in Markdown (macros/notes.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import fingerprints as prints
from . import provenance
from .arguments import Parser
from .content import load_catalogue, read_record
from .model import SITE_KINDS, SourceDocument
from .paths import CONTENT, REPO
from .problems import ContentError, display_path
from .report import validate

SCHEMAS = REPO / "schemas"


def check(content: Path) -> int:
    """Validate all the content; print every problem; 0 when there is no error."""
    return 0 if validate(content) is not None else 1


def schemas(target: Path, verify: bool = False) -> int:
    """Write schemas/<kind>.schema.json from the model (or, with --check, say which differ)."""
    from .schemas import stale_schemas, write_schemas
    if verify:
        stale = stale_schemas(target)
        for name in stale:
            print(f"{display_path(target / name, REPO)} : à régénérer", file=sys.stderr)
        if stale:
            print("Les schémas ne correspondent plus au modèle : lancez python -m macros.cli schemas",
                  file=sys.stderr)
            return 1
        print("Schémas à jour.")
        return 0
    changed = write_schemas(target)
    for file in changed:
        print(f"écrit : {display_path(file, REPO)}")
    plural = "s" if len(changed) > 1 else ""
    print(f"Schémas à jour dans {display_path(target, REPO)}/ ({len(changed)} modifié{plural}).")
    return 0


def refresh_fingerprints(content: Path, folder: Path, write: bool = True) -> tuple[list[Path], list[str]]:
    """Write content/sources/<id>.fingerprint for each source record whose text is in
    `folder`, keeping the salt of the fingerprint already there (so that an unchanged
    text gives the same file, and a corrected one changes only its own lines).

    Returns the fingerprint files that were (or, with write=False, would be) written
    or changed, and what could not be done, in French."""
    changed, trouble = [], []
    sources = Path(content) / "sources"
    for record_file in sorted(sources.glob("*.yml")):
        shown = f"content/sources/{record_file.name}"
        _, record, _problems = read_record(record_file, shown, SourceDocument)
        if record is None:
            trouble.append(f"{shown} : fiche invalide, empreinte non écrite (lancez python -m macros.cli check)")
            continue
        if not record.file:
            continue
        text = provenance.source_text(folder, record.file)
        target = record_file.with_suffix(prints.SUFFIX)
        if text is None:
            trouble.append(f"{shown} : texte « {record.file} » absent de {folder}, empreinte non écrite")
            continue
        old, salt = None, None
        if target.is_file() and not target.is_symlink():
            old, _ = prints.parse(target.read_bytes(), target.name)
            salt = old.salt if old is not None else None
        made = prints.Fingerprint.of(text, record.file, salt)
        content_text = made.text(record_file.stem)
        if target.is_file() and target.read_text(encoding="utf-8") == content_text:
            continue
        changed.append(target)
        if write:
            target.write_text(content_text, encoding="utf-8")
    for orphan in sorted(sources.glob(f"*{prints.SUFFIX}")):
        if not orphan.with_suffix(".yml").is_file():
            trouble.append(f"content/sources/{orphan.name} : empreinte sans fiche, à supprimer")
    return changed, trouble


def fingerprints(content: Path, verify: bool = False) -> int:
    """Write content/sources/<id>.fingerprint from the source texts (or, with --check, say
    which differ from them)."""
    from .provenance import seeds_dir
    folder = seeds_dir()
    if not folder.is_dir():
        print(f"Dossier des documents sources introuvable ({folder}) : placez les textes dans ../shared/seeds "
              f"à côté du dépôt, ou indiquez leur dossier dans la variable d'environnement QIC_SEEDS.",
              file=sys.stderr)
        return 1
    changed, trouble = refresh_fingerprints(content, folder, write=not verify)
    for line in trouble:
        print(line, file=sys.stderr)
    for file in changed:
        print(f"{display_path(file, REPO)} : {'à régénérer' if verify else 'écrite'}",
              file=sys.stderr if verify else sys.stdout)
    if verify:
        if changed:
            print("Les empreintes ne correspondent plus aux textes : lancez python -m macros.cli fingerprints",
                  file=sys.stderr)
        else:
            print("Empreintes à jour.")
        return 1 if changed or trouble else 0
    print(f"Empreintes à jour ({len(changed)} modifiée{'s' if len(changed) > 1 else ''}).")
    return 1 if trouble else 0


def new_site(content: Path, name: str, kind: str | None, region: str | None) -> int:
    """Create content/sites/<slug>.yml from starters/site.yml."""
    from .scaffold import NewSiteError
    from .scaffold import new_site as create
    try:
        file = create(content, name, kind, region)
    except NewSiteError as error:
        print(f"Fiche non créée : {error}", file=sys.stderr)
        return 1
    shown = display_path(file, REPO)
    print(f"Fiche créée : {shown}")
    print(f"Ouvrez-la, remplacez chaque « À COMPLÉTER » d'après vos sources, puis vérifiez avec "
          f"« python -m macros.cli check ». Sa page sera /sites/{file.stem}/.")
    return 0


def translations(content: Path) -> int:
    """Print, per file, the reader-facing texts that lack English; always 0 on valid content."""
    from .translations import report
    try:
        catalogue = load_catalogue(content, REPO)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print("\nLe contenu a des erreurs : corrigez-les (python -m macros.cli check) avant de "
              "faire le point sur les traductions.", file=sys.stderr)
        return 1
    print(report(catalogue))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m macros.cli",
                                     description="Outils du site Quartiers à Impact Collectif.")
    commands = parser.add_subparsers(dest="commande", required=True)
    check_cmd = commands.add_parser("check", help="vérifier tout le contenu YAML")
    check_cmd.add_argument("--content", type=Path, default=CONTENT)
    schemas_cmd = commands.add_parser("schemas", help="écrire les schémas JSON des fiches (schemas/) "
                                                      "à partir du modèle")
    schemas_cmd.add_argument("--out", type=Path, default=SCHEMAS, help="dossier des schémas (schemas/)")
    schemas_cmd.add_argument("--check", action="store_true",
                             help="ne rien écrire ; échouer si un schéma ne correspond plus au modèle")
    prints_cmd = commands.add_parser("fingerprints", help="écrire l'empreinte de chaque document source "
                                                          "(content/sources/<id>.fingerprint) à partir des textes")
    prints_cmd.add_argument("--content", type=Path, default=CONTENT)
    prints_cmd.add_argument("--check", action="store_true",
                            help="ne rien écrire ; échouer si une empreinte ne correspond plus à son texte")
    site_cmd = commands.add_parser("new-site", help="créer la fiche d'un site à partir du modèle")
    site_cmd.add_argument("name", help="nom du site, entre guillemets (ex. \"Château-Thierry\")")
    site_cmd.add_argument("--kind", choices=list(SITE_KINDS), type=str.lower,
                          help="nature du site : pilote, programme ou inspiration")
    site_cmd.add_argument("--region", help="région (ou province)")
    site_cmd.add_argument("--content", type=Path, default=CONTENT)
    translations_cmd = commands.add_parser("translations", help="lister les textes sans traduction anglaise")
    translations_cmd.add_argument("--content", type=Path, default=CONTENT)
    notes_cmd = commands.add_parser("release-notes", help="notes de version : fiches ajoutées, modifiées et "
                                                          "retirées depuis la version précédente (Markdown)")
    notes_cmd.add_argument("--since", default=None,
                           help="version de départ (étiquette Git, ex. v1.2) ; par défaut la version "
                                "précédente, ou le début du dépôt")
    notes_cmd.add_argument("--content", type=Path, default=CONTENT)
    args = parser.parse_args(argv)
    if args.commande == "check":
        return check(args.content)
    if args.commande == "schemas":
        return schemas(args.out, args.check)
    if args.commande == "fingerprints":
        return fingerprints(args.content, args.check)
    if args.commande == "new-site":
        return new_site(args.content, args.name, args.kind, args.region)
    if args.commande == "translations":
        return translations(args.content)
    if args.commande == "release-notes":
        from .notes import main_notes
        return main_notes(args.content.resolve(), args.since)
    return 2  # pragma: no cover

if __name__ == "__main__":
    sys.exit(main())
