"""The MkDocs glue (macros/hooks.py), tested in-process on a loaded configuration.

No build: MkDocs' own configuration loader and file collection, then our
hooks called as MkDocs calls them. What only a full build shows stays in
test_build.py.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from conftest import REPO

from macros.content import load_catalogue

TODAY = dt.date(2026, 11, 30)


def started(name: str = "mkdocs.yml", command: str = "build"):
    """A configuration loaded by MkDocs, its plugins (ours among them) started and configured."""
    config = load_config(str(REPO / name))
    config.plugins.on_startup(command=command, dirty=False)
    return config.plugins.on_config(config)


def our_hooks(config):
    return config.plugins["macros/hooks.py"]  # the module as MkDocs loaded it


@pytest.fixture
def configured(request, monkeypatch):
    """(config, files) of one language after MkDocs' on_startup, on_config and on_files."""
    monkeypatch.setenv("REPO_URL", "https://github.com/exemple/qic")
    config = started(request.param)
    files = config.plugins.on_files(get_files(config), config=config)
    return config, files


@pytest.mark.parametrize("configured", ["mkdocs.yml", "mkdocs.en.yml"], indirect=True)
def test_every_site_gets_a_yaml_page_whose_edit_link_opens_its_file(configured):
    config, files = configured
    sites = load_catalogue(REPO / "content", REPO, TODAY).entries["sites"]
    for key in sites:
        file = files.get_file_from_path(f"sites/{key}.md")
        assert isinstance(file.page, our_hooks(config).YamlPage), key
        assert (config.repo_url + "/" + config.edit_uri + file.edit_uri).endswith(f"/content/sites/{key}.yml")
    assert files.get_file_from_path("calendrier/programme.ics") is not None


@pytest.mark.parametrize("configured", ["mkdocs.yml"], indirect=True)
def test_a_yaml_page_is_rendered_from_its_template_without_markdown(configured):
    config, files = configured
    page = files.get_file_from_path("sites/lievin.md").page
    page.read_source(config)
    assert page.markdown == "" and page.meta["render_macros"] is False
    assert "Liévin" in str(page.meta["title"])
    page.render(config, files)
    assert page.content == page.generated.html
    assert [item.title for item in page.toc][:1] == [str(page.meta["title"])]  # the h1 leads the table of contents
    assert page.present_anchor_ids  # links into the page are checked by MkDocs


@pytest.mark.parametrize("configured", ["mkdocs.yml"], indirect=True)
def test_the_sites_section_of_the_menu_lists_each_site(configured):
    config, _ = configured
    section = next(item["Sites"] for item in config.nav if isinstance(item, dict) and "Sites" in item)
    assert section[0] == "sites/index.md" and len(section) == 1 + len(list((REPO / "content" / "sites").glob("*.yml")))


def test_a_hand_written_page_cannot_take_a_generated_address(monkeypatch, tmp_path):
    config = started()
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "lievin.md").write_text("# Liévin écrit à la main\n", encoding="utf-8")
    config.docs_dir = str(tmp_path)
    with pytest.raises(PluginError, match="sites/lievin.md est produit à partir du contenu YAML"):
        config.plugins.on_files(get_files(config), config=config)


def test_content_errors_stop_a_build_but_not_the_preview(monkeypatch, tmp_path):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    monkeypatch.setenv("QIC_CONTENT", str(content))
    config = started(command="serve")  # a first good load
    hooks = our_hooks(config)
    site = content / "sites" / "lievin.yml"
    written = site.read_text(encoding="utf-8")
    where = f"content/sites/lievin.yml:{written.splitlines().index('kind: pilote') + 1}:1"
    site.write_text(written.replace("kind: pilote", "kind: piloote"), encoding="utf-8")
    hooks.on_config(config)
    html = hooks.on_post_page('<article class="md-content__inner md-typeset"><h1>x</h1>', None, config)
    assert "qic-preview-errors" in html and where in html
    hooks.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match="piloote"):
        hooks.on_config(config)


def test_compiled_templates_are_kept_in_a_private_folder_or_not_at_all(tmp_path, monkeypatch):
    import os
    import tempfile

    from macros import rendering
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = tmp_path / f"_jinja2-cache-{os.getuid()}"
    assert rendering._compiled_templates().directory == str(folder) and folder.is_dir()
    # a folder Jinja cannot trust (here a file in its place): templates are compiled at
    # every build, without an error
    folder.rmdir()
    folder.write_text("")
    assert rendering._compiled_templates() is None


