"""DuckDB's reason a `--query` failed, said in Chinese: what kind of error it is, and only what helps a SQL user.

DuckDB's messages are English and long (a failed function match lists every candidate).  `query_error` names
the kind of error in Chinese — 只能执行查询语句（SELECT）, 语法错误, 没有这张表, 没有这一列, 类型转换失败 — and keeps
of DuckDB's text only the names a user needs to correct the query: the word a syntax error is near and its line,
the missing table, column or function, the candidates DuckDB offers.
"""

from __future__ import annotations

import re

from yusuan.errors import InputError

QUERY_FAILED = "查询无法执行："
MAX_CANDIDATES = 5


def query_error(exc: BaseException) -> InputError:
    """The one-line error (place `--query`) for DuckDB's exception `exc`."""
    text = str(exc)
    kind = type(exc).__name__
    return InputError("--query", QUERY_FAILED + _reason(kind, text))


def _reason(kind: str, text: str) -> str:
    if kind == "ParserException":
        return _syntax(text)
    if "Cannot execute statement of type" in text:
        statement = _first(r'statement of type "([^"]+)"', text)
        return f"只能执行查询语句（SELECT），不能修改数据库（这是 {statement} 语句）"
    if kind == "CatalogException":
        return _catalog(text)
    if kind == "BinderException":
        return _binder(text)
    if kind in ("ConversionException", "OutOfRangeException"):
        detail = _first(r"Could not convert string '(.*?)' to (\w+)", text, whole=True)
        return f"类型转换失败（值无法转换为所需类型{'：' + detail if detail else ''}）"
    if kind == "PermissionException":
        return "查询只能读取数据库中的表，不能读取或写入其他文件"
    if kind == "IOException":
        return "无法读取查询中指定的文件"
    if kind == "DivisionByZeroException":
        return "除数为零"
    return f"查询出错（{kind}）"


def _syntax(text: str) -> str:
    near = _first(r'at or near "(.*?)"', text)
    line = _first(r"LINE (\d+):", text)
    if near is not None:
        return f"语法错误，在 “{near}” 附近" + (f"（第 {line} 行）" if line else "")
    if "at end of input" in text:
        return "语法错误：查询不完整（在末尾）"
    return "语法错误"


def _catalog(text: str) -> str:
    for pattern, what in (
        (r"Table with name (\S+) does not exist", "没有这张表"),
        (r"Table Function with name (\S+) does not exist", "没有这个表函数"),
        (r"Function with name (\S+) does not exist", "没有这个函数"),
        (r"Schema with name (\S+) does not exist", "没有这个模式（schema）"),
    ):
        name = _first(pattern, text)
        if name is not None:
            return f"{what}：{name}{_did_you_mean(text)}"
    return "没有这个表、列或函数"


def _binder(text: str) -> str:
    column = _first(r'Referenced column "([^"]+)"', text)
    if column is not None:
        candidates = re.findall(r'"([^"]+)"', text.split("Candidate bindings:", 1)[1]) if "Candidate" in text else []
        shown = f"（可用的列：{'、'.join(candidates[:MAX_CANDIDATES])}）" if candidates else ""
        return f"没有这一列：{column}{shown}"
    signature = _first(r"argument types '([^']+)'", text)
    if signature is not None:
        return f"函数的参数类型不符：{signature}（可能需要用 CAST 转换类型）"
    return "查询有误（列、函数或类型不匹配）"


def _did_you_mean(text: str) -> str:
    guess = _first(r'Did you mean "([^"]+)"', text)
    if guess is None or guess.startswith(("pg_", "duckdb_", "information_schema")):  # DuckDB's catalog: no help
        return ""
    return f"（是否指 {guess}？）"


def _first(pattern: str, text: str, whole: bool = False) -> str | None:
    match = re.search(pattern, text)
    if match is None:
        return None
    if whole:
        return f"{match.group(1)} → {match.group(2)}"
    return match.group(1)
