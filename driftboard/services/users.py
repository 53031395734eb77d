"""Users and role grants (sign-in and authorisation build on these later)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select

from db.engine import write_session
from db.models import RoleGrant, User
from driftboard.domain import Actor, DomainError, Role


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
        if s.scalar(select(User.id).where(User.username == username)) is not None:
            raise DomainError(f"the username {username!r} is taken", message_key="users.err.taken", username=username)
        user = User(username=username, display_name=display_name, person_id=person_id)
        s.add(user)
        s.flush()
        s.add_all(RoleGrant(user_id=user.id, org_unit_id=org_id, role=role) for org_id, role in set(grants))
        return user.id
