"""Desk API: what the intake screen looks up while the clerk types (enterprises by code,
name or pinyin initials; open requests of the same enterprise on a similar topic)."""

from __future__ import annotations


class IntakeLookups:
    """Mixed into ``sync.desk.Desk``; uses its ``store`` and ``clock``."""
