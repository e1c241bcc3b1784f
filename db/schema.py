"""Schema versions: frozen DDL for every version, numbered migrations between them.

`PRAGMA user_version` holds the version of a database file.  A new file is created directly
at CURRENT_VERSION from FROZEN_SCHEMAS[CURRENT_VERSION]; an older file is brought forward by
MIGRATIONS[v] (v - 1 → v), each step in one transaction together with its version bump, so
a failed step leaves the file at the version before it.  The DDL is literal text, not what
the peewee models happen to generate today: a model change can never silently change what
a new file looks like.

How to add a column (or any schema change) — three edits, one commit:
1. A migration: `def _to_v2(db): db.execute_sql('ALTER TABLE "node" ADD COLUMN ...')` and
   `MIGRATIONS[2] = _to_v2` (never edit a released step; a table rebuild goes through
   peewee's `migrator` or CREATE/INSERT/DROP/RENAME inside the step).
2. The model field in db/models.py, matching the column exactly (type, NOT NULL, default).
3. FROZEN_SCHEMAS[2]: the whole schema of version 2 as literal DDL.  The easiest way is to
   let SQLite say it: `python -m db.schema` prints the schema of a file migrated to the
   newest version; paste it in.  Keep every earlier entry: tests build a file of each past
   version and migrate it.
tests/db/test_schema.py then proves that a fresh file and a migrated one are identical and
that the models match the frozen schema.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from peewee import Database

from db.ledger_schema import migrate_to_v2

SCHEMA_V1 = """
CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL, "year" INTEGER, "kind" TEXT NOT NULL, "notes" TEXT NOT NULL,
    "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "node" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,
    "parent_id" INTEGER, "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK (kind IN ('section', 'task', 'measure')),
    "title" TEXT NOT NULL, "text" TEXT NOT NULL, "problem" TEXT NOT NULL, "goal" TEXT NOT NULL,
    "deadline_text" TEXT NOT NULL, "due_date" DATE,
    "status" TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'closed', 'ongoing')),
    "closed_at" DATETIME, "closed_by" TEXT NOT NULL, "remarks" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("parent_id") REFERENCES "node" ("id") ON DELETE CASCADE);
CREATE INDEX "node_plan_id" ON "node" ("plan_id");
CREATE INDEX "node_parent_id" ON "node" ("parent_id");
CREATE INDEX "node_plan_id_parent_id_position" ON "node" ("plan_id", "parent_id", "position");
CREATE TABLE "unit" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "unit_name" ON "unit" ("name");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,
    "post" TEXT NOT NULL, "unit_id" INTEGER,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_unit_id" ON "person" ("unit_id");
CREATE TABLE "progress" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "date" DATE NOT NULL, "text" TEXT NOT NULL, "unit_id" INTEGER,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE INDEX "progress_node_id" ON "progress" ("node_id");
CREATE INDEX "progress_unit_id" ON "progress" ("unit_id");
CREATE INDEX "progress_node_id_date" ON "progress" ("node_id", "date");
CREATE TABLE "task_leader" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_leader_node_id" ON "task_leader" ("node_id");
CREATE INDEX "task_leader_person_id" ON "task_leader" ("person_id");
CREATE UNIQUE INDEX "task_leader_node_id_person_id" ON "task_leader" ("node_id", "person_id");
CREATE TABLE "task_unit" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL, "role" TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    "contact" TEXT NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_unit_node_id" ON "task_unit" ("node_id");
CREATE INDEX "task_unit_unit_id" ON "task_unit" ("unit_id");
CREATE UNIQUE INDEX "task_unit_node_id_unit_id_role"
    ON "task_unit" ("node_id", "unit_id", "role");
CREATE TABLE "unit_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "unit_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL, FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE);
CREATE INDEX "unit_alias_unit_id" ON "unit_alias" ("unit_id");
CREATE UNIQUE INDEX "unit_alias_alias" ON "unit_alias" ("alias");
"""

# Version 2 adds the ledger (db/ledger_schema.py): status changes, close-outs, extensions,
# field history, evaluations, settings, and who entered each progress report.
SCHEMA_V2 = """
CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL, "year" INTEGER, "kind" TEXT NOT NULL, "notes" TEXT NOT NULL,
    "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "node" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,
    "parent_id" INTEGER, "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK (kind IN ('section', 'task', 'measure')),
    "title" TEXT NOT NULL, "text" TEXT NOT NULL, "problem" TEXT NOT NULL, "goal" TEXT NOT NULL,
    "deadline_text" TEXT NOT NULL, "due_date" DATE,
    "status" TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'closed', 'ongoing')),
    "closed_at" DATETIME, "closed_by" TEXT NOT NULL, "remarks" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("parent_id") REFERENCES "node" ("id") ON DELETE CASCADE);
