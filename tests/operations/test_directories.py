from __future__ import annotations

from datetime import date

import pytest

from db.models import Progress, TaskUnit, Unit
from db.queries import load_directory, load_plan
from db.records import UnitRef
from desktop.operations import OperationError
from desktop.operations.directories import (
    add_person,
    add_unit,
    delete_person,
    delete_unit,
    merge_people,
    merge_units,
    person_row,
    redo_person_edit,
    rename_person,
    rename_unit,
    restore_person,
    restore_unit,
    revert_person_edit,
    set_unit_aliases,
    split_aliases,
    unit_aliases,
    unmerge_people,
    unmerge_units,
    update_person,
)
from desktop.operations.nodes import add_node, set_leaders, set_units
from desktop.operations.plans import create_plan
from tests.helpers.tables import dump_directory


def unit_id(name: str) -> int:
    return next(u.id for u in load_directory().units if u.name == name)


def person_id(name: str) -> int:
    return next(p.id for p in load_directory().people if p.name == name)


def person(name: str):
    return next(p for p in load_directory().people if p.name == name)


@pytest.fixture
def tasks(database):
    """Three tasks: A led by 朱晓明 with lead 市政府办公室 (王某) and support 市政府办;
    B with lead 市政府办 (李红); C with support 财政局."""
    plan_id, _ = create_plan("某市整改方案")
    ids = [add_node(plan_id, None, None, "task", title=t)[0] for t in "ABC"]
    a, b, c = ids
    set_leaders(a, ["朱晓明", "朱开宝"])
    set_leaders(b, ["朱 晓明"])
    set_units(a, "lead", [UnitRef("市政府办公室", "王某")])
    set_units(a, "support", [UnitRef("市政府办")])
    set_units(b, "lead", [UnitRef("市政府办", "李红")])
    set_units(c, "support", [UnitRef("财政局")])
    return plan_id, ids


def node(plan_id, node_id):
    return next(n for n in load_plan(plan_id).walk() if n.id == node_id)


def test_rename_unit_shows_on_every_task(tasks):
    plan_id, (a, b, c) = tasks
    change = rename_unit(unit_id("市政府办公室"), "市人民政府办公室")
    assert change.directory and change.nodes == {a}
    assert node(plan_id, a).lead_units == [UnitRef("市人民政府办公室", "王某")]
    assert Unit.select().count() == 3


def test_rename_unit_to_a_used_name_suggests_merging(tasks):
    with pytest.raises(OperationError, match="合并"):
        rename_unit(unit_id("市政府办"), "财政局")
    set_unit_aliases(unit_id("财政局"), ["财政"])
    with pytest.raises(OperationError, match="“财政”已是单位“财政局”的别名"):
        rename_unit(unit_id("市政府办"), "财政")
    with pytest.raises(OperationError, match="不能为空"):
        rename_unit(unit_id("市政府办"), "  ")


def test_rename_unit_to_its_own_alias_swaps_and_undoes(tasks):
    office = unit_id("市政府办公室")
    set_unit_aliases(office, ["政府办公室"])
    before = dump_directory(with_alias_ids=False)
    rename_unit(office, "政府办公室")
    assert unit_aliases(office) == ["市政府办公室"]
    rename_unit(office, "市政府办公室")
    assert dump_directory(with_alias_ids=False) == before


def test_aliases_are_unique_across_units_and_names(tasks):
    office = unit_id("市政府办公室")
    old, change = set_unit_aliases(office, ["政府办", " 政府办 ", "市政府办公室", "办公室"])
    assert old == [] and change.directory
    assert unit_aliases(office) == ["政府办", "办公室"]
    with pytest.raises(OperationError, match="另一单位的名称"):
        set_unit_aliases(office, ["财政局"])
    with pytest.raises(OperationError, match="已是单位“市政府办公室”的别名"):
        set_unit_aliases(unit_id("财政局"), ["办公室"])
    assert unit_aliases(office) == ["政府办", "办公室"]
    set_unit_aliases(office, old)
    assert unit_aliases(office) == []


def test_split_aliases_accepts_the_usual_separators():
    assert split_aliases("市政府办、政府办，市府办; 办公室 ") == [
        "市政府办",
        "政府办",
        "市府办",
        "办公室",
    ]


def test_merge_units_repoints_everything_and_undo_restores_exactly(tasks):
    plan_id, (a, b, c) = tasks
    office, short = unit_id("市政府办公室"), unit_id("市政府办")
    set_unit_aliases(short, ["政府办"])
    Progress.create(node=b, date=date(2014, 10, 1), text="已推进", unit=short)
    add_person("李红", "主任", "市政府办")
    before = dump_directory()

    merge, change = merge_units(office, short)
    assert change.nodes == {a, b}
    assert Unit.get_or_none(Unit.id == short) is None
    assert unit_aliases(office) == ["政府办", "市政府办"]
    assert node(plan_id, a).lead_units == [UnitRef("市政府办公室", "王某")]
    assert node(plan_id, a).support_units == [UnitRef("市政府办公室")]
    assert node(plan_id, b).lead_units == [UnitRef("市政府办公室", "李红")]
    assert node(plan_id, b).latest_progress.unit == "市政府办公室"
    assert person("李红").unit == "市政府办公室"
    assert next(u for u in load_directory().units if u.id == office).tasks == 2

    unmerge_units(merge)
    assert dump_directory() == before


