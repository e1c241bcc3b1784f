"""Server passwords in the system's credential store (desktop/credentials.py).

The Windows Credential Manager cannot run here: its structure packing is checked.  The
Secret Service path runs the real `secret-tool` when one answers, else a stand-in program
with the same command line (store / lookup / clear, the secret on stdin / stdout)."""

from __future__ import annotations

import ctypes
import logging
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import credentials
from desktop.credentials import (
    CREDENTIALW,
    CredentialError,
    SecretToolCredentials,
    pack_credential,
    unpack_password,
    windows_target,
)
from tests.helpers.credentials import MemoryStore

KEY = "postgresql://zhang@192.168.1.10:5432/ledger"
PASSWORD = "密码 p@ss:w/rd ✓"

FAKE_SECRET_TOOL = """#!{python}
import json, sys
from pathlib import Path
store = Path({store!r})
data = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {{}}
command, rest = sys.argv[1], [a for a in sys.argv[2:] if not a.startswith("--label=")]
key = "|".join(rest)
if command == "store":
    data[key] = sys.stdin.read()
    store.write_text(json.dumps(data), encoding="utf-8")
elif command == "lookup":
    if key not in data:
        sys.exit(1)
    sys.stdout.write(data[key])
elif command == "clear":
    data.pop(key, None)
    store.write_text(json.dumps(data), encoding="utf-8")
"""


posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="stand-in programs are shell scripts; Windows uses advapi32"
)


@pytest.fixture(autouse=True)
def _system_store_restored():
    yield
    credentials.reset_store()


def _fake_secret_tool(tmp_path: Path) -> Path:
    program = tmp_path / "secret-tool"
    program.write_text(
        FAKE_SECRET_TOOL.format(python=sys.executable, store=str(tmp_path / "kept.json")),
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def _real_secret_tool_answers() -> bool:
    program = shutil.which("secret-tool")
    if program is None:
        return False
    try:
        probe = subprocess.run(
            [program, "lookup", "application", "ledger-test-probe"],
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode in (0, 1) and not probe.stderr


def test_windows_credential_packs_the_password_as_utf16_and_reads_it_back():
    credential, blob = pack_credential(KEY, PASSWORD)
    assert credential.Type == credentials.CRED_TYPE_GENERIC
    assert credential.Persist == credentials.CRED_PERSIST_LOCAL_MACHINE
    assert credential.TargetName == windows_target(KEY) == f"zhenggai-ledger:{KEY}"
    assert credential.CredentialBlobSize == len(PASSWORD.encode("utf-16-le"))
    assert bytes(blob)[: credential.CredentialBlobSize] == PASSWORD.encode("utf-16-le")
    assert unpack_password(credential) == PASSWORD
    assert credential.UserName == "zhang"


def test_windows_credential_structure_has_the_wincred_layout():
    pointer = ctypes.sizeof(ctypes.c_void_p)
    offsets = {name: getattr(CREDENTIALW, name).offset for name, _ in CREDENTIALW._fields_}
    assert offsets["Flags"] == 0 and offsets["Type"] == 4
    assert offsets["TargetName"] == 8
    assert offsets["LastWritten"] == 8 + 2 * pointer
    assert offsets["CredentialBlobSize"] == 16 + 2 * pointer
    assert ctypes.sizeof(CREDENTIALW) == (80 if pointer == 8 else 52)


def test_an_empty_password_packs_to_an_empty_blob():
    credential, _blob = pack_credential(KEY, "")
    assert credential.CredentialBlobSize == 0
    assert unpack_password(credential) == ""


def test_a_password_too_long_for_the_credential_manager_is_refused_without_showing_it():
    with pytest.raises(CredentialError) as caught:
        pack_credential(KEY, "x" * 2000)
    assert "xxx" not in str(caught.value)


def test_the_windows_store_is_not_offered_off_windows():
    if sys.platform == "win32":
        pytest.skip("runs the real Credential Manager on Windows")
    with pytest.raises(CredentialError):
        credentials.WindowsCredentials()


@posix_only
def test_secret_tool_stores_loads_and_forgets_a_password(tmp_path, caplog):
    if _real_secret_tool_answers():
        store = SecretToolCredentials(shutil.which("secret-tool"))
    else:
        store = SecretToolCredentials(str(_fake_secret_tool(tmp_path)))
    caplog.set_level(logging.DEBUG)
    credentials.use_store(store)
    other = KEY.replace("zhang", "li")
    credentials.store_password(KEY, PASSWORD)
    credentials.store_password(other, "another")
    assert credentials.load_password(KEY) == PASSWORD
    assert credentials.load_password(other) == "another"
    credentials.forget_password(KEY)
    assert credentials.load_password(KEY) is None
    assert credentials.load_password(other) == "another"
    credentials.forget_password(other)
    assert PASSWORD not in caplog.text and "another" not in caplog.text


@posix_only
def test_a_secret_tool_that_fails_is_told_in_chinese_without_the_password(tmp_path):
    program = tmp_path / "secret-tool"
    program.write_text("#!/bin/sh\necho 'Cannot autolaunch D-Bus' >&2\nexit 1\n", "utf-8")
    program.chmod(0o755)
    store = SecretToolCredentials(str(program))
    with pytest.raises(CredentialError) as caught:
        store.store(KEY, PASSWORD)
    assert "密钥环" in str(caught.value) and PASSWORD not in str(caught.value)
    assert store.load(KEY) is None


@posix_only
def test_a_missing_secret_tool_program_is_a_credential_error(tmp_path):
    store = SecretToolCredentials(str(tmp_path / "missing" / "secret-tool"))
    with pytest.raises(CredentialError):
        store.store(KEY, PASSWORD)
    assert store.load(KEY) is None


def test_without_a_store_nothing_is_kept_and_the_reason_is_given():
    credentials.use_store(None)
    assert not credentials.can_remember()
    with pytest.raises(CredentialError) as caught:
        credentials.store_password(KEY, PASSWORD)
    assert str(caught.value) == credentials.NO_STORE_TEXT
    assert credentials.load_password(KEY) is None
    credentials.forget_password(KEY)  # nothing to do, no error


def test_a_store_given_through_the_interface_is_used():
    memory = MemoryStore()
    credentials.use_store(memory)
    assert credentials.can_remember()
    credentials.store_password(KEY, PASSWORD)
    assert memory.kept == {KEY: PASSWORD}
    assert credentials.load_password(KEY) == PASSWORD
    credentials.forget_password(KEY)
    assert memory.kept == {}


def test_the_system_store_follows_the_platform(monkeypatch, tmp_path):
    credentials.reset_store()
    if sys.platform == "win32":
        assert isinstance(credentials.system_store(), credentials.WindowsCredentials)
        return
    monkeypatch.setenv("PATH", str(tmp_path))
    assert credentials.system_store() is None
    _fake_secret_tool(tmp_path)
    found = credentials.system_store()
    assert isinstance(found, SecretToolCredentials)
    assert Path(found.program) == tmp_path / "secret-tool"


def test_credentials_stay_free_of_qt():
    source = Path(credentials.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source
