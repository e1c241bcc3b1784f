"""Draw the main window with a realistic plan into docs/screenshot.png (for the README).

    QT_QPA_PLATFORM=offscreen python tools/make_screenshot.py [OUTPUT.png [HISTORY.png]]

The plan goes into a temporary database through the operations layer; nothing else is touched.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402

from db.database import close_database, open_database  # noqa: E402
from db.ledger_models import FieldChange, StatusChange  # noqa: E402
from db.records import UnitRef  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.ledger.deadlines import deadline_date  # noqa: E402
from desktop.operations.ledger_ops import add_progress, set_clerk  # noqa: E402
from desktop.operations.nodes import add_node, set_leaders, set_units, update_node  # noqa: E402
from desktop.operations.plans import create_plan  # noqa: E402

TODAY = date(2014, 9, 25)
PLAN = {
    "坚持问题导向，进一步加强和改进监督工作": [
        ("突出监督重点", "党组成员", "市人大常委会各委办室", "2014年9月底前", "in_progress"),
        ("全力助推生态文明建设", "郭金书", "市人大常委会环资城建委", "2014年12月底前", ""),
        ("切实增强监督实效", "任振康", "市人大常委会各委办室", "", ""),
    ],
    "突出代表地位，进一步凝聚民心民力推动发展": [
        ("不断扩大代表对人大工作的参与", "党组成员", "市人大常委会各委办室", "2014年9月15日前", ""),
        ("加强代表建议督办工作", "张庆生", "市人大常委会代表工委", "2014年8月底前", "done"),
    ],
    "强化创新意识，进一步落实与时俱进的要求": [
        ("积极探索全口径预算审查监督工作", "陈苏", "市人大常委会财经委", "2014年10月底前", ""),
        ("积极探索人大任命干部述职评议工作", "凌苏", "市人大常委会各委办室", "2014年11月底前", ""),
        ("不断深化专项评议工作", "张庆生", "市人大常委会办公室", "长期坚持", "ongoing"),
    ],
}
FIRST_TEXT = (
    "围绕经济社会发展大局，每年选择一批事关全局、群众关注的重点问题开展监督，"
    "综合运用听取专项工作报告、执法检查、专题询问等方式，增强监督的针对性和实效性。"
)


def build() -> int:
    plan_id, _ = create_plan(
        "镇江市人大常委会党组整改方案", issuer="中共镇江市人大常委会党组", year=2014
    )
    add_node(plan_id, None, None, "section", title="总体要求", text="以整改落实为重点……")
    tasks_id, _ = add_node(plan_id, None, None, "section", title="整改任务")
    selected = None
    for section, tasks in PLAN.items():
        section_id, _ = add_node(plan_id, tasks_id, None, "section", title=section)
        for title, leader, unit, deadline, status in tasks:
            task_id, _ = add_node(plan_id, section_id, None, "task", title=title)
            fields = {"deadline_text": deadline, "due_date": deadline_date(deadline, 2014)}
            if title != "切实增强监督实效":
                fields["goal"] = "形成长效机制，取得明显成效"
                fields["text"] = FIRST_TEXT
            if status:
                fields["status"] = status
            update_node(task_id, **fields)
            set_leaders(task_id, leader.split("、"))
            set_units(task_id, "lead", [UnitRef(unit, "王某某" if selected is None else "")])
            selected = selected or task_id
    FieldChange.delete().execute()  # the plan as typed in stands like an imported one
    StatusChange.delete().execute()
    set_clerk("李文书")  # from here on, edits are recorded in 修改记录 with the clerk
    update_node(selected, problem="监督工作重点不够突出，跟踪问效不够到位")
    update_node(selected, goal="形成监督长效机制，取得明显成效")
    add_progress(selected, "已制定年度监督工作计划，确定重点监督项目8项。", "李文书",
                 date(2014, 8, 20), "市人大常委会办公室")  # fmt: skip
    add_progress(selected, "已对3个项目开展专题询问，正在跟踪整改。", "李文书",
                 date(2014, 9, 20), "市人大常委会办公室")  # fmt: skip
    set_units(selected, "support", [UnitRef("市人大常委会办公室")])
    add_node(plan_id, None, None, "section", title="组织保障")
    other, _ = create_plan("镇江市人民政府党组整改方案", year=2014)
    add_node(other, None, None, "section", title="总体要求")
    return selected


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "2014年整改方案.db"
        open_database(db_path)
        selected = build()
        from desktop.ui.main_window import MainWindow

        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db_path, settings=settings, today=lambda: TODAY)
        window.resize(1360, 820)
        window.splitter.setSizes([560, 800])
        window.show()
        window.tree.collapseAll()
        window.tree.expandRecursively(window.model.index(0, 0))
        window.select_node(selected)
        app.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(output))
        if len(sys.argv) > 2:  # a second picture with the 修改记录 tab open
            window.editor.task_ledger.setCurrentIndex(2)
            app.processEvents()
            window.grab().save(sys.argv[2])
        window.close()
        close_database()
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