CREATE INDEX "node_plan_id" ON "node" ("plan_id");
CREATE INDEX "node_parent_id" ON "node" ("parent_id");
CREATE INDEX "node_plan_id_parent_id_position" ON "node" ("plan_id", "parent_id", "position");
CREATE TABLE "unit" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "unit_name" ON "unit" ("name");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,
    "post" TEXT NOT NULL, "unit_id" INTEGER,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_unit_id" ON "person" ("unit_id");
CREATE TABLE "progress" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "date" DATE NOT NULL, "text" TEXT NOT NULL, "unit_id" INTEGER,
    "recorded_at" DATETIME NOT NULL, "recorded_by" TEXT NOT NULL DEFAULT '',
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE INDEX "progress_node_id" ON "progress" ("node_id");
CREATE INDEX "progress_unit_id" ON "progress" ("unit_id");
CREATE INDEX "progress_node_id_date" ON "progress" ("node_id", "date");
CREATE TABLE "task_leader" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_leader_node_id" ON "task_leader" ("node_id");
CREATE INDEX "task_leader_person_id" ON "task_leader" ("person_id");
CREATE UNIQUE INDEX "task_leader_node_id_person_id" ON "task_leader" ("node_id", "person_id");
CREATE TABLE "task_unit" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL, "role" TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    "contact" TEXT NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_unit_node_id" ON "task_unit" ("node_id");
CREATE INDEX "task_unit_unit_id" ON "task_unit" ("unit_id");
CREATE UNIQUE INDEX "task_unit_node_id_unit_id_role"
    ON "task_unit" ("node_id", "unit_id", "role");
CREATE TABLE "unit_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "unit_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL, FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE);
CREATE INDEX "unit_alias_unit_id" ON "unit_alias" ("unit_id");
CREATE UNIQUE INDEX "unit_alias_alias" ON "unit_alias" ("alias");
CREATE TABLE "status_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL
);
CREATE INDEX "status_change_node_id" ON "status_change" ("node_id");
CREATE TABLE "close_out" (
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
CREATE INDEX "close_out_node_id" ON "close_out" ("node_id");
CREATE TABLE "extension" (
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
CREATE INDEX "extension_node_id" ON "extension" ("node_id");
CREATE TABLE "field_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "field" TEXT NOT NULL,
    "old_value" TEXT NOT NULL DEFAULT '',
    "new_value" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "changed_at" DATETIME NOT NULL
);
CREATE INDEX "field_change_node_id" ON "field_change" ("node_id");
CREATE TABLE "evaluation" (
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
CREATE INDEX "evaluation_plan_id" ON "evaluation" ("plan_id");
CREATE TABLE "ledger_setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL DEFAULT ''
);
"""

# Version 3 adds the number a node had in the published document (（二）, 三、, 4.), "" for
# a node numbered live from its position (desktop/ledger/numbering.py).
SCHEMA_V3 = """
CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL, "year" INTEGER, "kind" TEXT NOT NULL, "notes" TEXT NOT NULL,
    "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "node" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,
    "parent_id" INTEGER, "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK (kind IN ('section', 'task', 'measure')),
    "title" TEXT NOT NULL, "text" TEXT NOT NULL, "problem" TEXT NOT NULL, "goal" TEXT NOT NULL,
    "deadline_text" TEXT NOT NULL, "due_date" DATE,
    "status" TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'closed', 'ongoing')),
    "closed_at" DATETIME, "closed_by" TEXT NOT NULL, "remarks" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
    "number" TEXT NOT NULL DEFAULT '',
    FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("parent_id") REFERENCES "node" ("id") ON DELETE CASCADE);
CREATE INDEX "node_plan_id" ON "node" ("plan_id");
CREATE INDEX "node_parent_id" ON "node" ("parent_id");
CREATE INDEX "node_plan_id_parent_id_position" ON "node" ("plan_id", "parent_id", "position");
CREATE TABLE "unit" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "unit_name" ON "unit" ("name");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,
    "post" TEXT NOT NULL, "unit_id" INTEGER,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_unit_id" ON "person" ("unit_id");
CREATE TABLE "progress" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "date" DATE NOT NULL, "text" TEXT NOT NULL, "unit_id" INTEGER,
    "recorded_at" DATETIME NOT NULL, "recorded_by" TEXT NOT NULL DEFAULT '',
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE INDEX "progress_node_id" ON "progress" ("node_id");
CREATE INDEX "progress_unit_id" ON "progress" ("unit_id");
CREATE INDEX "progress_node_id_date" ON "progress" ("node_id", "date");
CREATE TABLE "task_leader" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_leader_node_id" ON "task_leader" ("node_id");
CREATE INDEX "task_leader_person_id" ON "task_leader" ("person_id");
CREATE UNIQUE INDEX "task_leader_node_id_person_id" ON "task_leader" ("node_id", "person_id");
CREATE TABLE "task_unit" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL, "role" TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    "contact" TEXT NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_unit_node_id" ON "task_unit" ("node_id");
CREATE INDEX "task_unit_unit_id" ON "task_unit" ("unit_id");
CREATE UNIQUE INDEX "task_unit_node_id_unit_id_role"
    ON "task_unit" ("node_id", "unit_id", "role");
