"""The project's commands answer in French, argparse's own messages included."""
from __future__ import annotations

import argparse
import re
import sys

_ERRORS = [  # argparse's messages (Python 3.11–3.13), in French
    (r"argument (\S+): invalid choice: '?([^']*?)'? \(choose from (.*)\)",
     lambda m: f"{m[1]} : valeur « {m[2]} » non reconnue ; valeurs possibles : {m[3].replace(chr(39), '')}"),
    (r"the following arguments are required: (.*)", lambda m: f"argument obligatoire manquant : {m[1]}"),
    (r"unrecognized arguments: (.*)", lambda m: f"argument inconnu : {m[1]}"),
    (r"argument (\S+): expected one argument", lambda m: f"{m[1]} : une valeur est attendue après l'option"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?", lambda m: f"{m[1]} : valeur « {m[3]} » invalide"),
]


class Parser(argparse.ArgumentParser):
    """argparse with French usage, help option and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False  # our own -h, in French, below
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "utilisation :", 1)
        return text.replace("\noptions:\n", "\noptions :\n").replace("positional arguments:", "arguments :")

    def error(self, message: str):
        for pattern, french in _ERRORS:
            match = re.fullmatch(pattern, message)
            if match:
                message = french(match)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")
