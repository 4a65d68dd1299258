"""MkDocs hooks: validate the content, then add one page per generated file.

Kept thin on purpose: the logic lives in plain modules that tests call
without MkDocs. Declared in mkdocs.yml under `hooks:`.
"""
from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# MkDocs loads this file from the checkout whose mkdocs.yml it builds: that checkout's own
# `macros` package is the one imported below, and its content the one built, even when the
# Python environment is shared with another checkout (an editable install of that one).
_CHECKOUT = str(Path(__file__).resolve().parent.parent)
if sys.path[:1] != [_CHECKOUT]:
    sys.path.insert(0, _CHECKOUT)

import mkdocs_macros.plugin
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros import glue, output, rendering, sandbox, structured
from macros.files import is_plain, unsafe_files
from macros.history import read_history
from macros.outputs import BUILD, GIVEN, Build, Given, build_of, run_by_our_build
from macros.pages import GeneratedPage, french_root, site_order, to_root
from macros.problems import ContentError, Problem, inert
from macros.rendering import compiled_templates
from macros.typography import english_html, french_html

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken  # the tokens get_toc reads (a TypedDict of MkDocs)

log = logging.getLogger("mkdocs.hooks.qic")

# The hand-written pages are rendered by mkdocs-macros in a Jinja sandbox (see sandbox.py):
# the plugin builds its environment in its on_config, from this name, after MkDocs has
# loaded these hooks. on_page_markdown checks that it did.
mkdocs_macros.plugin.Environment = sandbox.PageSandbox  # type: ignore[misc]


# What lives in this module across builds, and only this: the MkDocs command this
# process runs, and in the live preview the last content that loaded without error
# (shown, with the problems, while a save has broken it). Each build's own state is
# its Build (macros/outputs.py), made in on_config and carried by the configuration.
_command = ""
_last_good: dict[str, Given] = {}  # by checkout


def on_startup(command, dirty):
    global _command
    _command = command


