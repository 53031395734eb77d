"""Who is at the keyboard, in one of two modes, said plainly in the sidebar of every page.

- **Sign-in** (an ``[auth]`` section in ``.streamlit/secrets.toml``): ``st.login`` with OpenID
  Connect; the e-mail claim maps to a user and its role grants (``services.users``), an optional
  ``groups`` claim (``driftboard:<role>:<unit-slug>``) adds roles.
- **Open** (no ``[auth]``; the default and the demo): anyone says who they are and leads every
  unit; admin work needs the admin token made by ``python -m driftboard admin-token``.

A kiosk opened with a team's screen link (``?screen=…``) needs no personal sign-in: it shows
that team's boards read-only, and no other page (``ui.page``). The role checks themselves live
in ``services.access``, what a reader may see in ``services.scope``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from driftboard.domain import Actor
from driftboard.services import users

log = logging.getLogger("driftboard.identity")

_ADMIN_KEY = "admin_unlocked"


def sign_in_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` holds an ``[auth]`` section."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):  # no secrets file at all: open mode
        return False


def signed_in() -> bool:
    """With sign-in configured: whether this browser's person has signed in."""
    return bool(st.user.is_logged_in)


def admin_unlocked() -> bool:
    return bool(st.session_state.get(_ADMIN_KEY))


def unlock_admin_for_first_unit() -> None:
    """Open mode: whoever created the first unit of an empty installation administers it for
    this session (there is no admin token yet), so the workbook import can follow."""
    if not sign_in_configured():
        st.session_state[_ADMIN_KEY] = True


def current_actor(name: str, person_id: int | None) -> Actor:
    """The actor every write of this run is made as (with the grants the services check)."""
    if sign_in_configured():
        if not signed_in():
            return Actor(name or "guest", grants=frozenset())
        email = str(st.user.get("email") or "")
        groups = st.user.get("groups") or ()
        groups = groups if isinstance(groups, list) else ()
        signed = users.actor_for_email(email, str(st.user.get("name") or ""), groups)
        if not st.session_state.get("_sign_in_logged"):
            st.session_state["_sign_in_logged"] = True
            log.info("signed in: %s (user %s, known=%s)", email, signed.actor.user_id, signed.known)
        return signed.actor
    return users.open_mode_actor(name, person_id, admin=admin_unlocked())


def sidebar(t: Callable[..., str]) -> None:
    """The mode, said plainly, and its controls: sign in/out, or the admin token."""
    if sign_in_configured():
        if st.user.is_logged_in:
            st.caption(t("identity.signed_in", who=str(st.user.get("email") or "")))
            if st.button(t("identity.sign_out"), key="sign_out"):
                st.logout()
        else:
            st.caption(t("identity.signed_out"))
            if st.button(t("identity.sign_in"), key="sign_in", type="primary"):
                st.login()
        return
    st.caption(t("identity.open_mode"))
    if admin_unlocked():
        st.caption(t("identity.admin_on"))
        return
    with st.expander(t("identity.admin_token")):
        secret = st.text_input(t("identity.admin_token"), type="password", key="admin_token_input")
        if secret:
            if users.admin_token_valid(secret):
                st.session_state[_ADMIN_KEY] = True
                log.info("open mode: admin token accepted")
                st.rerun()
            else:
                log.warning("open mode: a wrong admin token was entered")
                st.error(t("identity.admin_wrong"))


def screen_team_id() -> int | bool | None:
    """For ``?screen=…``: the team id the link opens, or False for an unknown or revoked link;
    None when the URL carries no screen link."""
    secret = st.query_params.get("screen")
    if not secret:
        return None
    team_id = users.screen_team(secret)
    if team_id is None:
        log.warning("a revoked or unknown screen link was opened")
        return False
    return team_id
