import hashlib
import sqlite3

import pytest

from sync import migrate
from sync.desk import Desk
from sync.store import (SCHEMA_HEAD, CorruptStoreError, NewerStoreError, StoreError, backup,
                        inspect_revision, open_store)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_constant_matches_the_migrations():
    assert migrate.head() == SCHEMA_HEAD
    assert migrate.revisions()[-1] == SCHEMA_HEAD


def test_a_new_file_is_migrated_from_empty(desk_path):
    store = open_store(desk_path)
    store.close()
    assert inspect_revision(desk_path) == SCHEMA_HEAD
    conn = sqlite3.connect(desk_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"tickets", "ticket_events", "outbox", "meta", "kb_fts"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_an_empty_file_is_initialised(desk_path):
    desk_path.touch()
    open_store(desk_path).close()
    assert inspect_revision(desk_path) == SCHEMA_HEAD


def test_a_newer_file_is_refused_and_left_untouched(desk):
    path = desk.store.path
    desk.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    siblings = set(path.parent.iterdir())
    with pytest.raises(NewerStoreError) as err:
        Desk.open(path)
    assert "newer Hall Desk" in str(err.value) and "0099" in str(err.value)
    assert "更新版本" in err.value.message_zh
    assert digest(path) == before
    assert set(path.parent.iterdir()) == siblings   # no backup, no WAL file left behind


def test_a_corrupt_file_is_refused_and_left_untouched(desk_path):
    desk_path.write_bytes(b"this is not a database at all" * 100)
    before = digest(desk_path)
    with pytest.raises(CorruptStoreError) as err:
        Desk.open(desk_path)
    assert "damaged" in str(err.value) and "已损坏" in err.value.message_zh
    assert digest(desk_path) == before


def test_another_programs_database_is_refused(desk_path):
    conn = sqlite3.connect(desk_path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Hall Desk file"):
        Desk.open(desk_path)


def test_backup_is_a_consistent_copy(desk):
    from tests.conftest import intake_form
    desk.record_intake(intake_form())
    copy = backup(desk.store.path, SCHEMA_HEAD)
    assert copy.name.startswith(f"desk.sqlite3.bak-{SCHEMA_HEAD}-")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1
    conn.close()


def test_migrations_are_forward_only():
    from importlib import import_module
    for rev in migrate.revisions():
        path = next((migrate.MIGRATIONS / "versions").glob(f"{rev}_*.py"))
        spec_name = path.stem
        module = import_module(f"sync.migrations.versions.{spec_name}")
        with pytest.raises(NotImplementedError):
            module.downgrade()


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_migrations_build_exactly_the_models(desk_path):
    """A model changed without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from sync.schema import Base

    open_store(desk_path).close()
    engine = create_engine(f"sqlite:///{desk_path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    # FTS5 virtual tables and their shadow tables have no model
    diff = [d for d in diff if not (d[0] == "remove_table" and "_fts" in d[1].name)]
    assert diff == []


def _wal_bytes(path):
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _autocheckpoint(store):
    with store.write() as conn:
        return conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()


def test_deferred_checkpoints_copy_the_wal_once_at_the_end(desk):
    """A pull of many pages: no checkpoint after each commit, one at the end, and every
    commit readable throughout (by another connection too)."""
    store = desk.store
    with store.write() as conn:
        conn.exec_driver_sql("CREATE TABLE bulk_test (x BLOB)")
    blob = b"\x01" * 1024
    with store.deferred_checkpoints():
        assert _autocheckpoint(store) == 0
        for _ in range(8):                      # 8 commits of ~2 MB: 4,000 WAL pages
            with store.write() as conn:
                conn.exec_driver_sql("INSERT INTO bulk_test SELECT ? FROM "
                                     "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
                                     "i + 1 FROM n WHERE i < 2000) SELECT i FROM n)", (blob,))
        grown = _wal_bytes(store.path)
        assert grown > 4000 * 4096 * 0.9         # nothing was checkpointed (and reset)
        with sqlite3.connect(store.path) as other:
            assert other.execute("SELECT count(*) FROM bulk_test").fetchone()[0] == 16000
    assert _autocheckpoint(store) == 1000
    # the file itself (read without its WAL) now holds every row
    main_only = sqlite3.connect(f"file:{store.path}?immutable=1", uri=True)
    try:
        assert main_only.execute("SELECT count(*) FROM bulk_test").fetchone()[0] == 16000
    finally:
        main_only.close()


def test_deferred_checkpoints_are_restored_after_a_failure(desk):
    with desk.store.write() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 500")
    with pytest.raises(RuntimeError):
        with desk.store.deferred_checkpoints():
            raise RuntimeError("the network went away mid-pull")
    assert _autocheckpoint(desk.store) == 500             # as it was before the pull
