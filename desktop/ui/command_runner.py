"""The one command runner: owns the undo stack and the change hub, flushes pending edits
before any action, and applies one error policy to first runs, undo and redo alike.

- `OperationError` (the user asked for something that cannot be done): its message.
- A storage condition (`db.errors.storage_message` knows it: busy, locked, read-only, full,
  damaged, I/O): a Chinese message naming the action that could not be saved and the cause,
  then every view reloads from what is stored (a `Change(reload=True)`).  A failed first
  run (an edit being saved) keeps what the user typed on screen and offers 重试: the same
  command runs again; 取消 reloads the views as above.
- A `ConflictError` (another clerk saved the task meanwhile): the 保存冲突 dialog
  (desktop/ui/conflict_dialog.py) shows both versions; 保留我的修改 runs the save again.
- On a server window, a lost connection while saving does not ask: the window waits for
  the server (its `reconnect` hook, desktop/ui/server_connection.py) with what was typed
  kept, and runs the same command again when the server answers.
- Anything else is a bug: logged with its traceback, and a "程序出错" dialog that offers to
  open the log folder.

Every window and dialog runs commands through the runner (Anki's `CollectionOp` with its
initiator; qutebrowser's KnownError / BugError split).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from db.errors import LOST_CONNECTION, storage_message
from desktop.logs import log_action, log_exception, log_folder
from desktop.operations import Change, OperationError
from desktop.operations.conflicts import ConflictError
from desktop.operations.undo import ChangeHub, OperationCommand, push_done, run_command
from desktop.ui.worker import Cancelled, Worker

log = logging.getLogger("ledger.runner")

# What a save that failed on storage keeps, and what 重试 / 取消 do (report(retry=…)).
TYPED_KEPT = (
    "刚才输入的内容仍在窗口中，尚未保存。"
    "点“重试”再保存一次；点“取消”放弃这次修改，窗口将重新显示数据库中保存的内容。"
)
# Causes a retry cannot cure (a read-only or damaged file): told, then the views reload.
NO_RETRY = ("只读", "已损坏", "权限")
WORK_KEPT = "这次的内容尚未保存，数据库保持原样。点“重试”再保存一次；点“取消”放弃。"

# (parent, title, text) → None; replaced in tests to read what the user would see.
Notify = Callable[[QWidget | None, str, str], None]


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask_retry(parent: QWidget | None, title: str, text: str) -> bool:
    """重试 / 取消 after a save failed; True for 重试."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    again = box.clickedButton() is retry
    box.deleteLater()
    return again


