"""User-facing errors: one line that names the place, and exit code 2.

A user's mistake (a malformed code in a YAML file, text in an amount cell, a
missing sheet, an unreadable PDF) must never surface as a traceback.  Readers
raise `InputError` with the exact place (`file:line`, `file sheet!cell`,
`file page N`); the CLI prints `error: <place>: <message>` and exits 2.
"""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used as it is; `place` says where, `message` says why."""

    exit_code = 2

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}" if place else message)
        self.place = place
        self.message = message

    def one_line(self) -> str:
        return " ".join(str(self).split())
