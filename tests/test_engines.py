"""The engine stays swappable: ProperDocs, the maintained continuation of MkDocs 1.6,
builds the same site from the same configuration (`macros.build --engine properdocs`)."""
from __future__ import annotations

import re

from conftest import REPO, run_build

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(site, tmp_path):
    out = tmp_path / "site"
    result = run_build(REPO / "content", out, "--engine", "properdocs")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert pages == sorted(p.relative_to(out) for p in out.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 40
    for page in pages:
        ours, theirs = (GENERATOR.sub("", (root / page).read_text(encoding="utf-8")) for root in (site, out))
        assert ours == theirs, page
    assert "ProperDocs" in (out / "index.html").read_text(encoding="utf-8")  # it was ProperDocs that built it
    assert (out / "en" / "pagefind" / "pagefind.js").is_file()
