"""Every text field a person types, through its service (issue #23, "a hypothesis test over every
text field of every service"): random unicode — C0 and C1 controls, a right-to-left override,
zero-width characters, a markdown link, ``<script>``, very long strings — is either refused with
a ``DomainError`` carrying a catalogue key (never another exception), or stored exactly as sent
(trimmed). Then the pages that show the field run without an exception, show a stored text as
plain text (markdown escaped, no live link) and show no link anywhere.

One demo copy per field; a dozen examples each, then one AppTest run per page."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import read_session
from db.models import Measure, Person, Task
from driftboard.domain import AbsenceKind, Actor, DomainError, ValidationError
from driftboard.i18n import CATALOGUE
from driftboard.services import (
    absences,
    actions,
    improvement,
    improvement_board,
    improvement_pareto,
    masterdata,
    measures,
    unit_setup,
)
from driftboard.ui.text import md_escape
from tests.conftest import DEMO_DAY, ROOT

SOFIE = Actor("Sofie Dahl")
TEAM = "mortgage"

# What people paste: every kind of character that has hurt a page somewhere.
NASTY_ALPHABET = "a Zé日\x00\x07\x1b\x7f\x85\x9f\u202e\u2066\u200b\u200d\ufeff\t\n\r[]()<>*_#`\\|!:/"
NASTY = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(NASTY_ALPHABET), max_size=60),
    st.sampled_from(["[x](http://e.example)", "<script>alert(1)</script>", "**bold** _x_ # h", "=HYPERLINK(1)"]),
    st.tuples(st.text(max_size=10), st.sampled_from(["[x](http://e.example)", "<script>"])).map("".join),
    st.integers(min_value=100, max_value=5000).map(lambda n: "x" * n),
)
FEW = settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
# The text stored last, and looked for on the pages: markdown and HTML that must show as typed.
SHOWN = "[Log in](http://e.example) <script>x</script> *Ø*"
SHORT = "[L](http://e.dk)<b>"  # a measure's unit holds 20 characters
LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!\))")


def _refused_with_a_key(error: DomainError) -> None:
    if isinstance(error, ValidationError):
        assert error.errors and all(e.code in CATALOGUE for e in error.errors), error.errors
    else:
        assert error.message_key in CATALOGUE, error


def _team_id(engine: Any) -> int:
    return masterdata.find_team(TEAM, engine).id


# --------------------------------------------------------------------------- the fields
# Each writes ``text`` through its service and returns what a read gives back.


def _card_title(engine: Any, text: str) -> str:
    card = improvement.create_card(SOFIE, _team_id(engine), title=text, engine=engine)
    return improvement_board.card(card, engine).title


def _card_problem(engine: Any, text: str) -> str:
    card = improvement.create_card(SOFIE, _team_id(engine), title="Problem", problem=text, engine=engine)
    return improvement_board.card(card, engine).problem


def _card_comment(engine: Any, text: str) -> str:
    card = improvement.create_card(SOFIE, _team_id(engine), title="Commented", engine=engine)
    improvement.add_comment(SOFIE, card, text, engine=engine)
    return next(e.new_value for e in improvement_board.history(card, engine) if e.kind.value == "comment")


def _team_name(engine: Any, text: str) -> str:
    team = masterdata.find_team(TEAM, engine)
    unit_setup.rename_org_unit(SOFIE, team.id, text, slug=team.slug, engine=engine)
    return masterdata.find_team(TEAM, engine).name


def _person_name(engine: Any, text: str) -> str:
    team = _team_id(engine)
    rows = masterdata.people_frame(team, engine).to_dict("records")
    rows[0]["name"] = text
    masterdata.save_people(SOFIE, team, rows, engine=engine)
    with read_session(engine) as s:
        return s.get(Person, rows[0]["id"]).name


def _task_name(engine: Any, text: str) -> str:
    team = _team_id(engine)
    rows = masterdata.tasks_frame(team, engine).to_dict("records")
    rows[0]["name"] = text
    masterdata.save_tasks(SOFIE, team, rows, engine=engine)
    with read_session(engine) as s:
        return s.get(Task, rows[0]["id"]).name


def _measure(engine: Any) -> Measure:
    with read_session(engine) as s:
        return s.scalars(select(Measure).where(Measure.org_unit_id == _team_id(engine)).order_by(Measure.id)).first()


def _redefined(engine: Any, **changes: str) -> Measure:
    team = _team_id(engine)
    rows = measures.measures_frame(team, engine).to_dict("records")
    rows[0].update(changes)
    measures.save_measures(SOFIE, team, rows, engine=engine)
    with read_session(engine) as s:
        return s.get(Measure, rows[0]["id"])


def _measure_name(engine: Any, text: str) -> str:
    return _redefined(engine, name=text).name


def _measure_unit(engine: Any, text: str) -> str:
    return _redefined(engine, unit_label=text).unit_label


def _action_text(engine: Any, text: str) -> str:
    action = actions.add_action(SOFIE, _measure(engine).id, text=text, owner="Sofie", due_date=DEMO_DAY, engine=engine)
    return next(a.text for a in actions.actions_for(_team_id(engine), DEMO_DAY, engine) if a.id == action)


def _action_owner(engine: Any, text: str) -> str:
    action = actions.add_action(SOFIE, _measure(engine).id, text="Call", owner=text, due_date=DEMO_DAY, engine=engine)
    return next(a.owner for a in actions.actions_for(_team_id(engine), DEMO_DAY, engine) if a.id == action)


def _error_category(engine: Any, text: str) -> str:
    improvement_pareto.register_errors(SOFIE, _team_id(engine), day=DEMO_DAY, category=text, count=1, engine=engine)
    categories = improvement_pareto.error_categories(_team_id(engine), engine)
    return text.strip() if text.strip() in categories else f"not among {categories}"


def _absence_note(engine: Any, text: str) -> str:
    team = _team_id(engine)
    with read_session(engine) as s:
        person = s.scalars(select(Person.id).where(Person.team_id == team).order_by(Person.id)).first()
    absence = absences.AbsenceInput(person, DEMO_DAY, AbsenceKind.VACATION, 7.5, note=text)
    absences.record_absences(SOFIE, team, [absence], engine)
    frame = absences.absences_frame(team, DEMO_DAY, engine)
    return frame[frame["date"] == DEMO_DAY]["note"].iloc[0]


BOARD = ("pages/operations.py", {"team": TEAM})
KIOSK = ("pages/operations.py", {"team": TEAM, "kiosk": "1", "vw": "1920", "vh": "1080"})
IMPROVEMENT = ("pages/improvement.py", {"team": TEAM})
GOALS = ("pages/goals.py", {"unit": TEAM})
GOALS_KIOSK = ("pages/goals.py", {"unit": TEAM, "kiosk": "1", "vw": "1920", "vh": "1080"})
MASTER = ("pages/master_data.py", {"team": TEAM})
PLANNING = ("pages/planning.py", {"team": TEAM})
SETTINGS = ("pages/unit_settings.py", {"team": TEAM})
HISTORY = ("pages/history.py", {"team": TEAM})

# field: (its write, the pages that show it, whether the text is on them without a click)
FIELDS: dict[str, tuple[Callable[[Any, str], str], tuple[tuple[str, dict[str, str]], ...], bool]] = {
    "card title": (_card_title, (IMPROVEMENT, HISTORY), True),
    "card problem": (_card_problem, (IMPROVEMENT,), False),  # inside the card's dialog
    "card comment": (_card_comment, (IMPROVEMENT,), False),  # inside the card's dialog
    "team name": (_team_name, (BOARD, KIOSK, SETTINGS), True),
    "person name": (_person_name, (BOARD, PLANNING, MASTER), True),
    "task name": (_task_name, (BOARD, KIOSK, MASTER), True),
    "measure name": (_measure_name, (GOALS, GOALS_KIOSK), True),
    "measure unit": (_measure_unit, (GOALS,), False),  # shown with a value, which the demo's may lack
    "action text": (_action_text, (GOALS,), True),
    "action owner": (_action_owner, (GOALS,), True),
    "error category": (_error_category, (IMPROVEMENT,), False),  # on the Pareto tab
    "absence note": (_absence_note, (PLANNING,), False),  # in the absences tab's grid
}


# --------------------------------------------------------------------------- the pages


def _everything_shown(at: AppTest) -> list[str]:
    """Every text the page drew: markdown and messages, labels, options, table cells."""
    texts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "toast", "title",
                                  "header", "subheader") for e in getattr(at, kind)]  # fmt: skip
    texts += [str(getattr(e, "label", "")) for kind in ("tabs", "expander", "button", "selectbox", "multiselect",
                                                        "text_input", "text_area") for e in getattr(at, kind)]  # fmt: skip
    texts += [str(o) for box in (*at.selectbox, *at.multiselect) for o in box.options]
    texts += [str(w.value) for w in (*at.text_input, *at.text_area)]
    texts += [frame.value.to_csv() for frame in (*at.dataframe, *at.table)]  # cells, headers and index
    texts += [str(e.proto) for e in at.get("metric")]
    # The kanban board's cards: data the component writes as text (textContent), never as HTML.
    texts += [str(e.proto) for e in at.get("bidi_component")]
    # The shared screen's plain tables (``html_table``): the text as the browser shows it.
    texts += [html.unescape(body) for body in _html(at)]
    return [t for t in texts if isinstance(t, str)]


def _html(at: AppTest) -> list[str]:
    """The markup of the page's ``st.html`` elements (styles and the shared screen's tables)."""
    return [e.proto.body for e in at.get("html")]


def _markdown(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "toast", "title", "header", "subheader")
    return [e.value for kind in kinds for e in getattr(at, kind) if isinstance(e.value, str)]


def _page(script: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(script).run()
    assert not at.exception, (script, params, at.exception)
    return at


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_text_field_refuses_with_a_key_or_stores_exactly_and_every_page_shows_it_as_text(
    field, demo_engine, demo_app
):
    write, pages, look = FIELDS[field]
    shown_text = SHORT if field == "measure unit" else SHOWN
    stored: list[str] = []

    @FEW
    @given(text=NASTY)
    def one_text(text: str) -> None:
        try:
            found = write(demo_engine, text)
        except DomainError as error:
            _refused_with_a_key(error)
            return
        assert found == text.strip(), (text, found)
        stored.append(found)

    one_text()
    assert write(demo_engine, shown_text) == shown_text  # and the pages below show this one
    for script, params in pages:
        at = _page(script, params)
        live = [t for t in _markdown(at) if LINK.search(t)]
        assert not live, (field, script, live)
        assert not [t for t in _markdown(at) if shown_text in t], (field, script, "unescaped markdown")
        assert not [b for b in _html(at) if shown_text in b or "<script>x" in b], (field, script, "unescaped HTML")
        if look:
            ascii_part = shown_text.split(" ")[0]  # as a component's data holds it (its other bytes escaped)
            found = [
                t for t in _everything_shown(at) if md_escape(shown_text) in t or shown_text in t or ascii_part in t
            ]
            assert found, (field, script, "the stored text is not on the page")


def test_the_shown_text_is_one_markdown_would_change():
    """The text looked for on the pages holds a link and HTML: escaped, it differs, so finding
    it escaped on a page says the page escaped it."""
    assert md_escape(SHOWN) != SHOWN
    assert LINK.search(SHOWN) and not LINK.search(md_escape(SHOWN))


_ = dt  # dates come from DEMO_DAY
