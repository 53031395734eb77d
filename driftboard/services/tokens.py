"""Secrets kept as their SHA-256 only (the open-mode admin token, a team's screen links, the
ingest API's tokens): the one check of a secret sent back, and making and revoking one. What
each kind opens and who may make it stays with its service (``users``, ``api_tokens``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import get_engine, read_session, write_session
from db.models import AccessToken, OrgUnit, utcnow
from driftboard.domain import Actor, NotFoundError, Role
from driftboard.services import access, scope

# ``AccessToken.kind``
ADMIN = "admin"
SCREEN = "screen"
API = "api"

MAX_SECRET = 200  # a longer secret is none of ours: refused before it is hashed
USE_NOTED_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class LiveToken:
    id: int
    team_id: int | None  # the org unit it opens (a screen link's team, an API token's unit)
    label: str | None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def live_token(secret: str, kind: str, engine: Engine | None = None, *, note_use: bool = True) -> LiveToken | None:
    """The live token of ``kind`` that ``secret`` is, or None for a missing, unknown or revoked one.

    With ``note_use`` its use is stamped at most once a minute. The stamp is bookkeeping, not a
    change anyone made: no audit entry, and a busy database lets the caller in all the same."""
    if not secret or len(secret) > MAX_SECRET:
        return None
    with read_session(engine) as s:
        row = s.scalar(
            select(AccessToken).where(
                AccessToken.kind == kind,
                AccessToken.token_hash == hash_secret(secret),
                AccessToken.revoked_at.is_(None),
            )
        )
        if row is None:
            return None
        token, last = LiveToken(row.id, row.team_id, row.label), row.last_used_at
    now = utcnow()
    if note_use and (last is None or now - last > USE_NOTED_EVERY):
        try:
            with (engine or get_engine()).begin() as conn:
                conn.execute(update(AccessToken).where(AccessToken.id == token.id).values(last_used_at=now))
        except OperationalError:  # a busy database: the caller goes ahead; the stamp waits
            pass
    return token


def add_token(s: Session, kind: str, secret: str, *, label: str, team_id: int | None = None) -> int:
    """Store a new secret of ``kind`` (its hash only) in the caller's transaction; returns its id.
    The caller checks the actor's rights first."""
    row = AccessToken(kind=kind, token_hash=hash_secret(secret), team_id=team_id, label=label)
    s.add(row)
    s.flush()
    return row.id


def revoke_token(
    actor: Actor, kind: str, token_id: int, *, noun: str, entity: str, engine: Engine | None = None
) -> None:
    """Revoke the token ``token_id`` of ``kind`` (an admin of its org unit may): it opens nothing
    from then on. Revoking it again changes nothing. ``noun`` and ``entity`` name the kind in
    the refusals (``users.revoke_screen_link``, ``api_tokens.revoke_api_token``)."""
    with write_session(actor, engine) as s:
        row = s.get(AccessToken, token_id)
        if row is None or row.kind != kind:
            raise NotFoundError(f"{noun} {token_id} does not exist", message_key="error.not_found", entity=entity)
        access.require(s, actor, Role.ADMIN, row.team_id, what=f"revoke {noun}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()


def administered(s: Session, kind: str) -> list[tuple[AccessToken, OrgUnit]]:
    """The tokens of ``kind`` of the org units the reader administers, live or revoked, oldest
    first, each with its org unit (a screen link's team, an API token's unit)."""
    seen = scope.visible(s, Role.ADMIN)
    rows = s.execute(
        select(AccessToken, OrgUnit)
        .join(OrgUnit, OrgUnit.id == AccessToken.team_id)
        .where(AccessToken.kind == kind)
        .order_by(AccessToken.id)
    ).all()
    return [(token, unit) for token, unit in rows if seen is None or token.team_id in seen]
