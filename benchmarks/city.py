"""A synthetic city: many plans of sections, tasks and measures with leaders, units, deadlines
and progress, written straight into a ledger file with bulk sqlite3 inserts (seconds for 50,000
tasks), and the same shape as a plan-parse/1 document for the import figure.

The schema comes from db.database.open_database, so the files are real ledgers the program
opens.  Files are cached by size under the bench folder and reused while the schema version
and GENERATOR_VERSION stay the same.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
TASKS_PER_SECTION = 25
STAMP = "2014-08-01 09:00:00"
TOPICS = (
    "环境整治", "营商环境", "作风建设", "安全生产", "食品安全", "教育公平", "医疗服务",
    "交通拥堵", "城市管理", "农村人居", "信访积案", "财政资金", "审计整改", "基层减负",
)  # fmt: skip
VERBS = ("加强", "规范", "完善", "推进", "落实", "健全", "整治", "提升", "开展", "严格")
OBJECTS = (
    "公务用车管理", "会议文件精简", "项目资金监管", "窗口服务效能", "河道保洁长效机制",
    "工地扬尘治理", "校园周边环境", "社区养老服务", "物业服务监管", "违建拆除工作",
    "重点项目推进", "行政审批流程", "政府债务管理", "基层干部培训", "群众来信办理",
)  # fmt: skip
DEPARTMENTS = (
    "财政局", "民政局", "生态环境局", "教育局", "卫生健康委员会", "交通运输局", "水利局",
    "农业农村局", "商务局", "审计局", "发展和改革委员会", "公安局", "司法局", "住房和城乡建设局",
    "自然资源和规划局", "市场监督管理局", "应急管理局", "城市管理局", "文化广电和旅游局",
    "人力资源和社会保障局", "信访局", "统计局", "机关事务管理局", "政府办公室",
)  # fmt: skip
AREAS = ("市", "京口区", "润州区", "丹徒区", "丹阳市", "句容市")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕彬辉鹏宇浩凯晓开宝"
TEXT = (
    "围绕经济社会发展大局，更多地从调查研究收集的意见建议、人大代表提出的议案建议、人民群众来信来访"
    "集中反映的问题中，精心选择议题，加强对全局重点工作和民生热点难点问题的监督推动。"
)
DEADLINES = ("2014年9月底前", "2014年12月底前", "长期坚持", "2015年6月底前", "2014年10月15日前")


def unit_names() -> list[str]:
    return [f"{area}{department}" for area in AREAS for department in DEPARTMENTS]


def person_names(count: int = 160) -> list[str]:
    names = []
    for k in range(count):
        names.append(SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[k % 11])
    return list(dict.fromkeys(names))


def _deadline(rng: random.Random) -> tuple[str, str | None, str]:
    text = rng.choice(DEADLINES)
    if text == "长期坚持":
        return text, None, "ongoing"
    due = date(2014, 9, 1) + timedelta(rng.randrange(300))
    return text, due.isoformat(), rng.choice(("not_started", "in_progress", "done"))


def plan_shapes(plans: int, tasks: int, seed: int = 7):
    """For each plan: (title, [ (section title, [task dict]) ]).  A task dict holds the node
    fields plus leaders, lead_units, support_units and measures (titles)."""
    rng = random.Random(seed)
    units, people = unit_names(), person_names()
    for p in range(plans):
        topic = TOPICS[p % len(TOPICS)]
        title = f"{2010 + p % 10}年{topic}专项整改方案（第{p + 1}号）"
        sections = []
        for s in range((tasks + TASKS_PER_SECTION - 1) // TASKS_PER_SECTION):
            count = min(TASKS_PER_SECTION, tasks - s * TASKS_PER_SECTION)
            rows = []
            for t in range(count):
                deadline_text, due, status = _deadline(rng)
                thing = OBJECTS[(s + t) % len(OBJECTS)]
                rows.append(
                    {
                        "title": f"{VERBS[t % len(VERBS)]}{thing}（{s + 1}-{t + 1}）",
                        "text": TEXT[: 30 + rng.randrange(60)],
                        "problem": f"{thing}存在薄弱环节，群众反映较多。",
                        "goal": f"建立{thing}长效机制。" if rng.random() < 0.9 else "",
                        "deadline_text": deadline_text,
                        "due_date": due,
                        "status": status,
                        "leaders": rng.sample(people, rng.choice((1, 1, 2))),
                        "lead_units": rng.sample(units, rng.choice((1, 1, 2))),
                        "support_units": rng.sample(units, rng.choice((0, 1, 2, 3))),
                        "measures": [f"第{m + 1}步：{thing}" for m in range(2)]
                        if rng.random() < 0.1
                        else [],
                        "progress": TEXT[:40] if rng.random() < 0.3 else "",
                    }
                )
            sections.append((f"{VERBS[s % len(VERBS)]}{topic}第{s + 1}方面工作", rows))
        yield title, sections


def build_city(path: Path, plans: int, tasks: int) -> Path:
    """Write a ledger of `plans` plans of `tasks` tasks each at `path` (replaced)."""
    from db.database import close_database, open_database

    path.unlink(missing_ok=True)
    open_database(path)
    close_database()
    units, people = unit_names(), person_names()
    unit_ids = {name: k + 1 for k, name in enumerate(units)}
    person_ids = {name: k + 1 for k, name in enumerate(people)}
    plan_rows, node_rows, leader_rows, unit_rows, progress_rows = [], [], [], [], []
    next_node = 1
    for p, (title, sections) in enumerate(plan_shapes(plans, tasks), start=1):
        plan_rows.append((p, title, "中共某市委员会", 2014, "", "", p, STAMP, STAMP))
        for s, (section_title, rows) in enumerate(sections):
            section_id, next_node = next_node, next_node + 1
            node_rows.append(_node(section_id, p, None, s, "section", {"title": section_title}))
            for t, task in enumerate(rows):
                task_id, next_node = next_node, next_node + 1
                node_rows.append(_node(task_id, p, section_id, t, "task", task))
                for m, measure in enumerate(task["measures"]):
                    node_rows.append(_node(next_node, p, task_id, m, "measure", {"title": measure}))
                    next_node += 1
                for k, name in enumerate(task["leaders"]):
                    leader_rows.append((task_id, person_ids[name], k))
                for role in ("lead", "support"):
                    for k, name in enumerate(task[f"{role}_units"]):
                        contact = "王某某" if role == "lead" and k == 0 else ""
                        unit_rows.append((task_id, unit_ids[name], role, contact, k))
                if task["progress"]:
                    progress_rows.append((task_id, "2014-10-15", task["progress"], STAMP))
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO unit (id, name) VALUES (?, ?)", [(i, n) for n, i in unit_ids.items()]
        )
        connection.executemany(
            "INSERT INTO person (id, name, post) VALUES (?, ?, '')",
            [(i, n) for n, i in person_ids.items()],
        )
        connection.executemany(
            "INSERT INTO plan (id, title, issuer, year, kind, notes, position, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            plan_rows,
        )
        connection.executemany(
            "INSERT INTO node (id, plan_id, parent_id, position, kind, title, text, problem, goal,"
            " deadline_text, due_date, status, closed_by, remarks, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?)",
            node_rows,
        )
        connection.executemany(
            "INSERT INTO task_leader (node_id, person_id, position) VALUES (?, ?, ?)", leader_rows
        )
        connection.executemany(
            "INSERT INTO task_unit (node_id, unit_id, role, contact, position)"
            " VALUES (?, ?, ?, ?, ?)",
            unit_rows,
        )
        connection.executemany(
            "INSERT INTO progress (node_id, date, text, recorded_at) VALUES (?, ?, ?, ?)",
            progress_rows,
        )
    connection.close()
    return path


def _node(node_id: int, plan: int, parent: int | None, position: int, kind: str, f: dict):
    return (
        node_id, plan, parent, position, kind, f.get("title", ""), f.get("text", ""),
        f.get("problem", ""), f.get("goal", ""), f.get("deadline_text", ""), f.get("due_date"),
        f.get("status", "not_started"), STAMP, STAMP,
    )  # fmt: skip


def cached_city(folder: Path, plans: int, tasks: int) -> Path:
    """The city file for this size, built once and reused."""
    from db.schema import CURRENT_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"city-{plans}x{tasks}-g{GENERATOR_VERSION}-s{CURRENT_VERSION}.db"
    if not path.exists():
        partial = path.with_suffix(".part")
        build_city(partial, plans, tasks)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.replace(path)
    return path


def plan_parse(tasks: int, seed: int = 11) -> dict:
    """One plan of `tasks` tasks as a plan-parse/1 document, as the importer would save it."""
    ((title, sections),) = plan_shapes(1, tasks, seed)
    nodes = []
    for section_title, rows in sections:
        children = []
        for task in rows:
            children.append(
                {
                    "kind": "task",
                    "title": task["title"],
                    "text": task["text"],
                    "problem": task["problem"],
                    "goal": task["goal"],
                    "deadline_text": task["deadline_text"],
                    "due_date": task["due_date"],
                    "leaders": task["leaders"],
                    "lead_units": [{"name": n, "contact": ""} for n in task["lead_units"]],
                    "support_units": [{"name": n} for n in task["support_units"]],
                    "children": [{"kind": "measure", "title": m} for m in task["measures"]],
                }
            )
        nodes.append({"kind": "section", "title": section_title, "children": children})
    return {"format": "plan-parse/1", "plans": [{"title": title, "year": 2014, "nodes": nodes}]}