PUBLISHER_PAGES = ["a-propos/index.md", "a-propos/mentions-legales.md", "a-propos/accessibilite.md"]


def rendered_markdown(name: str, paths: list[str], publisher: dict) -> dict[str, str]:
    """The pages' Markdown after the macros, under a configuration whose extra.publisher
    sets these values (the rest of mkdocs.yml as it is)."""
    extra = dict(load_config(str(REPO / name)).extra)
    config = load_config(str(REPO / name), extra={**extra, "publisher": {**extra["publisher"], **publisher}})
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    pages = {}
    for path in paths:
        page = Page(None, files.get_file_from_path(path), config)
        page.read_source(config)
        pages[path] = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    return pages


@pytest.mark.parametrize("name, sentence, publisher", [("mkdocs.yml", "ne sont pas encore désignés", "l&#39;éditeur"),
                                                       ("mkdocs.en.yml", "have not yet been designated", "publisher")])
def test_a_publisher_value_set_in_the_configuration_shows_and_leaves_the_sentence(monkeypatch, name, sentence,
                                                                                   publisher):
    pages = rendered_markdown(name, PUBLISHER_PAGES, {"name": "Éditeur Exemple", "email": "contact@example.org"})
    for path, markdown in pages.items():
        assert "Éditeur Exemple" in markdown and "mailto:contact@example.org" in markdown, path
        missing = re.findall(r'<p class="qic-publisher-missing">(.*?)</p>', markdown)
        assert len(missing) == 1 and sentence in missing[0], path
        assert publisher not in missing[0].lower() and "contact" not in missing[0], path
    # every value set: no sentence at all
    everything = {"name": "E", "address": "A", "director": "D", "email": "e@example.org", "host": "H",
                  "licence": "L"}
    for path, markdown in rendered_markdown(name, PUBLISHER_PAGES, everything).items():
        assert "qic-publisher-missing" not in markdown, path
    # a mistyped key stops the build, naming it
    with pytest.raises(PluginError, match="clé inconnue « nom »"):
        rendered_markdown(name, [], {"nom": "X"})


def test_an_edited_label_is_read_at_the_next_build(tmp_path):
    """strings.yml is read again when it changes: the preview shows an edited label."""
    import os

    from macros import rendering
    labels = tmp_path / "strings.yml"
    labels.write_text('title: {fr: "Avant", en: "Before"}\n', encoding="utf-8")
    assert rendering.strings(labels)["title"]["fr"] == "Avant"
    labels.write_text('title: {fr: "Après", en: "After"}\n', encoding="utf-8")
    stamp = labels.stat().st_mtime_ns + 1_000_000_000
    os.utime(labels, ns=(stamp, stamp))
    assert rendering.strings(labels)["title"]["fr"] == "Après"


def test_importing_the_renderer_makes_no_folder(tmp_path):
    """No cache folder is made by importing the code: only when a template is first compiled."""
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-c", "import macros.rendering, macros.hooks"], cwd=REPO,
                            env={**__import__("os").environ, "TMPDIR": str(tmp_path)}, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_each_build_makes_its_own_pages_from_its_own_content(monkeypatch, tmp_path):
    """Nothing from one build reaches the next in the same process (as in the preview):
    a build of edited content shows the edit, and a build of the original again shows
    exactly what the first one did."""
    import shutil
    edited = tmp_path / "content"
    shutil.copytree(REPO / "content", edited)
    site = edited / "sites" / "lievin.yml"
    site.write_text(site.read_text(encoding="utf-8").replace('name: "Liévin"', 'name: "Liévin-Modifié"'),
                    encoding="utf-8")

    def lievin_page(content: Path | None) -> str:
        if content is None:
            monkeypatch.delenv("QIC_CONTENT", raising=False)
        else:
            monkeypatch.setenv("QIC_CONTENT", str(content))
        config = started(command="serve")
        files = config.plugins.on_files(get_files(config), config=config)
        return files.get_file_from_path("sites/lievin.md").page.generated.html

    first = lievin_page(None)
    assert "Liévin-Modifié" in lievin_page(edited)
    assert lievin_page(None) == first and "Liévin-Modifié" not in first
