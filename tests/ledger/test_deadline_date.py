from __future__ import annotations

from datetime import date

import pytest

from desktop.ledger.deadlines import deadline_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014年9月底前", date(2014, 9, 30)),
        ("2014年12月31日前", date(2014, 12, 31)),
        ("2015年2月底", date(2015, 2, 28)),
        ("9月底前", date(2014, 9, 30)),
        ("十一月底前完成", date(2014, 11, 30)),
        ("2014年底前", date(2014, 12, 31)),
        ("2014年上半年", date(2014, 6, 30)),
        ("2014年第三季度", date(2014, 9, 30)),
        ("长期坚持", None),
        ("", None),
    ],
)
def test_deadline_wording_read_as_a_date(text, expected):
    assert deadline_date(text, 2014) == expected
