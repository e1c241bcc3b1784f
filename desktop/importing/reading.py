"""The one reading entry point: a file of any supported format → source lines and table rows.

Only regular files are read, never more than MAX_FILE_BYTES, and never by blocking on a pipe
or a device. Each format's reader checks its own limits before the work.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Sequence
from pathlib import Path

from desktop.importing.blocks import SourceLine, TableRow
from desktop.importing.decoding import decode_text, sniff
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import MAX_FILE_BYTES, MAX_TEXT_BYTES, check_text_size

Blocks = Sequence[SourceLine | TableRow]

#: The file kinds the importer reads, for open-file dialogs: (Chinese label, patterns).
FILE_KINDS: tuple[tuple[str, str], ...] = (
    ("Word 文档", "*.docx *.doc *.wps"),
    ("PDF 文件", "*.pdf"),
    ("OFD 版式文件", "*.ofd"),
    ("文本文件", "*.txt"),
)


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; ImportFailure otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        before = os.stat(path)
        if stat.S_ISDIR(before.st_mode):
            raise ImportFailure(source, "是文件夹，不是文件")
        if not stat.S_ISREG(before.st_mode):
            raise ImportFailure(source, "不是普通文件（可能是设备或管道），无法导入")
        if before.st_size > MAX_FILE_BYTES:
            raise ImportFailure(source, "超过 50 MB，不像是一份整改方案，未导入")
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ImportFailure(source, "不是普通文件（可能是设备或管道），无法导入")
            data = stream.read(MAX_FILE_BYTES + 1)
    except ImportFailure:
        raise
    except FileNotFoundError:
        raise ImportFailure(source, "不存在") from None
    except IsADirectoryError:
        raise ImportFailure(source, "是文件夹，不是文件") from None
    except PermissionError:
        raise ImportFailure(source, "没有读取权限") from None
    except OSError as error:
        raise ImportFailure(source, f"无法读取（{error.strerror or error}）") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailure(source, "超过 50 MB，不像是一份整改方案，未导入")
    return data


def text_lines(text: str, source: str) -> list[SourceLine]:
    """Numbered source lines of a text, refused when too long to be a plan (blank lines
    are not counted)."""
    check_text_size(len(text), 0, source)
    lines = text.splitlines()
    check_text_size(len(text), sum(1 for line in lines if line and not line.isspace()), source)
    return [SourceLine(number, line) for number, line in enumerate(lines, start=1)]


def _is_ofd(data: bytes) -> bool:
    """Whether a zip package is an OFD document (its entry file is OFD.xml)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist())
    except Exception:  # BadZipFile, NotImplementedError (odd versions) and other damage
        return False


def _reader(kind: str, data: bytes, path: Path):
    """The reader function for a binary format and the format's name for messages."""
    if kind == "zip":
        if _is_ofd(data) or path.suffix.lower() == ".ofd":
            from desktop.importing.ofd_reader import read_ofd

            return read_ofd, " OFD 文件"
        from desktop.importing.docx_reader import read_docx

        return read_docx, " .docx 文件"
    if kind == "ole":
        from desktop.importing.doc_reader import read_doc

        return read_doc, " Word 文档"
    from desktop.importing.pdf_reader import read_pdf

    return read_pdf, " PDF 文件"


def read_blocks(path: Path, source: str) -> Blocks:
    """Source lines and table rows of a .txt/.docx/.doc/.wps/.pdf/.ofd file."""
    data = read_bytes(path, source)
    if not data.strip():
        raise ImportFailure(source, "是空文件，没有可导入的内容")
    kind = sniff(data)
    if kind in ("zip", "ole", "pdf"):
        reader, label = _reader(kind, data, path)
        try:
            return reader(data, source)
        except ImportFailure:
            raise
        except MemoryError:
            raise ImportFailure(source, "内容过于庞大，内存不足，未导入") from None
        except Exception:  # damage a reader did not foresee: never a traceback for the user
            raise ImportFailure(source, f"已损坏或不完整（不是有效的{label}），无法导入") from None
    if kind == "rtf":
        raise ImportFailure(source, "是 RTF 文档，请在 Word 中另存为 .docx 后再导入")
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailure(source, "超过 8 MB 的文本，不像是一份整改方案，未导入")
    return text_lines(decode_text(data, source), source)
