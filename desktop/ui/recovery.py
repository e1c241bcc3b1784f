"""Opening the ledger for the window: a damaged file or a ledger another window holds is
talked through with the user instead of ending the start with a bare error.

- Damaged (DatabaseDamaged): the file is never written to.  With a sound backup the user is
  offered 恢复备份 / 退出; restoring renames the damaged file aside (`<stem>-damaged-…`) and
  puts the backup in its place.  Without one, 抢救数据 copies whatever rows can be read
  into a new file in its place, the damaged file again kept aside.
- Held by another window (DatabaseInUse): on this computer the first window is brought
  forward and this start ends; when that window does not answer, or the ledger is held
  from another computer, the user is told who holds it and offered 只读打开 / 退出.

Every question goes through the module-level `ask` (parent, title, text, buttons) → the
button pressed or None, which tests replace; nothing here runs a modal loop of its own.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from db.backup import BackupError
from db.database import DatabaseDamaged, DatabaseInUse, DatabaseOpenError, open_database
from db.instance_lock import Holder
from db.recovery import newest_sound_backup, recover_from_backup, salvage, set_aside
from desktop import APP_NAME
from desktop.ui import single_instance
from desktop.ui.backup_folder import chosen_folder

RESTORE, SALVAGE, READ_ONLY, QUIT, OK = "恢复备份", "抢救数据", "只读打开", "退出", "确定"

Ask = Callable[[QWidget | None, str, str, Sequence[str]], str | None]


def ask_with_buttons(
    parent: QWidget | None, title: str, text: str, buttons: Sequence[str]
) -> str | None:
    """A message box with `buttons` (the first is the default, the last also answers Esc);
    the text of the button pressed, None when the box was closed otherwise."""
    icon = QMessageBox.Icon.Warning if len(buttons) > 1 else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    made = {}
    for number, label in enumerate(buttons):
        last = number == len(buttons) - 1 and len(buttons) > 1
        role = QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole
        made[label] = box.addButton(label, role)
    box.setDefaultButton(made[buttons[0]])
    box.setEscapeButton(made[buttons[-1]])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((label for label, button in made.items() if button is clicked), None)


#: Replaced in tests to answer the questions a user would see.
ask: Ask = ask_with_buttons


@dataclass(frozen=True)
class Opened:
    """The ledger is open (the models bound); `read_only` when another window edits it
    (a file) or the login may only read (`server`: a server ledger, desktop/ui/server_open.py)."""

    read_only: bool = False
    holder: str = ""  # the computer that holds the ledger, when known
    server: bool = False


def open_for_window(db_path: Path, parent: QWidget | None = None) -> Opened | None:
    """Open the ledger at `db_path` for the window, asking the user what to do about a
    damaged file or a ledger in use; None when the program should end."""
    db_path = Path(db_path)
    for _attempt in range(3):  # a restored or salvaged file is opened (and checked) again
        try:
            open_database(db_path, single_window=True)
            return Opened()
        except DatabaseDamaged as error:
            if not handle_damaged(db_path, error, parent):
                return None
        except DatabaseInUse as error:
            return handle_in_use(db_path, error, parent)
        except DatabaseOpenError as error:
            ask(parent, f"{APP_NAME} — 无法打开数据库", str(error), (OK,))
            return None
    return None


# ----- a damaged file -------------------------------------------------------------------
def handle_damaged(db_path: Path, error: DatabaseDamaged, parent: QWidget | None = None) -> bool:
    """Talk the user through a damaged ledger; True when a sound file now stands in its
    place (open it again), False to end the program.  The damaged file is only renamed."""
    title = f"{APP_NAME} — 数据库已损坏"
    backup, message = _offered_backup(db_path, error)
    if backup is not None:
        text = (
            f"{message}。\n\n点“{RESTORE}”用这个备份替换损坏的文件，损坏的文件会改名保留在"
            f"原文件夹中；备份之后所做的修改不在其中。"
        )
        if ask(parent, title, text, (RESTORE, QUIT)) != RESTORE:
            return False
        try:
            aside = recover_from_backup(db_path, backup.path)
        except BackupError as failure:
            ask(parent, title, f"未能恢复备份：{failure}", (OK,))
            return False
        ask(
            parent,
            f"{APP_NAME} — 已恢复备份",
            f"已用备份“{backup.path.name}”（{backup.created:%Y-%m-%d %H:%M}）恢复"
            f"数据库。损坏的文件已改名保留为“{aside.name}”。",
            (OK,),
        )
        return True
    text = (
        f"{error}。\n\n点“{SALVAGE}”把还能读出的内容复制到一个新文件中继续使用，损坏的文件"
        f"会改名保留在原文件夹中。"
    )
    if ask(parent, title, text, (SALVAGE, QUIT)) != SALVAGE:
        return False
    return _salvage_in_place(db_path, parent)


def _offered_backup(db_path: Path, error: DatabaseDamaged):
    """The newest sound backup, in `backups/` (found by the check) or in the backup folder
    this computer chose (a USB stick, a share), with the sentence that names it."""
    chosen = chosen_folder()
    if chosen is None or not chosen.is_dir():
        return error.backup, str(error)
    other = newest_sound_backup(db_path, chosen)
    if other is None or (error.backup is not None and error.backup.created >= other.created):
        return error.backup, str(error)
    tasks = "" if other.tasks is None else f"，{other.tasks} 项任务"
    return other, (
        f"数据库文件“{db_path.name}”已损坏（完整性检查未通过），为防止损坏扩大，程序未向其写入"
        f"任何内容；备份文件夹“{chosen}”中最近一个完好的备份是“{other.path.name}”"
        f"（{other.created:%Y-%m-%d %H:%M}{tasks}），可用它恢复"
    )


def _salvage_in_place(db_path: Path, parent: QWidget | None) -> bool:
    title = f"{APP_NAME} — 抢救数据"
    try:
        aside = set_aside(db_path)
    except BackupError as failure:
        ask(parent, title, f"未能抢救数据：{failure}", (OK,))
        return False
    try:
        report = salvage(aside, db_path)
    except BackupError as failure:
        _put_back(aside, db_path)
        ask(parent, title, f"未能抢救数据：{failure}。损坏的文件保持原样。", (OK,))
        return False
    lost = sum(report.lost.values())
    result = "全部内容都已读出" if report.complete else f"有 {lost} 条记录无法读出，已舍弃"
    ask(
        parent,
        title,
        f"已把能读出的内容复制到新的“{db_path.name}”中（{report.copied.get('node', 0)} 个"
        f"任务和部分），{result}。损坏的文件已改名保留为“{aside.name}”。",
        (OK,),
    )
    return True


def _put_back(aside: Path, db_path: Path) -> None:
    """Undo set_aside() after a failed salvage: the damaged file under its own name again."""
    with contextlib.suppress(OSError):
        for suffix in ("-wal", "-shm"):
            companion = aside.with_name(aside.name + suffix)
            if companion.exists():
                os.replace(companion, db_path.with_name(db_path.name + suffix))
        os.replace(aside, db_path)


# ----- a ledger another window holds ----------------------------------------------------
def held_here(holder: Holder | None) -> bool:
    """Whether the window holding the ledger runs on this computer."""
    return holder is None or holder.host == socket.gethostname()


def handle_in_use(
    db_path: Path, error: DatabaseInUse, parent: QWidget | None = None
) -> Opened | None:
    """The ledger is open in another window: bring it forward (this computer) or offer to
    look at the ledger read-only; None to end this start."""
    holder = error.holder
    if held_here(holder) and single_instance.bring_forward(db_path):
        return None  # the first window came forward: the user works there
    if holder is None or held_here(holder):
        advice = f"请切换到那个窗口继续工作。也可以“{READ_ONLY}”查看这个数据库，但不能修改。"
    else:
        advice = (
            f"可以“{READ_ONLY}”查看这个数据库（那台计算机保存的修改会随时显示），但不能修改；"
            f"要修改，请先在计算机“{holder.host}”上关闭程序。"
        )
    text = f"{error}。\n\n{advice}"
    if ask(parent, f"{APP_NAME} — 数据库正在使用", text, (READ_ONLY, QUIT)) != READ_ONLY:
        return None
    try:
        open_database(db_path, read_only=True)
    except DatabaseOpenError as failure:
        ask(parent, f"{APP_NAME} — 无法打开数据库", str(failure), (OK,))
        return None
    return Opened(read_only=True, holder=holder.host if holder is not None else "")
