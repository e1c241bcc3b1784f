"""Which Qt binding releases the program refuses to run on, and why.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every void Qt call and on
every model ``data()`` that returns None; after a few hundred edits the process dies with
``Fatal Python error: none_dealloc``.  Python 3.12 made ``None`` immortal, so there the same
release only miscounts.  pyproject.toml keeps PySide6 below 6.12; this check catches an
environment that was set up by other means (an old venv, a hand-made build).
"""

from __future__ import annotations

import sys

# (PySide6 version, the Python versions below which it aborts)
KNOWN_BAD: dict[str, tuple[int, int]] = {"6.12.0": (3, 12)}


def unsafe_binding_message(pyside_version: str, python: tuple[int, int] | None = None) -> str:
    """A Chinese sentence if this PySide6 release is known to abort here, else ''."""
    python = python or (sys.version_info.major, sys.version_info.minor)
    below = KNOWN_BAD.get(pyside_version)
    if below is None or python >= below:
        return ""
    return (
        f"本程序不能在 PySide6 {pyside_version} 与 Python {python[0]}.{python[1]} 上运行"
        "（该版本的 Qt 绑定会丢失对 None 的引用，几分钟内就会异常退出）。"
        "请重新执行 README 中的安装命令（pip install -e .），它会安装经过测试的 PySide6 6.11。"
    )
