"""Writing files so a failure never leaves a half file: a temporary name in the target
folder, then os.replace.  A target open in Excel, WPS or LibreOffice gives a clear message."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path


class ExportError(Exception):
    """An export that cannot be done; str() is one Chinese line naming the file."""


def lock_files(target: Path) -> list[Path]:
    """The lock files Excel/WPS (~$name) and LibreOffice (.~lock.name#) keep beside a file."""
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(target.stem) > 2:
        candidates.append(f"~${name[2:]}")  # Office shortens long names this way
    return [target.with_name(candidate) for candidate in candidates]


def check_target(target: Path) -> None:
    """Refuse a target that is a folder, in a missing folder, or open in another program."""
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请指定要保存的文件名")
    if not target.parent.is_dir():
        raise ExportError(f"保存位置“{target.parent}”不存在")
    if any(lock.exists() for lock in lock_files(target)):
        raise ExportError(_open_elsewhere(target))


def _open_elsewhere(target: Path) -> str:
    return f"文件“{target.name}”正在 Excel 或 WPS 中打开，请先关闭该文件再导出"


def write_files(jobs: Sequence[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """For each (target, write) pair, `write(temporary)` then rename it onto the target.

    Every target is checked before anything is written and every file is written before any
    is renamed, so an error leaves no temporary file and no half-written target; a target
    that existed keeps its old contents when its write fails.
    """
    for target, _write in jobs:
        check_target(target)
    written: list[tuple[Path, Path]] = []
    try:
        for target, write in jobs:
            temporary = target.with_name(
                f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}"
            )
            written.append((temporary, target))
            try:
                write(temporary)
            except PermissionError as error:
                raise ExportError(f"没有权限在“{target.parent}”中保存文件") from error
            except OSError as error:
                raise ExportError(f"无法保存“{target.name}”：{error.strerror or error}") from error
        done: list[Path] = []
        for temporary, target in written:
            try:
                os.replace(temporary, target)
            except PermissionError as error:
                raise ExportError(_open_elsewhere(target)) from error
            except OSError as error:
                raise ExportError(f"无法保存“{target.name}”：{error.strerror or error}") from error
            done.append(target)
        return done
    finally:
        for temporary, _target in written:
            if temporary.exists():
                temporary.unlink(missing_ok=True)
