"""The shape of a feedback workbook (反馈表), shared by the writer and the reader: the
columns and their headers, the hidden metadata sheet, and the signature over ids and metadata.

The signature is an HMAC-SHA256 keyed by a secret kept in the database (ledger_setting), so a
workbook whose task ids or metadata were edited no longer verifies, and one from another
database never does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping

FORMAT = "feedback/1"
META_SHEET = "反馈表信息"
DATABASE_ID_KEY = "database_id"
SECRET_KEY = "feedback_secret"
IMPORT_KEY_PREFIX = "feedback_import:"

# (key, header, width before fitting); the last three before the id are the answer columns.
COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("number", "序号", 5),
    ("role", "本单位职责", 6),
    ("task", "整改任务", 16),
    ("measures", "整改措施", 32),
    ("deadline", "完成时限", 10),
    ("status", "当前状态", 7),
    ("progress", "最新进展", 20),
    ("answer_progress", "本期进展", 30),
    ("answer_status", "完成情况", 9),
    ("answer_date", "预计完成时间", 11),
    ("task_id", "任务编号", 3),
)
HEADERS = tuple(header for _key, header, _width in COLUMNS)
KEYS = tuple(key for key, _header, _width in COLUMNS)
ANSWER_KEYS = ("answer_progress", "answer_status", "answer_date")
ID_COLUMN = KEYS.index("task_id") + 1  # 1-based
ANSWER_COLUMNS = {key: KEYS.index(key) + 1 for key in ANSWER_KEYS}

# What a unit may report in 完成情况: 销号 is the office's act, never a unit's answer.
ANSWER_STATUSES = {
    "未启动": "not_started",
    "推进中": "in_progress",
    "已完成": "done",
    "长期坚持": "ongoing",
}

# Metadata keys written to the hidden sheet, in order; every one is signed.
META_KEYS = (
    "format",
    "database_id",
    "plan_id",
    "plan_title",
    "unit",
    "scope",
    "exported_at",
    "header_row",
    "ids",
)
SIGNATURE = "signature"


def payload(meta: Mapping[str, str]) -> bytes:
    """The bytes that are signed: the metadata (ids included) as canonical JSON."""
    body = {key: str(meta.get(key, "")) for key in META_KEYS}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(meta: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), payload(meta), hashlib.sha256).hexdigest()


def verify(meta: Mapping[str, str], secret: str) -> bool:
    return hmac.compare_digest(sign(meta, secret), str(meta.get(SIGNATURE, "")))


def ids_text(ids: list[int]) -> str:
    return ",".join(str(task_id) for task_id in ids)


def parse_ids(text: str) -> list[int] | None:
    """The ids of an `ids` entry, None when it is not a comma-separated list of numbers."""
    text = text.strip()
    if not text:
        return []
    parts = text.split(",")
    if not all(part.strip().isdigit() for part in parts):
        return None
    return [int(part) for part in parts]
