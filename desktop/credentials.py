"""Server passwords kept in the system's credential store, only when the user ticks 记住密码.

- Windows: the Credential Manager (advapi32 CredWriteW / CredReadW / CredDeleteW through
  ctypes), a generic credential per server address, kept for this user on this computer.
- Linux (UOS, Kylin, …): the Secret Service through `secret-tool` (package libsecret-tools)
  when it is installed and a keyring answers.
- Elsewhere there is no store: the password is asked for at every connection, and the
  dialog says why it cannot be kept.

Keys are the server's display address (`ServerLocation.display()`, never with a password).
A password is never logged, printed or put into an exception's text.  No Qt here.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import sys
from typing import Protocol

log = logging.getLogger("ledger.credentials")

APPLICATION = "zhenggai-ledger"  # the Secret Service attribute / the Windows target prefix
NO_STORE_TEXT = (
    "这台计算机上没有可用的系统密码库（Windows 凭据管理器或 Linux 密钥环），"
    "密码不能保存，每次连接时需要重新输入。"
)
SECRET_TOOL_TIMEOUT_S = 10


class CredentialError(Exception):
    """The store refused; str() is one Chinese line without the password."""


class CredentialStore(Protocol):
    """Where passwords are kept; `name` is what the user is told (Chinese)."""

    name: str

    def store(self, key: str, password: str) -> None: ...

    def load(self, key: str) -> str | None: ...

    def forget(self, key: str) -> None: ...


# ----- Windows: the Credential Manager -------------------------------------------------
CRED_TYPE_GENERIC = 1
CRED_PERSIST_LOCAL_MACHINE = 2
ERROR_NOT_FOUND = 1168
CRED_MAX_BLOB = 5 * 512  # CRED_MAX_CREDENTIAL_BLOB_SIZE


class FILETIME(ctypes.Structure):
    _fields_ = [("dwLowDateTime", ctypes.c_uint32), ("dwHighDateTime", ctypes.c_uint32)]


class CREDENTIALW(ctypes.Structure):
    """wincred.h CREDENTIALW (DWORD = 32 bits, pointers native)."""

    _fields_ = [
        ("Flags", ctypes.c_uint32),
        ("Type", ctypes.c_uint32),
        ("TargetName", ctypes.c_wchar_p),
        ("Comment", ctypes.c_wchar_p),
        ("LastWritten", FILETIME),
        ("CredentialBlobSize", ctypes.c_uint32),
        ("CredentialBlob", ctypes.POINTER(ctypes.c_ubyte)),
        ("Persist", ctypes.c_uint32),
        ("AttributeCount", ctypes.c_uint32),
        ("Attributes", ctypes.c_void_p),
        ("TargetAlias", ctypes.c_wchar_p),
        ("UserName", ctypes.c_wchar_p),
    ]


def windows_target(key: str) -> str:
    """The credential's name in the Credential Manager (shown there to the user)."""
    return f"{APPLICATION}:{key}"


def pack_credential(key: str, password: str) -> tuple[CREDENTIALW, ctypes.Array]:
    """A CREDENTIALW for CredWriteW, and the blob buffer it points into (keep it alive
    until the call returns).  The password is UTF-16-LE, as Windows' own tools store it."""
    data = password.encode("utf-16-le")
    if len(data) > CRED_MAX_BLOB:
        raise CredentialError("密码太长，无法保存到 Windows 凭据管理器")
    blob = (ctypes.c_ubyte * max(1, len(data))).from_buffer_copy(data or b"\0")
    credential = CREDENTIALW()
    credential.Type = CRED_TYPE_GENERIC
    credential.TargetName = windows_target(key)
    credential.Comment = "整改台账服务器登录密码"
    credential.CredentialBlobSize = len(data)
    credential.CredentialBlob = ctypes.cast(blob, ctypes.POINTER(ctypes.c_ubyte))
    credential.Persist = CRED_PERSIST_LOCAL_MACHINE
    credential.UserName = key.split("@", 1)[0].rsplit("/", 1)[-1]
    return credential, blob


def unpack_password(credential: CREDENTIALW) -> str:
    """The password a CredReadW result holds."""
    size = credential.CredentialBlobSize
    if not size or not credential.CredentialBlob:
        return ""
    return ctypes.string_at(credential.CredentialBlob, size).decode("utf-16-le")


