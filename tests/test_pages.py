"""Every page starts with ``setup_page`` and renders against the demo database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from driftboard.ui.page import PAGES
from tests.conftest import ROOT

SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def _first_statement(path: Path) -> ast.stmt:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return next(
        node
        for node in body
        if not isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))  # docstring
    )


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_page_script_starts_with_setup_page(path):
    node = _first_statement(path)
    if isinstance(node, ast.With):  # with page_reads(): the whole run in one read transaction
        assert [getattr(item.context_expr.func, "id", None) for item in node.items] == ["page_reads"]
        node = node.body[0]
    call = node.value if isinstance(node, ast.Assign | ast.Expr) else None
    setups = ("setup_page", "setup_team_page", "setup_org_page")
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) in setups, (
        f"{path.name} must start with ctx = setup_page(...), ctx, team = setup_team_page(...) "
        "or ctx, tree = setup_org_page(...)"
    )
    key = call.args[0].value
    assert any(page.key == key and (ROOT / page.script) == path for page in PAGES)


def test_the_page_registry_matches_the_pages_folder():
    assert {ROOT / page.script for page in PAGES} == set(SCRIPTS)


def test_app_does_not_use_st_navigation():
    for path in SCRIPTS:
        assert "st.navigation" not in path.read_text(encoding="utf-8")
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "showSidebarNavigation = false" in config


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", [p.script for p in PAGES])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_page_renders_without_exception(demo_app, page, lang):
    at = _open(page, lang=lang, team="home-coop")
    assert not at.exception, at.exception
    assert not at.error


def test_home_lists_the_teams_with_links_to_their_pages(demo_app):
    at = _open("app.py")
    text = " ".join(m.value for m in at.markdown)
    for name in ("Mortgage", "Home & co-op loans", "Car & consumer loans"):
        assert name in text
    links = [link for link in at.get("page_link")]
    assert any("team=car-consumer" in str(link.proto) for link in links)


def test_lang_da_switches_the_ui_to_danish(demo_app):
    at = _open("pages/master_data.py", lang="da", team="mortgage")
    assert at.title[0].value == "Stamdata"
    assert at.session_state["lang"] == "da"


def test_an_unknown_team_says_which_teams_exist(demo_app):
    at = _open("pages/master_data.py", team="nope")
    assert "nope" in at.error[0].value and "mortgage" in at.error[0].value


@pytest.mark.database
def test_first_start_on_an_empty_database_loads_the_demo_and_says_so(tmp_path, monkeypatch):
    from db.engine import dispose_engines
    from tests import databases

    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", databases.new_url(tmp_path, "empty"))
    monkeypatch.setenv("DRIFTBOARD_DEMO", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert any("demo unit" in info.value for info in at.info)
    assert any("Loan Service" in info.value for info in at.info)
    dispose_engines()
