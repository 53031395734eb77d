"""``setup_page``: the one call every page script (and ``app.py``) starts with.

Streamlit's pages-folder routing runs a requested sub-page directly, without ``app.py`` (a TV
that reconnects after a restart lands straight on ``/operations``). So everything a page needs
is set up here, on every page: the database, the page config, the language, the team, kiosk
mode, the acting person and our own grouped navigation.

And who reads: every read of the run is made by the page's actor (``services.scope``), so the
teams, the org tree and each board are those of the units the person holds a grant on. A
screen link is a window, not a key: it opens the board pages of its team in kiosk mode, read
only, and every other page says the link is for the screen.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from driftboard import admin
from driftboard.domain import Actor, ConflictError, DomainError, Role, RowError, ValidationError
from driftboard.i18n import (
    CATALOGUE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    counted,
    field_word,
    fmt_hours,
    fmt_time,
    normalise_language,
    t,
)
from driftboard.services import masterdata, org, scope, unit_setup
from driftboard.services.masterdata import TeamInfo
from driftboard.services.org import OrgNode
from driftboard.ui import identity, small_screens
from driftboard.ui.kiosk_style import apply_kiosk_style
from driftboard.ui.number_entry import input_mode_script
from driftboard.ui.text import md_escape

T = TypeVar("T")
log = logging.getLogger("driftboard")

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class PageDef:
    key: str  # catalogue key page.<key>; also the URL path
    script: str  # path relative to the project root
    icon: str
    group: str | None  # nav.<group>, None for the home page
    reads: Role  # the role that opens it: it shows the org units the person holds that role on
    needs_team: bool = False
    scope_param: str = "team"  # the URL parameter naming whose page it is (?team= or ?unit=)
    screen: bool = False  # a board a screen link opens (kiosk, read only); other pages refuse one


# Every page of the app, in navigation order, with its scope: the role that opens it, the URL
# parameter naming whose page it is, whether a screen link opens it. A test checks this matches
# pages/, and tests/test_scope_matrix.py opens each page as people of one unit on another's.
_V, _A = Role.VIEWER, Role.ADMIN
PAGES: tuple[PageDef, ...] = (
    PageDef("home", "app.py", ":material/home:", None, _V),
    PageDef("operations", "pages/operations.py", ":material/view_kanban:", "boards", _V, needs_team=True, screen=True),
    PageDef("goals", "pages/goals.py", ":material/monitoring:", "boards", _V, scope_param="unit", screen=True),
    PageDef("improvement", "pages/improvement.py", ":material/lightbulb:", "boards", _V, needs_team=True, screen=True),
    PageDef("maturity", "pages/maturity.py", ":material/stairs:", "boards", _V, scope_param="unit", screen=True),
    PageDef("standards", "pages/standards.py", ":material/menu_book:", "boards", _V, needs_team=True),
    PageDef("planning", "pages/planning.py", ":material/calendar_month:", "settings", _V, needs_team=True),
    PageDef("measures", "pages/measures.py", ":material/tune:", "settings", _V),
    PageDef("master_data", "pages/master_data.py", ":material/database:", "settings", _V, needs_team=True),
    PageDef("unit_settings", "pages/unit_settings.py", ":material/settings:", "settings", _V),
    PageDef("setup", "pages/setup.py", ":material/add_business:", "settings", _V),
    PageDef("history", "pages/history.py", ":material/history:", "settings", _V),
    PageDef("access", "pages/access.py", ":material/admin_panel_settings:", "settings", _A),
)


@dataclass(frozen=True)
class PageContext:
    page: str
    lang: str
    kiosk: bool
    team: TeamInfo | None
    teams: tuple[TeamInfo, ...]
    actor: Actor
    person_id: int | None = None  # the person at the keyboard, when they said who they are
    stamp: int = 0  # the data's change stamp when this run began (admin.stamps)
    goal_stamp: int = 0  # the goal boards' stamp then: it stays while only operations change
    master_stamp: int = 0  # the org tree's, its people's and tasks' stamp then
    seen: frozenset[int] | None = None  # the org units the actor may see (None: all)

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def sees(self, org_unit_id: int) -> bool:
        """Whether the actor holds a grant on the org unit or above it (a team's leader does not
        see the whole unit's master data)."""
        return self.seen is None or org_unit_id in self.seen

    def md(self, key: str, /, **params: object) -> str:
        """The sentence for markdown (titles, captions, tabs, toasts, errors): every text
        parameter (a name, a title, a URL parameter) escaped, so it shows exactly as typed."""
        return t(key, self.lang, **{k: md_escape(v) if isinstance(v, str) else v for k, v in params.items()})


_READER = "_reader"  # the session's actor, who every read of its page runs is made by
_NOBODY = scope.Reading(Actor("nobody", grants=frozenset()), frozenset())


def _session_reader() -> scope.Reading | None:
    """The reader of the page run in progress (``services.scope``): its actor and the org units
    it sees; a run that has not set one yet reads nothing; outside a page run (the API's
    threads) None."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(_READER, _NOBODY)


scope.set_session_reader(_session_reader)


@st.cache_resource(show_spinner=False)
def _prepare_database(url: str) -> str | None:
    """Migrate once per server process and load the demo unit into an empty database."""
    with scope.trusted_reads():
        summary = admin.ensure_ready()
    return summary.unit if summary else None


# Shared objects (``cache_resource``), not copies: a tuple of frozen dataclasses cannot be changed
# by a page, and unpickling 500 teams on every run of every page cost more than reading them.
@st.cache_resource(show_spinner=False, max_entries=4, ttl=3600)
def _teams(url: str, master_stamp: int) -> tuple[TeamInfo, ...]:
    """Every team, shared by all sessions until the org tree, its people or its tasks change
    (the master-data stamp): every page run needs them, and an organisation of 500 teams would
    read and build them on each run, or after each production save anywhere. Each run narrows
    them to its reader's (``PageContext.seen``)."""
    with scope.trusted_reads():
        return tuple(masterdata.list_teams())


@st.cache_resource(show_spinner=False, max_entries=4, ttl=3600)
def _org_tree(url: str, master_stamp: int) -> tuple[OrgNode, ...]:
    with scope.trusted_reads():
        return tuple(org.org_tree())


@st.cache_resource(show_spinner=False, max_entries=64, ttl=3600)
def _team_people(url: str, master_stamp: int, team_id: int) -> tuple[tuple[str, int], ...]:
    """(name, id) of a team's people for the "You are" picker, shared until master data changes
    (a page run then sends no query for it: the board's statement budget)."""
    with scope.trusted_reads():
        people = masterdata.people_frame(team_id)
    return tuple(zip(people["name"], people["id"].astype(int).tolist(), strict=True))


@st.cache_resource(show_spinner=False, max_entries=256, ttl=3600)
def _seen(url: str, master_stamp: int, grants: frozenset[tuple[int, Role]], role: Role) -> frozenset[int]:
    """The org units those grants cover (with ``role`` or higher), per org tree."""
    return scope.visible_ids(Actor("grants", grants=grants), role) or frozenset()


def seen_by(ctx: PageContext, role: Role = Role.VIEWER) -> frozenset[int] | None:
    """The org units the page's actor holds ``role`` or higher on, with all below (None: all)."""
    if ctx.actor.grants is None:
        return None
    if role is Role.VIEWER and ctx.seen is not None:
        return ctx.seen
    return _seen(admin.database_url(), ctx.master_stamp, ctx.actor.grants, role)


def org_tree(ctx: PageContext, role: Role = Role.VIEWER) -> list[OrgNode]:
    """The org tree as of this run's master-data stamp (shared by all sessions until it changes),
    narrowed to the org units the actor holds ``role`` on; depth counts from the highest shown."""
    seen = seen_by(ctx, role)
    shown: list[OrgNode] = []
    shown_at: dict[int, int | None] = {}  # depth → shown depth of the last node there (preorder)
    for node in _org_tree(admin.database_url(), ctx.master_stamp):
        parent = shown_at.get(node.depth - 1) if node.depth else None
        if seen is None or node.id in seen:
            depth = 0 if parent is None else parent + 1
            shown.append(OrgNode(node.id, node.name, node.slug, node.level, depth))
            shown_at[node.depth] = depth
        else:
            shown_at[node.depth] = None
    return shown


def _query_flag(name: str) -> bool:
    return st.query_params.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _choose_language(team: TeamInfo | None) -> str:
    from_url = normalise_language(st.query_params.get("lang"))
    if from_url:
        st.session_state["lang"] = from_url
    return st.session_state.get("lang") or (team.language if team else None) or DEFAULT_LANGUAGE


def _choose_team(teams: list[TeamInfo], scope_param: str = "team") -> tuple[TeamInfo | None, str | None]:
    """The team from ``?team=``, else the one the page's own parameter names (the goal board's
    ``?unit=`` may name a team), else the one chosen earlier in this session, else the first.
    A kiosk has no session to remember: its team travels in the URL."""
    wanted = st.query_params.get("team")
    if wanted:
        team = next((t for t in teams if t.slug == wanted), None)
        if team is None:
            return None, wanted
        st.session_state["team"] = team.slug
        return team, None
    scoped = st.query_params.get(scope_param)
    team = next((t for t in teams if t.slug == scoped), None) if scoped else None
    if team is not None:
        st.session_state["team"] = team.slug
        return team, None
    remembered = st.session_state.get("team")
    team = next((t for t in teams if t.slug == remembered), teams[0] if teams else None)
    return team, None


def page_params(page: PageDef, team_slug: str | None, lang: str) -> dict[str, str]:
    """The query parameters of a link to ``page`` for a team (goals take ``?unit=``; the team
    travels as ``?team=`` too, so a goal board showing a higher level still knows its team)."""
    if not team_slug:
        return {"lang": lang}
    return {"lang": lang, page.scope_param: team_slug, "team": team_slug}


def _navigation(ctx: PageContext) -> None:
    with st.sidebar:
        st.markdown(f"### {ctx.t('app.name')}")
        groups: dict[str | None, list[PageDef]] = {}
        for page in PAGES:
            groups.setdefault(page.group, []).append(page)
        for group, pages in groups.items():
            if group:
                st.caption(ctx.t(f"nav.{group}"))
            for page in pages:
                params = page_params(page, ctx.team.slug if ctx.team else None, ctx.lang)
                st.page_link(page.script, label=ctx.t(f"page.{page.key}"), icon=page.icon, query_params=params)
        st.divider()
        _language_picker(ctx)
        if ctx.teams:
            _team_picker(ctx)
        if ctx.team and not identity.sign_in_configured():
            _acting_picker(ctx)
        identity.sidebar(ctx.t)
        input_mode_script()  # number entries get a decimal keypad on phones and tablets
        small_screens.page_script()


def _language_picker(ctx: PageContext) -> None:
    def changed() -> None:
        chosen = st.session_state["lang_picker"]
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen

    st.session_state["lang_picker"] = ctx.lang
    st.segmented_control(
        ctx.t("nav.language"),
        LANGUAGES,
        format_func=lambda code: t(f"lang.{code}", code),
        key="lang_picker",
        on_change=changed,
    )


def _team_picker(ctx: PageContext) -> None:
    def changed() -> None:
        st.session_state["team"] = st.session_state["team_picker"]
        st.query_params["team"] = st.session_state["team_picker"]

    slugs = [team.slug for team in ctx.teams]
    # Several units (a large organisation): each team with its unit and department, so teams of
    # the same name tell apart and typing a unit's or department's name finds its teams.
    several_units = len({team.unit_id for team in ctx.teams}) > 1
    names = {
        team.slug: f"{team.unit_name} › {team.department} › {team.name}" if several_units else team.name
        for team in ctx.teams
    }
    if ctx.team:
        st.session_state["team_picker"] = ctx.team.slug
    st.selectbox(ctx.t("nav.team"), slugs, format_func=names.get, key="team_picker", on_change=changed)


def _acting_picker(ctx: PageContext) -> None:
    """Who is at the keyboard, recorded on every change until sign-in arrives."""
    assert ctx.team is not None
    guest = ctx.t("nav.guest")
    ids = dict(_team_people(admin.database_url(), ctx.master_stamp, ctx.team.id))
    names = [guest, *ids]
    current = st.session_state.get("acting_as")
    st.session_state["acting_picker"] = current if current in names else guest

    def changed() -> None:
        chosen = st.session_state["acting_picker"]
        st.session_state["acting_as"] = None if chosen == guest else chosen
        st.session_state["acting_person_id"] = ids.get(chosen)

    st.selectbox(ctx.t("nav.acting_as"), names, key="acting_picker", on_change=changed)


def setup_page(page: str) -> PageContext:
    """Set up a page: config, database, who reads, language, team, kiosk mode, acting person,
    navigation; refuse a screen link on a page that is not its board, and teams of other units."""
    definition = next(p for p in PAGES if p.key == page)
    screen_link = st.query_params.get("screen")
    kiosk = _query_flag("kiosk") or bool(screen_link)
    asked_lang = normalise_language(st.query_params.get("lang")) or st.session_state.get("lang") or DEFAULT_LANGUAGE
    st.set_page_config(
        page_title=t(f"page.{page}", asked_lang),
        page_icon=":material/dashboard:",
        layout="wide",
        initial_sidebar_state="collapsed" if kiosk else "auto",
    )
    demo_unit = _prepare_database(admin.database_url())
    stamp, goal_stamp, master_stamp = admin.stamps()
    everyone = _teams(admin.database_url(), master_stamp)
    acting = st.session_state.get("acting_as")
    person_id = st.session_state.get("acting_person_id") if acting else None
    screen = identity.screen_team_id()  # None: no screen link; False: not valid; else its team
    if screen is None:
        actor = identity.current_actor(acting or t("nav.guest", asked_lang), person_id)
    else:  # the link is the reader: its team's boards, read only
        actor = Actor("screen link", grants=frozenset({(screen, Role.VIEWER)}) if screen else frozenset())
    seen = None if actor.grants is None else _seen(admin.database_url(), master_stamp, actor.grants, Role.VIEWER)
    st.session_state[_READER] = scope.Reading(actor, seen)
    teams = tuple(x for x in everyone if seen is None or x.id in seen)
    team, unknown = _choose_team(list(teams), definition.scope_param)
    lang = _choose_language(team)
    if not acting and screen is None and actor.name == t("nav.guest", asked_lang):
        actor = replace(actor, name=t("nav.guest", lang))
        st.session_state[_READER] = scope.Reading(actor, seen)
    if team and definition.needs_team and st.query_params.get("team") != team.slug:
        st.query_params["team"] = team.slug
    ctx = PageContext(
        page=page,
        lang=lang,
        kiosk=kiosk,
        team=team,
        teams=teams,
        actor=actor,
        person_id=person_id,
        stamp=stamp,
        goal_stamp=goal_stamp,
        master_stamp=master_stamp,
        seen=seen,
    )
    st.html(_PAGE_CSS)
    if kiosk:
        apply_kiosk_style()
    else:
        _navigation(ctx)
    if demo_unit and not st.session_state.get("demo_notice_shown"):
        st.session_state["demo_notice_shown"] = True
        st.info(ctx.t("home.demo_loaded", unit=demo_unit), icon=":material/info:")
    _show_flash()
    if screen_link:
        if not screen or team is None or screen != team.id:
            st.error(ctx.t("identity.screen_revoked"), icon=":material/link_off:")
            st.stop()
        if not definition.screen:
            st.warning(ctx.t("identity.screen_only"), icon=":material/tv:")
            st.stop()
    elif identity.sign_in_configured() and not identity.signed_in():
        st.info(ctx.t("identity.please_sign_in"), icon=":material/login:")
        st.stop()
    if unknown is not None and (moved := unit_setup.resolve_alias(unknown)) is not None:
        st.query_params["team"] = moved[0]  # a renamed team: the old link still leads to it
        flash(ctx.md("home.moved", old=unknown, name=moved[1]))
        st.rerun()
    if unknown is not None:
        st.error(ctx.md("error.unknown_team", slug=unknown, choices=", ".join(x.slug for x in teams) or "–"))
        st.stop()
    if not teams and everyone:  # signed in, but no role in any unit yet
        st.info(ctx.t("identity.no_roles"), icon=":material/lock:")
        st.stop()
    if kiosk and not definition.screen:  # a settings page, or a board without a screen view
        _open_board(ctx)
    if definition.reads is not Role.VIEWER and seen_by(ctx, definition.reads) == frozenset():
        # Hiding the page is a courtesy; the services refuse anyone else (services.access, .scope).
        open_mode = not identity.sign_in_configured()
        st.warning(ctx.t("access.admin_only_open" if open_mode else "access.admin_only"), icon=":material/lock:")
        st.stop()
    return ctx


def _open_board(ctx: PageContext) -> NoReturn:
    """A screen shows a board, never a form: ``?kiosk=1`` on a page that is not a board opens
    the team's operations board, or for an org level above teams (``?unit=``) its goal board
    (the screen's other parameters kept); with no team at all it says which boards have a
    screen view."""
    params = st.query_params.to_dict()
    unit = params.get("unit")
    if unit and unit not in {team.slug for team in ctx.teams}:
        st.switch_page("pages/goals.py", query_params={k: v for k, v in params.items() if k != "team"})
    if ctx.team is not None:
        params.pop("unit", None)
        st.switch_page("pages/operations.py", query_params={**params, "team": ctx.team.slug})
    boards = ", ".join(ctx.t(f"page.{p.key}") for p in PAGES if p.screen)
    st.info(ctx.t("kiosk.not_a_board", boards=boards), icon=":material/tv:")
    st.stop()


def setup_team_page(page: str) -> tuple[PageContext, TeamInfo]:
    """``setup_page`` for a page about one team; with no team yet it says where to create one
    and stops."""
    ctx = setup_page(page)
    if ctx.team is None:
        st.warning(ctx.t("home.no_teams"))
        st.stop()
    return ctx, ctx.team


def setup_org_page(page: str) -> tuple[PageContext, list[OrgNode]]:
    """``setup_page`` for a page about any org unit, with the org tree; with no team yet it says
    where to create one and stops."""
    ctx = setup_page(page)
    tree = org_tree(ctx)
    if not tree:
        st.warning(ctx.t("home.no_teams"))
        st.stop()
    return ctx, tree


def run_intent(
    ctx: PageContext,
    do: Callable[[], T],
    *,
    done: str | Callable[[T], str] | None = None,
    rerun: bool = True,
    clear: Sequence[str] = (),
) -> T | None:
    """Carry out one click: call the service; a refusal is said in the viewer's language and
    keeps what the person entered; a success is flashed (``done``, text or made from the
    result), the widgets named in ``clear`` start empty again (a second click must not repeat
    the intent) and the page reruns to show the new state. Returns the result when it does
    not rerun."""
    try:
        result = do()
    except DomainError as error:
        show_domain_error(ctx, error)
        return None
    except Exception:  # noqa: BLE001 - a bug: a short message with an id here, the trace in the server log
        show_unexpected_error(ctx)
        return None
    for key in clear:
        st.session_state.pop(key, None)
    if done is not None:
        flash(done(result) if callable(done) else done)
    if rerun:
        st.rerun()
    return result


# Static CSS on every page:
# - a long word (a pasted name without spaces) wraps inside headings instead of widening the page;
# - captions in a grey that reads: Streamlit fades the text colour to 60 % (3.9:1 on white, WCAG AA
#   asks 4.5:1) and has no theme option for it; this grey, opaque, is 6.4:1 on white and 5.6:1 on
#   the sidebar's;
# - a chart's toolbar, which Streamlit shows on hover only, shows while one of its buttons has the
#   keyboard's focus (WCAG 2.4.7: focus visible; the kiosk hides the toolbar).
_PAGE_CSS = """<style>
h1, h2, h3, h4, h5, h6 {overflow-wrap: anywhere;}
[data-testid="stCaptionContainer"] {color: #615f5c; opacity: 1;}
[data-testid="stElementToolbar"]:focus-within {opacity: 1 !important;}
/* The keyboard's focus on a link or tab: a ring of 6.1:1, not Streamlit's 1.08:1 tint. */
a:focus-visible, [role="tab"]:focus-visible {outline: 0.1875rem solid #1f5fae !important; outline-offset: 0.125rem;}
</style>"""


def show_unexpected_error(ctx: PageContext) -> str:
    """Log the exception being handled with a short id and tell the person that id (never the
    trace: ``client.showErrorDetails`` is off outside development). Returns the id."""
    error_id = uuid.uuid4().hex[:8]
    log.exception("unexpected error %s on page %s (actor %s)", error_id, ctx.page, ctx.actor.name)
    st.error(ctx.t("error.unexpected", error_id=error_id), icon=":material/report:")
    return error_id


def flash(message: str) -> None:
    """Say ``message`` on the next run of the page (after the rerun that shows the saved data),
    as a toast."""
    st.session_state["_flash"] = message


def _show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        # One confirmation, where the person is looking: a toast shows at any scroll position
        # (a banner at the top of the page is out of sight below a long board).
        st.toast(message, icon=":material/check_circle:", duration="long")


def show_row_errors(ctx: PageContext, errors: Sequence[RowError]) -> None:
    """Say which rows and fields are wrong, in the user's language (as a table: user text is
    shown as plain text, never as markdown or HTML)."""
    count = len({e.row for e in errors})
    st.error(ctx.t(counted("error.invalid_rows", count), count=count), icon=":material/error:")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("col.row"): e.row,
                    ctx.t("col.field"): field_word(e.field, ctx.lang),
                    ctx.t("col.problem"): ctx.t(e.code, **_kinds_said(ctx, dict(e.params))),
                }
                for e in errors
            ]
        ),
        hide_index=True,
    )


