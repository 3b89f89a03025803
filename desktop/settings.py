"""Typed settings over QSettings, with versioned upgrades (as Picard's config)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
SETTINGS_VERSION = 1


class Setting(Generic[T]):
    """One typed value; reading an absent or malformed value gives the default."""

    def __init__(self, key: str, default: T):
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Settings | None, owner: type) -> Any:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key, None)
        if raw is None:
            return self.default
        try:
            return _coerce(raw, self.default)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, value)


def _coerce(raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, QByteArray):
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    if isinstance(default, list):
        return list(raw) if isinstance(raw, (list, tuple)) else [raw]
    return type(default)(raw)


class Settings:
    version = Setting("meta/version", 0)
    language = Setting("ui/language", "zh_CN")
    window_geometry = Setting("ui/window_geometry", QByteArray())
    window_state = Setting("ui/window_state", QByteArray())
    list_header = Setting("ui/list_header", QByteArray())
    desk_path = Setting("desk/path", "")
    server_url = Setting("sync/server_url", "")
    work_offline = Setting("sync/work_offline", False)
    tray_reminders = Setting("ui/tray_reminders", True)

    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is None:
            if os.environ.get("HALLDESK_NO_USER_CONFIG"):
                # tests and smoke runs never read or write the user's real settings
                qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                      "HallDeskTest", "halldesk-test")
            else:
                qsettings = QSettings("HallDesk", "halldesk")
        self.qsettings = qsettings
        self.upgrade()

    def upgrade(self) -> None:
        """Bring settings written by an older build up to this one, step by step."""
        version = self.version
        for target, step in sorted(UPGRADES.items()):
            if version < target:
                step(self)
                version = target
        self.version = SETTINGS_VERSION

    def sync(self) -> None:
        self.qsettings.sync()


def _v1(settings: Settings) -> None:
    # the first versioned layout; earlier builds kept the language under "language"
    old = settings.qsettings.value("language")
    if old is not None:
        settings.language = str(old)
        settings.qsettings.remove("language")


UPGRADES: dict[int, Callable[[Settings], None]] = {1: _v1}
