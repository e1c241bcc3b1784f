"""Status, close-out and overdue rules with a fixed "today"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.ledger.overdue import (
    FAR,
    FINISHED,
    LATER,
    NEAR,
    NO_DEADLINE,
    OVERDUE,
    Buckets,
    days_left,
    is_overdue,
    light,
    urgency,
)
from desktop.ledger.status import (
    STATUSES,
    LedgerRuleError,
    check_close_out,
    check_reopen,
    check_status_change,
    status_from_text,
)

TODAY = date(2014, 11, 1)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(-1, OVERDUE), (0, NEAR), (10, NEAR), (11, FAR), (20, FAR), (21, LATER)],
)
def test_bucket_edges_for_an_open_task(offset, expected):
    assert urgency("in_progress", day(offset), TODAY) == expected
    assert urgency("not_started", day(offset), TODAY) == expected


def test_lights_follow_the_buckets():
    assert [light("in_progress", day(n), TODAY) for n in (-5, 0, 10, 11, 20, 21)] == [
        "red", "red", "red", "yellow", "yellow", "green",
    ]  # fmt: skip
    assert light("done", day(-30), TODAY) == "green"
    assert light("ongoing", day(-30), TODAY) is None
    assert light("in_progress", None, TODAY) is None


def test_buckets_are_configurable():
    buckets = Buckets(near=3, far=7)
    assert urgency("in_progress", day(3), TODAY, buckets) == NEAR
    assert urgency("in_progress", day(4), TODAY, buckets) == FAR
    assert urgency("in_progress", day(8), TODAY, buckets) == LATER
    with pytest.raises(ValueError):
        Buckets(near=20, far=10)


@pytest.mark.parametrize("status", ["done", "closed", "ongoing"])
def test_finished_and_ongoing_tasks_are_never_overdue(status):
    assert not is_overdue(status, day(-400), TODAY)
    assert urgency(status, day(-400), TODAY) in (FINISHED, NO_DEADLINE)


def test_overdue_means_due_strictly_before_the_chosen_date():
    assert is_overdue("not_started", day(-1), TODAY)
    assert not is_overdue("not_started", TODAY, TODAY)
    assert not is_overdue("not_started", None, TODAY)
    assert days_left(day(-3), TODAY) == -3 and days_left(None, TODAY) is None
    # the same task, as of an earlier date, was not yet overdue
    assert not is_overdue("in_progress", day(-1), day(-2))


def test_plain_status_changes_and_their_refusals():
    check_status_change("not_started", "in_progress")
    check_status_change("done", "in_progress")
    check_status_change("in_progress", "ongoing")
    with pytest.raises(LedgerRuleError, match="销号…"):
        check_status_change("done", "closed")
    with pytest.raises(LedgerRuleError, match="撤销销号"):
        check_status_change("closed", "in_progress")
    with pytest.raises(LedgerRuleError, match="已是“推进中”"):
        check_status_change("in_progress", "in_progress")
    with pytest.raises(LedgerRuleError, match="未知的状态"):
        check_status_change("in_progress", "finished")


def test_close_out_needs_a_done_task_a_verifier_and_a_date():
    check_close_out("done", "王科长", TODAY, TODAY)
    with pytest.raises(LedgerRuleError, match="只有“已完成”"):
        check_close_out("in_progress", "王科长", TODAY, TODAY)
    with pytest.raises(LedgerRuleError, match="核验人"):
        check_close_out("done", "  ", TODAY, TODAY)
    with pytest.raises(LedgerRuleError, match="销号日期"):
        check_close_out("done", "王科长", None, TODAY)
    with pytest.raises(LedgerRuleError, match="晚于今天"):
        check_close_out("done", "王科长", day(1), TODAY)
    with pytest.raises(LedgerRuleError, match="已经销号"):
        check_close_out("closed", "王科长", TODAY, TODAY)


def test_reopen_needs_a_closed_task_and_a_reason():
    check_reopen("closed", "复查发现问题反弹", "in_progress")
    with pytest.raises(LedgerRuleError, match="说明原因"):
        check_reopen("closed", "", "in_progress")
    with pytest.raises(LedgerRuleError, match="只有已销号"):
        check_reopen("done", "原因", "in_progress")
    with pytest.raises(LedgerRuleError):
        check_reopen("closed", "原因", "closed")


def test_status_from_key_or_chinese_label():
    assert [status_from_text(s) for s in STATUSES] == list(STATUSES)
    assert status_from_text("推进中") == "in_progress"
    assert status_from_text("长期坚持") == "ongoing"
    assert status_from_text("完成了") is None
