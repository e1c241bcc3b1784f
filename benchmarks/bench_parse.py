"""Parse throughput in MB/s of plan text (target: at least 1 MB/s).

    python benchmarks/bench_parse.py [--mb 4]

Builds several MB of plan text from made-up plans in all three layouts (plus the shared
samples when ../shared/samples is present) and times parse_text over it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.importing import parse_text  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"


def synthetic_plan(index: int) -> str:
    """One made-up plan mixing the trailer, numbered and labelled layouts."""
    lines = [f"某市第{index}局党组整改方案", "一、总体要求", "坚持问题导向，务求实效。"]
    lines.append("二、整改任务")
    for part in range(1, 4):
        lines.append(f"（{'一二三'[part - 1]}）第{part}方面的整改，进一步改进作风")
        for number in range(1, 6):
            lines.append(
                f"{number}. 改进第{number}项工作。围绕群众关心的热点难点问题，常态化组织专题询问，"
                "建立跟踪督办制度，把重点放在持续有力地推动问题解决上，确保取得实效。"
                f"（张{number}同志、李{part}同志负责，市第{index}局办公室、研究室牵头办理）"
            )
    lines.append("三、近期任务")
    for number in range(1, 4):
        lines += [
            f"（{'一二三'[number - 1]}）规范第{number}项管理。",
            "存在问题：登记不规范，存在节假日未封存的情况。",
            "整改目标：建立台账，节假日全部封存。",
            "整改措施：（1）修订管理办法。（2）实行派车单制度。",
            "牵头领导：王立新、陈晓梅",
            "牵头科室及负责人：办公室李红、政策法规科赵强",
            "配合科室及负责人：各科室负责人",
            "完成时限：2014年11月底前完成。",
        ]
    lines.append("四、组织领导")
    lines.append("党组书记负总责，班子成员按分工负责。（下转7版）")
    return "\n\n".join(lines) + "\n"


def corpus(megabytes: float) -> str:
    pieces = []
    if SAMPLES.is_dir():
        pieces += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    index = 0
    target = int(megabytes * 1024 * 1024)
    size = sum(len(p.encode("utf-8")) for p in pieces)
    while size < target:
        index += 1
        plan = synthetic_plan(index)
        pieces.append(plan)
        size += len(plan.encode("utf-8"))
    return "\n".join(pieces)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--mb", type=float, default=4.0, help="MB of plan text to parse")
    args = options.parse_args()
    text = corpus(args.mb)
    megabytes = len(text.encode("utf-8")) / (1024 * 1024)
    started = time.perf_counter()
    result = parse_text(text, source="benchmark")
    elapsed = time.perf_counter() - started
    tasks = sum(1 for _ in _tasks(result))
    print(
        f"parsed {megabytes:.2f} MB ({len(result['plans'])} plans, {tasks} tasks) "
        f"in {elapsed:.2f} s: {megabytes / elapsed:.2f} MB/s (target >= 1 MB/s)"
    )
    return 0


def _tasks(result: dict):
    stack = [node for plan in result["plans"] for node in plan["nodes"]]
    while stack:
        node = stack.pop()
        if node["kind"] == "task":
            yield node
        stack.extend(node["children"])


if __name__ == "__main__":
    sys.exit(main())
