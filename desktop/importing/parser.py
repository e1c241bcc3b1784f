"""Paragraphs and table rows → plans of sections, tasks and measures (plan-parse/1)."""

from __future__ import annotations

import re
from collections import Counter

from desktop.importing import labelled
from desktop.importing.blocks import Para, TableRow, Warning
from desktop.importing.numbering import Number, match_number, split_inline
from desktop.importing.responsibility import (
    Responsibility,
    apply_field,
    find_trailer,
    is_orphan_fragment,
    parse_trailer,
)
from desktop.importing.textnorm import fold
from desktop.importing.tree import MEASURE, SECTION, TASK, Node, Plan
from desktop.importing.units import UnitNames
from desktop.ledger.deadlines import due_date, years_in

SCHEMA = "plan-parse/1"
_NON_TASK_PART = re.compile(
    r"指导思想|总体要求|基本原则|工作原则|整改原则|主要原则|组织领导|保障措施|工作要求|组织实施"
    r"|实施步骤|方法步骤|总体思路|工作思路|工作保障|纪律要求"
    r"|工作步骤|时间安排|进度安排|步骤安排|整改方向|目标要求|工作目标|主要目标|总体目标|加强领导"
)
_SENTENCE_END = re.compile(r"[。!?]")
# a line that is only a date: the issue date under the title or above the seal
_ISSUE_DATE = re.compile(r"[(（]?\s*(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?")
# a short heading line: no sentence punctuation inside, at most one full stop at the end
_HEADING_LIKE = re.compile(r"[^。!?;:,，；：、]{2,40}[。.]?")


