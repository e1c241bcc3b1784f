"""Unit and leader lists: shared prefixes, UNIT+PERSON, known names, one unit never two."""

from __future__ import annotations

from desktop.importing import parse_text
from desktop.importing.units import UnitNames, split_people
from tests.helpers.plan_parse import tasks_of


def names(text: str, known=None) -> list[tuple[str, str | None]]:
    return [(u.name, u.contact) for u in UnitNames(known).units(text)]


def test_shared_prefix_is_expanded():
    assert names("市人大常委会办公室、研究室") == [
        ("市人大常委会办公室", None),
        ("市人大常委会研究室", None),
    ]


def test_units_with_their_own_prefix_are_not_expanded():
    assert names("市公安局、司法局、市财政局") == [
        ("市公安局", None),
        ("司法局", None),
        ("市财政局", None),
    ]


def test_unit_person_entries_split_into_unit_and_contact():
    assert names("办公室李红、政策法规科赵强、水政监察大队") == [
        ("办公室", "李红"),
        ("政策法规科", "赵强"),
        ("水政监察大队", None),
    ]
    assert names("各科室负责人") == [("各科室", "负责人")]
    assert names("办公室（李红）、财务科 周敏") == [("办公室", "李红"), ("财务科", "周敏")]


def test_unit_names_that_end_like_a_person_are_kept_whole():
    assert names("市政府办公室、市人力资源和社会保障局") == [
        ("市政府办公室", None),
        ("市人力资源和社会保障局", None),
    ]


def test_known_units_and_aliases_resolve_to_one_unit():
    known = {"市府办": "市政府办公室", "市政府办公室": "市政府办公室"}
    assert names("市府办、市政府办公室、市财政局", known) == [
        ("市政府办公室", None),
        ("市财政局", None),
    ]


def test_known_units_through_parse_text():
    text = "某市政府整改方案\n1. 改进文风。少发文。（张三同志负责，市府办、市政府办公室牵头办理）\n"
    (only,) = tasks_of(parse_text(text, known_units={"市府办": "市政府办公室"}))
    assert only["lead_units"] == [{"name": "市政府办公室", "contact": None}]


def test_leader_lists():
    assert split_people("朱晓明、朱开宝同志") == ["朱晓明", "朱开宝"]
    assert split_people("市政府党组书记全体成员") == ["市政府党组书记全体成员"]
    assert split_people("王立新，陈晓梅") == ["王立新", "陈晓梅"]


def test_role_markers_in_a_unit_list_route_units():
    text = (
        "某局整改方案\n（一）改进文风。\n责任单位：市政府办（牵头）、市财政局（配合）、市审计局等\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == ["市政府办", "市审计局"]
    assert [u["name"] for u in only["support_units"]] == ["市财政局"]
