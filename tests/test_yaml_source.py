"""Safe YAML reading: positions, and what a contributor never means to write."""
from macros.yaml_source import read_document


def read(tmp_path, text, raw: bytes | None = None):
    file = tmp_path / "fiche.yml"
    file.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return read_document(file, "content/sites/fiche.yml")


def test_positions_of_nested_values(tmp_path):
    doc, problems = read(tmp_path, "name: X\nevents:\n  - a\n  - b\ncoordinates:\n  lat: 1\n")
    assert not problems
    assert doc.where(("events", 1)) == (4, 5)
    assert doc.where(("coordinates", "lat")) == (6, 3)
    assert doc.where(("coordinates", "lon")) == (5, 1)  # missing: its parent's place


def test_dates_stay_text_so_the_model_can_explain_them(tmp_path):
    doc, _ = read(tmp_path, "date: 2022-02-30\n")
    assert doc.data == {"date": "2022-02-30"}


def test_duplicate_key_is_an_error_with_both_lines(tmp_path):
    doc, problems = read(tmp_path, "name: A\nregion: B\nname: C\n")
    assert doc is None
    assert problems[0].format().startswith("content/sites/fiche.yml:3:1: name: champ en double")
    assert "ligne 1" in problems[0].message


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 9)}]" for i in range(1, 10)]
    doc, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert doc is None
    assert all("alias" in p.message for p in problems)


def test_python_tag_is_refused(tmp_path):
    doc, problems = read(tmp_path, "name: !!python/object/apply:os.system ['echo pwned']\n")
    assert doc is None and "étiquette YAML non autorisée" in problems[0].message


def test_non_utf8_bytes_are_located(tmp_path):
    doc, problems = read(tmp_path, "", raw=b"name: X\nregion: Hauts-de-France \xe9\n")
    assert doc is None
    assert (problems[0].line, problems[0].message) == (2, "caractères non UTF-8 (encodage incorrect)")
