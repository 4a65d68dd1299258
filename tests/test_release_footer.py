"""The release's version and date in the footer of both languages (RELEASE_VERSION, RELEASE_DATE)."""
from __future__ import annotations

import html
import os
import re

import pytest

from conftest import REPO, run_build


def footer(markup: str) -> str:
    match = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', markup, re.S)
    assert match, "no Material footer"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_footer_shows_the_release_in_each_language(tmp_path):
    out = tmp_path / "site"
    result = run_build(REPO / "content", out, env={"RELEASE_VERSION": "v1.2", "RELEASE_DATE": "2026-11-30"})
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "sites/lievin/index.html"):
        french = footer((out / page).read_text(encoding="utf-8"))
        english = footer((out / "en" / page).read_text(encoding="utf-8"))
        assert "Version v1.2 du 2026-11-30" in french
        assert "Version v1.2 of 2026-11-30" in english
        assert "Version v1.2 of" not in french and "du 2026" not in english
        assert "Material for MkDocs" in french and "Material for MkDocs" in english  # Material's own part kept
    assert '<time datetime="2026-11-30">' in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(bool(os.environ.get("RELEASE_VERSION")), reason="RELEASE_VERSION is set for this run")
def test_footer_has_no_version_when_none_is_set(site):
    for page in ("index.html", "en/index.html"):
        markup = (site / page).read_text(encoding="utf-8")
        assert "md-copyright__release" not in markup
        assert "Version" not in footer(markup)
