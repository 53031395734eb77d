"""Users and role grants, screen links and the open-mode admin token.

A user is a sign-in identity (its username is the e-mail address the identity provider vouches
for) with role grants on org units. Screen links and the admin token are secrets: only their
SHA-256 is stored, the secret itself is shown once, when it is made.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import OrgUnit, Person, RoleGrant, User
from driftboard.domain import Actor, DomainError, NotFoundError, OrgLevel, Role
from driftboard.services import access, scope, tokens
from driftboard.services.common import check_text, column_limit

MAX_NAME = 120
MAX_EMAIL = 254


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    if not email or "@" not in email or len(email) > MAX_EMAIL or any(c.isspace() for c in email):
        raise DomainError(f"{email!r} is not an e-mail address", message_key="users.err.email", email=email[:60])
    return email


def _create_user(
    s: Session,
    actor: Actor,
    username: str,
    display_name: str,
    person_id: int | None,
    grants: set[tuple[int, Role]],
) -> int:
    for org_id, _role in grants:
        access.require(s, actor, Role.ADMIN, org_id, what="grant a role")
    if not grants:
        access.require(s, actor, Role.ADMIN, None, what="create a user")
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise DomainError(f"the username {username!r} is taken", message_key="users.err.taken", username=username)
    check_text(username, "username", column_limit(User, "username"))
    check_text(display_name.strip(), "display_name", MAX_NAME)
    user = User(username=username, display_name=display_name.strip(), person_id=person_id)
    s.add(user)
    s.flush()
    s.add_all(RoleGrant(user_id=user.id, org_unit_id=org_id, role=role) for org_id, role in grants)
    return user.id


def create_user(
    actor: Actor,
    *,
    username: str,
    display_name: str,
    person_id: int | None = None,
    grants: Iterable[tuple[int, Role]] = (),
    engine: Engine | None = None,
) -> int:
    """Create a user with role grants on org units; usernames are unique."""
    username = username.strip().lower()
    if not username:
        raise DomainError("a user needs a username", message_key="users.err.username")
    with write_session(actor, engine) as s:
        return _create_user(s, actor, username, display_name or username, person_id, set(grants))


def _org_by_slug(s: Session, slug: str) -> OrgUnit:
    org = s.scalar(select(OrgUnit).where(OrgUnit.slug == slug.strip()))
    if org is None:
        raise NotFoundError(f"no org unit has the slug {slug!r}", message_key="error.unknown_unit", slug=slug)
    return org


def add_user(actor: Actor, email: str, role: Role, unit_slug: str, engine: Engine | None = None) -> int:
    """Grant ``role`` on the org unit ``unit_slug`` to the user with ``email``, creating the user
    (and linking the person who carries that e-mail) when it is new. Returns the user id."""
    email = _clean_email(email)
    with write_session(actor, engine) as s:
        org = _org_by_slug(s, unit_slug)
        access.require(s, actor, Role.ADMIN, org.id, what="grant a role")
        user = s.scalar(select(User).where(User.username == email))
        if user is None:
            person = s.scalar(select(Person).where(Person.email == email))
            return _create_user(
                s, actor, email, person.name if person else email, person.id if person else None, {(org.id, role)}
            )
        exists = s.scalar(
            select(RoleGrant.id).where(
                RoleGrant.user_id == user.id, RoleGrant.org_unit_id == org.id, RoleGrant.role == role
            )
        )
        if exists is None:
            s.add(RoleGrant(user_id=user.id, org_unit_id=org.id, role=role))
        return user.id


def revoke_grant(actor: Actor, grant_id: int, engine: Engine | None = None) -> None:
    """Take one role grant away."""
    with write_session(actor, engine) as s:
        grant = s.get(RoleGrant, grant_id)
        if grant is None:
            raise NotFoundError(f"grant {grant_id} does not exist", message_key="error.not_found", entity="role_grants")
        access.require(s, actor, Role.ADMIN, grant.org_unit_id, what="revoke a role")
        s.delete(grant)


@dataclass(frozen=True)
class GrantRow:
    grant_id: int
    user_id: int
    email: str
    name: str
    org_unit: str
    role: Role


def grants_table(engine: Engine | None = None) -> list[GrantRow]:
    """The role grants on the org units the reader administers (an admin of a unit sees the
    grants in that unit, not another unit's users)."""
    with read_session(engine) as s:
        seen = scope.visible(s, Role.ADMIN)
        rows = s.execute(
            select(RoleGrant.id, User.id, User.username, User.display_name, OrgUnit.name, RoleGrant.role, OrgUnit.id)
            .join(User, User.id == RoleGrant.user_id)
            .join(OrgUnit, OrgUnit.id == RoleGrant.org_unit_id)
            .order_by(User.username, OrgUnit.name)
        ).all()
    return [GrantRow(g, u, e, n, o, Role(r)) for g, u, e, n, o, r, org_id in rows if seen is None or org_id in seen]


@dataclass(frozen=True)
class SignedIn:
    """A signed-in person as the pages need them: the actor carries the grants."""

    actor: Actor
    email: str
    known: bool  # False: no user has that e-mail (the person sees nothing they may change)


def actor_for_email(email: str, name: str = "", groups: Iterable[str] = (), engine: Engine | None = None) -> SignedIn:
    """Map an identity provider's e-mail claim to a user and its grants; an optional group claim
    (``driftboard:<role>:<unit-slug>``) adds roles for that session."""
    email = email.strip().lower()
    with read_session(engine) as s:
        user = s.scalar(select(User).where(User.username == email, User.active))
        grants: set[tuple[int, Role]] = set(access.user_grants(s, user.id)) if user else set()
        slugs = dict(s.execute(select(OrgUnit.slug, OrgUnit.id)).all())
        for group in groups:
            parts = str(group).split(":")
            if len(parts) == 3 and parts[0] == "driftboard" and parts[1] in set(Role) and parts[2] in slugs:
                grants.add((slugs[parts[2]], Role(parts[1])))
        person_id = user.person_id if user else None
        if person_id is None:
            person_id = s.scalar(select(Person.id).where(Person.email == email))
    display = (user.display_name if user else "") or name or email
    actor = Actor(display[:MAX_NAME], user_id=user.id if user else None, grants=frozenset(grants), person_id=person_id)
    return SignedIn(actor, email, user is not None)


def open_mode_actor(name: str, person_id: int | None, *, admin: bool, engine: Engine | None = None) -> Actor:
    """Open mode (no sign-in configured): whoever says who they are leads every unit; admin work
    needs the admin token."""
    with read_session(engine) as s:
        roots = s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None))).all()  # units or organisations
    role = Role.ADMIN if admin else Role.LEADER
    return Actor(name, grants=frozenset((root, role) for root in roots), person_id=person_id)


