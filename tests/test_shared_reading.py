"""The content read by two processes (macros/build.py's helper parses a share of
the files) gives the very same catalogue and the very same messages, at the
same lines, as the content read by one."""
from __future__ import annotations

import pickle

import pytest

from conftest import REPO
from test_broken_inputs import CASES, case_id, drop

from macros import content as content_module
from macros.content import adopt_parsed, load_catalogue, read_claimed
from macros.problems import ContentError
from macros.yaml_source import content_files, parse_claimed


def _messages(folder) -> list[str]:
    try:
        catalogue = load_catalogue(folder, REPO)
    except ContentError as error:
        return [p.format() for p in error.problems]
    return [p.format() for p in catalogue.warnings] + sorted(
        f"{kind}/{key}: {entry.record.model_dump_json()}"
        for kind, entries in catalogue.entries.items() for key, entry in entries.items())


def _claims(indexes):
    remaining = iter(indexes)
    return lambda: next(remaining, None)


def _read_shared(folder) -> None:
    """What the build does, in one process: every other file parsed "elsewhere"
    and sent through pickle (as through the pipe), the others read here."""
    files = content_files(folder, REPO)
    parsed = parse_claimed(files, _claims(range(1, len(files), 2)))
    read_claimed(files, _claims(range(0, len(files), 2)))
    adopt_parsed(pickle.loads(pickle.dumps(parsed)))


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(content_module, "_read_cache", {})


def test_the_real_content_reads_the_same_shared(content, fresh):
    alone = _messages(content)
    content_module._read_cache.clear()
    _read_shared(content)
    assert _messages(content) == alone
    assert len(alone) > 50


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_broken_input_is_reported_the_same_when_shared(case, content, fresh):
    drop(case, content)
    alone = _messages(content)
    content_module._read_cache.clear()
    _read_shared(content)
    assert _messages(content) == alone
    assert any(":" in line for line in alone)


def test_a_file_changed_after_being_parsed_elsewhere_is_read_again(content, fresh):
    files = content_files(content, REPO)
    parsed = parse_claimed(files, _claims(range(len(files))))
    site = content / "sites" / "lievin.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("kind: pilote", "kind: pilots", 1), encoding="utf-8")
    adopt_parsed(parsed)
    with pytest.raises(ContentError) as error:
        load_catalogue(content, REPO)
    assert "lievin.yml" in str(error.value) and "kind" in str(error.value)


def test_a_problem_found_after_checking_is_placed_at_its_line(content, fresh):
    """Documents parsed elsewhere come without their positions: a problem found
    later (here an unknown reference) finds its line again."""
    site = content / "sites" / "lievin.yml"
    text = site.read_text(encoding="utf-8")
    broken = text.replace("organisations: [anct,", "organisations: [organisation-inconnue,", 1)
    assert broken != text
    site.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as alone:
        load_catalogue(content, REPO)
    expected = [p.format() for p in alone.value.problems]
    assert any("organisation-inconnue" in p and "lievin.yml:14:" in p for p in expected)
    content_module._read_cache.clear()
    files = content_files(content, REPO)
    adopt_parsed(parse_claimed(files, _claims(range(len(files)))))
    assert all(cached[3][0] is None or cached[3][0].positions is None for cached in content_module._read_cache.values())
    with pytest.raises(ContentError) as shared:
        load_catalogue(content, REPO)
    assert [p.format() for p in shared.value.problems] == expected
