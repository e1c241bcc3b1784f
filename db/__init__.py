"""The ledger's storage: peewee models, opening a file or a server, schema versions, backups.

peewee imports a PostgreSQL driver at its own import when one is installed; psycopg (the
server edition's driver) and what it pulls in (asyncio, ctypes, libpq) cost 0.15–0.2 s, which
every start on a local file would pay without ever using it.  So once `db` is imported, peewee
is imported with psycopg hidden (whenever that happens: the command line's `--help` needs no
peewee at all), and db/postgres.py hands peewee the driver when a server ledger is first
opened (`load_server_driver()`), as if peewee had found it at import.
"""

from __future__ import annotations

import sys


class _PeeweeWithoutPsycopg:
    """A meta path finder for peewee's first import: the spec Python would find, with a
    loader that hides psycopg while peewee's module runs (peewee then takes it for absent)."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "peewee":
            return None
        if cls in sys.meta_path:
            sys.meta_path.remove(cls)  # once; and the search below must not find us again
        if "psycopg" in sys.modules:
            return None  # loaded anyway: nothing to save
        from importlib.util import find_spec

        spec = find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _HidingLoader(spec.loader)  # type: ignore[assignment]
        return spec


class _HidingLoader:
    """Runs the wrapped loader with `import psycopg` failing; asks it for anything else."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        hidden = "psycopg" not in sys.modules
        if hidden:
            sys.modules["psycopg"] = None  # type: ignore[assignment]  # ImportError on import
        try:
            self.loader.exec_module(module)
        finally:
            if hidden and "psycopg" in sys.modules and sys.modules["psycopg"] is None:
                del sys.modules["psycopg"]

    def __getattr__(self, name: str):
        return getattr(self.loader, name)  # get_source, get_filename, … for tools


if "peewee" not in sys.modules:
    sys.meta_path.insert(0, _PeeweeWithoutPsycopg)