class WindowsCredentials:
    """The Windows Credential Manager (advapi32), for the signed-in user."""

    name = "Windows 凭据管理器"

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise CredentialError("Windows 凭据管理器只在 Windows 上可用")
        advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
        pointer = ctypes.POINTER(CREDENTIALW)
        self._write = advapi32.CredWriteW
        self._write.argtypes = [pointer, ctypes.c_uint32]
        self._write.restype = ctypes.c_int
        self._read = advapi32.CredReadW
        self._read.argtypes = [
            ctypes.c_wchar_p,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.POINTER(pointer),
        ]
        self._read.restype = ctypes.c_int
        self._delete = advapi32.CredDeleteW
        self._delete.argtypes = [ctypes.c_wchar_p, ctypes.c_uint32, ctypes.c_uint32]
        self._delete.restype = ctypes.c_int
        self._free = advapi32.CredFree
        self._free.argtypes = [ctypes.c_void_p]
        self._free.restype = None

    def store(self, key: str, password: str) -> None:
        credential, blob = pack_credential(key, password)
        if not self._write(ctypes.byref(credential), 0):
            code = ctypes.get_last_error()  # type: ignore[attr-defined]
            raise CredentialError(f"Windows 凭据管理器未能保存密码（错误代码 {code}）")
        del blob

    def load(self, key: str) -> str | None:
        found = ctypes.POINTER(CREDENTIALW)()
        if not self._read(windows_target(key), CRED_TYPE_GENERIC, 0, ctypes.byref(found)):
            code = ctypes.get_last_error()  # type: ignore[attr-defined]
            if code != ERROR_NOT_FOUND:
                log.warning("CredReadW failed with code %s", code)
            return None
        try:
            return unpack_password(found.contents)
        finally:
            self._free(found)

    def forget(self, key: str) -> None:
        if not self._delete(windows_target(key), CRED_TYPE_GENERIC, 0):
            code = ctypes.get_last_error()  # type: ignore[attr-defined]
            if code != ERROR_NOT_FOUND:
                raise CredentialError(f"Windows 凭据管理器未能删除密码（错误代码 {code}）")


# ----- Linux: the Secret Service through secret-tool -----------------------------------
class SecretToolCredentials:
    """The desktop keyring (GNOME Keyring, KWallet, …) through libsecret's `secret-tool`."""

    name = "系统密钥环"

    def __init__(self, program: str = "secret-tool") -> None:
        self.program = program

    def _attributes(self, key: str) -> list[str]:
        return ["application", APPLICATION, "server", key]

    def _call(self, arguments: list[str], given: str | None = None):
        try:
            return subprocess.run(
                [self.program, *arguments],
                input=given,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=SECRET_TOOL_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise CredentialError("系统密钥环没有响应，密码未能保存或读取") from error

    def store(self, key: str, password: str) -> None:
        label = f"整改台账 {key}"
        done = self._call(["store", f"--label={label}", *self._attributes(key)], password)
        if done.returncode != 0:
            log.warning("secret-tool store failed: %s", done.stderr.strip()[:200])
            raise CredentialError("系统密钥环未能保存密码（密钥环可能未解锁或未运行）")

    def load(self, key: str) -> str | None:
        try:
            done = self._call(["lookup", *self._attributes(key)])
        except CredentialError:
            log.warning("secret-tool lookup did not answer")
            return None
        if done.returncode != 0 or not done.stdout:
            return None
        return done.stdout  # piped, secret-tool writes the secret exactly, no newline

    def forget(self, key: str) -> None:
        done = self._call(["clear", *self._attributes(key)])
        if done.returncode != 0 and done.stderr.strip():
            log.warning("secret-tool clear failed: %s", done.stderr.strip()[:200])


# ----- which store -----------------------------------------------------------------------
_override: list[CredentialStore | None] = []


def use_store(store: CredentialStore | None) -> None:
    """Replace the system's store (tests; None = no store on this computer)."""
    _override[:] = [store]


def reset_store() -> None:
    _override.clear()


def system_store() -> CredentialStore | None:
    """The store of this computer, or None when there is none."""
    if _override:
        return _override[0]
    if sys.platform == "win32":
        try:
            return WindowsCredentials()
        except (OSError, AttributeError, CredentialError):
            log.warning("the Windows Credential Manager is not available", exc_info=True)
            return None
    program = shutil.which("secret-tool")
    return SecretToolCredentials(program) if program else None


def can_remember() -> bool:
    return system_store() is not None


def store_password(key: str, password: str) -> None:
    """Keep `password` for the server `key`; CredentialError when it cannot be kept."""
    store = system_store()
    if store is None:
        raise CredentialError(NO_STORE_TEXT)
    store.store(key, password)
    log.info("password for %s kept in %s", key, store.name)


def load_password(key: str) -> str | None:
    """The kept password for the server `key`, None when none is kept (or no store)."""
    store = system_store()
    if store is None:
        return None
    try:
        return store.load(key)
    except CredentialError:
        log.warning("cannot read the kept password for %s", key)
        return None


def forget_password(key: str) -> None:
    """Remove a kept password (the user unticked 记住密码, or it was refused)."""
    store = system_store()
    if store is None:
        return
    try:
        store.forget(key)
    except CredentialError:
        log.warning("cannot remove the kept password for %s", key)
