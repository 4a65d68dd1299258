"""The Jinja environment that turns prepared data into page HTML.

Templates under macros/templates/ hold all the markup; this module only
provides the filters they need: language lookup with a visible fallback,
dates, and sanitised rich text (Markdown written in the YAML files).
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markdown_it
import nh3
import yaml
from markupsafe import Markup, escape

from .dates import DateSpan, PartialDate
from .paths import TEMPLATES

if TYPE_CHECKING:
    from .model import Text

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "br", "blockquote", "code", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}


def strings(path: Path = TEMPLATES / "strings.yml") -> dict[str, dict[str, str]]:
    """Interface wording in both languages (macros/templates/strings.yml), read again
    whenever the file changes: the live preview shows an edited label at the next save."""
    info = path.stat()
    return _read_strings(path, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=4)
def _read_strings(path: Path, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when there


def phone_display(number: str) -> str:
    """+33621793427 -> "06 21 79 34 27"; other countries stay international."""
    if number.startswith("+33") and len(number) == 12:
        local = "0" + number[3:]
        return " ".join(local[i:i + 2] for i in range(0, 10, 2))
    return number


def sanitise(html: str) -> Markup:
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"},
                            link_rel="noopener noreferrer"))


# CommonMark, as GitHub shows Markdown to contributors; markdown-it-py is about four
# times faster than Python-Markdown on these short texts (thousands per build at scale).
# Raw HTML is let through the parser so that nh3 removes it (the check warns about it).
_markdown = markdown_it.MarkdownIt("commonmark")


def markdown_html(source: str) -> str:
    """Markdown written in YAML rendered to HTML, not yet sanitised."""
    return _markdown.render(source)


@functools.lru_cache(maxsize=16384)
def rich_html(source: str) -> Markup:
    """Markdown written in YAML, rendered and sanitised (no script, no handlers)."""
    return sanitise(markdown_html(source))


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Compiled templates, ours and the theme's, kept between builds in the user's
    temporary folder (Jinja's own cache: written atomically, and each entry checked
    against its template's source, so an edited template is compiled again). A build,
    and the preview's build after every save, starts about 0.25 s sooner. Without a
    private temporary folder, templates are compiled at every build."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja finds the folder unsafe
        return None


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache | None:
    """The cache of compiled templates, made when a first template is rendered (not on import)."""
    return _compiled_templates()


@functools.cache
def renderer(lang: str) -> Renderer:
    """One Renderer per language and process: Jinja compiles each template once."""
    return Renderer(lang)


class Renderer:
    """Renders the templates for one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled_templates(),
        )
        self.env.filters.update(t=self.text, rich=self.rich, date=self.date, day=self.day,
                                phone=phone_display)
        self.env.globals.update(_=self.ui, lang=lang)
        # a TemplateModule: its macros are attributes set from the template, unknown to jinja2's types
        self.inline: Any = self.env.get_template("_inline.html.j2").module

    def ui(self, key: str, **values) -> str:
        text = strings()[key][self.lang]
        return text.format(**values) if values else text

    def text(self, value: Text | None) -> Markup:
        """Text in the page's language; French in a lang="fr" span when not translated."""
        if value is None:
            return Markup("")
        if value.is_fallback(self.lang):
            return Markup(self.inline.untranslated_text(value.fr))
        return escape(value.get(self.lang))

    def rich(self, value: Text | None) -> Markup:
        if value is None:
            return Markup("")
        html = rich_html(value.get(self.lang))
        if value.is_fallback(self.lang):
            return Markup(self.inline.untranslated_block(html))
        return html

    def date(self, value: DateSpan) -> Markup:
        return Markup(self.inline.time(value.start.iso(), value.render(self.lang)))

    def day(self, value: dt.date) -> str:
        return PartialDate(value.year, value.month, value.day).render(self.lang)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def module(self, template: str, **context) -> Any:
        """The rendered template (`str(module)`) and the variables it sets (title, description):
        a jinja2 TemplateModule, whose attributes (the template's variables) its types cannot name."""
        return self.env.get_template(template).make_module(context)
