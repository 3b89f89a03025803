"""Forward-only schema migrations of desk files (Alembic, driven from code)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(path: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if path is not None:
        cfg.set_main_option("sqlalchemy.url", f"sqlite+pysqlite:///{path}")
    return cfg


def revisions() -> list[str]:
    """Every revision this build knows, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def upgrade(path: Path, target: str = "head") -> None:
    command.upgrade(_config(path), target)
