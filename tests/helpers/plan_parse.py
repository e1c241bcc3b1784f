"""Builders for expected plan-parse/1 nodes, so tests state whole trees briefly."""

from __future__ import annotations


def unit(name: str, contact: str | None = None) -> dict:
    return {"name": name, "contact": contact}


def node(kind: str, number: str = "", title: str = "", *children: dict, **fields) -> dict:
    """A full node dict: every key present, `fields` overriding the empty defaults."""
    result = {
        "kind": kind,
        "number": number,
        "title": title,
        "text": "",
        "problem": "",
        "goal": "",
        "leaders": [],
        "lead_units": [],
        "support_units": [],
        "deadline_text": "",
        "due_date": None,
        "children": list(children),
    }
    unknown = set(fields) - set(result)
    assert not unknown, f"unknown node fields {unknown}"
    for key, value in fields.items():
        if key in ("lead_units", "support_units"):
            value = [unit(*item) if isinstance(item, tuple) else unit(item) for item in value]
        result[key] = value
    return result


def section(number: str, title: str, *children: dict, **fields) -> dict:
    return node("section", number, title, *children, **fields)


def task(number: str, title: str, *children: dict, **fields) -> dict:
    return node("task", number, title, *children, **fields)


def measure(number: str, title: str, *children: dict, **fields) -> dict:
    return node("measure", number, title, *children, **fields)


def tasks_of(result: dict) -> list[dict]:
    """Every task node of every plan, in document order."""
    found: list[dict] = []

    def walk(nodes: list[dict]) -> None:
        for item in nodes:
            if item["kind"] == "task":
                found.append(item)
            walk(item["children"])

    for plan in result["plans"]:
        walk(plan["nodes"])
    return found
