"""Writing files so a failure never leaves a half file: a temporary name in the target
folder, then os.replace.  A target open in Excel, WPS or LibreOffice gives a clear message.

A temporary file is held open (and, on POSIX, locked) while it is written, so the next export
to the same folder can tell the leftovers of a killed export from a file being written now,
and removes them."""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

try:  # POSIX only; on Windows an open file cannot be deleted, which serves the same end
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMPORARY_NAME = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp\.(xlsx|pdf)$", re.IGNORECASE)


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


def temporary_name(target: Path) -> Path:
    """The hidden temporary file beside `target`: .NAME.xxxxxxxx.tmp.xlsx."""
    return target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}")


@contextlib.contextmanager
def _held(temporary: Path) -> Iterator[IO[bytes]]:
    """Create `temporary` and keep it open (locked on POSIX) for the duration."""
    handle = open(temporary, "xb")  # noqa: SIM115 - closed below, after the rename
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield handle
    finally:
        handle.close()


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of exports that were killed (ours by name, not in use)."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not TEMPORARY_NAME.match(entry.name):
            continue
        try:
            if fcntl is not None:
                with open(entry, "rb") as handle:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    entry.unlink()
            else:  # pragma: no cover - Windows refuses to delete a file another export holds
                entry.unlink()
        except OSError:
            continue  # being written by another export, or not ours to remove
        removed.append(entry)
    return removed


def write_files(jobs: Sequence[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """For each (target, write) pair, `write(temporary)` then rename it onto the target.

    Every target is checked before anything is written and every file is written before any
    is renamed, so an error leaves no temporary file and no half-written target; a target
    that existed keeps its old contents when its write fails.
    """
    for target, _write in jobs:
        check_target(target)
    for folder in {target.parent for target, _write in jobs}:
        remove_stale_temporaries(folder)
    written: list[tuple[Path, Path]] = []
    with contextlib.ExitStack() as holds:
        return _write_and_rename(jobs, written, holds)


def _write_and_rename(
    jobs: Sequence[tuple[Path, Callable[[Path], None]]],
    written: list[tuple[Path, Path]],
    holds: contextlib.ExitStack,
) -> list[Path]:
    try:
        for target, write in jobs:
            temporary = temporary_name(target)
            try:
                holds.enter_context(_held(temporary))
                written.append((temporary, target))
                write(temporary)
            except PermissionError as error:
                raise ExportError(f"没有权限在“{target.parent}”中保存文件") from error
            except OSError as error:
                raise ExportError(f"无法保存“{target.name}”：{error.strerror or error}") from error
        if fcntl is None:  # pragma: no cover - Windows cannot rename a file held open
            holds.close()
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
        holds.close()
        for temporary, _target in written:
            if temporary.exists():
                temporary.unlink(missing_ok=True)
