"""Units apart, cell by cell (issue #23): one installation holds two units — the demo's Loan
Service (A) and a Pension Service (B), under one organisation — and every service, page and
route is tried by actors of unit A on their own unit and on the other one.

- **Services** (``tests/scope_cases.py``): viewer, member, leader and admin of unit A × A's rows
  and B's rows × every write and read. A write on A is let through exactly when the actor's
  role reaches the role the write declares (it stops at its commit: the database never
  changes); on B it is refused. A read of A answers; of B it is refused — or, for a list of the
  whole installation, it shows A's rows (to those it declares) and nothing of B's.
- **Pages**: a viewer and an admin of unit A, and a screen link of A's team × A's team and B's
  team × every page (AppTest). A's page draws without a refusal (the users page only for the
  admin); B's says there is no such team; nothing of B shows anywhere. The screen link opens
  A's boards read only; every other page says the link is for the screen; B's team is "not
  valid".
- **Routes**: unit A's API token and A's screen link × A and B × every route of ``api.routes``.

A service, page or route without a scope declaration fails the completeness tests at the end.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest
from google.protobuf import text_format
from sqlalchemy.orm import SessionTransaction
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from db.engine import dispose_engines, get_engine
from driftboard import api
from driftboard.domain import ROLE_RANK, AccessDenied, Actor, DomainError, Role
from driftboard.services import live, master_workbook, scope
from driftboard.ui import identity
from driftboard.ui.page import PAGES
from tests import databases, scope_cases, two_units
from tests.conftest import DEMO_NOW, ROOT

ACTORS = (Role.VIEWER, Role.MEMBER, Role.LEADER, Role.ADMIN)
SIDES = ("own", "other")


@dataclass(frozen=True)
class World:
    url: str
    engine: Any
    a: two_units.Side
    b: two_units.Side

    def target(self, side: str) -> dict[str, Any]:
        """The rows a case aims at: A's own (``own``) or B's (``other``); ``home_team`` stays A's."""
        found = self.a if side == "own" else self.b
        return {**dataclasses.asdict(found), "home_team": self.a.team_name, "units": [found.unit_slug]}

    def actor(self, role: Role) -> Actor:
        return Actor(f"{role.value} of {self.a.unit_slug}", grants=frozenset({(self.a.unit, role)}))

    def shows(self, side: str) -> tuple[str, ...]:
        """What betrays the side's data: its unit, its teams, its people (B's markers)."""
        found = self.a if side == "own" else self.b
        names = (found.unit_slug, found.team_name, found.team_slug, found.person_name, f"{found.old_slug}-renamed")
        return names + (two_units.MARKERS["b"] if side == "other" else two_units.MARKERS["a"])


