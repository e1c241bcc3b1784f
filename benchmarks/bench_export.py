"""Export speed: (a) a 200-task plan, target < 1 s; (b) a 10,000-task ledger against a bare
openpyxl script writing the same cells with the same styles and print setup, target ≤ 1.2×.

Run: /work/venv/bin/python benchmarks/bench_export.py   (from the repository root)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.worksheet.page import PageMargins  # noqa: E402

from db.database import close_database, open_database  # noqa: E402
from db.models import Node, Person, Plan, Progress, TaskLeader, TaskUnit, Unit, database  # noqa: E402
from db.queries import load_plan  # noqa: E402
from desktop.exporting import ExportOptions, export_plan, layout, variants  # noqa: E402  # noqa: E402
from desktop.exporting.breakdown import SectionRow  # noqa: E402
from desktop.exporting.text import chinese_date  # noqa: E402

AS_OF = date(2014, 11, 1)
TEXT = (
    "围绕经济社会发展大局，更多地从调查研究收集的意见建议、人大代表提出的议案建议、人民群众来信来访"
    "集中反映的问题中，精心选择议题，加强对全局重点工作和民生热点难点问题的监督推动。"
)
UNITS = [f"市{name}局" for name in "财政 民政 环保 教育 卫生 交通 水利 农业 商务 审计".split()]
LEADERS = ["朱晓明", "朱开宝", "凌苏", "郭金书", "任振康", "张庆生", "陈苏", "党组成员"]


def build(tasks: int, per_section: int = 25) -> int:
    """A plan of `tasks` tasks in sections, bulk-inserted through the db models."""
    with database.atomic():
        if not Unit.select().exists():
            Unit.insert_many([{"name": n} for n in UNITS]).execute()
            Person.insert_many([{"name": n} for n in LEADERS]).execute()
        units = [u.id for u in Unit.select().order_by(Unit.id)]
        people = [p.id for p in Person.select().order_by(Person.id)]
        plan = Plan.create(title=f"某市{tasks}项任务整改方案", year=2014)
        sections = tasks // per_section + 1
        Node.insert_many(
            [{"plan": plan.id, "position": s, "kind": "section", "title": f"第{s + 1}方面的整改"}
             for s in range(sections)]
        ).execute()  # fmt: skip
        section_ids = [n.id for n in Node.select().where(Node.plan == plan.id).order_by(Node.id)]
        rows = []
        for n in range(tasks):
            rows.append({
                "plan": plan.id, "parent": section_ids[n // per_section],
                "position": n % per_section, "kind": "task", "title": f"整改任务第{n + 1}项",
                "text": TEXT[: 40 + n % 60], "problem": TEXT[n % 30: 70], "goal": TEXT[10:50],
                "deadline_text": "2014年12月底前",
                "due_date": date(2014, 9, 1) + timedelta(n % 200),
                "status": ("not_started", "in_progress", "done")[n % 3],
                "remarks": "=1+1" if n % 50 == 0 else "",
            })  # fmt: skip
        for start in range(0, len(rows), 500):
            Node.insert_many(rows[start : start + 500]).execute()
        task_ids = [
            n.id for n in Node.select(Node.id).where((Node.plan == plan.id) & (Node.kind == "task"))
        ]
        links, leaders, progress = [], [], []
        for k, task_id in enumerate(task_ids):
            links.append({"node": task_id, "unit": units[k % len(units)], "role": "lead",
                          "contact": "王某某", "position": 0})  # fmt: skip
            links.append({"node": task_id, "unit": units[(k + 3) % len(units)], "role": "support",
                          "position": 0})  # fmt: skip
            leaders.append({"node": task_id, "person": people[k % len(people)], "position": 0})
            if k % 2:
                progress.append({"node": task_id, "date": date(2014, 10, 15), "text": TEXT[:50]})
        for model, batch in ((TaskUnit, links), (TaskLeader, leaders), (Progress, progress)):
            for start in range(0, len(batch), 500):
                model.insert_many(batch[start : start + 500]).execute()
    return plan.id


def bare_openpyxl(plan, columns, path: Path) -> None:
    """The same workbook written by hand: every cell, named style, merge, row height and print
    setting, with openpyxl's fastest public styling (named styles made once)."""
    widths, size = layout.fit_widths([c.width for c in columns])
    thin = Side(style="thin", color="000000")
    border, none = Border(left=thin, right=thin, top=thin, bottom=thin), Border()

    def style(name, font, horizontal, edge):
        align = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        return NamedStyle(name=name, font=font, border=edge, alignment=align)

    wb = Workbook()
    body, info = Font(name="仿宋", size=size), Font(name="仿宋", size=11)
    for named in (
        style("title", Font(name="宋体", size=18, bold=True), "center", none),
        style("info_left", info, "left", none),
        style("info_right", info, "right", none),
        style("header", Font(name="黑体", size=12), "center", border),
        style("section", Font(name="黑体", size=size), "left", border),
        style("body_left", body, "left", border),
        style("body_centre", body, "center", border),
    ):
        wb.add_named_style(named)
    rows = variants.table_rows(plan, lambda t: "", AS_OF)
    last = len(columns)
    ws = wb.active
    ws.title = variants.sheet_name(plan.title, set())
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    c = ws.cell(row=1, column=1, value=variants.default_title(plan, True))
    c.style = "title"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 37.1
    runs = layout.segments(widths, (0.4, 0.2, 0.2, 0.2))
    texts = ["填报单位（盖章）：", "填报人：", "联系电话：", chinese_date(AS_OF)]
    for k, ((first, end), text) in enumerate(zip(runs, texts, strict=True)):
        c = ws.cell(row=2, column=first + 1, value=text)
        c.style = "info_right" if k == 3 else "info_left"
        if end > first:
            ws.merge_cells(start_row=2, start_column=first + 1, end_row=2, end_column=end + 1)
    ws.row_dimensions[2].height = 25.0
    for i, col in enumerate(columns, start=1):
        ws.cell(row=3, column=i, value=col.header).style = "header"
    ws.row_dimensions[3].height = 35.0
    aligns = ["body_centre" if col.centred else "body_left" for col in columns]
    r = 4
    for item in rows:
        if isinstance(item, SectionRow):
            ws.cell(row=r, column=1).value = item.text
            for i in range(1, last + 1):
                ws.cell(row=r, column=i).style = "section"
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
            ws.row_dimensions[r].height = 21.0
        else:
            texts = [col.value(item) for col in columns]
            for i, (text, align) in enumerate(zip(texts, aligns, strict=True), start=1):
                c = ws.cell(row=r, column=i, value=text or None)
                if c.data_type == "f":
                    c.data_type = "s"
                c.style = align
            ws.row_dimensions[r].height = 60.0
        r += 1
    ps = ws.page_setup
    ps.paperSize, ps.orientation, ps.fitToWidth, ps.fitToHeight = "9", "landscape", 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=0.25, right=0.25, top=0.5, bottom=0.6, header=0.3, footer=0.3
    )
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = "1:3"
    ws.oddFooter.center.text, ws.oddFooter.center.font, ws.oddFooter.center.size = (
        "第 &P 页 共 &N 页", "仿宋", 10)  # fmt: skip
    ws.freeze_panes = "A4"
    ws.print_area = f"A1:{get_column_letter(last)}{ws.max_row}"
    wb.save(path)


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        open_database(folder / "bench.db")
        small_id, big_id = build(200), build(10_000)

        def small():
            export_plan(load_plan(small_id), folder / "small.xlsx", ExportOptions(as_of=AS_OF))

        small_time = best_of(5, small)
        print(f"(a) 200-task plan, load + export: {small_time:.3f} s (target < 1 s)")

        big = load_plan(big_id)
        options = ExportOptions(ledger=True, as_of=AS_OF)
        columns = options.resolved_columns()
        ours, bare = [], []
        for _ in range(3):  # interleaved, so both see the same machine state
            ours.append(best_of(1, lambda: export_plan(big, folder / "ours.xlsx", options)))
            bare.append(best_of(1, lambda: bare_openpyxl(big, columns, folder / "bare.xlsx")))
        ratio = min(ours) / min(bare)
        print(
            f"(b) 10,000-task ledger: exporter {min(ours):.2f} s, "
            f"bare openpyxl {min(bare):.2f} s, ratio {ratio:.2f}× (target ≤ 1.2×)"
        )
        close_database()


if __name__ == "__main__":
    main()
