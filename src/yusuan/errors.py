"""User-facing errors: one line that names the place, and exit code 2.

A user's mistake (a malformed code in a YAML file, text in an amount cell, a
missing sheet, an unreadable PDF) must never surface as a traceback.  Readers
raise `InputError` with the exact place (`file:line`, `file sheet!cell`,
`file page N`); the CLI prints `错误：<place>: <message>` and exits 2.  An
input with many problems (a fill-in workbook left blank) raises `InputErrors`:
each problem on its own line, all in one run.
"""

from __future__ import annotations

from yusuan.limits import MAX_REPORTED_PROBLEMS

INTERRUPTED = 130
"""Exit code of a command stopped by Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports it)."""
INTERRUPTED_UNWRITTEN = "已中断，未写入任何文件。"


class InputError(Exception):
    """The input cannot be used as it is; `place` says where, `message` says why."""

    exit_code = 2

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}" if place else message)
        self.place = place
        self.message = message

    def one_line(self) -> str:
        return " ".join(str(self).split())

    def lines(self) -> list[str]:
        """What the CLI prints, one line per problem."""
        return [self.one_line()]


class InputErrors(InputError):
    """Several problems of one input, all reported at once, in the order given (a workbook's: sheet order).

    `place` and `message` are the first problem's, so a caller that wants one
    line gets it; `lines()` gives every problem (at most MAX_REPORTED_PROBLEMS,
    then a count of the rest).
    """

    def __init__(self, problems: list[InputError]) -> None:
        assert problems, "InputErrors needs at least one problem"
        super().__init__(problems[0].place, problems[0].message)
        self.problems = problems

    def lines(self) -> list[str]:
        shown = [problem.one_line() for problem in self.problems[:MAX_REPORTED_PROBLEMS]]
        rest = len(self.problems) - len(shown)
        if rest:
            shown.append(f"还有 {rest} 处问题未列出（共 {len(self.problems)} 处）；请先改正以上各处")
        return shown


def raise_all(problems: list[InputError]) -> None:
    """Raise the one problem, or all of them, or nothing."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputErrors(problems)
