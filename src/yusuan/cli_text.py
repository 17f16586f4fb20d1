"""The command line's own words in Chinese: Typer's and Click's labels, help and usage errors.

Typer prints its panels ("Arguments", "Options", "Commands", "Error"), the
usage line ("Usage: … [OPTIONS]"), the `--help` option's text ("Show this
message and exit.") and Click's usage errors ("Missing argument …", "No such
option …") in English.  People who read yusuan's messages read Chinese, so
this module replaces them: the panel titles and markers are Typer's
`rich_utils` constants (set once, by `use_chinese`, when that module is
loaded: Typer loads it, and with it Rich's Markdown, markdown-it and Pygments,
some 45 ms, only to print help or an error), the usage line and the
help option come from the command classes below (`cls=` of the app and of
every command), and a usage error's message is translated before Typer
prints it.  Option names and metavariables stay English: they are what is
typed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

from typer._click.exceptions import UsageError  # Typer bundles its own Click; its errors are these
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from yusuan.lazy_pattern import Pattern, lazy_compile

USAGE_PREFIX = "用法："
HELP_TEXT = "显示此帮助并退出"

PANEL_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
    "RICH_HELP": "运行 '{command_path} {help_option}' 查看帮助。",
}

# Click's usage errors, as (pattern, Chinese); the first match wins, anything else is left as it is.
USAGE_ERRORS: tuple[tuple[Pattern, str], ...] = tuple(
    (lazy_compile(pattern, re.DOTALL), chinese)
    for pattern, chinese in (
        (r"^Missing argument '(?P<a>[^']+)'\.?$", r"缺少参数 \g<a>。"),
        (r"^Missing option '(?P<a>[^']+)'\.?$", r"缺少选项 \g<a>。"),
        (r"^No such option: (?P<a>\S+) \(Possible options: (?P<b>.+)\)$", r"没有选项 \g<a>（可能是：\g<b>）。"),
        (r"^No such option: (?P<a>\S+) Did you mean (?P<b>\S+)\?$", r"没有选项 \g<a>；是不是要写 \g<b>？"),
        (r"^No such option: (?P<a>\S+)$", r"没有选项 \g<a>。"),
        (r"^No such command '(?P<a>[^']+)'\. Did you mean '(?P<b>[^']+)'\?$", r"没有命令 \g<a>；是不是要写 \g<b>？"),
        (r"^No such command '(?P<a>[^']+)'\.?$", r"没有命令 \g<a>。"),
        (r"^Got unexpected extra arguments?(?:\(s\))? \((?P<a>.+)\)$", r"多余的参数：\g<a>"),
        (r"^Option '(?P<a>[^']+)' requires an argument\.?$", r"选项 \g<a> 需要一个值。"),
        (r"^Option '(?P<a>[^']+)' does not take a value\.?$", r"选项 \g<a> 不带值。"),
        (r"^Invalid value for '(?P<a>[^']+)': Input should be a valid integer.*$", r"\g<a> 的值无效：应为整数。"),
        (r"^Invalid value for '(?P<a>[^']+)': Input should be a valid number.*$", r"\g<a> 的值无效：应为数字。"),
        (r"^Invalid value for '(?P<a>[^']+)': (?P<b>.+)$", r"\g<a> 的值无效：\g<b>"),
        (r"^Missing command\.?$", "缺少命令。"),
    )
)


# The type column of `--help` (Typer prints Python's type names: `<str>`, `<path>`, `<bool>`); None: not shown.
TYPE_NAMES: dict[str, str | None] = {
    "<bool>": None,  # a flag takes no value
    "<str>": "文本",
    "<path>": "路径",
    "<int>": "整数",
    "<list[Path]>": "文件…",
}
RICH_UTILS = "typer.rich_utils"


def use_chinese() -> None:
    """Set Typer's own labels to Chinese: now if Typer's `rich_utils` is loaded, else as it loads (idempotent)."""
    for param_class in (TyperOption, TyperArgument):
        if not getattr(param_class.display_type_rich, "chinese", False):
            param_class.display_type_rich = _chinese_type(param_class.display_type_rich)  # type: ignore[method-assign, assignment]
    module = sys.modules.get(RICH_UTILS)
    if module is not None:
        _set_labels(module)
    elif not any(isinstance(finder, _LabelsOnLoad) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LabelsOnLoad())


def _set_labels(module: ModuleType) -> None:
    for name, text in PANEL_TEXTS.items():
        setattr(module, name, text)


class _LabelsOnLoad(MetaPathFinder):
    """Finds `typer.rich_utils` as the path finder would, and sets the labels once it has run."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != RICH_UTILS:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _LabelsLoader(spec.loader)
        return spec


class _LabelsLoader(Loader):
    """The module's own loader, which then sets the labels in the module it ran."""

    def __init__(self, inner: Loader) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _set_labels(module)


def _chinese_type(display: Callable[[Any, Any], str | None]) -> Callable[[Any, Any], str | None]:
    def chinese(param: Any, ctx: Any) -> str | None:
        shown = display(param, ctx)
        return TYPE_NAMES.get(shown, shown) if shown is not None else None

    chinese.chinese = True  # type: ignore[attr-defined]
    return chinese


def chinese_usage_error(message: str) -> str:
    """Click's English usage error in Chinese (unknown messages unchanged)."""
    for pattern, chinese in USAGE_ERRORS:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return message


class _Chinese:
    """What the Chinese command and group share: the usage prefix, the help option, translated errors."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except UsageError as exc:
            raise _in_chinese(exc) from None


def _in_chinese(exc: UsageError) -> UsageError:
    """The same error, its message (which Click composes when printing) in Chinese."""
    text = chinese_usage_error(exc.format_message())
    exc.format_message = lambda: text  # type: ignore[method-assign]
    return exc


class ChineseCommand(_Chinese, TyperCommand):
    """A Typer command whose help and usage errors are Chinese."""


class ChineseGroup(_Chinese, TyperGroup):
    """The Typer app's group: Chinese help and usage errors, an unknown command's too."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            raise _in_chinese(exc) from None
