"""API tokens: the secret a core system sends to the ingest API. Made by an admin for one org
unit (the token may write the numbers of that unit's teams and nothing else), stored only as a
SHA-256 hash, shown once, revocable; every write made with one is attributed to its name."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine

from db.engine import read_session, write_session
from db.models import OrgUnit
from driftboard.domain import Actor, DomainError, Role
from driftboard.services import access, tokens
from driftboard.services.common import check_text, get_by_slug

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
    check_text(name, "name", MAX_TOKEN_NAME)
    secret = PREFIX + secrets.token_urlsafe(32)
    with write_session(actor, engine) as s:
        unit = get_by_slug(s, OrgUnit, unit_slug, noun="org unit", message_key="feeds.err.no_unit")
        access.require(s, actor, Role.ADMIN, unit.id, what="API token")
        return tokens.add_token(s, tokens.API, secret, label=name, team_id=unit.id), secret


def revoke_api_token(actor: Actor, token_id: int, engine: Engine | None = None) -> None:
    """Revoke a token: the system using it gets 401 from then on."""
    tokens.revoke_token(actor, tokens.API, token_id, noun="API token", entity="token", engine=engine)


def api_tokens(engine: Engine | None = None) -> list[ApiToken]:
    """The API tokens of the org units the reader administers."""
    with read_session(engine) as s:
        return [
            ApiToken(t.id, t.label or "", t.team_id, unit.slug, unit.name, t.created_at, t.last_used_at, t.revoked_at)
            for t, unit in tokens.administered(s, tokens.API)
        ]


def api_caller(secret: str, engine: Engine | None = None) -> ApiCaller | None:
    """The caller a live token stands for (and note its use), or None for a missing, unknown or
    revoked token. Noting the use is bookkeeping, not a change anyone made: no audit entry."""
    token = tokens.live_token(secret, tokens.API, engine)
    if token is None:
        return None
    name = token.label or f"token {token.id}"
    actor = Actor(f"{name} (API)", grants=frozenset({(token.team_id, Role.LEADER)}))
    return ApiCaller(token.id, actor, token.team_id)
