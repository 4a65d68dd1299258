"""What a contributor does, end to end: one file per addition, every problem in one run."""
from __future__ import annotations

import subprocess
import sys

from conftest import BUILD_DATE, REPO, run_build

EVENT = """title:
  fr: "Rencontre des trinômes à Liévin"
date: 2023-03
sites: [lievin]
sources:
  - source: irev-territoire-impact-collectif
    excerpts:
      - "Les quartiers des Hauts-de-France participant à l'expérimentation"
"""


def test_an_event_is_one_file_that_names_its_site(content, tmp_path):
    (content / "events" / "rencontre-lievin-2023.yml").write_text(EVENT, encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(content, out, "--only", "fr")
    assert result.returncode == 0, result.stderr
    assert "Rencontre des trinômes à Liévin" in (out / "sites" / "lievin" / "index.html").read_text(encoding="utf-8")
    assert "rencontre-lievin-2023" in (out / "calendrier" / "sites" / "lievin.ics").read_text(encoding="utf-8")
    assert "rencontre-lievin-2023" not in (out / "calendrier" / "sites" / "hazebrouck.ics").read_text(encoding="utf-8")


def test_every_problem_of_a_broken_set_of_files_in_one_run(content):
    """A syntax error in one file does not hide a wrong reference in another, nor a
    misspelt field in a third: the contributor fixes them all in one round."""
    (content / "events" / "casse.yml").write_text('title: "ouvert\nphase: x\n', encoding="utf-8")
    (content / "resources" / "ref.yml").write_text(
        'title: {fr: "Ressource"}\nsummary: {fr: "Un résumé."}\nsites: [lievn]\n'
        "sources: [irev-territoire-impact-collectif]\n", encoding="utf-8")
    site = content / "sites" / "hazebrouck.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("region:", "regoin:"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "check", "--content", str(content)], cwd=REPO,
                            capture_output=True, text=True, env={"BUILD_DATE": BUILD_DATE, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    for expected in ("content/events/casse.yml:1:", "content/resources/ref.yml:3:", "« lievn »",
                     "content/sites/hazebrouck.yml:", "« regoin », ligne", "4 erreurs"):
        assert expected in result.stderr, (expected, result.stderr)
