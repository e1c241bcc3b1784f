"""argparse speaking Chinese: usage, headings, built-in help texts and error messages.

argparse looks its texts up through `gettext` (the module-level `_` and `ngettext` in
argparse).  `ChineseArgumentParser` swaps in a Chinese catalogue only while one of its own
methods runs, so other users of argparse in the same process (pytest, for one) keep theirs.
Message ids not in the catalogue (a newer Python's wording) fall back to argparse's English.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

# argparse's message ids (Python 3.11 – 3.13) → Chinese.  Format keys stay as argparse
# fills them; %r becomes %s so values are shown in Chinese quotes, not Python reprs.
CATALOGUE: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选项“%(value)s”（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值“%s”",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的子命令“%(parser_name)s”（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}  # fmt: skip

PLURAL_CATALOGUE: dict[str, str] = {
    "expected %s argument": "需要 %s 个值",
}

# Names argparse puts into "invalid %(type)s value" (the type callable's __name__).
TYPE_NAMES: dict[str, str] = {"int": "整数", "float": "数字", "Path": "路径"}


def translate(message: str) -> str:
    return CATALOGUE.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    if singular in PLURAL_CATALOGUE:
        return PLURAL_CATALOGUE[singular]
    return singular if count == 1 else plural


_depth = 0


@contextlib.contextmanager
def chinese_messages() -> Iterator[None]:
    """argparse's texts in Chinese for the duration of the block (re-entrant)."""
    global _depth
    module: Any = argparse
    saved = module._, module.ngettext
    if _depth == 0:
        module._, module.ngettext = translate, translate_plural
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            module._, module.ngettext = saved


def _chinese(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with chinese_messages():
            return method(self, *args, **kwargs)

    return wrapper


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Headings end in a Chinese colon; subcommands are listed under their heading directly
    (without a line repeating the metavar above them)."""

    def format_help(self) -> str:
        text = super().format_help()
        return _HEADING.sub(lambda match: f"{match[1]}：", text)

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        return super()._format_action(action)


_HEADING = re.compile(r"^([^\s:：]*[^\x00-\x7f][^\s:：]*):$", re.MULTILINE)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, headings, help and errors are Chinese."""

    @_chinese
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    add_subparsers = _chinese(argparse.ArgumentParser.add_subparsers)
    parse_args = _chinese(argparse.ArgumentParser.parse_args)
    parse_known_args = _chinese(argparse.ArgumentParser.parse_known_args)
    format_usage = _chinese(argparse.ArgumentParser.format_usage)
    format_help = _chinese(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> NoReturn:
        with chinese_messages():
            super().error(message)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:
            type_name = getattr(action.type, "__name__", "")
            if type_name in TYPE_NAMES:
                message = f"“{arg_string}”不是有效的{TYPE_NAMES[type_name]}"
                raise argparse.ArgumentError(action, message) from None
            raise error


def add_db_option(parser: argparse.ArgumentParser, default_path: Path | None = None) -> None:
    """`--db PATH`, accepted before and after a subcommand.

    Kept as text (not a Path, which would fold the `//` of a server URL).  The default is
    SUPPRESS so that a subcommand's parser, which does not see an earlier `--db`, leaves
    the value the main parser stored alone."""
    hint = f"（默认：{default_path}）" if default_path is not None else ""
    parser.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH", help=f"数据库文件{hint}")


class SubcommandParser(ChineseArgumentParser):
    """The parser of every subcommand (and sub-subcommand): `--db PATH` is always accepted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from desktop.paths import default_database_path

        add_db_option(self, default_database_path())


def subcommand_names(parser: argparse.ArgumentParser) -> Sequence[str]:
    """The subcommands `parser` knows, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []
