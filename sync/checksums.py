"""The protocol's checksum over a desk file's synced rows, and the same kept current
on the writer connection.

``checksums`` reads every synced row: 100,000 requests take 0.15-0.3 s, after every
sync, most of an incremental sync's time. ``running_checksums`` gives the same result
from the rows that changed: the writer connection (the one the desk writes through)
carries TEMP triggers that note, the first time a row's id or version or its attention
mark changes, the term it had then; the next call moves the totals by those rows only.
A commit by any other connection (``PRAGMA data_version`` moved), a new connection, or a
checksum with other parts than these recomputes everything with ``checksums``.
"""

from __future__ import annotations

from typing import Any

from sync.protocol import checksum_term


def checksums(raw: Any) -> dict[str, dict[str, int]]:
    """The protocol's checksum over this desk's synced rows (``version >= 1``); requests
    kept only because this desk still has ops for them (the server no longer sends them:
    marked ``*_on_server``) are not the server's, and not counted."""
    out = {}
    for name, where in (("tickets", "version >= 1 AND pk NOT IN (SELECT ticket_pk FROM "
                                    "ticket_attention WHERE code IN ('deleted_on_server', "
                                    "'not_on_server'))"),
                        ("enterprises", "version >= 1")):
        count = total = 0
        for entity_id, version in raw.execute(f"SELECT id, version FROM {name} WHERE {where}"):
            count += 1
            total += checksum_term(entity_id, version)
        out[name] = {"count": count, "sum": total}
    return out


_TICKET_TERM = ("(SELECT CASE WHEN t.version >= 1 AND NOT EXISTS (SELECT 1 FROM "
                "main.ticket_attention a WHERE a.ticket_pk = t.pk AND a.code IN "
                "('deleted_on_server', 'not_on_server')) THEN hd_checksum_term(t.id, t.version) "
                "END FROM main.tickets t WHERE t.pk = {pk})")
_ENTERPRISE_TERM = ("(SELECT CASE WHEN e.version >= 1 THEN hd_checksum_term(e.id, e.version) "
                    "END FROM main.enterprises e WHERE e.pk = {pk})")
# (no OR IGNORE: a trigger's statements take the conflict handling of the statement that
# fired it, INSERT OR REPLACE included; the first note of a row since the last call wins)
_NOTE = ("INSERT INTO hd_checksum_dirty SELECT '{entity}', {pk}, {term} WHERE NOT EXISTS "
         "(SELECT 1 FROM hd_checksum_dirty WHERE entity = '{entity}' AND pk = {pk});")
_TRIGGERS = {   # name: (when, table, body)
    "t_ins": ("AFTER INSERT", "tickets", _NOTE.format(entity="tickets", pk="NEW.pk",
                                                      term="NULL")),
    "t_upd": ("BEFORE UPDATE OF id, version", "tickets", _NOTE.format(
        entity="tickets", pk="OLD.pk", term=_TICKET_TERM.format(pk="OLD.pk"))),
    "t_del": ("BEFORE DELETE", "tickets", _NOTE.format(
        entity="tickets", pk="OLD.pk", term=_TICKET_TERM.format(pk="OLD.pk"))),
    "a_ins": ("BEFORE INSERT", "ticket_attention", _NOTE.format(
        entity="tickets", pk="NEW.ticket_pk", term=_TICKET_TERM.format(pk="NEW.ticket_pk"))),
    "a_upd": ("BEFORE UPDATE", "ticket_attention", _NOTE.format(
        entity="tickets", pk="OLD.ticket_pk", term=_TICKET_TERM.format(pk="OLD.ticket_pk"))
        + _NOTE.format(entity="tickets", pk="NEW.ticket_pk",
                       term=_TICKET_TERM.format(pk="NEW.ticket_pk"))),
    "a_del": ("BEFORE DELETE", "ticket_attention", _NOTE.format(
        entity="tickets", pk="OLD.ticket_pk", term=_TICKET_TERM.format(pk="OLD.ticket_pk"))),
    "e_ins": ("AFTER INSERT", "enterprises", _NOTE.format(entity="enterprises", pk="NEW.pk",
                                                          term="NULL")),
    "e_upd": ("BEFORE UPDATE OF id, version", "enterprises", _NOTE.format(
        entity="enterprises", pk="OLD.pk", term=_ENTERPRISE_TERM.format(pk="OLD.pk"))),
    "e_del": ("BEFORE DELETE", "enterprises", _NOTE.format(
        entity="enterprises", pk="OLD.pk", term=_ENTERPRISE_TERM.format(pk="OLD.pk"))),
}
_TRACKED = ("tickets", "enterprises")


def _term_or_none(entity_id: Any, version: Any) -> int | None:
    try:
        return checksum_term(entity_id, version)
    except (TypeError, ValueError, AttributeError):   # never fail the desk's own write
        return None


def _install_running(raw: Any) -> None:
    raw.create_function("hd_checksum_term", 2, _term_or_none, deterministic=True)
    raw.execute("CREATE TEMP TABLE IF NOT EXISTS hd_checksum_dirty (entity TEXT NOT NULL, "
                "pk INTEGER NOT NULL, old INTEGER, PRIMARY KEY (entity, pk)) WITHOUT ROWID")
    raw.execute("CREATE TEMP TABLE IF NOT EXISTS hd_checksum_state (entity TEXT PRIMARY KEY, "
                "count INTEGER NOT NULL, sum INTEGER NOT NULL, data_version INTEGER NOT NULL)")
    for name, (when, table, body) in _TRIGGERS.items():
        raw.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS hd_checksum_{name} {when} ON "
                    f"main.{table} BEGIN {body} END")


def running_checksums(raw: Any) -> dict[str, dict[str, int]]:
    """``checksums(raw)``, from the rows changed since the last call on this connection
    (``raw`` must be the desk's writer connection, inside a write transaction)."""
    version = raw.execute("PRAGMA data_version").fetchone()[0]
    installed = raw.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' "
                            "AND name LIKE 'hd_checksum_%'").fetchone()[0] == len(_TRIGGERS)
    state = {}
    if installed:
        state = {e: [c, s, v] for e, c, s, v in raw.execute(
            "SELECT entity, count, sum, data_version FROM temp.hd_checksum_state")}
    if set(state) != set(_TRACKED) or any(v != version for _, _, v in state.values()):
        _install_running(raw)
        raw.execute("DELETE FROM temp.hd_checksum_dirty")
        raw.execute("DELETE FROM temp.hd_checksum_state")
        full = checksums(raw)
        if set(full) == set(_TRACKED):
            raw.executemany("INSERT INTO temp.hd_checksum_state VALUES (?, ?, ?, ?)",
                            [(k, v["count"], v["sum"], version) for k, v in full.items()])
        return full
    for entity, old, new in raw.execute(
            "SELECT d.entity, d.old, CASE d.entity WHEN 'tickets' THEN "
            f"{_TICKET_TERM.format(pk='d.pk')} ELSE {_ENTERPRISE_TERM.format(pk='d.pk')} END "
            "FROM temp.hd_checksum_dirty d").fetchall():
        part = state[entity]
        part[0] += (new is not None) - (old is not None)
        part[1] += (new or 0) - (old or 0)
    raw.execute("DELETE FROM temp.hd_checksum_dirty")
    raw.executemany("UPDATE temp.hd_checksum_state SET count = ?, sum = ? WHERE entity = ?",
                    [(c, s, e) for e, (c, s, _) in state.items()])
    return {e: {"count": state[e][0], "sum": state[e][1]} for e in _TRACKED}
