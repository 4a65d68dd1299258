"""MkDocs hooks: validate the content, then add one page per generated file.

Kept thin on purpose: the logic lives in plain modules that tests call
without MkDocs. Declared in mkdocs.yml under `hooks:`.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

# `mkdocs build` does not put the project on sys.path: make `import macros` work.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from markupsafe import escape  # noqa: E402

from macros import glue  # noqa: E402
from macros.typography import french_page  # noqa: E402
from macros.downloads import generated_downloads  # noqa: E402
from macros.pages import GeneratedPage, generated_pages, site_order  # noqa: E402
from macros.problems import ContentError  # noqa: E402
from macros.rendering import CompiledTemplates  # noqa: E402

log = logging.getLogger("mkdocs.hooks.qic")


def on_config(config):
    try:
        catalogue = glue.catalogue()
    except ContentError as error:
        raise PluginError(str(error)) from None
    # SITE_URL is the French root; the English site lives under en/
    english = config.theme["language"] == "en"
    root = (config.site_url or "").rstrip("/")
    if english:
        root = root.removesuffix("/en")
    if root:
        config.site_url = root + ("/en/" if english else "/")
    config.extra["site_root"] = root + "/" if root else ""
    if not config.repo_url:
        config.repo_url = glue.repository_url() or None
        if not config.repo_url:
            config.edit_uri = ""  # nowhere to edit: no edit links rather than broken ones
    for warning in catalogue.warnings:
        log.info(warning.format())  # stale dates warn in `check`, never fail a strict build
    # the generated site pages go under the "Sites" section of the navigation, while
    # a sidebar list stays readable; beyond that, readers reach them from the sites
    # index, the map and search (and every page no longer renders a huge menu)
    if lists_sites(config, catalogue):
        for item in config.nav or []:
            for section in item.values() if isinstance(item, dict) else []:
                if isinstance(section, list) and "sites/index.md" in section:
                    section[:] = ["sites/index.md"] + [f"sites/{key}.md" for key in site_order(catalogue)]
    return config


def lists_sites(config, catalogue) -> bool:
    """Whether each site page gets its own menu entry (up to extra.sites_in_nav sites)."""
    return len(catalogue.entries["sites"]) <= int(config.extra.get("sites_in_nav", 40))


_generated: dict[str, GeneratedPage] = {}  # this build's generated pages, by path
_ID = re.compile(r'(?<![\w-])id="([^"]+)"')


def on_files(files, config):
    lang = config.theme["language"]
    docs_dir = Path(config.docs_dir).resolve()
    catalogue = glue.current()
    listed_sites = lists_sites(config, catalogue)
    permalink_title = (config.mdx_configs.get("toc") or {}).get("permalink_title", "")
    _generated.clear()
    for page in generated_pages(catalogue, lang, glue.build_date(), permalink_title):
        if files.get_file_from_path(page.path):
            raise PluginError(f"{page.path} est produit à partir du contenu YAML : "
                              f"supprimez le fichier docs/{lang}/{page.path} qui porte le même nom")
        _generated[page.path] = page
        listed = page.source is None or listed_sites
        # no Markdown: the page is already HTML (see on_pre_page)
        file = File.generated(config, page.path, content="",
                              inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV)
        if page.source is not None:
            # the edit link opens the YAML file that produced the page
            file.edit_uri = os.path.relpath(page.source.resolve(), docs_dir).replace(os.sep, "/")
        files.append(file)
    for path, data in generated_downloads(catalogue, lang, glue.build_date(), config.site_url or "",
                                          config.extra.get("data_licence")):
        files.append(File.generated(config, path, content=data))
    return files


_compiled_templates = CompiledTemplates()  # the theme's, compiled once per process


def on_env(env, config, files):
    env.bytecode_cache = _compiled_templates
    return env


def on_pre_page(page, config, files):
    """A generated page is HTML rendered from its template: it skips the Markdown
    pass (which would only parse that HTML again, and cost most of the build)
    and the macros plugin's (it holds no macro)."""
    generated = _generated.get(page.file.src_uri)
    if generated is not None:
        page.read_source = lambda config: _read_source(page, generated)
        page.render = lambda config, files: _render(page, generated)
    return page


def _read_source(page, generated: GeneratedPage) -> None:
    """What Page.read_source would set: the page's metadata (its "front matter")."""
    page.markdown = ""
    # the theme prints the title and description unescaped
    page.meta = {"title": str(escape(generated.title)), "description": str(escape(generated.description)),
                 "render_macros": False}


def _render(page, generated: GeneratedPage) -> None:
    """What Page.render would set, from the already rendered page."""
    page.content = generated.html
    page.toc = get_toc(_toc_tokens(generated.headings.items))
    # every id, as MkDocs gathers them from raw HTML: links to #evenement-… are checked
    page.present_anchor_ids = set(_ID.findall(generated.html))
    page.links_to_anchors = {}


# Material's base.html (outside any block an override could replace) writes
# autocomplete="off" on its two checkboxes, which HTML forbids on a checkbox
# (the Nu HTML Checker's error): taken out of the finished page.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"'
                                  r' id="__(?:drawer|search)") autocomplete="off">')


def _finished(output: str, config) -> str:
    output = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", output)
    # French typography on the whole French page (title, menu, content, footer)
    return french_page(output) if config.theme["language"] == "fr" else output


def on_post_page(output, page, config):
    return _finished(output, config)


def on_post_template(output, template_name, config):
    """The same for pages made from a theme template alone (404.html)."""
    return _finished(output, config) if template_name.endswith(".html") else output


def _toc_tokens(items: list[tuple[int, str, str]]) -> list[dict]:
    """Nest the headings as Python-Markdown's toc extension does."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, text in items:
        token = {"level": level, "id": anchor, "name": str(escape(text)), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens
