"""Deadline wording → due date, as PLAN_FORMAT.md lists it."""

from __future__ import annotations

import pytest

from desktop.ledger.deadlines import due_date, is_ongoing, status_for_wording


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("2014年12月底前", "2014-12-31"),
        ("2014年9月30日前", "2014-09-30"),
        ("9月底前", "2014-09-30"),
        ("年底前", "2014-12-31"),
        ("上半年", "2014-06-30"),
        ("下半年", "2014-12-31"),
        ("三季度", "2014-09-30"),
        ("第一季度", "2014-03-31"),
        ("长期坚持", None),
        ("长期坚持，2015年6月底前见到明显成效", "2015-06-30"),
        ("2015年底前", "2015-12-31"),
        ("2014年10月底前完成方案，年底前全面完成", "2014-12-31"),
        ("２０１４年１１月底前", "2014-11-30"),
        ("二〇一四年十月底", "2014-10-31"),
        ("2月底前", "2014-02-28"),
        ("立即整改", None),
        ("", None),
    ],
)
def test_due_dates(wording, expected):
    assert due_date(wording, 2014) == expected


def test_relative_wording_without_a_plan_year_has_no_date():
    assert due_date("9月底前", None) is None
    assert due_date("2016年9月底前", None) == "2016-09-30"


@pytest.mark.parametrize(
    ("wording", "ongoing"), [("长期坚持", True), ("持续推进", True), ("年底前", False)]
)
def test_ongoing(wording, ongoing):
    assert is_ongoing(wording) is ongoing


def test_status_follows_standing_wording_only_before_work_starts():
    assert status_for_wording("长期坚持", "not_started") == "ongoing"
    assert status_for_wording("2014年底前", "ongoing") == "not_started"
    assert status_for_wording("", "ongoing") == "ongoing"
    assert status_for_wording("长期坚持", "in_progress") == "in_progress"
    assert status_for_wording("年底前", "closed") == "closed"