def on_pre_build(config):
    """Refusals that must come before MkDocs empties site_dir (which it does right after
    this event, when not --dirty): a target that is not a site (`mkdocs build -d content`
    would delete every YAML file), and links or special files among the pages and the
    theme (refused again, file by file, in on_files)."""
    if run_by_our_build(config):
        return  # macros.build checked its target and these files before
    repo = build_of(config).repo
    if _command == "build":  # `mkdocs serve` builds in a temporary folder of its own
        try:
            output.check_target(Path(config.site_dir), repo, part_of_site=True)
        except output.OutputError as error:
            raise PluginError(f"Construction refusée : {error}. Rien n'a été supprimé.") from None
    # also in the live preview: MkDocs lists the pages following links (os.walk(followlinks=True)),
    # and a link to / kept it walking the whole disk for minutes, answering no request
    folders = [Path(config.docs_dir)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    unsafe = [problem for folder in folders if folder.is_relative_to(repo) and folder.exists()
              for problem in unsafe_files(folder, repo)]
    if unsafe:
        kept = f"Rien n'a été supprimé de {config.site_dir}." if _command == "build" else \
            "Retirez-les : l'aperçu reprend dès qu'ils ne sont plus là."
        raise PluginError("fichiers refusés (liens symboliques ou fichiers spéciaux : seuls les fichiers "
                          "ordinaires du dépôt sont publiés) : " + ", ".join(p.path for p in unsafe) + ". " + kept)


def on_post_build(config):
    for path, data in build_of(config).outputs.written_after:
        target = Path(config.site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if _command == "build" and not run_by_our_build(config):  # a later `mkdocs build` may replace it
        Path(config.site_dir, output.MARKER).write_text(output.MARKER_TEXT, encoding="utf-8")
    if not config.site_url:
        # a sitemap lists absolute addresses: without the site's address (SITE_URL) MkDocs
        # writes an empty one, which the sitemaps.org schema refuses; none is published
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)
    if _command == "build" and not run_by_our_build(config):
        language = "anglais" if config.theme["language"] == "en" else "français"
        log.info(f"Attention : « mkdocs build » n'a construit que le site {language}, sans la recherche, dans "
                 f"{config.site_dir}. Le site complet (français, anglais dans en/, recherche) se construit "
                 "avec : bash scripts/build.sh")


def on_config(config):
    repo = Path(config.config_file_path).resolve().parent
    given, problems = (config[GIVEN], []) if run_by_our_build(config) else _loaded(repo)
    _set_addresses(config, repo)
    config[BUILD] = Build(given.catalogue, config.theme["language"], given.today, given.history, repo,
                          site_url=config.site_url or "", licence=config.extra.get("data_licence"),
                          permalink_title=(config.mdx_configs.get("toc") or {}).get("permalink_title", ""),
                          directory_urls=config.use_directory_urls, problems=problems)
    if not run_by_our_build(config):  # macros/build.py says these once for both languages
        for warning in given.catalogue.warnings:
            log.info(warning.format())  # stale dates warn in `check`, never fail a strict build
        notice = glue.history_notice(given.catalogue, given.history)
        if notice:
            log.info(notice)
    if lists_sites(config, given.catalogue):
        _list_sites_in_menu(config, given.catalogue)
    return config


def _loaded(repo: Path) -> tuple[Given, list[Problem]]:
    """The checked content of a plain `mkdocs build` or `mkdocs serve`, its day and its
    history (read again at each build: the preview sees new commits). In the live preview,
    when a save broke the content: the last good one, and the problems to show on every page."""
    today = glue.build_date()
    try:
        catalogue = glue.load(repo, today)
    except ContentError as error:
        if _command != "serve" or str(repo) not in _last_good:
            raise PluginError(str(error)) from None
        problems = [problem for problem in error.problems if problem.is_error]
        for problem in problems:
            log.info(problem.format())
        return _last_good[str(repo)], problems
    given = Given(catalogue, today, read_history(Path(catalogue.root)))
    if _command == "serve":
        _last_good[str(repo)] = given
    return given, []


def _set_addresses(config, repo: Path) -> None:
    """SITE_URL is the French root, the English site lives under en/; the repository
    (for edit links) is found when the configuration does not name it."""
    english = config.theme["language"] == "en"
    root = (config.site_url or "").rstrip("/")
    if english:
        root = root.removesuffix("/en")
    if root:
        config.site_url = root + ("/en/" if english else "/")
    config.extra["site_root"] = root + "/" if root else ""
    if not config.repo_url:
        config.repo_url = glue.repository_url(repo) or None
        if not config.repo_url:
            config.edit_uri = ""  # nowhere to edit: no edit links rather than broken ones


def _list_sites_in_menu(config, catalogue) -> None:
    """The generated site pages go under the "Sites" section of the menu, while a sidebar
    list stays readable; beyond that, readers reach them from the sites index, the map
    and search (and every page no longer renders a huge menu)."""
    for item in config.nav or []:
        for section in item.values() if isinstance(item, dict) else []:
            if isinstance(section, list) and "sites/index.md" in section:
                section[:] = ["sites/index.md"] + [f"sites/{key}.md" for key in site_order(catalogue)]


def _with_preview_problems(output, config):
    """In the live preview, content errors at the top of the page the browser reloads."""
    problems = build_of(config).problems
    if not problems:
        return output
    box = rendering.renderer(config.theme["language"]).render("preview_errors.html.j2", problems=problems)
    return output.replace('<article class="md-content__inner md-typeset">',
                          '<article class="md-content__inner md-typeset">' + box, 1)


def lists_sites(config, catalogue) -> bool:
    """Whether each site page gets its own menu entry (up to extra.sites_in_nav sites)."""
    return len(catalogue.entries["sites"]) <= int(config.extra.get("sites_in_nav", 40))


_ID = re.compile(r'(?<![\w-])id="([^"]+)"')


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    macros = config.plugins.get("macros")
    if macros is not None and not isinstance(macros.env, sandbox.PageSandbox):
        raise PluginError("les pages écrites à la main doivent être rendues dans le bac à sable Jinja "
                          "(macros/sandbox.py) : mkdocs-macros a changé, vérifiez macros/hooks.py")
    if sandbox.refused:
        where = f"docs/{Path(config.docs_dir).name}/{page.file.src_uri}"
        reached = ", ".join(dict.fromkeys(sandbox.refused))
        raise PluginError(f"{inert(where)} : code refusé dans la page ({inert(reached)}) : une page écrite à la "
                          "main n'appelle que les macros du projet (picture, related_resources, sources) et "
                          "config.repo_url ou config.edit_uri. Retirez ce code de la page.")
    return markdown


def on_files(files, config):
    """Hand MkDocs the pages and files made from the content (macros/outputs.py)."""
    build = build_of(config)
    refuse_unsafe_files(files, build.repo)
    docs_dir = Path(config.docs_dir).resolve()
    listed_sites = lists_sites(config, build.catalogue)
    for page in build.outputs.pages:
        if files.get_file_from_path(page.path):
            raise PluginError(f"{page.path} est produit à partir du contenu YAML : "
                              f"supprimez le fichier docs/{build.lang}/{page.path} qui porte le même nom")
        listed = page.source is None or listed_sites
        file = File.generated(config, page.path, content="",
                              inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV)
        if page.source is not None:
            # the edit link opens the YAML file that produced the page
            file.edit_uri = os.path.relpath(page.source.resolve(), docs_dir).replace(os.sep, "/")
        YamlPage(file, config, page)  # becomes file.page: MkDocs uses it as its own
        files.append(file)
    deferred = {path for path, _ in build.outputs.written_after}  # written in on_post_build
    for path, data in build.outputs.files:
        if path not in deferred:
            files.append(File.generated(config, path, content=data))
    return files


def refuse_unsafe_files(files, repo: Path) -> None:
    """Stop before reading a page or copying a file of the repository's (docs/,
    overrides/) that is a link or a special file: its target would be published."""
    unsafe = [file.src_uri for file in files if file.abs_src_path and Path(file.abs_src_path).is_relative_to(repo)
              and not is_plain(Path(file.abs_src_path), repo)]
    if unsafe:
        raise PluginError("fichiers refusés (liens symboliques ou fichiers spéciaux : seuls les fichiers "
                          "ordinaires du dépôt sont publiés) : " + ", ".join(inert(name) for name in unsafe))


def on_pre_page(page, config, files):
    """A hand-written page's date in the sitemap: its file's last change in Git (the build
    date without history, as MkDocs gives). The sandbox's refusals are counted per page."""
    sandbox.refused.clear()
    if not isinstance(page, YamlPage) and page.file.abs_src_path:
        change = build_of(config).history.file_changed(Path(page.file.abs_src_path))
        if change:
            page.update_date = change.day.isoformat()
    return page


def on_page_context(context, page, config, nav):
    """The page's schema.org JSON-LD (macros/structured.py), written in <head> by
    overrides/main.html: what a generated page shows, and the way to the page."""
    lang = config.theme["language"]
    root = to_root(page.url)
    site_url = config.site_url or ""
    # the files published once (open data) live at the French root
    data_base = (config.extra.get("site_root") or "") if site_url else french_root(root, lang)
    url = structured.Addresses(site_url, root, data_base)
    here = url(page.url)
    items = []
    if isinstance(page, YamlPage):
        items += structured.for_page(build_of(config).views, page.file.src_uri, here, url,
                                     config.extra.get("data_licence"))
    if page.is_homepage:
        items.append({"@type": "WebSite", "name": config.site_name, "url": here,
                      "inLanguage": structured.LOCALES[lang]})
    else:
        trail: list[tuple[str, str | None]] = [(config.site_name, url(""))]
        for section in reversed(page.ancestors):
            index = next((child for child in section.children if getattr(child, "is_index", False)), None)
            if index is not None and index is not page:
                trail.append((html.unescape(str(index.title or section.title)), url(index.url)))
        trail.append((html.unescape(str(page.title or "")), here))
        items.append(structured.breadcrumbs(trail))
    page.meta["qic_jsonld"] = structured.script(structured.document(items))
    return context


def on_env(env, config, files):
    env.bytecode_cache = compiled_templates()
    return env


class YamlPage(Page):
    """A page made from the content (as Material's blog makes its posts): its HTML is
    rendered from its template already, so it skips the Markdown pass (which would
    only parse that HTML again, and cost most of the build) and the macros plugin's
    (it holds no macro)."""

    def __init__(self, file: File, config, generated: GeneratedPage):
        super().__init__(None, file, config)
        self.generated = generated
        if generated.updated:  # the sitemap's lastmod: the last change of what the page shows
            self.update_date = generated.updated.isoformat()

    def read_source(self, config) -> None:
        """The page's metadata (its "front matter"), and no Markdown."""
        self.markdown = ""
        # the theme prints the title and description unescaped, or escapes them again (`| e`):
        # Markup is escaped once, and left as it is by `| e`
        self.meta = {"title": escape(self.generated.title), "description": escape(self.generated.description),
                     "render_macros": False}

    def render(self, config, files) -> None:
        self.content = self.generated.html
        self.toc = get_toc(_toc_tokens(self.generated.headings.items))
        # every id, as MkDocs gathers them from raw HTML: links to #evenement-… are checked
        self.present_anchor_ids = set(_ID.findall(self.generated.html))
        self.links_to_anchors = {}


# Material's base.html (outside any block an override could replace) writes
# autocomplete="off" on its two checkboxes, which HTML forbids on a checkbox
# (the Nu HTML Checker's error): taken out of the finished page.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"'
                                  r' id="__(?:drawer|search)") autocomplete="off">')


def _finished(output: str, config) -> str:
    output = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", output)
    # French typography on the whole French page (title, menu, content, footer); the
    # typographic apostrophe on the English one
    return french_html(output) if config.theme["language"] == "fr" else english_html(output)


def on_post_page(output, page, config):
    return _with_preview_problems(_finished(output, config), config)


def on_post_template(output, template_name, config):
    """The same for pages made from a theme template alone (404.html)."""
    return _finished(output, config) if template_name.endswith(".html") else output


def _toc_tokens(items: list[tuple[int, str, str]]) -> list[_TocToken]:
    """Nest the headings as Python-Markdown's toc extension does."""
    tokens: list[_TocToken] = []
    stack: list[_TocToken] = []
    for level, anchor, text in items:
        token: _TocToken = {"level": level, "id": anchor, "name": str(escape(text)), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens
