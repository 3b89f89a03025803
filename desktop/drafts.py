"""A half-typed intake survives a crash or a closed window.

The form's values are saved, debounced, on every change to a small JSON file beside the
desk file (``desk.sqlite3.intake-draft.json``): written to a temporary file in the same
folder, then renamed over the old one, so the file on disk is always a whole draft. A
killed process loses at most the last ``DELAY_MS`` of typing (the written pages are the
operating system's, not the process's); the file is not fsynced, which would stall the
GUI thread on a slow disk, so a power cut may lose the last few seconds.

The next time the intake opens it offers the draft back ("恢复未完成的受理？"); a draft
that is submitted or discarded is removed. One draft per desk file: a station has one
clerk at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

FORMAT = 1
DELAY_MS = 400
SUFFIX = ".intake-draft.json"


def draft_path(desk_path: str | Path) -> Path:
    path = Path(desk_path)
    return path.with_name(path.name + SUFFIX)


@dataclass(frozen=True)
class Draft:
    values: dict[str, Any]
    saved_at: dt.datetime

    @property
    def enterprise(self) -> str:
        return str(self.values.get("enterprise_name") or self.values.get("credit_code") or "")

    @property
    def excerpt(self) -> str:
        text = " ".join(str(self.values.get("description") or "").split())
        return text if len(text) <= 40 else text[:39] + "…"


class DraftStore:
    """The draft file of one desk: load, save (atomically), discard."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    @classmethod
    def for_desk(cls, desk_path: str | Path) -> DraftStore:
        return cls(draft_path(desk_path))

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> Draft | None:
        """The saved draft, or None (none saved, or a file that is not a draft)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            values = raw["values"]
            saved_at = dt.datetime.fromisoformat(raw["saved_at"])
            if raw.get("format") != FORMAT or not isinstance(values, dict):
                raise ValueError(f"unknown draft format {raw.get('format')!r}")
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable intake draft %s: %s", self.path, exc)
            return None
        return Draft(values, saved_at)

    def save(self, values: Mapping[str, Any], now: dt.datetime | None = None) -> None:
        moment = now or dt.datetime.now(dt.timezone.utc)
        body = json.dumps({"format": FORMAT, "saved_at": moment.isoformat(),
                           "values": dict(values)}, ensure_ascii=False, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp",
                                   dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(body)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


class DraftKeeper(QObject):
    """Saves a form's draft ``DELAY_MS`` after its last change.

    ``collect()`` returns the values to keep, or None when the form holds nothing worth
    keeping (then the draft file is removed). Paused while the clerk has not yet said
    whether to restore an earlier draft, so that draft is never overwritten unseen.
    """

    saved = Signal()          # a draft was written
    failed = Signal(str)      # it could not be (disk full, folder read-only ...)

    def __init__(self, store: DraftStore, collect: Callable[[], Mapping[str, Any] | None],
                 parent: QObject | None = None, delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self.store = store
        self._collect = collect
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.save_now)
        self.paused = False

    def changed(self) -> None:
        if not self.paused:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Save now what is waiting for the debounce (closing the window, say)."""
        if self._timer.isActive():
            self.save_now()

    def save_now(self) -> None:
        self._timer.stop()
        if self.paused:
            return
        values = self._collect()
        try:
            if values is None:
                self.store.discard()
                return
            self.store.save(values)
        except OSError as exc:
            log.warning("could not save the intake draft to %s: %s", self.store.path, exc)
            self.failed.emit(str(exc))
            return
        self.saved.emit()

    def discard(self) -> None:
        self._timer.stop()
        self.store.discard()