# --------------------------------------------------------------------------- tokens


def create_admin_token(actor: Actor, engine: Engine | None = None) -> str:
    """A new admin token for open mode (printed once by the CLI); earlier ones keep working
    until revoked."""
    secret = secrets.token_urlsafe(24)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, None, what="admin token")
        tokens.add_token(s, tokens.ADMIN, secret, label="admin")
    return secret


def admin_token_valid(secret: str, engine: Engine | None = None) -> bool:
    return tokens.live_token(secret, tokens.ADMIN, engine, note_use=False) is not None


@dataclass(frozen=True)
class ScreenLink:
    id: int
    team_id: int
    team_slug: str
    label: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def screen_url(base_url: str, team_slug: str, secret: str, page: str = "operations") -> str:
    return f"{base_url.rstrip('/')}/{page}?team={team_slug}&kiosk=1&screen={secret}"


def create_screen_link(actor: Actor, team_slug: str, label: str = "", engine: Engine | None = None) -> tuple[int, str]:
    """A revocable, read-only link for a team's shared screen; returns (id, secret)."""
    secret = secrets.token_urlsafe(24)
    with write_session(actor, engine) as s:
        team = _org_by_slug(s, team_slug)
        if team.level is not OrgLevel.TEAM:
            raise DomainError("screen links are made for a team", message_key="error.no_team")
        access.require(s, actor, Role.ADMIN, team.id, what="screen link")
        check_text(label.strip(), "label", MAX_NAME)
        return tokens.add_token(s, tokens.SCREEN, secret, label=label.strip(), team_id=team.id), secret


def revoke_screen_link(actor: Actor, link_id: int, engine: Engine | None = None) -> None:
    """Revoke a link: the screen using it shows no board from its next poll on."""
    tokens.revoke_token(actor, tokens.SCREEN, link_id, noun="screen link", entity="screen", engine=engine)


def screen_links(engine: Engine | None = None) -> list[ScreenLink]:
    """The screen links of the teams the reader administers."""
    with read_session(engine) as s:
        return [
            ScreenLink(t.id, t.team_id, team.slug, t.label or "", t.created_at, t.last_used_at, t.revoked_at)
            for t, team in tokens.administered(s, tokens.SCREEN)
        ]


def screen_team(secret: str, engine: Engine | None = None) -> int | None:
    """The team a live screen link opens (and note its use), or None for an unknown or revoked
    link."""
    link = tokens.live_token(secret, tokens.SCREEN, engine)
    return link.team_id if link else None