def _kinds_said(ctx: PageContext, params: dict[str, object]) -> dict[str, object]:
    """Kinds travel in errors as their values (``stage="plan"``); say them in the viewer's
    language when the catalogue has a name for them (``stage.plan``). Hours and other decimals
    travel as numbers and are written as the viewer writes them (``7,5`` in Danish)."""
    return {k: _said(ctx, k, v) for k, v in params.items()}


def _said(ctx: PageContext, key: str, value: object) -> object:
    if key == "field" and isinstance(value, str):  # a field by its word, never its column name
        return field_word(value, ctx.lang)
    if isinstance(value, str) and f"{key}.{value}" in CATALOGUE:
        return ctx.t(f"{key}.{value}")
    if isinstance(value, float):
        return fmt_hours(value, ctx.lang)
    return value


def conflict_text(ctx: PageContext, error: ConflictError) -> str:
    """Who changed the row, which fields, when (local time) and what it is now."""
    entity = ctx.t(f"entity.{error.entity}") if f"entity.{error.entity}" in CATALOGUE else error.entity
    # Only fields the catalogue names: a column name (stage_changed_at) says nothing to a person.
    fields = ", ".join(ctx.t(f"field.{f}") for f in error.changed_fields if f"field.{f}" in CATALOGUE)
    unsaid = "" if fields else "_unsaid"  # the sentence without "(…)" when no field can be named
    who = error.changed_by or "?"
    if error.changed_at is None:
        return ctx.t(f"error.conflict{unsaid}", entity=entity, who=who, fields=fields)
    text = ctx.t(
        f"error.conflict_at{unsaid}",
        entity=entity,
        label=error.label or "",
        who=who,
        time=fmt_time(error.changed_at, ctx.lang),
        fields=fields,
    )
    if error.current is not None:
        text += " " + ctx.t("error.conflict_now", current=error.current)
    return text


def show_domain_error(ctx: PageContext, error: DomainError) -> None:
    """One place that turns a refused write into a message: rows, a conflict, or a sentence."""
    if isinstance(error, ValidationError):
        show_row_errors(ctx, error.errors)
    elif isinstance(error, ConflictError):
        # Names and values inside: shown as plain text (escaped punctuation looks the same).
        st.error(md_escape(conflict_text(ctx, error)), icon=":material/sync_problem:")
    else:
        try:
            text = ctx.md(error.message_key, **_kinds_said(ctx, error.params)) if error.message_key else error.message
        except (KeyError, IndexError):  # a key whose parameters the error did not carry
            text = error.message
        st.error(text, icon=":material/error:")
