"""Ledger view filtering: 50,000 tasks, one keystroke at a time (target < 50 ms each).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ledger_filter.py
Times building the rows with their search keys once, then the Qt-free filter and the table
model's reset for each prefix of a few typed searches.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.ledger_records import TaskFacts  # noqa: E402
from desktop.ledger.table import LedgerFilter, filter_rows, make_rows  # noqa: E402

TASKS = 50_000
TODAY = date(2014, 11, 1)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐单曾"
GIVEN = "晓明立新建国文华志强海燕春梅国庆红军秀英玉兰振华德明"
UNITS = ("市政府办公室", "市财政局", "市发改委", "市住建局", "市环保局", "市人大常委会办公室",
         "市教育局", "市卫生局", "市交通运输局", "市农委", "市水利局", "市公安局")  # fmt: skip
WORDS = ("突出监督重点", "建立联系制度", "严格会议制度", "推行一线工作法",
         "全力助推生态文明建设", "切实增强监督实效", "改进文风会风", "精简文件简报",
         "规范公务接待", "加强作风建设")  # fmt: skip
SEARCHES = ("zxm", "监督", "czj", "市财政", "一线工作")


def facts(rng: random.Random) -> list[TaskFacts]:
    tasks = []
    for n in range(TASKS):
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        tasks.append(
            TaskFacts(
                id=n + 1,
                plan_id=n // 500 + 1,
                plan_title=f"第{n // 500 + 1}号整改方案",
                title=f"{rng.choice(WORDS)}（{n}）",
                status=rng.choice(("not_started", "in_progress", "done", "closed", "ongoing")),
                due_date=TODAY + timedelta(days=rng.randint(-60, 120)),
                deadline_text="",
                leaders=(name,),
                lead_units=tuple(rng.sample(UNITS, 2)),
            )  # fmt: skip
        )
    return tasks


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.ledger_model import LedgerTableModel

    app = QApplication.instance() or QApplication([])
    tasks = facts(random.Random(17))
    start = time.perf_counter()
    rows = make_rows(tasks, TODAY)
    print(f"rows with search keys for {TASKS} tasks: {time.perf_counter() - start:.2f} s")
    model = LedgerTableModel()
    model.set_rows(rows)
    worst = 0.0
    for search in SEARCHES:
        for end in range(1, len(search) + 1):
            typed = search[:end]
            start = time.perf_counter()
            shown = len(filter_rows(rows, LedgerFilter(text=typed)))
            pure = time.perf_counter() - start
            start = time.perf_counter()
            model.filter_text(typed)
            with_model = time.perf_counter() - start
            worst = max(worst, with_model)
            print(f"  {typed!r:12} {shown:6} rows  filter {pure * 1000:6.1f} ms  "
                  f"model {with_model * 1000:6.1f} ms")  # fmt: skip
        model.filter_text("")
    print(f"worst keystroke (filter + sort + model reset): {worst * 1000:.1f} ms (target < 50)")
    del app


if __name__ == "__main__":
    main()
