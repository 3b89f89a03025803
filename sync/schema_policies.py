"""The desk file's models of the policy-redemption window (0003): the published policy
catalogue in tables (filled by ``install_catalogue``), redemption cases and their events,
the enterprise's reusable materials checklist, manual targeting and consultations.

Imported by ``sync.schema`` (one ``Base``, one metadata); changed only by migrations.
"""

from __future__ import annotations

from sqlalchemy import (ForeignKey, Index, Integer, PrimaryKeyConstraint, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from sync.schema import Base

# -- the policy catalogue (0003), filled by install_catalogue from the published files ------

class CatMaterial(Base):
    """Application materials (materials.json): names and how long a copy stays valid."""

    __tablename__ = "cat_materials"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text)
    validity_days: Mapped[int | None] = mapped_column(Integer)
    proves: Mapped[str] = mapped_column(Text)                # JSON list of profile fields


class PolicyDocument(Base):
    __tablename__ = "policy_documents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    doc_number: Mapped[str] = mapped_column(String(100))
    issuer_id: Mapped[str] = mapped_column(String(64))
    issued: Mapped[str] = mapped_column(String(10))
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text)


class PolicyItem(Base):
    """A redeemable item (兑现事项); ``pk`` is the rowid of ``policy_fts``."""

    __tablename__ = "policy_items"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("policy_documents.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(24))
    amount_text: Mapped[str] = mapped_column(String(200))
    amount_max: Mapped[int | None] = mapped_column(Integer)
    themes: Mapped[str] = mapped_column(Text)                # JSON list
    rule: Mapped[str] = mapped_column(Text)                  # JSON condition tree
    exclusive_group: Mapped[str | None] = mapped_column(String(64))
    stacking: Mapped[str | None] = mapped_column(String(24))
    issuer_id: Mapped[str] = mapped_column(String(64))       # the document's, for filters
    valid_from: Mapped[str] = mapped_column(String(10))      # the document's validity
    valid_to: Mapped[str | None] = mapped_column(String(10))
    doc_title: Mapped[str] = mapped_column(String(300))      # for exact-substring boosts
    body_text: Mapped[str] = mapped_column(Text)             # summary, issuer, tags ...

    __table_args__ = (Index("ix_policy_items_issuer_id", "issuer_id"),
                      Index("ix_policy_items_document_id", "document_id"))


class PolicyItemTag(Base):
    """Two-way tags of an item (industry, scale, town, qualification) and its themes."""

    __tablename__ = "policy_item_tags"
    item_id: Mapped[str] = mapped_column(ForeignKey("policy_items.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))   # industry|scale|town|qualification|theme
    value: Mapped[str] = mapped_column(String(64))

    __table_args__ = (PrimaryKeyConstraint("item_id", "kind", "value"),
                      Index("ix_policy_item_tags_kind_value", "kind", "value"))


class PolicyBatch(Base):
    """An application batch (申报批次): its window, receiving unit and contact."""

    __tablename__ = "policy_batches"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("policy_items.id", ondelete="CASCADE"))
    ord: Mapped[int] = mapped_column(Integer)                # order within the item
    name: Mapped[str] = mapped_column(String(100))
    opens: Mapped[str] = mapped_column(String(10))
    closes: Mapped[str] = mapped_column(String(10))
    reference_date: Mapped[str] = mapped_column(String(10))
    receiving_unit_id: Mapped[str] = mapped_column(String(64))
    contact_name: Mapped[str] = mapped_column(String(50))
    contact_phone: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_policy_batches_item_id", "item_id"),
                      Index("ix_policy_batches_closes_opens", "closes", "opens"))


class PolicyBatchMaterial(Base):
    __tablename__ = "policy_batch_materials"
    batch_id: Mapped[str] = mapped_column(ForeignKey("policy_batches.id", ondelete="CASCADE"))
    material_id: Mapped[str] = mapped_column(String(64))
    ord: Mapped[int] = mapped_column(Integer)

    __table_args__ = (PrimaryKeyConstraint("batch_id", "material_id"),)


# -- redemption cases and an enterprise's policy records (0003) ------------------------------

class Case(Base):
    """A redemption case (帮办代办): one per enterprise x item x batch, its id derived from
    the three (``core.cases.case_id_for``). The fold's projection is kept for listing."""

    __tablename__ = "cases"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    enterprise_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str] = mapped_column(String(32))
    station_id: Mapped[str] = mapped_column(String(16))      # the creating station
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    town: Mapped[str | None] = mapped_column(String(40))     # the scope town (the enterprise's)
    # the fold's projection
    state: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[str | None] = mapped_column(String(10))  # the batch's closing day
    submitted_on: Mapped[str | None] = mapped_column(String(10))
    redeemed_on: Mapped[str | None] = mapped_column(String(10))
    amount_redeemed: Mapped[int | None] = mapped_column(Integer)
    last_event_at: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    # replication
    version: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    attention: Mapped[str | None] = mapped_column(Text)      # JSON: why the navigator must look

    __table_args__ = (UniqueConstraint("enterprise_id", "item_id", "batch_id"),
                      Index("ix_cases_state_deadline", "state", "deadline"),
                      Index("ix_cases_item_id", "item_id"))


class CaseEvent(Base):
    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.pk", ondelete="CASCADE"))
    ord: Mapped[int | None] = mapped_column(Integer)        # server arrival order; NULL = pending
    local_ord: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(24))
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    station: Mapped[str] = mapped_column(String(16))
    data: Mapped[str] = mapped_column(Text)                 # JSON

    __table_args__ = (Index("ix_case_events_case", "case_pk", "ord", "local_ord"),)


class EnterpriseMaterial(Base):
    """The reusable checklist: a material an enterprise handed in, and until when it counts
    (``received_on`` + the material's ``validity_days``), whichever case it came for.
    ``received_on`` NULL: taken back. ``id`` = ``core.cases.material_row_id``."""

    __tablename__ = "enterprise_materials"
    enterprise_id: Mapped[str] = mapped_column(String(36))
    material_id: Mapped[str] = mapped_column(String(64))
    id: Mapped[str] = mapped_column(String(36), unique=True)
    received_on: Mapped[str | None] = mapped_column(String(10))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    case_id: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    attention: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (PrimaryKeyConstraint("enterprise_id", "material_id"),)


class Targeting(Base):
    """Manual targeting (人工定向): an item pushed to an enterprise, with its reason."""

    __tablename__ = "targeting"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    enterprise_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    station: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    attention: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_targeting_enterprise_id", "enterprise_id"),
                      Index("ix_targeting_item_id", "item_id"))


class Consultation(Base):
    """An enterprise's question about a policy, the answer, its rating and comment."""

    __tablename__ = "consultations"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    enterprise_id: Mapped[str] = mapped_column(String(36))
    item_id: Mapped[str | None] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    station: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    attention: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_consultations_enterprise_id", "enterprise_id"),
                      Index("ix_consultations_item_id", "item_id"))