def show_bug(parent: QWidget | None, title: str, text: str) -> None:
    """The "程序出错" dialog: what failed, that it is logged, and a button to the log."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    open_button = box.addButton("打开日志文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        open_log_folder()
    box.deleteLater()


def open_log_folder() -> bool:
    """Show the log folder in the file manager; False when it cannot be shown."""
    folder = log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def bug_text(phrase: str) -> str:
    return (
        f"无法{phrase}：程序遇到了意外错误。\n"
        "已保存的内容不受影响。错误详情已记入日志文件，可把日志文件夹中的文件发给技术人员。"
    )


class CommandRunner(QObject):
    """Runs undo commands for one window and every dialog it opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.hub = ChangeHub(self)
        self.stack = QUndoStack(self)
        self.warn: Notify = show_warning
        self.bug: Notify = show_bug
        # (parent, title, text) → True for 重试; replaced in tests to answer for the user.
        self.retry: Callable[[QWidget | None, str, str], bool] = ask_retry
        # (parent, action) → True when the server answers again; a server window sets it
        # (desktop/ui/server_connection.py): a lost connection then waits instead of asking.
        self.reconnect: Callable[[QWidget | None, str], bool] | None = None
        self._flush_hooks: list[tuple[object, Callable[[], None]]] = []
        self._flushing = False
        self._reporting = False
        # set when the user answered a refused save of the last flush with 取消: what they
        # typed stays in the editor, unsaved (conflict_dialog.resolve); the window then keeps
        # its item selected
        self.typing_kept = False
        self.hub.failed.connect(self._on_step_failed)

    # ----- pending edits -----------------------------------------------------------------
    def add_flush_hook(self, hook: Callable[[], None], owner: object = None) -> None:
        """`hook` saves what `owner` (an editor) holds unsaved; called before any action."""
        self._flush_hooks.append((owner, hook))

    def remove_flush_hooks(self, owner: object) -> None:
        self._flush_hooks = [(o, h) for o, h in self._flush_hooks if o is not owner]

    def flush(self, origin: object = None) -> None:
        """Save pending edits: the one place this happens before a command, an undo or redo,
        an export, a dialog or closing.  The hook of `origin` is skipped (its own edit is the
        action), and a command run by a hook does not flush again."""
        self.typing_kept = False
        if self._flushing:
            return
        self._flushing = True
        try:
            for owner, hook in list(self._flush_hooks):
                if owner is None or owner is not origin:
                    hook()
        finally:
            self._flushing = False

    # ----- running -----------------------------------------------------------------------
    def run(
        self,
        command: OperationCommand,
        origin: object = None,
        parent: QWidget | None = None,
        refused: Callable[[str], None] | None = None,
    ) -> bool:
        """Run `command` and push it; False (and the user told) when it failed.

        `refused` shows an OperationError's message instead of a warning box (a dialog
        with its own message line)."""
        if self._reporting:  # a focus change while a message box opens: not the user's act
            log.info("ignored while reporting: %s", command.text())
            return False
        self.flush(origin)
        log_action(command.text())
        while True:
            try:
                run_command(self.stack, command, origin)
            except ConflictError as error:
                from desktop.ui.conflict_dialog import resolve as resolve_conflict

                log.info("conflict %s: %s", command.text(), error)
                if resolve_conflict(self, error, command, parent, origin):
                    log_action(command.text(), "keep mine")
                    continue
                return False
            except OperationError as error:
                log.info("refused %s: %s", command.text(), error)
                if refused is not None:
                    refused(str(error))
                else:
                    self.warn(parent or self.window, "无法完成", str(error))
                return False
            except Exception as error:  # noqa: BLE001 - the policy decides what the user sees
                if self._lost_connection(error):
                    if self._wait_for_server(command.text(), parent):
                        log_action(command.text(), "retry")
                        continue
                    return False
                if self.report(error, f"保存“{command.text()}”", parent, retry=TYPED_KEPT):
                    log_action(command.text(), "retry")
                    continue
                return False
            return True

    def run_in_worker(
        self, command: OperationCommand, label: str, parent: QWidget | None = None
    ) -> bool:
        """Like `run`, with the first run in a worker thread behind a progress dialog whose
        取消 stops it (the transaction rolls back, nothing is pushed).  A storage failure
        offers 重试, which runs the command again."""
        if self._reporting:
            return False
        self.flush()
        log_action(command.text())
        parent = parent or self.window
        while True:
            try:
                change = Worker(
                    parent,
                    command.text(),
                    label,
                    lambda _worker: command.do(),
                    interrupt_sqlite=True,
                ).run()
            except Cancelled:
                log.info("cancelled %s", command.text())
                return False
            except OperationError as error:
                log.info("refused %s: %s", command.text(), error)
                self.warn(parent, "无法完成", str(error))
                return False
            except Exception as error:  # noqa: BLE001
                if self._lost_connection(error):
                    if self._wait_for_server(command.text(), parent):
                        log_action(command.text(), "retry")
                        continue
                    return False
                if self.report(error, f"保存“{command.text()}”", parent, retry=WORK_KEPT):
                    log_action(command.text(), "retry")
                    continue
                return False
            push_done(self.stack, command, change)
            return True

    def undo(self) -> OperationCommand | None:
        """Undo the last step; the command undone (None when there was nothing)."""
        self.flush()
        if not self.stack.canUndo():
            return None
        command = self.stack.command(self.stack.index() - 1)
        log_action(command.text(), "undo")
        self.stack.undo()
        return command if isValid(command) else None  # a failed step is dropped

    def redo(self) -> OperationCommand | None:
        self.flush()
        if not self.stack.canRedo():
            return None
        command = self.stack.command(self.stack.index())
        log_action(command.text(), "redo")
        self.stack.redo()
        return command if isValid(command) else None

    @contextmanager
    def guard(self, action: str, parent: QWidget | None = None) -> Iterator[None]:
        """Apply the error policy to work that is not an undo command (export, parsing):
        `with runner.guard("导出分解表"): …` (the action reads after 无法).  Pending edits are
        flushed first."""
        self.flush()
        log_action(action)
        try:
            yield
        except OperationError as error:
            self.warn(parent or self.window, "无法完成", str(error))
        except Exception as error:  # noqa: BLE001
            self.report(error, action, parent)

    # ----- the policy --------------------------------------------------------------------
    def report(
        self,
        error: BaseException,
        phrase: str,
        parent: QWidget | None = None,
        retry: str | None = None,
    ) -> bool:
        """Tell the user that `phrase` (保存“修改任务名称”, 撤销“删除任务”, 导出分解表) could not
        be done because of `error`.  The views reload from storage first, so the field that
        failed shows the stored value before the message box takes focus (and a focus-out
        cannot send the failed value again); commands run while the box is open are ignored.

        With `retry` (what is kept, TYPED_KEPT or WORK_KEPT) a storage failure is asked about
        instead: the views keep what the user typed while 重试 / 取消 is shown; True when the
        user chose 重试 (nothing reloaded), else the views reload."""
        parent = parent or self.window
        cause = storage_message(error) if not isinstance(error, OperationError) else None
        if retry and cause is not None and not any(word in cause for word in NO_RETRY):
            log.warning("storage failure: %s: %s", phrase, error)
            text = f"无法{phrase}：{cause}。\n{retry}"
            self._reporting = True
            try:
                if self.retry(parent, "保存未完成", text):
                    return True
                self.reload()
            finally:
                self._reporting = False
            return False
        if isinstance(error, OperationError):
            text, notify = f"无法{phrase}：{error}", self.warn
            log.info("refused %s: %s", phrase, error)
        elif cause is not None:
            text = f"无法{phrase}：{cause}。\n窗口已重新显示数据库中保存的内容。"
            notify = self.warn
            log.warning("storage failure: %s: %s", phrase, error)
        else:
            text, notify = bug_text(phrase), self.bug
            log_exception(error, phrase)
        self._reporting = True
        try:
            self.reload()
            notify(parent, "程序出错" if notify is self.bug else "操作未完成", text)
        finally:
            self._reporting = False
        return False

    def _lost_connection(self, error: BaseException) -> bool:
        return self.reconnect is not None and storage_message(error) == LOST_CONNECTION

    def _wait_for_server(self, action: str, parent: QWidget | None) -> bool:
        """The connection to the server is gone: keep what was typed and wait for it (the
        window's reconnect hook); True to run the command again.  Given up: the views show
        what was last read (or reload when the server answers)."""
        assert self.reconnect is not None
        self._reporting = True
        try:
            if self.reconnect(parent or self.window, action):
                return True
            self.reload()
        finally:
            self._reporting = False
        return False

    def reload(self) -> None:
        """Every view reads again what is stored."""
        self.hub.changed.emit(Change(reload=True, directory=True))

    def _on_step_failed(self, phrase: str, error: BaseException) -> None:
        """An undo or redo failed (its transaction rolled back; the step is dropped)."""
        if isinstance(error, ConflictError):
            from desktop.ui.conflict_dialog import resolve as resolve_conflict

            log.info("conflict %s: %s", phrase, error)
            resolve_conflict(self, error, None)
            return
        self.report(error, phrase)
