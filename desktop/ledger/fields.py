"""The one registry of node and plan fields: key, Chinese label, kinds, editing, search, export.

The editor builds its rows from it, undo texts and previews take their labels from it, the
tree search asks it which texts to look in, and the exporter can take its headers and widths
from it.  Adding a field is one entry here plus a schema migration (and the column in
db.models / db.records).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from db.records import NodeRecord, PlanRecord
from desktop.ledger.kinds import NodeKind

ALL_KINDS = frozenset(NodeKind)
TASK_ONLY = frozenset({NodeKind.TASK})


@dataclass(frozen=True)
class Field:
    """One field of a node (or of a plan).

    `editor` names the widget the editor uses: "line" (one line), "text" (several lines, see
    `lines`), "people" or "units" (name pickers), "status" and "kind" (lists), "" (not edited
    directly, e.g. the due date that follows from the deadline wording).  `stored` is False for
    fields kept in link tables (leaders, units) rather than in the node's own row.
    """

    key: str
    label: str
    kinds: frozenset[NodeKind] = ALL_KINDS
    editor: str = "line"
    lines: int = 1
    searchable: bool = False
    export_header: str = ""
    export_width: float = 0.0
    stored: bool = True
    kind_labels: dict[NodeKind, str] = field(default_factory=dict, compare=False, hash=False)
    placeholder: str = ""

    @property
    def multiline(self) -> bool:
        return self.editor == "text"

    def applies_to(self, kind: str | NodeKind) -> bool:
        return NodeKind(kind) in self.kinds

    def label_for(self, kind: str | NodeKind | None = None) -> str:
        """The label as the editor shows it for a node of `kind` (任务名称, 部分标题 …)."""
        if kind is None:
            return self.label
        return self.kind_labels.get(NodeKind(kind), self.label)


NODE_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "任务名称",
        searchable=True,
        export_header="整改任务",
        export_width=16,
        kind_labels={NodeKind.SECTION: "标题", NodeKind.MEASURE: "标题"},
    ),
    Field("problem", "存在问题", TASK_ONLY, "text", 2, True, "存在问题", 20),
    Field("goal", "整改目标", TASK_ONLY, "text", 2, True, "整改目标", 18),
    Field(
        "text",
        "整改措施",
        editor="text",
        lines=6,
        searchable=True,
        export_header="整改措施",
        export_width=38,
        kind_labels={NodeKind.SECTION: "内容", NodeKind.MEASURE: "内容"},
    ),
    Field("leaders", "牵头领导", TASK_ONLY, "people", 1, True, "牵头领导", 10, stored=False),
    Field("lead_units", "牵头单位", TASK_ONLY, "units", 1, True, "牵头单位", 15, stored=False),
    Field("support_units", "配合单位", TASK_ONLY, "units", 1, True, "配合单位", 14, stored=False),
    Field(
        "deadline_text",
        "完成时限",
        TASK_ONLY,
        searchable=True,
        export_header="完成时限",
        export_width=11,
        placeholder="如：2014年9月底前、长期坚持",
    ),
    Field("due_date", "完成日期", TASK_ONLY, editor=""),
    Field("status", "状态", TASK_ONLY, "status", export_header="状态", export_width=8),
    Field("remarks", "备注", TASK_ONLY, "text", 2, True, "备注", 10),
    Field("closed_at", "销号时间", TASK_ONLY, editor=""),
    Field("closed_by", "销号人", TASK_ONLY, editor=""),
    Field("kind", "类型", editor="kind"),
    # as published (（二）, 三、, 4.): set by the import, cleared by a move or 重新编号
    Field("number", "编号", frozenset(), editor=""),
)

PLAN_FIELDS: tuple[Field, ...] = (
    Field("title", "方案名称", frozenset(), searchable=True),
    Field(
        "issuer", "印发机关", frozenset(), searchable=True, placeholder="如：中共镇江市人民政府党组"
    ),
    Field("year", "年度", frozenset(), editor="year"),
    Field("notes", "备注", frozenset(), "text", 4),
)

_NODE_BY_KEY = {f.key: f for f in NODE_FIELDS}
_PLAN_BY_KEY = {f.key: f for f in PLAN_FIELDS}


def node_field(key: str) -> Field:
    """The node field named `key`; KeyError for an unknown one."""
    return _NODE_BY_KEY[key]


def plan_field(key: str) -> Field:
    return _PLAN_BY_KEY[key]


def fields_for(kind: str | NodeKind) -> tuple[Field, ...]:
    """The fields of a node of `kind`, in the editor's order."""
    kind = NodeKind(kind)
    return tuple(f for f in NODE_FIELDS if kind in f.kinds)


def stored_node_keys() -> tuple[str, ...]:
    """The columns of the node's own row that an operation may set."""
    return tuple(f.key for f in NODE_FIELDS if f.stored)


def searchable_fields(kind: str | NodeKind | None = None) -> tuple[Field, ...]:
    """The fields the tree search looks in (for nodes of `kind`, or any kind)."""
    return tuple(f for f in NODE_FIELDS if f.searchable and (kind is None or f.applies_to(kind)))


def search_texts(record: NodeRecord | PlanRecord) -> Iterator[str]:
    """Every non-empty text of a node or plan the search matches against: the searchable
    fields, with each unit's name and its contact person."""
    if isinstance(record, PlanRecord):
        for f in PLAN_FIELDS:
            if f.searchable:
                value = getattr(record, f.key)
                if value:
                    yield value
        return
    for f in searchable_fields():
        value = getattr(record, f.key)
        if isinstance(value, list):
            for entry in value:
                if isinstance(entry, str):
                    if entry:
                        yield entry
                else:
                    yield from filter(None, (entry.name, entry.contact))
        elif value:
            yield value


def export_columns() -> tuple[tuple[str, str, float], ...]:
    """(key, header, width) of every field the breakdown table can print."""
    return tuple((f.key, f.export_header, f.export_width) for f in NODE_FIELDS if f.export_header)


def edit_text(kind: str, key: str) -> str:
    """The 编辑 menu's name of an edit: 修改任务名称, 修改部分标题, 修改整改目标 …"""
    try:
        kind_enum: NodeKind | None = NodeKind(kind)
    except ValueError:
        kind_enum = None
    if key == "due_date":
        key = "deadline_text"
    found = _NODE_BY_KEY.get(key)
    if found is None:
        return f"修改{key}"
    if key == "title" and kind_enum is not None:
        return f"修改{kind_enum.label}{kind_enum.title_label}"
    label = found.label_for(kind_enum)
    if kind_enum is not None and label != found.label:
        return f"修改{kind_enum.label}{label}"
    return f"修改{label}"


def plan_edit_text(keys: list[str]) -> str:
    """修改方案名称, 修改印发机关 …; several at once: 修改方案属性."""
    if len(keys) == 1 and keys[0] in _PLAN_BY_KEY:
        return f"修改{_PLAN_BY_KEY[keys[0]].label}"
    return "修改方案属性"
