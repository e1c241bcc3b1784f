"""Roles enforced by the server (db/roles.py): readers read, editors edit but do not delete
plans, administrators manage logins.  Every role a test makes carries the scratch schema's
name and is dropped afterwards (the test cluster is shared)."""

from __future__ import annotations

from dataclasses import replace

import peewee
import pytest

from db import roles
from db.copying import CopyError, copy_ledger
from db.database import close_database, open_location
from db.errors import storage_message
from db.ledger_models import LedgerSetting
from db.models import Node, Plan, Progress
from db.postgres import ServerOpenError, open_server_database
from tests.helpers.full_ledger import fill_ledger
from tests.helpers.postgres import admin_connection
from tests.helpers.roles import drop_roles

NO_PERMISSION = "当前登录没有这项操作的权限（权限由服务器管理员分配）"


@pytest.fixture
def opened():
    """Every server connection a test opens, closed after it."""
    databases: list[peewee.Database] = []
    yield databases
    close_database()
    for db in databases:
        db.close()


@pytest.fixture
def prefix(server_location, opened):
    """The role prefix of this test's ledger; every role starting with it dropped after."""
    name = f"{server_location.schema}_"
    yield name
    for db in opened:
        db.close()
    drop_roles(server_location, name)


@pytest.fixture
def admin_db(server_location, prefix, opened):
    """The ledger opened by the cluster's superuser, roles set up, one plan with a task."""
    db = open_server_database(server_location)
    opened.append(db)
    roles.setup(db, prefix)
    plan = Plan.create(title="整改方案")
    Node.create(plan=plan, kind="task", title="任务一")
    return db


@pytest.fixture
def login(server_location, opened):
    def connect(name: str, password: str) -> peewee.Database:
        """Connect as another login; the models now work on its connection."""
        db = open_server_database(replace(server_location, user=name, password=password))
        opened.append(db)
        return db

    return connect


def refused(write) -> str | None:
    with pytest.raises(peewee.DatabaseError) as caught:
        write()
    return storage_message(caught.value)


def test_setup_creates_three_groups_and_can_run_again(admin_db, prefix, server_location):
    again = roles.setup(admin_db, prefix)

    assert again.created == []
    assert roles.stored_prefix(admin_db) == prefix
    assert roles.ledger_prefix(admin_db) == prefix
    with admin_connection(server_location) as connection:
        found = connection.execute(
            "SELECT rolname, rolcanlogin, rolcreaterole FROM pg_roles "
            "WHERE starts_with(rolname, %s) ORDER BY rolname",
            (prefix,),
        ).fetchall()
    assert found == [
        (f"{prefix}admin", False, True),
        (f"{prefix}editor", False, False),
        (f"{prefix}reader", False, False),
    ]


def test_a_reader_sees_everything_and_every_write_is_refused(
    admin_db, prefix, server_location, login
):
    roles.add_login(admin_db, prefix, f"{prefix}li", "reader", "li-secret")
    login(f"{prefix}li", "li-secret")

    assert [p.title for p in Plan.select()] == ["整改方案"]
    assert Node.select().count() == 1
    task = Node.get()
    assert refused(lambda: Plan.create(title="新方案")) == NO_PERMISSION
    assert refused(lambda: Node.update(title="改").execute()) == NO_PERMISSION
    assert refused(lambda: Node.delete().execute()) == NO_PERMISSION
    assert refused(lambda: Progress.create(node=task, date="2024-01-01", text="x")) == NO_PERMISSION
    assert refused(lambda: LedgerSetting.create(key="k", value="v")) == NO_PERMISSION


def test_setup_by_a_login_without_createrole_is_refused_in_chinese(
    admin_db, prefix, server_location, login
):
    roles.add_login(admin_db, prefix, f"{prefix}li", "reader", "li-secret")
    db = login(f"{prefix}li", "li-secret")

    with pytest.raises(roles.RolesError, match="当前登录不能建立角色"):
        roles.setup(db, prefix)
    with pytest.raises(roles.RolesError, match="没有这项操作的权限"):
        roles.add_login(db, prefix, f"{prefix}x", "reader", "x")


def test_an_editor_edits_tasks_and_adds_plans_but_cannot_delete_a_plan(
    admin_db, prefix, server_location, login
):
    roles.add_login(admin_db, prefix, f"{prefix}wang", "editor", "wang-secret")
    editor = login(f"{prefix}wang", "wang-secret")

    plan = Plan.create(title="编辑新建的方案")
    task = Node.create(plan=plan, kind="task", title="新任务")
    Node.update(title="改过的任务").where(Node.id == task.id).execute()
    Progress.create(node=task, date="2024-01-01", text="已推进")
    Plan.update(title="改名的方案").where(Plan.id == plan.id).execute()
    Node.delete().where(Node.id == task.id).execute()

    assert refused(lambda: Plan.delete().where(Plan.id == plan.id).execute()) == NO_PERMISSION
    assert Plan.select().count() == 2
    assert refused(lambda: editor.execute_sql('DROP TABLE "progress"')) is not None


