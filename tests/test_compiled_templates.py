"""Templates compiled once and shared: by the build's helper process with both
language builds, and across rebuilds of the preview server."""
from __future__ import annotations

import multiprocessing

import jinja2
import pytest

from macros import rendering


def _compile_in(connection):
    connection.send(rendering.compile_all())
    connection.close()


@pytest.fixture
def compilations(monkeypatch):
    counted: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        counted.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return counted


def test_templates_compiled_in_another_process_are_not_compiled_again(compilations, monkeypatch):
    monkeypatch.setattr(rendering, "_compiled", rendering.CompiledTemplates())
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    receiving, sending = context.Pipe(duplex=False)
    helper = context.Process(target=_compile_in, args=(sending,))
    helper.start()
    sending.close()
    bytecode = receiving.recv()
    helper.join()
    names = jinja2.FileSystemLoader(rendering.TEMPLATES).list_templates()
    assert len(bytecode) == len([n for n in names if n.endswith(".j2")])

    rendering.use_compiled(bytecode)
    english = rendering.Renderer("en")  # a new environment, as in a new build
    for name in names:
        if name.endswith(".j2"):
            english.env.get_template(name)
    assert compilations == []


def test_an_edited_template_is_compiled_again(compilations):
    cache = rendering.CompiledTemplates()
    before = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "avant"}), bytecode_cache=cache)
    assert before.get_template("page.html").render() == "avant"
    after = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "après"}), bytecode_cache=cache)
    assert after.get_template("page.html").render() == "après"
    same = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "après"}), bytecode_cache=cache)
    assert same.get_template("page.html").render() == "après"
    assert compilations == ["page.html", "page.html"]  # the third one came from the cache
