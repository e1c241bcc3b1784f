"""Schema version 2: the ledger's tables, as literal DDL (never derived from the models, so a
released version cannot drift).  db.schema runs `migrate_to_v2` as
step 1 → 2 (MIGRATIONS[2]); a fresh file is created at version 2 with these tables.
"""

from __future__ import annotations

from peewee import Database

LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS "status_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS "status_change_node_id" ON "status_change" ("node_id");

CREATE TABLE IF NOT EXISTS "close_out" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "verifier" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL,
    "reopened_on" DATE,
    "reopened_by" TEXT NOT NULL DEFAULT '',
    "reopen_reason" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS "close_out_node_id" ON "close_out" ("node_id");

CREATE TABLE IF NOT EXISTS "extension" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "date" DATE NOT NULL,
    "old_due_date" DATE,
    "new_due_date" DATE NOT NULL,
    "old_deadline_text" TEXT NOT NULL DEFAULT '',
    "new_deadline_text" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "approver" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS "extension_node_id" ON "extension" ("node_id");

CREATE TABLE IF NOT EXISTS "field_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "field" TEXT NOT NULL,
    "old_value" TEXT NOT NULL DEFAULT '',
    "new_value" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "changed_at" DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS "field_change_node_id" ON "field_change" ("node_id");

CREATE TABLE IF NOT EXISTS "evaluation" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "plan_id" INTEGER REFERENCES "plan" ("id") ON DELETE CASCADE,
    "leader" TEXT NOT NULL DEFAULT '',
    "date" DATE NOT NULL,
    "good" INTEGER NOT NULL DEFAULT 0 CHECK ("good" >= 0),
    "fairly_good" INTEGER NOT NULL DEFAULT 0 CHECK ("fairly_good" >= 0),
    "average" INTEGER NOT NULL DEFAULT 0 CHECK ("average" >= 0),
    "poor" INTEGER NOT NULL DEFAULT 0 CHECK ("poor" >= 0),
    "note" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL,
    CHECK ("plan_id" IS NOT NULL OR "leader" <> '')
);
CREATE INDEX IF NOT EXISTS "evaluation_plan_id" ON "evaluation" ("plan_id");

CREATE TABLE IF NOT EXISTS "ledger_setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL DEFAULT ''
);
"""

PROGRESS_DDL = """ALTER TABLE "progress" ADD COLUMN "recorded_by" TEXT NOT NULL DEFAULT ''"""


def statements(script: str) -> list[str]:
    """The statements of a DDL script (no semicolons inside our literals)."""
    return [part.strip() for part in script.split(";") if part.strip()]


def migrate_to_v2(db: Database) -> None:
    """Version 1 → 2: the ledger tables and who entered each progress report.  The caller runs
    it inside the transaction that bumps `PRAGMA user_version`."""
    for statement in statements(LEDGER_DDL):
        db.execute_sql(statement)
    columns = {column.name for column in db.get_columns("progress")}
    if "recorded_by" not in columns:
        db.execute_sql(PROGRESS_DDL)
