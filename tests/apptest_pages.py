"""Opening a page in AppTest as a browser does: the app's entry with the query parameters the
pages read, then the page; on the operations board, optionally one of its tabs (only the open
tab's forms run)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from driftboard.i18n import t
from tests.conftest import ROOT


def open_page(page: str, lang: str, *, team: str = "mortgage", tab: str | None = None, **state: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["team"] = team
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page).run()
    if tab is not None:
        at.session_state["ops_tabs"] = t(tab, lang)
        at.run()
    assert not at.exception, at.exception
    return at