CREATE TABLE "unit_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "unit_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL, FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE);
CREATE INDEX "unit_alias_unit_id" ON "unit_alias" ("unit_id");
CREATE UNIQUE INDEX "unit_alias_alias" ON "unit_alias" ("alias");
CREATE TABLE "status_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL
);
CREATE INDEX "status_change_node_id" ON "status_change" ("node_id");
CREATE TABLE "close_out" (
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
CREATE INDEX "close_out_node_id" ON "close_out" ("node_id");
CREATE TABLE "extension" (
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
CREATE INDEX "extension_node_id" ON "extension" ("node_id");
CREATE TABLE "field_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "field" TEXT NOT NULL,
    "old_value" TEXT NOT NULL DEFAULT '',
    "new_value" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "changed_at" DATETIME NOT NULL
);
CREATE INDEX "field_change_node_id" ON "field_change" ("node_id");
CREATE TABLE "evaluation" (
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
CREATE INDEX "evaluation_plan_id" ON "evaluation" ("plan_id");
CREATE TABLE "ledger_setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL DEFAULT ''
);
"""

# Version 4 adds the row version of a node: a save names the version it read and is
# refused when another clerk saved the task since (the 网络版 on PostgreSQL; SQLite too).
SCHEMA_V4 = """
CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL, "year" INTEGER, "kind" TEXT NOT NULL, "notes" TEXT NOT NULL,
    "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "node" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,
    "parent_id" INTEGER, "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK (kind IN ('section', 'task', 'measure')),
    "title" TEXT NOT NULL, "text" TEXT NOT NULL, "problem" TEXT NOT NULL, "goal" TEXT NOT NULL,
    "deadline_text" TEXT NOT NULL, "due_date" DATE,
    "status" TEXT NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'closed', 'ongoing')),
    "closed_at" DATETIME, "closed_by" TEXT NOT NULL, "remarks" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL,
    "number" TEXT NOT NULL DEFAULT '', "version" INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("parent_id") REFERENCES "node" ("id") ON DELETE CASCADE);
CREATE INDEX "node_plan_id" ON "node" ("plan_id");
CREATE INDEX "node_parent_id" ON "node" ("parent_id");
CREATE INDEX "node_plan_id_parent_id_position" ON "node" ("plan_id", "parent_id", "position");
CREATE TABLE "unit" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE UNIQUE INDEX "unit_name" ON "unit" ("name");
CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,
    "post" TEXT NOT NULL, "unit_id" INTEGER,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_unit_id" ON "person" ("unit_id");
CREATE TABLE "progress" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "date" DATE NOT NULL, "text" TEXT NOT NULL, "unit_id" INTEGER,
    "recorded_at" DATETIME NOT NULL, "recorded_by" TEXT NOT NULL DEFAULT '',
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE SET NULL);
CREATE INDEX "progress_node_id" ON "progress" ("node_id");
CREATE INDEX "progress_unit_id" ON "progress" ("unit_id");
CREATE INDEX "progress_node_id_date" ON "progress" ("node_id", "date");
CREATE TABLE "task_leader" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_leader_node_id" ON "task_leader" ("node_id");
CREATE INDEX "task_leader_person_id" ON "task_leader" ("person_id");
CREATE UNIQUE INDEX "task_leader_node_id_person_id" ON "task_leader" ("node_id", "person_id");
CREATE TABLE "task_unit" ("id" INTEGER NOT NULL PRIMARY KEY, "node_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL, "role" TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    "contact" TEXT NOT NULL, "position" INTEGER NOT NULL,
    FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT);
CREATE INDEX "task_unit_node_id" ON "task_unit" ("node_id");
CREATE INDEX "task_unit_unit_id" ON "task_unit" ("unit_id");
CREATE UNIQUE INDEX "task_unit_node_id_unit_id_role"
    ON "task_unit" ("node_id", "unit_id", "role");
