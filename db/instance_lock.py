"""One window per ledger: an OS file lock beside the database, `<name>.lock`.

The lock is the operating system's (fcntl.flock elsewhere, msvcrt.locking on Windows), not
a pid written to a file: when the holder exits or is killed the system drops the lock, so
a crash never leaves the ledger blocked.  The file also says who holds it (computer,
process, since when) so the second window can tell the user.  The command line takes no
lock: its writes are transactions, which SQLite already serialises.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Windows locks byte ranges and forbids reading a locked range, so the holder locks one
# byte far past the text it writes.
_LOCKED_OFFSET = 1 << 20
# The errors that mean "someone else holds it"; any other is "cannot lock here".
_HELD = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        here = self.host == socket.gethostname()
        where = "本机" if here else f"计算机“{self.host}”"
        return f"{where}上的另一个程序窗口（进程 {self.pid}，{self.since} 起）"


class LedgerInUse(Exception):
    """Another program instance holds the ledger open; str() is one Chinese line."""

    def __init__(self, db_path: Path, holder: Holder | None):
        who = holder.describe() if holder else "另一个程序窗口"
        super().__init__(f"数据库“{db_path.name}”已由{who}打开；同一数据库只能在一个窗口中编辑")
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held while a window has the ledger at `db_path` open."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock at once or raise LedgerInUse naming the holder; OSError when the
        folder or file system allows no lock (read-only folder, some network shares)."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _try_lock(fd)
        except OSError:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise LedgerInUse(self.db_path, read_holder(self.db_path))
        self._fd = fd
        since = datetime.now().strftime("%Y-%m-%d %H:%M")
        text = f"{socket.gethostname()}\n{os.getpid()}\n{since}\n".encode()
        with contextlib.suppress(OSError):  # who holds it is a courtesy, the lock is what counts
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text.ljust(256, b" "))
            os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def is_in_use(db_path: Path) -> bool:
    """True when some window (this process included) holds the ledger at `db_path`."""
    path = lock_path(Path(db_path))
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    except OSError:
        return False  # no locking here: nobody can be holding it
    finally:
        os.close(fd)


def read_holder(db_path: Path) -> Holder | None:
    """Who wrote the lock file last (may be stale: only a failed lock means it is held)."""
    try:
        with lock_path(Path(db_path)).open("rb") as file:
            lines = file.read(256).decode("utf-8", "replace").split("\n")
        return Holder(host=lines[0].strip(), pid=int(lines[1]), since=lines[2].strip())
    except (OSError, ValueError, IndexError):
        return None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCKED_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in _HELD:
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in _HELD:
                return False
            raise  # locking not supported here (ENOLCK on some network shares)
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