def test_merge_units_keeps_one_link_per_role_with_the_contact_known(database):
    plan_id, _ = create_plan("甲")
    task, _ = add_node(plan_id, None, None, "task", title="任务")
    set_units(task, "lead", [UnitRef("财政局"), UnitRef("市财政局", "张三")])
    before = dump_directory()
    merge, _ = merge_units(unit_id("财政局"), unit_id("市财政局"))
    assert node(plan_id, task).lead_units == [UnitRef("财政局", "张三")]
    unmerge_units(merge)
    assert dump_directory() == before


def test_merge_unit_into_itself_or_a_missing_one_is_refused(tasks):
    office = unit_id("市政府办公室")
    with pytest.raises(OperationError, match="自己"):
        merge_units(office, office)
    with pytest.raises(OperationError, match="已不存在"):
        merge_units(office, 9999)


def test_add_unit_refuses_taken_names_and_delete_restores(tasks):
    with pytest.raises(OperationError, match="已有名为“财政局”的单位"):
        add_unit("财政局")
    new_id, change = add_unit("审计局", ["市审计局"])
    assert change.directory and unit_aliases(new_id) == ["市审计局"]
    with pytest.raises(OperationError, match="已是单位“审计局”的别名"):
        add_unit("市审计局")
    before = dump_directory()
    snapshot, _ = delete_unit(new_id)
    assert "审计局" not in [u.name for u in load_directory().units]
    restore_unit(snapshot)
    assert dump_directory() == before


def test_delete_unit_in_use_is_refused_with_what_uses_it(tasks):
    with pytest.raises(OperationError, match="仍用于 1 项任务.*合并到"):
        delete_unit(unit_id("财政局"))
    add_person("李红", "主任", "审计局")
    with pytest.raises(OperationError, match="有 1 名人员"):
        delete_unit(unit_id("审计局"))


def test_rename_person_everywhere_and_refuse_duplicates(tasks):
    plan_id, (a, b, c) = tasks
    change = rename_person(person_id("朱晓明"), "朱晓鸣")
    assert change.nodes == {a, b}
    assert node(plan_id, a).leaders == ["朱晓鸣", "朱开宝"]
    with pytest.raises(OperationError, match="已有“朱开宝”.*合并"):
        rename_person(person_id("朱晓鸣"), "朱 开宝")


def test_update_person_creates_a_new_unit_and_undo_removes_it(tasks):
    zhu = person_id("朱晓明")
    before = dump_directory()
    edit, change = update_person(zhu, post="市长", unit="市政府")
    assert person("朱晓明").post == "市长" and person("朱晓明").unit == "市政府"
    after, created = person_row(zhu), Unit.get_by_id(edit.created_unit).__data__
    revert_person_edit(edit)
    assert dump_directory() == before
    redo_person_edit(edit, after, dict(created))
    assert person("朱晓明").unit == "市政府"
    edit2, _ = update_person(zhu, unit="市政府办")
    assert person("朱晓明").unit == "市政府办" and edit2.created_unit is None


def test_add_person_then_undo_and_redo_keep_the_id(tasks):
    before = dump_directory()
    edit, _ = add_person("王伟", "副市长", "市政府办公室")
    after = person_row(edit.person_id)
    with pytest.raises(OperationError, match="已有“王伟”"):
        add_person("王伟")
    revert_person_edit(edit)
    assert dump_directory() == before
    redo_person_edit(edit, after, None)
    assert person("王伟").id == edit.person_id and person("王伟").post == "副市长"


def test_delete_person_only_when_unused(tasks):
    with pytest.raises(OperationError, match="仍是 2 项任务的牵头领导"):
        delete_person(person_id("朱晓明"))
    edit, _ = add_person("王伟")
    before = dump_directory()
    row, _ = delete_person(edit.person_id)
    restore_person(row)
    assert dump_directory() == before


def test_merge_people_keeps_one_link_per_task_and_undo_restores(tasks):
    plan_id, (a, b, c) = tasks
    set_leaders(c, ["朱晓明同志"])
    update_person(person_id("朱晓明同志"), post="市长", unit="市政府办")
    set_leaders(a, ["朱晓明同志", "朱晓明", "朱开宝"])
    before = dump_directory()
    merge, change = merge_people(person_id("朱晓明"), person_id("朱晓明同志"))
    assert change.nodes == {a, c}
    assert node(plan_id, a).leaders == ["朱晓明", "朱开宝"]
    assert node(plan_id, c).leaders == ["朱晓明"]
    assert person("朱晓明").post == "市长" and person("朱晓明").tasks == 3
    assert person("朱晓明").unit == "市政府办"
    unmerge_people(merge)
    assert dump_directory() == before
    with pytest.raises(OperationError, match="自己"):
        merge_people(person_id("朱晓明"), person_id("朱晓明"))


def test_undo_merge_after_an_undone_edit_of_the_same_task(database):
    plan_id, _ = create_plan("甲")
    task_id, _ = add_node(plan_id, None, None, "task", title="任务")
    set_units(task_id, "lead", [UnitRef("甲单位"), UnitRef("乙单位")])
    keep = Unit.get(Unit.name == "乙单位").id
    drop = Unit.get(Unit.name == "甲单位").id
    merge, _ = merge_units(keep, drop)
    before = [(u.name, u.contact) for u in load_plan(plan_id).nodes[0].lead_units]
    set_units(task_id, "lead", [UnitRef("丙单位")])
    set_units(task_id, "lead", [UnitRef(n, c) for n, c in before])  # the edit undone
    unmerge_units(merge)
    assert load_plan(plan_id).nodes[0].lead_units == [UnitRef("甲单位"), UnitRef("乙单位")]
    assert TaskUnit.select().count() == 2