@pytest.fixture(scope="module")
def world(demo_template_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    url = databases.copy_of(demo_template_url, tmp_path_factory.mktemp("two-units"), "two_units")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRIFTBOARD_NOW", DEMO_NOW.isoformat())
        mp.setenv("DRIFTBOARD_DATABASE_URL", url)
        engine = get_engine(url)
        secrets = two_units.build(engine)
        live.forget()
        yield World(url, engine, two_units.side(engine, "loan-service", secrets),
                    two_units.side(engine, "pension-service", secrets))  # fmt: skip
    live.forget()
    dispose_engines()
    databases.drop(url)


# --------------------------------------------------------------------------- services


class _Committed(Exception):
    """A write reached its commit: nothing refused it (and nothing is kept)."""


@contextlib.contextmanager
def _no_commits() -> Iterator[None]:
    """Every write session stops at its commit (rolled back), so a cell leaves the database as
    it found it."""
    original = SessionTransaction.commit

    def commit(self: SessionTransaction, *args: Any, **kwargs: Any) -> Any:
        if self.session.info.get("actor") is not None and not self.nested:
            raise _Committed
        return original(self, *args, **kwargs)

    SessionTransaction.commit = commit  # type: ignore[method-assign]
    try:
        yield
    finally:
        SessionTransaction.commit = original  # type: ignore[method-assign]


def _write_outcome(case: scope_cases.Write, actor: Actor) -> str:
    with scope.reading_as(actor), _no_commits():
        try:
            case.call(actor)
        except _Committed:
            return "allowed"
        except DomainError as error:
            return "refused" if scope_cases.refused(error) else f"allowed, then {error.message_key or error!r}"
    return "allowed"


def _text(value: Any) -> str:
    """Everything a result says, as text (rows, frames, dataclasses, a workbook's cells)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        if value[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(value)) as book:
                return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))
        return value.decode("utf-8", "replace")
    if isinstance(value, pd.DataFrame):
        return value.to_csv()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return " ".join(f"{_text(k)} {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return " ".join(_text(v) for v in value)
    return str(value)


def _mentions(value: Any, names: tuple[str, ...]) -> list[str]:
    text = _text(value).casefold()
    return [n for n in names if n.casefold() in text]


def _expected_write(case: scope_cases.Write, role: Role, side: str) -> str:
    if side == "other" or case.needs is None:
        return "refused"
    return "allowed" if ROLE_RANK[role] >= ROLE_RANK[case.needs] else "refused"


def _names(kind: str) -> list[str]:
    placeholder = _Placeholder()
    found = scope_cases.writes(placeholder, None) if kind == "writes" else scope_cases.reads(placeholder, None)
    return sorted(found)


class _Placeholder(dict):
    """A target for listing the registry's names (the calls are not made)."""

    def __missing__(self, key: str) -> int:
        return 0


@pytest.mark.parametrize("name", _names("writes"))
def test_a_write_reaches_its_own_unit_by_role_and_never_another(world: World, name: str) -> None:
    """Viewer, member, leader and admin of unit A × unit A and unit B: 8 cells per write."""
    wrong = []
    for side in SIDES:
        case = scope_cases.writes(world.target(side), world.engine)[name]
        for role in ACTORS:
            got, expected = _write_outcome(case, world.actor(role)), _expected_write(case, role, side)
            if got.split(",")[0] != expected:
                wrong.append(f"{role.value} on {side} unit: {got} (expected {expected})")
    assert wrong == [], f"{name}: {wrong}"


def _read_outcome(case: scope_cases.Read, actor: Actor) -> tuple[str, Any]:
    with scope.reading_as(actor):
        try:
            return "answered", case.call()
        except AccessDenied:
            return "refused", None


@pytest.mark.parametrize("name", _names("reads"))
def test_a_read_shows_its_own_unit_and_nothing_of_another(world: World, name: str) -> None:
    """Viewer, member, leader and admin of unit A × unit A and unit B: 8 cells per read."""
    wrong = []
    for side in SIDES:
        case = scope_cases.reads(world.target(side), world.engine)[name]
        for role in ACTORS:
            got, result = _read_outcome(case, world.actor(role))
            cell = f"{role.value} on {side} unit"
            if case.narrows:
                if got != "answered":
                    wrong.append(f"{cell}: refused a list it should narrow")
                elif side == "other" and (leaked := _mentions(result, world.shows("other"))):
                    wrong.append(f"{cell}: shows {leaked}")
                elif side == "own" and bool(_mentions(result, world.shows("own"))) != (
                    ROLE_RANK[role] >= ROLE_RANK[case.needs]
                ):
                    wrong.append(f"{cell}: shows own rows {_mentions(result, world.shows('own'))}, needs {case.needs}")
            elif got != ("answered" if side == "own" else "refused"):
                wrong.append(f"{cell}: {got}")
    assert wrong == [], f"{name}: {wrong}"


def test_the_workbook_take_over_is_a_row_error_and_moves_nobody(world: World) -> None:
    """The attack of issue #23: an admin of unit A uploads a people row with unit B's team
    leader's employee number into A's team. Refused with the row (sheet and row named); B's team
    leader stays B's team leader."""
    from driftboard.domain import ValidationError
    from driftboard.services import masterdata

    workbook = scope_cases._people_workbook(world.target("other"))
    admin = world.actor(Role.ADMIN)
    with pytest.raises(ValidationError) as info, scope.reading_as(admin):
        master_workbook.import_master_data(admin, workbook, engine=world.engine)
    [error] = info.value.errors
    assert (error.row, error.field, error.code) == (2, "people.employee_id", "v.not_your_person")
    assert "not in your units" in error.text("en") and two_units.B_LEADER in error.text("en")
    people = masterdata.people_frame(world.b.team, world.engine)
    leader = people.loc[people["employee_id"] == two_units.B_LEADER].iloc[0]
    assert bool(leader["team_leader"]) and leader["name"] == "Petra Pensionsen"


# --------------------------------------------------------------------------- pages

PAGE_ACTORS = ("viewer", "admin", "screen link")


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _page_text(at: AppTest) -> str:
    """Every element the page drew, as its message says it (markdown, tables, choices, …)."""
    return "\n".join(
        text_format.MessageToString(node.proto, as_utf8=True)
        for node in _walk(at._tree)
        if getattr(node, "proto", None) is not None
    )


def _open_page(world: World, page: Any, who: str, side: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    target = world.a if side == "own" else world.b
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", world.url)
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(identity, "sign_in_configured", lambda: True)  # the setting: sign-in on
    monkeypatch.setattr(identity, "signed_in", lambda: who != "screen link")
    monkeypatch.setattr(identity, "sidebar", lambda _t: None)
    if who != "screen link":
        role = Role.VIEWER if who == "viewer" else Role.ADMIN
        monkeypatch.setattr(identity, "current_actor", lambda _name, _person: world.actor(role))
    params = {"lang": "en", "team": target.team_slug}
    if page.scope_param != "team":
        params[page.scope_param] = target.team_slug
    if who == "screen link":  # always unit A's team's link: on B's team it is the wrong link
        params |= {"screen": world.a.link_secret, "vw": "1920", "vh": "1080"}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page.script != "app.py":
        at.switch_page(page.script)
    return at.run()


REFUSALS = {
    "unknown": "There is no team",
    "screen only": "This link is for the team",  # (quotes come escaped)
    "not valid": "This screen link is not valid",
    "admin only": "Only an administrator can see and change users",
    "not yours": "a team or unit you have no role in",
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_a_page_shows_its_own_unit_and_nothing_of_another(world, page, monkeypatch):
    """A viewer and an admin of unit A and unit A's screen link × A's team and B's team: 6 cells
    per page. Nothing of unit B shows in any of them."""
    wrong = []
    for who in PAGE_ACTORS:
        for side in SIDES:
            at = _open_page(world, page, who, side, monkeypatch)
            text = _page_text(at)
            said = {name for name, words in REFUSALS.items() if words in text}
            if side == "other":
                expected = {"not valid"} if who == "screen link" else {"unknown"}
            elif who == "screen link":
                expected = set() if page.screen else {"screen only"}
            else:
                expected = {"admin only"} if ROLE_RANK[Role[who.upper()]] < ROLE_RANK[page.reads] else set()
            cell = f"{who} on {side} team"
            if at.exception:
                wrong.append(f"{cell}: {at.exception[0].value}")
            if said != expected:
                wrong.append(f"{cell}: said {sorted(said)}, expected {sorted(expected)}")
            if leaked := [
                m for m in world.shows("other") if m != world.b.team_slug and m.casefold() in text.casefold()
            ]:
                wrong.append(f"{cell}: shows {leaked}")
            if (
                who == "screen link"
                and side == "own"
                and page.screen
                and (at.text_input or at.button or at.data_editor)
            ):
                wrong.append(f"{cell}: a screen link may change something")
    assert wrong == [], f"{page.key}: {wrong}"


# --------------------------------------------------------------------------- routes


@pytest.fixture(scope="module")
def client(world: World) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRIFTBOARD_DATABASE_URL", world.url)
        mp.setenv("DRIFTBOARD_NOW", DEMO_NOW.isoformat())
        with TestClient(Starlette(routes=api.routes())) as found:
            yield found


def _route_cell(world: World, client: TestClient, path: str, side: str) -> list[str]:
    """One route, unit A's token or screen link, on A's or B's rows: what went wrong."""
    target = world.a if side == "own" else world.b
    kind = api.SCOPES[path]
    token = {"Authorization": f"Bearer {world.a.token_secret}"}
    wrong: list[str] = []
    if kind == "public":
        response = client.get(path)
        replies = [response]
        if response.status_code != 200:
            wrong.append(f"{response.status_code}")
    elif kind == "token read":  # A's token reads its own rows (open escalations, standards), never B's
        escalations_route = path.endswith("/escalations")
        org = target.unit_slug if escalations_route else target.team_slug
        response = client.get(path, params={"org": org}, headers=token)
        replies = [response]
        if response.status_code != (200 if side == "own" else 403):
            wrong.append(f"status {response.status_code}: {response.text[:200]}")
        if escalations_route and side == "own" and "Loan blocker" not in response.text:
            wrong.append(f"own escalations missing: {response.text[:200]}")
    elif kind == "screen":
        board, team, link = "operations", target.team, world.a.link_secret
        sig = live.signature(live.screen_secret(), board, team, link)
        response = client.get(f"{api.PREFIX}/live/{board}/{team}", params={"sig": sig, "screen": link, "lang": "en"})
        replies = [response]
        if response.status_code != (200 if side == "own" else 403):
            wrong.append(f"status {response.status_code}")
    else:
        row = {"date": DEMO_NOW.date().isoformat(), "team": target.team_slug, "task": target.task_slug}
        counts = {"production": {"produced": 3}, "holdings": {"open": 3, "due_today": 0, "overdue": 0},
                  "intake": {"received": 3}}  # fmt: skip
        name = path.removeprefix(f"{api.PREFIX}/")
        if name.startswith("robots/"):
            url, rows = f"{api.PREFIX}/robots/{target.robot}/runs", [{"date": row["date"], "handled": 3,
                                                                       "handed_over": 0, "failed": 0}]  # fmt: skip
        else:
            url, rows = path, [row | counts[name]]
        response = client.post(url, json={"rows": rows}, headers=token)
        replies = [response]
        if response.status_code != (200 if side == "own" else 403):
            wrong.append(f"status {response.status_code}: {response.text[:200]}")
        if not name.startswith("robots/"):  # an unknown team: the choices are the token's unit's teams
            unknown = client.post(url, json={"rows": [rows[0] | {"team": "nowhere"}]}, headers=token)
            replies.append(unknown)
            if unknown.status_code != 422 or world.a.team_slug not in unknown.text:
                wrong.append(f"unknown team: {unknown.status_code} {unknown.text[:200]}")
            # An unknown task of the token's own team: the choices are that team's tasks.
            own_row = rows[0] | {"team": world.a.team_slug, "task": "nothing-like-it"}
            unknown_task = client.post(url, json={"rows": [own_row]}, headers=token)
            replies.append(unknown_task)
            if unknown_task.status_code != 422 or world.a.task_slug not in unknown_task.text:
                wrong.append(f"unknown task: {unknown_task.status_code} {unknown_task.text[:200]}")
    for reply in replies:
        if leaked := [
            m for m in world.shows("other") if m != world.b.team_slug and m.casefold() in reply.text.casefold()
        ]:
            wrong.append(f"shows {leaked}")
        if "pension-claims" in reply.text and side == "own":
            wrong.append("names unit B's team")
    return wrong


@pytest.mark.parametrize("path", sorted(api.SCOPES))
def test_a_route_answers_for_its_own_unit_and_refuses_another(world, client, path):
    """Unit A's token (or, for the screens' poll, A's screen link) × A's rows and B's rows."""
    wrong = {side: found for side in SIDES if (found := _route_cell(world, client, path, side))}
    assert wrong == {}, f"{path}: {wrong}"


def test_a_revoked_screen_link_is_told_so_at_its_next_poll(world, client):
    """The poll carries the link: once revoked, the answer says "not valid" in the screen's
    language, and the screen draws that in place (tests/browser/test_screen_link_browser.py)."""
    from driftboard.services import users

    link, secret = users.create_screen_link(two_units.TRUSTED, world.a.team_slug, engine=world.engine)
    poll = f"{api.PREFIX}/live/improvement/{world.a.team}"
    sig = live.signature(live.screen_secret(), "improvement", world.a.team, secret)
    params = {"sig": sig, "screen": secret, "lang": "da"}
    assert client.get(poll, params=params).status_code == 200
    assert client.get(poll, params={**params, "screen": ""}).status_code == 403  # the link cannot be dropped
    users.revoke_screen_link(two_units.TRUSTED, link, engine=world.engine)
    answer = client.get(poll, params=params)
    assert answer.status_code == 401 and answer.json()["revoked"] is True
    assert "ikke gyldigt" in answer.json()["message"]


# --------------------------------------------------------------------------- every one declared

SERVICES = ROOT / "driftboard" / "services"


def _public_services() -> set[str]:
    """Public functions of driftboard/services that do not take the caller's session (a core,
    which the service opening the session checks for)."""
    found = set()
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            first = node.args.args[0] if node.args.args else None
            if first is not None and first.annotation is not None and ast.unparse(first.annotation) == "Session":
                continue
            found.add(f"{path.stem}.{node.name}")
    return found


def test_every_service_declares_its_scope():
    """A new public service must say whose data it touches: a write (with its role), a read (of
    one org unit, or a narrowed list) in tests/scope_cases.py, or why it shows no unit's data."""
    declared = set(_names("writes")) | set(_names("reads"))
    unscoped = {name for name in scope_cases.UNSCOPED if not name.endswith(".*")}
    modules = {name.removesuffix(".*") for name in scope_cases.UNSCOPED if name.endswith(".*")}
    missing = {n for n in _public_services() if n.split(".")[0] not in modules} - declared - unscoped
    assert missing == set(), f"declare the scope of these services in tests/scope_cases.py: {sorted(missing)}"
    assert (declared | unscoped) - _public_services() == set(), "tests/scope_cases.py names a service that is gone"


def test_every_page_and_route_declares_its_scope():
    """A page declares the role that opens it and whether a screen link does (``PageDef``, and
    test_pages checks PAGES is every page); a route declares its scope in ``api.SCOPES``."""
    assert all(isinstance(page.reads, Role) for page in PAGES)
    assert {page.key for page in PAGES if page.screen} == {"operations", "goals", "improvement", "maturity"}
    assert {route.path for route in api.routes()} == set(api.SCOPES)
    assert set(api.SCOPES.values()) <= {"public", "token", "token read", "screen"}