def test_an_admin_login_adds_a_login_that_can_connect(admin_db, prefix, server_location, login):
    roles.add_login(admin_db, prefix, f"{prefix}boss", "admin", "boss-secret")
    boss = login(f"{prefix}boss", "boss-secret")

    assert roles.ledger_prefix(boss) == prefix
    roles.add_login(boss, prefix, f"{prefix}zhao", "editor", "zhao-secret")
    assert roles.list_logins(boss, prefix) == [
        roles.Login(f"{prefix}boss", "admin"),
        roles.Login(f"{prefix}zhao", "editor"),
    ]
    Plan.delete().execute()  # an administrator may delete plans
    close_database()

    login(f"{prefix}zhao", "zhao-secret")
    assert Plan.select().count() == 0


def test_a_removed_login_can_no_longer_connect(admin_db, prefix, server_location, login):
    roles.add_login(admin_db, prefix, f"{prefix}boss", "admin", "boss-secret")
    roles.add_login(admin_db, prefix, f"{prefix}zhao", "editor", "zhao-secret")
    boss = login(f"{prefix}boss", "boss-secret")

    roles.remove_login(boss, prefix, f"{prefix}zhao")

    with pytest.raises(ServerOpenError, match="登录名.*或密码不正确"):
        login(f"{prefix}zhao", "zhao-secret")
    assert roles.list_logins(boss, prefix) == [roles.Login(f"{prefix}boss", "admin")]
    with pytest.raises(roles.RolesError, match="不能删除正在使用的登录名"):
        roles.remove_login(boss, prefix, f"{prefix}boss")


def test_changing_a_role_changes_what_the_login_may_do(admin_db, prefix, server_location, login):
    roles.add_login(admin_db, prefix, f"{prefix}li", "reader", "li-secret")
    roles.set_role(admin_db, prefix, f"{prefix}li", "editor")
    assert roles.list_logins(admin_db, prefix) == [roles.Login(f"{prefix}li", "editor")]

    login(f"{prefix}li", "li-secret")
    Plan.create(title="升为编辑后新建")
    close_database()

    roles.set_role(admin_db, prefix, f"{prefix}li", "reader")
    login(f"{prefix}li", "li-secret")
    assert refused(lambda: Plan.create(title="降为只读后")) == NO_PERMISSION


def test_mistakes_get_one_chinese_sentence(admin_db, prefix):
    roles.add_login(admin_db, prefix, f"{prefix}li", "reader", "li-secret")
    with pytest.raises(roles.RolesError, match="已有登录名或角色"):
        roles.add_login(admin_db, prefix, f"{prefix}li", "editor", "other")
    with pytest.raises(roles.RolesError, match="不是这个台账的登录名"):
        roles.remove_login(admin_db, prefix, "ledger_ci")
    with pytest.raises(roles.RolesError, match="不是这个台账的登录名"):
        roles.set_role(admin_db, prefix, f"{prefix}nobody", "admin")
    with pytest.raises(roles.RolesError, match="登录名“a b”无效"):
        roles.add_login(admin_db, prefix, "a b", "reader", "x")
    with pytest.raises(roles.RolesError, match="角色“boss”无法识别"):
        roles.role_key("boss")
    assert [roles.role_key(t) for t in ("只读", "编辑", "管理", "Admin")] == [
        "reader",
        "editor",
        "admin",
        "admin",
    ]


def test_a_ledger_without_setup_says_so(server_database):
    with pytest.raises(roles.RolesError, match="请管理员先运行 server setup"):
        roles.ledger_prefix(server_database)


def test_an_admin_login_copies_a_file_into_the_set_up_ledger_and_readers_see_it(
    tmp_path, server_location, prefix, login
):
    db = open_server_database(server_location)
    roles.setup(db, prefix)
    roles.add_login(db, prefix, f"{prefix}boss", "admin", "boss-secret")
    roles.add_login(db, prefix, f"{prefix}li", "reader", "li-secret")
    close_database()
    source = tmp_path / "source.db"
    open_location(source)
    fill_ledger()
    close_database()

    boss = replace(server_location, user=f"{prefix}boss", password="boss-secret")
    report = copy_ledger(source, boss)

    login(f"{prefix}li", "li-secret")
    assert Plan.select().count() == report.digest.counts()["plan"] == 2
    assert refused(lambda: Plan.create(title="x")) == NO_PERMISSION


def test_an_editor_cannot_copy_a_ledger_onto_the_server(tmp_path, server_location, prefix, opened):
    db = open_server_database(server_location)
    opened.append(db)
    roles.setup(db, prefix)
    roles.add_login(db, prefix, f"{prefix}wang", "editor", "wang-secret")
    close_database()
    source = tmp_path / "source.db"
    open_location(source)
    fill_ledger()
    close_database()

    editor = replace(server_location, user=f"{prefix}wang", password="wang-secret")
    with pytest.raises(CopyError, match="需要用“管理”登录名.*没有这项操作的权限"):
        copy_ledger(source, editor)

    opened.append(open_server_database(server_location))
    assert Plan.select().count() == 0  # rolled back: nothing of the copy stayed


def test_an_admin_login_can_run_setup_again(admin_db, prefix, server_location, login):
    roles.add_login(admin_db, prefix, f"{prefix}boss", "admin", "boss-secret")
    roles.add_login(admin_db, prefix, f"{prefix}wang", "editor", "wang-secret")
    boss = login(f"{prefix}boss", "boss-secret")

    report = roles.setup(boss, prefix)

    assert report.created == [] and report.owner == f"{prefix}admin"
    login(f"{prefix}wang", "wang-secret")
    Plan.create(title="编辑新建的方案")
    assert refused(lambda: Plan.delete().execute()) == NO_PERMISSION
