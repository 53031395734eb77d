"""Who is at the keyboard: open mode says so and locks admin work behind the admin token;
users and grants by e-mail; screen links open a team's board read-only until revoked."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db.engine import read_session
from driftboard import cli
from driftboard.domain import Role
from driftboard.i18n import LANGUAGES, t
from driftboard.services import access, users
from tests.conftest import ROOT, TESTER


def _cli(capsys, *args: str, db: str) -> str:
    assert cli.main(["--database", db, *args]) == 0
    return capsys.readouterr().out


def test_user_add_grants_a_role_by_e_mail_and_sign_in_maps_the_claim_to_it(demo_engine, capsys):
    db = demo_engine.url.render_as_string(hide_password=False)
    out = _cli(capsys, "user", "add", "Lea@Bank.dk", "--role", "leader", "--unit", "mortgage", db=db)
    assert "(lea@bank.dk) is leader on mortgage" in out
    signed = users.actor_for_email("LEA@bank.dk", engine=demo_engine)
    mortgage = next(t for t in users.grants_table(demo_engine) if t.email == "lea@bank.dk")
    assert signed.known and mortgage.role is Role.LEADER and signed.actor.grants
    stranger = users.actor_for_email("nobody@bank.dk", groups=["driftboard:viewer:mortgage"], engine=demo_engine)
    assert not stranger.known and {r for _o, r in stranger.actor.grants} == {Role.VIEWER}


def test_screen_links_are_made_listed_and_revoked_from_the_command_line(demo_engine, capsys):
    db = demo_engine.url.render_as_string(hide_password=False)
    out = _cli(capsys, "screen", "add", "--team", "mortgage", "--label", "TV", db=db)
    url = out.strip().splitlines()[-1]
    assert url.startswith("http://localhost:8501/operations?team=mortgage&kiosk=1&screen=")
    secret = url.rsplit("=", 1)[1]
    team_id = users.screen_team(secret, demo_engine)
    assert team_id is not None
    listed = _cli(capsys, "screen", "list", db=db)
    assert "mortgage\tTV\tlive" in listed and "never" not in listed  # its use was recorded
    link_id = listed.split("\t", 1)[0]
    _cli(capsys, "screen", "revoke", link_id, db=db)
    assert users.screen_team(secret, demo_engine) is None
    assert "revoked" in _cli(capsys, "screen", "list", db=db)


def _page(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if path != "app.py":
        at.switch_page(path).run()
    assert not at.exception
    return at


def test_open_mode_says_so_and_admin_work_needs_the_admin_token(demo_app, demo_engine):
    at = _page("pages/master_data.py", team="mortgage", lang="en")
    assert any("Open mode" in c.value for c in at.sidebar.caption)
    token = users.create_admin_token(TESTER, demo_engine)
    at.sidebar.text_input(key="admin_token_input").set_value("wrong").run()
    assert any("not valid" in e.value for e in at.sidebar.error)
    at.sidebar.text_input(key="admin_token_input").set_value(token).run()
    assert any("unlocked" in c.value for c in at.sidebar.caption)


def test_open_mode_leads_every_unit_but_admin_work_needs_the_token(demo_engine):
    actor = users.open_mode_actor("Anna", None, admin=False, engine=demo_engine)
    with read_session(demo_engine) as s:
        unit = next(iter(actor.grants))[0]
        assert access.allowed(s, actor, Role.LEADER, unit)
        assert not access.allowed(s, actor, Role.ADMIN, unit)


def test_a_screen_link_shows_the_board_read_only_and_a_revoked_one_shows_none(demo_app, demo_engine):
    link_id, secret = users.create_screen_link(TESTER, "mortgage", engine=demo_engine)
    at = _page("pages/operations.py", team="mortgage", screen=secret)
    assert not at.error
    assert not at.button and not at.data_editor and not at.text_input  # no edit controls
    users.revoke_screen_link(TESTER, link_id, engine=demo_engine)
    at = _page("pages/operations.py", team="mortgage", screen=secret)
    assert any("not valid" in e.value for e in at.error)
    assert not at.dataframe and not at.metric


def test_the_admin_only_page_says_how_to_get_in_and_never_to_add_admin_to_the_address(demo_app):
    """Open mode: type the admin token into the sidebar (a ``?admin=`` parameter never did anything)."""
    at = _page("pages/access.py", lang="en")
    said = " ".join(w.value for w in at.warning)
    assert "Type the admin token into “Admin token” in the sidebar" in said
    assert not at.dataframe  # no grants listed
    for key in ("access.admin_only", "access.admin_only_open"):
        assert all("?admin" not in t(key, lang) for lang in LANGUAGES)
