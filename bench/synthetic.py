"""Synthetic but valid content for the benchmark: N sites, each with an event,
a contact, a resource and a history entry, bilingual. The real organisations,
phases and source documents are copied so that references resolve.

Synthetic content never enters content/: it is written to a folder of the
benchmark's own and marked as invented in every record.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = ("coopération quartier habitants vision partagée collectif changement stratégie évaluation "
         "confiance engagement structure soutien action commune territoire acteurs associations "
         "collectivité formation accompagnement apprentissage ressources projet").split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(target: Path, sites: int, seed: int = 2026) -> Path:
    """Write a content folder with `sites` synthetic sites into `target`."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    for kind in ("sources", "organisations", "phases"):
        shutil.copytree(REPO / "content" / kind, target / kind)
    for kind in ("sites", "events", "contacts", "resources", "history"):
        (target / kind).mkdir(parents=True)
    source = ('sources: [{source: anct-approche-impacts-collectifs, '
              'excerpts: ["30 septembre et 1er octobre 2025 à Marseille - Lancement de la formation"]}]\n')
    for i in range(sites):
        key = f"site-{i:05d}"
        lat, lon = 43 + rng.random() * 7, -1 + rng.random() * 7
        (target / "events" / f"evenement-{i:05d}.yml").write_text(
            f"# Contenu synthétique du banc d'essai.\ntitle: {{fr: {q('Rencontre ' + str(i))}, en: {q('Meeting ' + str(i))}}}\n"
            f"date: {{start: 20{20 + i % 6}-{1 + i % 12:02d}, end: 20{21 + i % 6}-{1 + i % 12:02d}}}\n"
            f"place: Ville {i}\norganisers: [anct]\nphase: formation-nationale-2025-2026\n"
            f"summary: {{fr: {q(paragraph(rng, 2))}, en: {q(paragraph(rng, 2))}}}\n" + source, encoding="utf-8")
        (target / "contacts" / f"contact-{i:05d}.yml").write_text(
            f"name: Personne {i}\norganisation: anct\nemail: personne.{i}@exemple.fr\nphone: 01 23 45 {i % 100:02d} 00\n"
            f"role: {{fr: Coordination, en: Coordination}}\npublic: true\nlast_checked: 2026-11-30\n" + source,
            encoding="utf-8")
        (target / "resources" / f"ressource-{i:05d}.yml").write_text(
            f"title: {{fr: {q('Guide ' + str(i))}, en: {q('Guide ' + str(i))}}}\nurl: https://exemple.fr/guide-{i}\n"
            f"type: guide\nlanguage: fr\npublisher: anct\nyear: 2025\n"
            f"summary: {{fr: {q(paragraph(rng, 3))}, en: {q(paragraph(rng, 3))}}}\ntopics: [conditions]\n" + source,
            encoding="utf-8")
        (target / "history" / f"etape-{i:05d}.yml").write_text(
            f"date: 20{22 + i % 4}-{1 + i % 12:02d}\nphase: formation-nationale-2025-2026\n"
            f"title: {{fr: {q('Étape ' + str(i))}, en: {q('Step ' + str(i))}}}\n"
            f"story: {{fr: {q(paragraph(rng, 4))}, en: {q(paragraph(rng, 4))}}}\n"
            f"lessons:\n  - text: {{fr: {q(sentence(rng, 12))}, en: {q(sentence(rng, 12))}}}\n    topic: confiance\n"
            f"sites: [{key}]\n" + source, encoding="utf-8")
        (target / "sites" / f"{key}.yml").write_text(
            f"name: Quartier synthétique {i}\nkind: programme\nregion: Région {i % 13}\ndepartement: Département {i % 101}\n"
            f"commune: Commune {i}\ncountry: FR\ncoordinates: {{lat: {lat:.4f}, lon: {lon:.4f}, precision: commune}}\n"
            f"phases: [formation-nationale-2025-2026]\n"
            f"summary: {{fr: {q(paragraph(rng, 6))}, en: {q(paragraph(rng, 6))}}}\n"
            f"organisations: [anct]\ncontacts: [contact-{i:05d}]\nresources: [ressource-{i:05d}]\n"
            f"events: [evenement-{i:05d}]\nlast_checked: 2026-11-30\n" + source, encoding="utf-8")
    return target