def _excerpt(text: str, size: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= size else text[:size] + "……"


def split_heading(body: str) -> tuple[str, str]:
    """A heading's title (its first sentence, or the words before a blank) and the rest."""
    body = body.strip()
    folded = fold(body)
    end = _SENTENCE_END.search(folded)
    blank = re.search(r"\s", folded)
    if blank and 2 <= blank.start() <= 40 and (end is None or blank.start() < end.start()):
        title, rest = body[: blank.start()], body[blank.end() :]
    elif end is not None:
        title, rest = body[: end.start()], body[end.end() :]
    else:
        title, rest = body, ""
    return title.strip().rstrip("：:，,；; "), rest.strip()


class PlanBuilder:
    """Reads paragraphs in order and keeps the open headings of the current plan."""

    def __init__(self, names: UnitNames, warnings: list[Warning]) -> None:
        self.names = names
        self.warnings = warnings
        self.plans: list[Plan] = []
        self.plan: Plan | None = None
        self.stack: list[Node] = []
        self.owner: Node | None = None
        self.last_task: Node | None = None
        self.table_section: Node | None = None
        self.table_section_key = ""
        self.titles: set[str] = set()
        self.pending: tuple[int, str] | None = None
        # loose text read while nothing is open: the problem of a task whose title is on the
        # previous page (labels follow), or text that belongs nowhere (warned about)
        self.orphans: list[tuple[int, str]] = []
        self.node_count = 0  # nodes of the current plan

    # -- plans -------------------------------------------------------------------------
    def _drop_orphans(self) -> None:
        for line, text in self.orphans:
            self._warn(line, f"未能归入任何条目的文字：{_excerpt(text)}")
        self.orphans = []

    def _new_plan(self, title: str, line: int) -> Plan:
        self._drop_orphans()
        self.plan = Plan(title=title, line=line)
        self.node_count = 0
        self.plans.append(self.plan)
        self.stack, self.owner, self.last_task, self.table_section = [], None, None, None
        if title:
            self.titles.add(title)
        return self.plan

    def _current_plan(self, line: int) -> Plan:
        return self.plan if self.plan is not None else self._new_plan("", line)

    def _warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning(line, message))

    # -- input -------------------------------------------------------------------------
    def feed(self, block: Para | TableRow) -> None:
        if isinstance(block, TableRow) or block.kind != "text":
            self.flush()
        if isinstance(block, TableRow):
            self._row(block)
        elif block.kind == "title":
            self._new_plan(block.text, block.line)
        elif block.kind == "header":
            if self.plan is not None and not self.plan.title and block.text not in self.titles:
                self.plan.title = block.text
                self.titles.add(block.text)
        else:
            for piece in split_inline(block.text):
                for part in labelled.split_labels(piece):
                    self._piece(block.line, part)

    def _piece(self, line: int, text: str) -> None:
        issued = _ISSUE_DATE.fullmatch(fold(text).strip())
        if issued and self.pending is None:
            self._current_plan(line).issue_year = int(issued.group(1))
            return
        label = labelled.match_label(text)
        pending, self.pending = self.pending, None
        if pending is not None:
            if label is not None and (self.owner is None or self.owner.has_resp):
                self._unnumbered_heading(*pending)
            else:
                self._plain(*pending, find_trailer(pending[1]), stash=False)
        if label is not None:
            held = labelled.names_responsible_units(labelled.label_word(text))
            self._label(line, label[0], label[1], held)
            return
        number = match_number(text)
        if number is not None and text[number.end :].strip():
            self._numbered(line, number, text)
            return
        if is_orphan_fragment(text):
            self._warn(line, f"孤立的责任说明，未能归属到任务：{_excerpt(text, 40)}")
            return
        trailer = find_trailer(text)
        if trailer is not None and not trailer.body.strip():
            target = self.stack[-1] if self.stack and not self.stack[-1].closed else None
            if target is None or target.has_resp or target.children:
                target = self.last_task
            if target is not None and not target.has_resp:
                self._apply_trailer(target, line, trailer)
            else:
                self._warn(line, f"孤立的责任说明，未能归属到任务：{_excerpt(text, 40)}")
            return
        self._plain(line, text, trailer)

    # -- numbered headings -------------------------------------------------------------
    def _numbered(self, line: int, number: Number, text: str) -> None:
        self._drop_orphans()
        plan = self._current_plan(line)
        if number.rank == 1:
            if number.value == 1 and plan.top_values:
                self._warn(line, "编号又从“一、”开始，以下内容按另一个方案处理")
                plan = self._new_plan("", line)
            plan.top_values.append(number.value)
        while self.stack and (self.stack[-1].rank or 0) >= number.rank:
            self.stack.pop()
        if self.owner is not None and (self.owner.rank is None or number.rank <= self.owner.rank):
            self.owner = None
        node = Node(line, number=number.token, rank=number.rank, style=number.style)
        node.value = number.value
        body = text[number.end :]
        trailer = find_trailer(body)
        if trailer is not None:
            body = trailer.body
        node.title, node.text = split_heading(body)
        self._attach(node, self.stack[-1] if self.stack else None)
        self.stack.append(node)
        self.table_section = None
        if trailer is not None:
            self._apply_trailer(node, line, trailer)

    def _attach(self, node: Node, parent: Node | None) -> None:
        self.node_count += 1
        plan = self._current_plan(node.line)
        (parent.children if parent is not None else plan.nodes).append(node)

    def _apply_trailer(self, node: Node, line: int, trailer) -> None:
        resp = parse_trailer(trailer, self.names)
        self._apply(node, resp)
        node.closed = True
        self.last_task = node
        for segment in resp.unplaced:
            self._warn(line, f"责任说明中未能识别的部分：{segment}")
        if resp.incomplete:
            self._warn(line, f"责任说明不完整（可能被分页截断），末尾的“{resp.incomplete}”未采用")
        elif not trailer.closed:
            self._warn(line, "责任说明缺少右括号（可能被分页截断），请核对")

    def _apply(self, node: Node, resp: Responsibility) -> None:
        for person in resp.leaders:
            if person not in node.leaders:
                node.leaders.append(person)
        for target, units in (
            (node.lead_units, resp.lead_units),
            (node.support_units, resp.support_units),
        ):
            for unit in units:
                if all(existing.name != unit.name for existing in target):
                    target.append(unit)
        if resp.deadline_text:
            node.deadline_text = (
                f"{node.deadline_text}；{resp.deadline_text}"
                if node.deadline_text
                else resp.deadline_text
            )
        if not resp.is_empty():
            node.has_resp = True

    # -- labelled blocks ---------------------------------------------------------------
    def _label(self, line: int, field_name: str, value: str, held: bool = False) -> None:
        target = self.owner
        if target is None:
            target = self._label_target(line)
            self.owner = target
        if field_name in labelled.LIST_FIELDS:
            resp = Responsibility()
            apply_field(resp, field_name, value, self.names)
            if held:
                target.responsible_units += resp.lead_units
                target.has_resp = target.has_resp or bool(resp.lead_units)
                resp.lead_units = []
            self._apply(target, resp)
            if field_name == labelled.DEADLINE and value and not resp.deadline_text:
                target.deadline_text = value
            self.last_task = target
        else:
            target.add_text(field_name, value)
        target.field_name = field_name

    def _label_target(self, line: int) -> Node:
        index = len(self.stack) - 1
        while index > 0 and (self.stack[index].rank or 0) >= 4:
            index -= 1
        if index >= 0:
            return self.stack[index]
        # a page that starts inside a task: the loose paragraphs before are its problem, and
        # numbered sub-items after 整改措施 its measures (rank 3 keeps （1） and ① below it)
        node = Node(line, forced_task=True, rank=3)
        for _, text in self.orphans:
            node.add_text("problem", text)
        self.orphans = []
        self._attach(node, None)
        self.stack.append(node)
        self._warn(line, "这段内容前没有任务标题（可能从上一页接续），已作为无标题任务导入")
        return node

    # -- running text ------------------------------------------------------------------
    def _unnumbered_heading(self, line: int, text: str) -> None:
        """A short line without a number right before labelled fields: the task's title."""
        for index, open_node in enumerate(self.stack):
            if open_node.has_resp or open_node.forced_task or open_node is self.owner:
                del self.stack[index:]
                break
        rank = (self.stack[-1].rank or 0) + 1 if self.stack else 1
        node = Node(line, rank=rank, forced_task=True)
        node.title, node.text = split_heading(text)
        self._attach(node, self.stack[-1] if self.stack else None)
        self.stack.append(node)
        self.owner = None

    def flush(self) -> None:
        """Place a heading held back to see whether labels follow it."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self._plain(*pending, find_trailer(pending[1]), stash=False)

    def _plain(self, line: int, text: str, trailer, stash: bool = True) -> None:
        if stash and trailer is None and _HEADING_LIKE.fullmatch(fold(text)):
            self.pending = (line, text)
            return
        body = trailer.body if trailer is not None else text
        owner = self.owner
        if owner is not None and not owner.closed:
            if owner.field_name not in labelled.LIST_FIELDS:
                owner.add_text(owner.field_name, body)
                if trailer is not None:
                    self._apply_trailer(owner, line, trailer)
                return
        elif self.stack and not self.stack[-1].closed and self.owner is None:
            top = self.stack[-1]
            top.add_text("text", body)
            if trailer is not None:
                self._apply_trailer(top, line, trailer)
            return
        if trailer is not None:
            node = Node(line, text=body.strip(), forced_task=True)
            parent = next(
                (n for n in reversed(self.stack) if not n.closed and not n.has_resp), None
            )
            self._attach(node, parent)
            self._apply_trailer(node, line, trailer)
            self._warn(
                line, "这段内容前没有任务编号和标题（可能从上一页接续），已作为无标题任务导入"
            )
            return
        if not self.stack and self.owner is None:
            self.orphans.append((line, text))
            return
        self._warn(line, f"未能归入任何条目的文字：{_excerpt(text)}")

    # -- Word tables -------------------------------------------------------------------
    def _row(self, row: TableRow) -> None:
        self._drop_orphans()
        self._current_plan(row.line)
        while self.stack and (self.stack[-1].has_resp or self.stack[-1].forced_task):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if row.section:
            if self.table_section is None or self.table_section_key != row.section:
                number = match_number(row.section)
                section = Node(row.line, kind=SECTION)
                if number is not None:
                    section.number = number.token
                    section.title, section.text = split_heading(row.section[number.end :])
                else:
                    section.title = row.section.strip()
                self._attach(section, parent)
                self.table_section = section
                self.table_section_key = row.section
            parent = self.table_section
        fields = row.fields
        node = Node(row.line, number=fields.get("number", "").strip(), forced_task=True)
        title = fields.get("title", "").strip()
        problem = fields.get("problem", "").strip()
        if title:
            node.title, rest = split_heading(title)
            node.add_text("text", rest)
        elif problem:
            node.title, _ = split_heading(problem)
        node.problem = problem
        node.add_text("text", fields.get("text", ""))
        node.goal = fields.get("goal", "").strip()
        resp = Responsibility()
        for name in labelled.LIST_FIELDS:
            if fields.get(name, "").strip():
                apply_field(resp, name, fields[name], self.names)
        self._apply(node, resp)
        node.closed = True
        if not (node.title or node.text):
            self._warn(row.line, f"{row.where}没有任务内容，已略过")
            return
        self._attach(node, parent)
        self.last_task = node

    # -- result ------------------------------------------------------------------------
    def finish(self, year: int | None) -> list[Plan]:
        self.flush()
        self._drop_orphans()
        plans = []
        for plan in self.plans:
            if not plan.nodes:
                if plan.title:
                    self._warn(plan.line, f"方案“{plan.title}”下没有找到任务或条目")
                continue
            for node in plan.walk():
                node.settle_responsible_units()
                if node.forced_task and not node.title and node.problem:
                    # named by its problem, as a task table without a task column is
                    node.title = split_heading(node.problem)[0]
            _assign_kinds(plan)
            plan.year = _plan_year(plan) or year
            for node in plan.walk():
                if node.deadline_text:
                    node.due_date = due_date(node.deadline_text, plan.year)
            if not plan.title:
                self._warn(plan.line, "未找到方案标题，请在导入前填写")
            plans.append(plan)
        return plans


def _has_resp_below(node: Node, cache: dict[int, bool]) -> bool:
    key = id(node)
    if key not in cache:
        cache[key] = any(
            child.has_resp or child.forced_task or _has_resp_below(child, cache)
            for child in node.children
        )
    return cache[key]


def _assign_kinds(plan: Plan) -> None:
    """Decide which headings are sections, tasks and measures (see PLAN_FORMAT.md)."""
    ranks = Counter(
        node.rank for node in plan.walk() if node.has_resp and node.rank and not node.forced_task
    )
    present = {node.rank for node in plan.walk() if node.rank and not node.forced_task}
    if ranks:
        default = max(ranks.items(), key=lambda item: (item[1], item[0]))[0]
    elif present & {1, 2, 3}:
        default = max(present & {1, 2, 3})
    else:
        default = min(present) if present else None
    cache: dict[int, bool] = {}

    def visit(nodes: list[Node], parent_kind: str, non_task: bool) -> None:
        resp_ranks = {node.rank for node in nodes if node.has_resp}
        for node in nodes:
            below = _has_resp_below(node, cache)
            part = non_task or bool(_NON_TASK_PART.search(node.title))
            if node.kind == SECTION:
                pass
            elif parent_kind in (TASK, MEASURE):
                node.kind = MEASURE
            elif node.forced_task and not below:
                node.kind = TASK
            elif node.has_resp and not below:
                node.kind = TASK
            elif below or part:
                node.kind = SECTION
            elif node.rank in resp_ranks:
                node.kind = TASK
            elif default is None or node.rank is None:
                node.kind = SECTION
            elif node.rank < default:
                node.kind = SECTION
            else:
                node.kind = TASK
            if node.kind == SECTION and node.text.startswith("针对") and not node.problem:
                node.problem, node.text = node.text, ""
            visit(node.children, node.kind, part and node.kind == SECTION)

    visit(plan.nodes, "", False)


def _plan_year(plan: Plan) -> int | None:
    deadline_years: Counter[int] = Counter()
    text_years: Counter[int] = Counter()
    for node in plan.walk():
        deadline_years.update(years_in(node.deadline_text))
        for value in (node.title, node.text, node.problem, node.goal):
            text_years.update(years_in(value))
    if deadline_years:
        return min(deadline_years)
    title_years = years_in(plan.title)
    if title_years:
        return min(title_years)
    if plan.issue_year:
        return plan.issue_year
    if text_years:
        return max(text_years.items(), key=lambda item: (item[1], -item[0]))[0]
    return None
