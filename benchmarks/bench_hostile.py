"""Time and peak memory of the importer on hostile inputs (issue 19: < 2 s, < 200 MB each).

    python benchmarks/bench_hostile.py

Each input is generated in a temporary folder and parsed in its own process, which prints
its time and peak resident memory; the outcome (refused or parsed) is printed beside it.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.importing.doc_writer import doc_bytes  # noqa: E402
from tests.importing.ofd_writer import ofd_bytes  # noqa: E402
from tests.importing.pdf_writer import pdf_bytes  # noqa: E402
from tests.importing.test_limits import write_docx  # noqa: E402

CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from desktop.importing import ImportFailure, parse_file
started = time.perf_counter()
try:
    result = parse_file(sys.argv[1])
    outcome = f"parsed: {{len(result['plans'])}} plans"
except ImportFailure as failure:
    outcome = f"refused: {{failure.reason}}"
try:  # the peak of this process image (ru_maxrss would include the parent's before exec)
    status = open("/proc/self/status", encoding="ascii").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{time.perf_counter() - started:6.2f}} s {{peak:6.0f}} MB  {{outcome}}")
"""


def inputs(folder: Path) -> dict[str, Path]:
    random.seed(1)
    made: dict[str, Path] = {}

    def text(name: str, body: str) -> None:
        made[name] = folder / f"{name}.txt"
        made[name].write_text(body, encoding="utf-8")

    text(
        "20k unpunctuated lines", "\n".join(f"某某街道第{n}号联系人张三电话" for n in range(20000))
    )
    text("20k numbered lines", "\n".join(f"{n % 99 + 1}. 某某工作第{n}项" for n in range(20000)))
    text(
        "contact list",
        "\n".join(
            f"王伟 13{random.randint(10**8, 10**9 - 1)} 某某街道办事处" for _ in range(10000)
        ),
    )
    text("one 3 MB line", "某某工作任务内容安排，" * 90000)
    text("200k open brackets", "（" * 200000)
    made["docx 20k+ paragraphs"] = write_docx(folder / "many.docx", ["某局整改方案"] * 25000)
    made["docx 19k title paragraphs"] = write_docx(folder / "titles.docx", ["某局整改方案"] * 19900)
    made["docx 3 MB of text"] = write_docx(
        folder / "long.docx",
        ["".join(chr(random.randint(0x4E00, 0x9FFF)) for _ in range(170))] * 19000,
    )

    def binary(label: str, name: str, data: bytes) -> None:
        made[label] = folder / name
        made[label].write_bytes(data)

    binary("pdf 10,000 pages", "pages.pdf", pdf_bytes([["某"]] * 10_000))
    binary(
        "pdf 1,500 text pages", "text.pdf", pdf_bytes([["某某工作任务内容安排" * 2] * 30] * 1500)
    )
    binary("pdf encrypted", "secret.pdf", pdf_bytes([["某县整改方案"]], password="x"))
    binary("pdf scanned 500 pages", "scan.pdf", pdf_bytes([["某"]] * 500, scanned=True))
    binary("pdf truncated", "cut.pdf", pdf_bytes([["某县整改方案"]] * 50)[:3000])
    binary("ofd 10,000 pages", "pages.ofd", ofd_bytes([["某"]] * 10_000, split=False))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", "<OFD/>")
        package.writestr("Doc_0/Pages/Page_0/Content.xml", b" " * (300 * 1024 * 1024))
    binary("ofd zip bomb 300 MB", "bomb.ofd", bomb.getvalue())
    binary("doc 60,000 paragraphs", "many.doc", doc_bytes(["某"] * 60_000))
    binary("doc encrypted", "secret.doc", doc_bytes(["某县整改方案"], encrypted=True))
    if Path("/dev/zero").exists():
        made["/dev/zero"] = Path("/dev/zero")
    if hasattr(os, "mkfifo"):
        made["fifo"] = folder / "pipe.txt"
        os.mkfifo(made["fifo"])
    return made


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        for label, path in inputs(Path(name)).items():
            child = subprocess.run(
                [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            print(f"{label:28} {child.stdout.strip() or child.stderr.strip()[-200:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
