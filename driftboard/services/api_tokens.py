"""API tokens: the secret a core system sends to the ingest API. Made by an admin for one org
unit (the token may write the numbers of that unit's teams and nothing else), stored only as a
SHA-256 hash, shown once, revocable; every write made with one is attributed to its name."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import OperationalError

from db.engine import get_engine, read_session, write_session
from db.models import AccessToken, OrgUnit, utcnow
from driftboard.domain import Actor, DomainError, NotFoundError, Role
from driftboard.services import access
from driftboard.services.users import _hash

KIND = "api"
MAX_TOKEN_NAME = 60
PREFIX = "dbt_"  # recognisable in a leaked config file or a secret scanner


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    unit_id: int
    unit_slug: str
    unit_name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class ApiCaller:
    """Who is calling the API: the token's name as the actor (a leader of its org unit) and the
    org unit it may write to."""

    token_id: int
    actor: Actor
    unit_id: int


def create_api_token(actor: Actor, name: str, unit_slug: str, engine: Engine | None = None) -> tuple[int, str]:
    """A new token for a core system, scoped to the org unit ``unit_slug``; returns (id, secret).
    The secret is shown once: only its hash is stored."""
    name = name.strip()
    if not name:
        raise DomainError("an API token needs a name", message_key="feeds.err.token_name")
    if len(name) > MAX_TOKEN_NAME:
        raise DomainError(
            f"name is too long: at most {MAX_TOKEN_NAME} characters",
            message_key="error.text_too_long",
            field="name",
            limit=MAX_TOKEN_NAME,
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    with write_session(actor, engine) as s:
        unit = s.scalar(select(OrgUnit).where(OrgUnit.slug == unit_slug))
        if unit is None:
            raise NotFoundError(
                f"there is no org unit {unit_slug!r}", message_key="feeds.err.no_unit", slug=unit_slug[:60]
            )
        access.require(s, actor, Role.ADMIN, unit.id, what="API token")
        row = AccessToken(kind=KIND, token_hash=_hash(secret), team_id=unit.id, label=name)
        s.add(row)
        s.flush()
        return row.id, secret


def revoke_api_token(actor: Actor, token_id: int, engine: Engine | None = None) -> None:
    """Revoke a token: the system using it gets 401 from then on."""
    with write_session(actor, engine) as s:
        row = s.get(AccessToken, token_id)
        if row is None or row.kind != KIND:
            raise NotFoundError(f"API token {token_id} does not exist", message_key="error.not_found", entity="token")
        access.require(s, actor, Role.ADMIN, row.team_id, what="revoke API token")
        if row.revoked_at is None:
            row.revoked_at = utcnow()


def api_tokens(engine: Engine | None = None) -> list[ApiToken]:
    with read_session(engine) as s:
        rows = s.execute(
            select(AccessToken, OrgUnit.slug, OrgUnit.name)
            .join(OrgUnit, OrgUnit.id == AccessToken.team_id)
            .where(AccessToken.kind == KIND)
            .order_by(AccessToken.id)
        ).all()
    return [
        ApiToken(t.id, t.label or "", t.team_id, slug, name, t.created_at, t.last_used_at, t.revoked_at)
        for t, slug, name in rows
    ]


def api_caller(secret: str, engine: Engine | None = None) -> ApiCaller | None:
    """The caller a live token stands for (and note its use), or None for a missing, unknown or
    revoked token. Noting the use is bookkeeping, not a change anyone made: no audit entry."""
    if not secret or len(secret) > 200:
        return None
    with read_session(engine) as s:
        row = s.scalar(
            select(AccessToken).where(
                AccessToken.kind == KIND, AccessToken.token_hash == _hash(secret), AccessToken.revoked_at.is_(None)
            )
        )
        if row is None:
            return None
        token_id, unit_id, name, last = row.id, row.team_id, row.label or f"token {row.id}", row.last_used_at
    now = utcnow()
    if last is None or now - last > dt.timedelta(minutes=1):
        try:
            with (engine or get_engine()).begin() as conn:
                conn.execute(update(AccessToken).where(AccessToken.id == token_id).values(last_used_at=now))
        except OperationalError:  # a busy database: the write still goes ahead; the stamp waits
            pass
    actor = Actor(f"{name} (API)", grants=frozenset({(unit_id, Role.LEADER)}))
    return ApiCaller(token_id, actor, unit_id)
