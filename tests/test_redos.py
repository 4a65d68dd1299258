"""ReDoS: every regular expression of the project read by recheck (npm `recheck`, pinned
in scripts/test.sh, through its pure JavaScript backend: no native binary needed).

Every regex literal of overrides/assets/*.js, and every compiled pattern the modules
of macros/ hold, is checked. A Python pattern recheck cannot read (possessive
quantifiers, verbose mode, inline flags: not JavaScript) is skipped with its reason
printed; those patterns are proved linear by the growth tests of
tests/test_hostile_round3.py instead.
"""
from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

RECHECK = REPO / ".tools" / "node_modules" / "recheck"

# recheck calls these "polynomial"; each is bounded (measured linear by the growth tests
# of test_hostile_round3.py: four times the text, about four times the time), or used
# in a way recheck does not assume.
BOUNDED = {
    "typography._URL": "scheme of at most 64 characters: a failed start costs at most 64 steps",
    "form.js TEXT_URL": "the same pattern as typography._URL",
    "provenance.EMAIL": "part before @ of at most 64 characters",
    # recheck judges a pattern as a search (tried from every position); these two are only
    # used with Pattern.match at one position (yaml_source._closed_after, _closing_line)
    "yaml_source._DOUBLE_QUOTED_REST": "matched at one position only: one start, linear",
    "yaml_source._SINGLE_QUOTED_REST": "matched at one position only: one start, linear",
}

_JS_LITERAL = re.compile(r"""(?:^|[=(,\[:!&|?;{}]|\breturn)\s*/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[*])"""
                         r"""(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])*)/([dgimsuyv]*)""", re.M)


def js_patterns() -> dict[str, tuple[str, str]]:
    found = {}
    for script in sorted((REPO / "overrides" / "assets").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        for match in _JS_LITERAL.finditer(text):
            line = text.count("\n", 0, match.start(1)) + 1
            name = re.search(r"var (\w+) = /?$", text[:match.start(1)].rsplit("\n", 1)[-1])
            label = f"{script.name} {name[1]}" if name else f"{script.name}:{line}"
            found[label] = (match[1], match[2].replace("g", "").replace("y", ""))
    return found


def python_patterns() -> dict[str, tuple[str, str]]:
    found = {}
    for module_file in sorted((REPO / "macros").glob("*.py")):
        module = importlib.import_module(f"macros.{module_file.stem}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and value not in found.values():  # imported ones once
                found[f"{module_file.stem}.{name}"] = value
    patterns = {}
    for label, pattern in found.items():
        if isinstance(pattern.pattern, bytes):
            continue
        flags = "".join(letter for flag, letter in ((re.I, "i"), (re.S, "s"), (re.M, "m"))
                        if pattern.flags & flag)
        patterns[label] = (pattern.pattern.replace("(?P<", "(?<").replace("\\Z", "$" if "m" not in flags else "(?![^]*)"),
                           flags + ("x" if pattern.flags & re.X else ""))
    return patterns


def test_every_regex_is_safe_for_recheck():
    node = shutil.which("node")
    if node is None or not RECHECK.is_dir():
        pytest.skip("Node.js ou recheck absent (bash scripts/test.sh les installe dans .tools/)")
    patterns = {**js_patterns(), **python_patterns()}
    assert len(patterns) > 30
    program = """
      const { checkSync } = require(process.argv[1]);
      const patterns = JSON.parse(require("fs").readFileSync(0, "utf-8"));
      const out = {};
      for (const [label, [source, flags]] of Object.entries(patterns)) {
        if (flags.includes("x")) { out[label] = {status: "skipped", reason: "verbose mode (re.X): not JavaScript"}; continue; }
        try { new RegExp(source, flags + "u"); } catch (error) {
          try { new RegExp(source, flags); } catch (again) {
            out[label] = {status: "skipped", reason: "not JavaScript: " + again.message}; continue; }
        }
        const result = checkSync(source, flags, {backend: "pure", timeout: 20000});
        out[label] = {status: result.status, complexity: result.complexity,
                      attack: result.attack && result.attack.pattern, error: result.error};
      }
      console.log(JSON.stringify(out));
    """
    result = subprocess.run([node, "-e", program, str(RECHECK)], input=json.dumps(patterns), capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    verdicts = json.loads(result.stdout)
    unsafe = {}
    for label, verdict in sorted(verdicts.items()):
        if verdict["status"] == "safe":
            continue
        if verdict["status"] == "skipped" or verdict["status"] == "unknown":
            print(f"recheck ne lit pas {label} : {verdict.get('reason') or verdict.get('error')}")
            continue
        if label in BOUNDED:
            print(f"{label} : {verdict['complexity']['summary']} selon recheck ; borné ({BOUNDED[label]})")
            continue
        unsafe[label] = verdict
    assert unsafe == {}, json.dumps(unsafe, ensure_ascii=False, indent=1)
