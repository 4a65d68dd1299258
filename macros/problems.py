"""Content problems: what a contributor is told when a YAML file is wrong.

Every check of the content (YAML syntax, the model, references) reports a
`Problem`; all of them are collected before anything is rendered, and printed
as ``file:line:column: field: message`` in French.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = "erreur"  # "erreur" stops the build, "avertissement" does not

    @property
    def is_error(self) -> bool:
        return self.severity == "erreur"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        subject = f" {self.field}:" if self.field else ""
        text = f"{where}:{subject} {self.message}"
        if self.severity != "erreur":
            text = f"{where}: {self.severity}:{subject} {self.message}"
        if self.hint:
            text += f" (conseil : {self.hint})"
        return text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        kind = "error" if self.is_error else "warning"

        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        message = self.message + (f" (conseil : {self.hint})" if self.hint else "")
        title = f"{self.field}" if self.field else "contenu"
        return (
            f"::{kind} file={esc_prop(self.path)},line={self.line},col={self.column},"
            f"title={esc_prop(title)}::{esc(message)}"
        )


@dataclass
class ProblemList:
    """Collects problems across all files of a content folder."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(Exception):
    """Raised when the content has at least one error; carries all problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len([p for p in self.problems if p.is_error])
        lines = "\n".join(p.format() for p in self.problems)
        plural = "s" if count > 1 else ""
        super().__init__(f"{count} erreur{plural} dans le contenu :\n{lines}")


def display_path(path: Path, root: Path) -> str:
    """A path as a contributor knows it: relative to the repository when inside it."""
    path, root = Path(path).resolve(), Path(root).resolve()
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()
