"""mkdocs-macros entry point: the macros hand-written pages may call.

Declared in mkdocs.yml as `module_name: macros/main`.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros import glue, pages, publisher, rendering
from macros.outputs import build_of


def define_env(env):
    lang = env.conf["theme"]["language"]
    try:
        # who publishes the site (mkdocs.yml: extra.publisher), read once per build; the
        # legal notice, accessibility statement and « À propos » page test its values
        env.variables["publisher"] = publisher.read(env.conf["extra"])
    except publisher.PublisherError as error:
        raise PluginError(str(error)) from None
    # the repository the site is edited in: REPO_URL, else the Git host (GitHub Actions,
    # the clone's origin remote), else "" (the form then says where to paste its file)
    checkout = Path(env.conf.config_file_path).parent
    env.variables["repository"] = (env.conf.get("repo_url") or glue.repository_url(checkout) or "").rstrip("/")

    def build():
        return build_of(env.conf)

    def root() -> str:
        return pages.to_root(env.page.url) if env.page else ""

    @env.macro
    def picture(name: str) -> str:
        """A picture drawn from the content: "map", "timeline" or "continuum"."""
        return pages.picture(build().catalogue, lang, build().today, name, root())

    @env.macro
    def related_resources(topic: str) -> str:
        """Cards of the resources tagged with `topic` (see TOPICS in macros/model.py)."""
        return pages.related_resources(build().catalogue, lang, build().today, topic, root())

    @env.macro
    def sources(*cited) -> str:
        """The page's sources by their ids in content/sources/ (or {source: id, excerpts: [...]}):
        title, publisher, date, link and excerpts, never a file name."""
        return pages.source_list(build().catalogue, lang, build().today, list(cited), root())

    @env.macro
    def placed_on_continuum() -> bool:
        """True when a source places at least one site on the cooperation continuum."""
        return any(site.continuum for site in build().catalogue.sites.values())

    @env.macro
    def has_related_resources(topic: str) -> bool:
        """True when a resource is tagged with `topic` (or one of its sub-topics):
        a page leaves out its « related resources » section otherwise."""
        return bool(build().views.resources(topic=topic))

    @env.macro
    def publisher_block() -> str:
        """Who publishes the site: each value of extra.publisher that is set, then one
        sentence naming those not yet designated (said once per page)."""
        who = env.variables["publisher"]
        return rendering.renderer(lang).render("publisher.html.j2", facts=who.facts(lang),
                                               missing=who.missing_sentence(lang))

    @env.macro
    def site_address() -> str:
        """The published site's address (SITE_URL, its French root); "" when not set."""
        return env.conf["extra"].get("site_root", "")
