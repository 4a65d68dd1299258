"""The Jinja environment of the hand-written pages (docs/): a sandbox.

mkdocs-macros renders every page of docs/ as a Jinja template. With Jinja's plain
Environment, a pull request adding `{{ cycler.__init__.__globals__.os.popen("id")
.read() }}` to a page runs that command on the CI runner. The pages need only the
project's macros (picture, related_resources, sources), `config.repo_url` and
`config.edit_uri`, and Jinja's own tags and filters.

`PageSandbox` is Jinja's SandboxedEnvironment (no attribute starting with « _ », no
internals of functions, frames or generators), made stricter: attributes are read
only on plain values (texts, numbers, lists, dicts, dates, Jinja's loop, cycler and
namespace), on the MkDocs configuration and on data classes given to the pages (the
publisher, macros/publisher.py), and there only their plain values (no module, such
as a hook's `os`, no plugin, theme or method). A refused attribute is
recorded and gives an empty value that stays empty whatever is done with it; the
hooks then stop the build with a French message naming the page (see hooks.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types

from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from mkdocs.config.base import Config

PLAIN = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, Markup, dt.date, dt.datetime)
JINJA_HELPERS = (LoopContext, Cycler, Joiner, Namespace)

refused: list[str] = []  # what the page being rendered tried to reach (cleared for each page)


class Refused:
    """What a refused attribute gives: nothing, whatever is read, called or printed."""

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __str__(self):
        return ""

    def __html__(self):
        return ""


class PageSandbox(SandboxedEnvironment):
    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, types.ModuleType) or isinstance(value, types.ModuleType):
            return False
        if type(obj) in PLAIN or isinstance(obj, JINJA_HELPERS):
            return True
        if isinstance(obj, Config):  # config.repo_url, config.extra.x: values, never the machinery
            return type(value) in PLAIN or isinstance(value, Config)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):  # `publisher.name`: a field, plain
            return attr in {field.name for field in dataclasses.fields(obj)} and type(value) in PLAIN
        return False

    def unsafe_undefined(self, obj, attribute):
        if not isinstance(obj, Refused):  # the first refused step of a chain is enough to name
            refused.append(f"« {attribute} » de {type(obj).__name__}")
        return Refused()
