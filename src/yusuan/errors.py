"""User-facing errors: one line that names the place, and exit code 2.

A user's mistake (a malformed code in a YAML file, text in an amount cell, a
missing sheet, an unreadable PDF) must never surface as a traceback.  Readers
raise `InputError` with the exact place (`file:line`, `file sheet!cell`,
`file page N`); the CLI prints `错误：<place>: <message>` and exits 2.  An
input with many problems (a fill-in workbook left blank) raises `InputErrors`:
each problem on its own line, all in one run.  An `OSError` met reading or
writing a file is said by its errno in Chinese (`read_reason`, `write_reason`:
one table for both), never in Python's English `strerror`.
"""

from __future__ import annotations

import errno
from typing import NamedTuple

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

    def one_line(self, separator: str = ": ") -> str:
        """`place: message` on one line (`separator` between them: the web page's is a full-width colon)."""
        return " ".join((f"{self.place}{separator}{self.message}" if self.place else self.message).split())

    def lines(self, separator: str = ": ") -> list[str]:
        """What the CLI prints, one line per problem."""
        return [self.one_line(separator)]


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

    def lines(self, separator: str = ": ") -> list[str]:
        shown = [problem.one_line(separator) for problem in self.problems[:MAX_REPORTED_PROBLEMS]]
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


class OsReason(NamedTuple):
    """Why a file could not be read, and why it could not be written, for one errno (None: the general reason)."""

    reading: str | None
    writing: str | None


OS_REASONS: dict[int, OsReason] = {
    errno.EACCES: OsReason("没有读取权限", "没有写入权限"),
    errno.EPERM: OsReason("没有读取权限", "没有写入权限"),
    errno.EISDIR: OsReason("这是文件夹，不是文件", "这是一个文件夹"),
    errno.EIO: OsReason("读取出错（磁盘或网络错误）", None),
    errno.ENOENT: OsReason("文件不存在（已被移走或删除）", None),
    errno.EROFS: OsReason(None, "所在的文件系统是只读的"),
    errno.ENOSPC: OsReason(None, "磁盘空间不足"),
    errno.EDQUOT: OsReason(None, "磁盘配额已用完"),
    errno.ENAMETOOLONG: OsReason(None, "路径或文件名过长"),
    errno.ENOTDIR: OsReason(None, "路径中有一段是文件而不是文件夹"),
    errno.EEXIST: OsReason(None, "同名的文件已存在"),
}
"""The Chinese reason of an OSError by its errno: reading (a batch's file) and writing (a build's output)."""


def read_reason(exc: OSError) -> str:
    """Why a file could not be opened or read (any errno not in `OS_REASONS`: `无法读取文件`)."""
    reason = OS_REASONS.get(exc.errno or 0)
    return reason.reading if reason is not None and reason.reading is not None else "无法读取文件"


def write_reason(exc: OSError) -> str:
    """Why a file or folder could not be written (any errno not in `OS_REASONS`: the errno's number)."""
    reason = OS_REASONS.get(exc.errno or 0)
    return reason.writing if reason is not None and reason.writing is not None else f"写入失败（系统错误 {exc.errno}）"


def unreadable(exc: OSError) -> str:
    """A reader's message for a file it could not open or read: `无法读取文件：没有读取权限`, by the errno
    (`read_reason`); an errno without a reason of its own gives its number, never Python's English text."""
    reason = OS_REASONS.get(exc.errno or 0)
    if reason is not None and reason.reading is not None:
        return f"无法读取文件：{reason.reading}"
    return f"无法读取文件（系统错误 {exc.errno}）" if exc.errno else "无法读取文件"
