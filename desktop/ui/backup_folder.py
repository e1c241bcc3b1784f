"""Where this computer keeps its backups: the folder chosen in 文件 → 备份… (a USB stick, a
share), kept in QSettings, or `backups/` beside the database when none was chosen.

The choice lives in the computer's settings, not in the database: a damaged database must not
hide where its backups are.  A chosen folder that is not there right now (the stick is out, the
share is offline) is not used for automatic backups: they go to the default folder instead, so
a backup is never skipped for it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from db.backup import backup_folder

log = logging.getLogger("ledger.backup")

SETTINGS_KEY = "backup/folder"


def chosen_folder(settings: QSettings | None = None) -> Path | None:
    """The folder the user chose, or None for the default."""
    value = (settings if settings is not None else QSettings()).value(SETTINGS_KEY, "")
    text = str(value or "").strip()
    return Path(text) if text else None


def set_chosen_folder(settings: QSettings | None, folder: Path | None) -> None:
    """Keep `folder` (None: back to the default beside the database)."""
    settings = settings if settings is not None else QSettings()
    if folder is None:
        settings.remove(SETTINGS_KEY)
    else:
        settings.setValue(SETTINGS_KEY, str(Path(folder)))
    settings.sync()


def folder_for(db_path: Path, settings: QSettings | None = None) -> Path:
    """Where backups of `db_path` go now: the chosen folder when it is there (or can be
    made), else the default one."""
    chosen = chosen_folder(settings)
    if chosen is None:
        return backup_folder(Path(db_path))
    try:
        chosen.mkdir(exist_ok=True)  # not its parents: an unplugged stick's mount point stays
    except OSError as error:
        log.warning("备份文件夹“%s”不可用（%s），改用默认文件夹", chosen, error)
        return backup_folder(Path(db_path))
    return chosen


def window_settings(window) -> QSettings | None:
    """The window's QSettings (tests give one per test), or None for the program's."""
    return getattr(window, "settings", None)
