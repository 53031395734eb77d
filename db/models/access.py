"""Models of users, role grants, access tokens, the audit log and the change stamp."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Entity, Versioned, enum_check, enum_type, utcnow
from driftboard.domain import AuditAction, Role


class User(Versioned, Entity):
    """A sign-in identity (sign-in comes later); optionally the same human as a Person."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(sa.String(60), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    language: Mapped[str | None] = mapped_column(sa.String(2))
    active: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)

    __table_args__ = (sa.CheckConstraint("language IS NULL OR language IN ('en', 'da')", name="language_valid"),)


class RoleGrant(Entity):
    __tablename__ = "role_grants"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    org_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[Role] = mapped_column(enum_type(Role), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("user_id", "org_unit_id", "role"), enum_check("role", Role))


class AccessToken(Entity):
    """A secret that opens a door without personal sign-in: a team's read-only screen link, the
    admin token of open mode, or a core system's API token (``api``: ``team_id`` holds the org
    unit it may write to, ``label`` its name). Only the SHA-256 of the secret is stored."""

    __tablename__ = "access_tokens"

    kind: Mapped[str] = mapped_column(sa.String(10), nullable=False)  # 'screen', 'admin' or 'api'
    token_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_units.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(sa.String(120))
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(sa.DateTime)

    __table_args__ = (
        sa.CheckConstraint("kind IN ('screen', 'admin', 'api')", name="kind_valid"),
        sa.CheckConstraint("kind <> 'screen' OR team_id IS NOT NULL", name="screen_has_team"),
        sa.CheckConstraint("kind <> 'api' OR (team_id IS NOT NULL AND label IS NOT NULL)", name="api_has_unit"),
    )


class AuditEntry(Entity):
    """One changed field of one row (or a whole inserted/deleted row as JSON)."""

    __tablename__ = "audit_log"

    entity: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    entity_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction), nullable=False)
    field: Mapped[str | None] = mapped_column(sa.String(60))
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    actor: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    actor_user_id: Mapped[int | None] = mapped_column(sa.Integer)
    row_version: Mapped[int | None] = mapped_column(sa.Integer)
    at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        enum_check("action", AuditAction),
        sa.Index("ix_audit_log_entity", "entity", "entity_id"),
        sa.Index("ix_audit_log_at", "at"),
    )


class ChangeStamp(Base):
    """One row counting committed write transactions: ``write_session`` bumps it as the last
    statement before each commit, so its value follows commit order (audit-log ids, handed out
    at insert, do not on PostgreSQL) and screens know when their cached board is stale."""

    __tablename__ = "change_stamp"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)


class InstallationSecret(Base):
    """A secret of the installation, made once at first use and shared by every server of it
    (``screens`` signs the shared screens' poll URLs), so a restart, an upgrade or a second
    server keeps the links open screens hold. Written outside the audit log on purpose."""

    __tablename__ = "installation_secrets"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(128), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