CREATE TABLE "unit_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "unit_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL, FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE);
CREATE INDEX "unit_alias_unit_id" ON "unit_alias" ("unit_id");
CREATE UNIQUE INDEX "unit_alias_alias" ON "unit_alias" ("alias");
CREATE TABLE "status_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "recorded_at" DATETIME NOT NULL
);
CREATE INDEX "status_change_node_id" ON "status_change" ("node_id");
CREATE TABLE "close_out" (
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
CREATE INDEX "close_out_node_id" ON "close_out" ("node_id");
CREATE TABLE "extension" (
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
CREATE INDEX "extension_node_id" ON "extension" ("node_id");
CREATE TABLE "field_change" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "node_id" INTEGER NOT NULL REFERENCES "node" ("id") ON DELETE CASCADE,
    "field" TEXT NOT NULL,
    "old_value" TEXT NOT NULL DEFAULT '',
    "new_value" TEXT NOT NULL DEFAULT '',
    "who" TEXT NOT NULL DEFAULT '',
    "changed_at" DATETIME NOT NULL
);
CREATE INDEX "field_change_node_id" ON "field_change" ("node_id");
CREATE TABLE "evaluation" (
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
CREATE INDEX "evaluation_plan_id" ON "evaluation" ("plan_id");
CREATE TABLE "ledger_setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL DEFAULT ''
);
"""


def migrate_to_v3(db: Database) -> None:
    """2 → 3: the published number of every node, empty for the nodes already stored."""
    db.execute_sql('ALTER TABLE "node" ADD COLUMN "number" TEXT NOT NULL DEFAULT \'\'')


def migrate_to_v4(db: Database) -> None:
    """3 → 4: the row version of every node, 1 for the nodes already stored.  A save names
    the version it was read at and is refused when another clerk saved since (网络版)."""
    db.execute_sql('ALTER TABLE "node" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')


# version → the complete schema of a file at that version (never edit a released entry).
FROZEN_SCHEMAS: dict[int, str] = {
    1: SCHEMA_V1,
    2: SCHEMA_V2,
    3: SCHEMA_V3,
    4: SCHEMA_V4,
}

Migration = Callable[[Database], None]

# version → the step that takes a file from version - 1 to version (2, 3, … in order).
MIGRATIONS: dict[int, Migration] = {
    2: migrate_to_v2,  # the ledger: status changes, close-outs, extensions, history, …
    3: migrate_to_v3,  # node.number: the number the published document gave a node
    4: migrate_to_v4,  # node.version: the row version that catches concurrent saves
}

CURRENT_VERSION = max(MIGRATIONS, default=1)


class SchemaMismatch(Exception):
    """The migrations and the frozen schemas disagree: a programming error."""


if sorted(MIGRATIONS) != list(range(2, CURRENT_VERSION + 1)):
    raise SchemaMismatch(f"migrations must be numbered 2 … n, got {sorted(MIGRATIONS)}")
if CURRENT_VERSION not in FROZEN_SCHEMAS:
    raise SchemaMismatch(f"FROZEN_SCHEMAS lacks the DDL of version {CURRENT_VERSION}")


def statements(ddl: str) -> list[str]:
    """The statements of a DDL script, each without its final semicolon."""
    result, pending = [], ""
    for line in ddl.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            result.append(pending.strip().rstrip(";").strip())
            pending = ""
    if pending.strip():
        raise SchemaMismatch(f"incomplete statement in frozen DDL: {pending.strip()[:60]}")
    return result


def create_schema(db: Database, version: int | None = None) -> None:
    """Create every table and index of `version` (default: current) in an empty file.

    Call inside a transaction; sets `user_version`.
    """
    version = CURRENT_VERSION if version is None else version
    for statement in statements(FROZEN_SCHEMAS[version]):
        db.execute_sql(statement)
    db.execute_sql(f"PRAGMA user_version = {version}")


def upgrade(db: Database, from_version: int, to_version: int | None = None) -> None:
    """Run each missing step in its own write transaction with its version bump."""
    to_version = CURRENT_VERSION if to_version is None else to_version
    for version in range(from_version + 1, to_version + 1):
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaMismatch(f"no migration to version {version}")
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {version}")


def normalized_schema(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(type, name, sql) of every table, index, view and trigger, white space normalised.

    Two files with equal results have the same schema, whether created or migrated.
    """
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return [(kind, name, _normalize(sql)) for kind, name, sql in rows]


def _normalize(sql: str) -> str:
    text = " ".join(sql.split())
    text = re.sub(r"\s*([(),])\s*", r"\1", text)
    return text


def dump_schema(connection: sqlite3.Connection) -> str:
    """The schema of a file as a DDL script (what to paste into FROZEN_SCHEMAS)."""
    rows = connection.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid"
    ).fetchall()
    return "".join(f"{sql};\n" for (sql,) in rows)


def _print_current_schema() -> None:
    """Build version 1, migrate it to the newest version in memory, print its DDL."""
    from peewee import SqliteDatabase

    db = SqliteDatabase(":memory:")
    with db.atomic():
        create_schema(db, 1)
    upgrade(db, 1)
    print(f"-- version {CURRENT_VERSION}")
    print(dump_schema(db.connection()), end="")


if __name__ == "__main__":
    _print_current_schema()
