"""Messages never show a column name or an id (issue #23: the field name ``stage_changed_at`` in
a message): a refused row, a refused write, a conflict and the history say each field in the
viewer's words, and a refused count names its field and row, not its task's id."""

from __future__ import annotations

import ast
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from driftboard import history
from driftboard.domain import AuditAction, ValidationError
from driftboard.i18n import CATALOGUE
from driftboard.services import masterdata, operations_board, production
from tests.conftest import DEMO_DAY, ROOT, TESTER

# Made by the page, never typed: a person never sees its refusal.
MACHINE_MADE = {"idempotency_key"}


def _checked_fields() -> set[str]:
    """Every field name a service passes to ``check_text`` as a literal, and the card fields the
    improvement service checks in a loop."""
    found: set[str] = set()
    for path in (ROOT / "driftboard" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check_text":
                field = node.args[1]
                if isinstance(field, ast.Constant):
                    found.add(field.value)
    from driftboard.services import improvement

    return found | set(improvement.CARD_TEXT_FIELDS)


def test_every_text_field_a_service_checks_has_words_in_every_language():
    fields = _checked_fields() - MACHINE_MADE
    assert {"name", "unit_label", "display_name", "label", "comment", "title"} <= fields
    assert sorted(f for f in fields if f"field.{f}" not in CATALOGUE) == []


def _refusals_page(lang: str) -> AppTest:
    def script() -> None:
        import datetime as dt

        import streamlit as st

        from driftboard.domain import Actor, ConflictError, DomainError, RowError, ValidationError
        from driftboard.ui.page import PageContext, show_domain_error

        ctx = PageContext("master_data", st.session_state["lang"], False, None, (), Actor("tester"))
        show_domain_error(
            ctx,
            ValidationError(
                [
                    RowError(2, "daily_hours", "v.range", (("low", 0.5), ("high", 24.0))),
                    RowError(3, "unit_label", "error.text_too_long", (("field", "unit_label"), ("limit", 20))),
                ]
            ),
        )
        show_domain_error(
            ctx, DomainError("too long", message_key="error.text_too_long", field="display_name", limit=9)
        )
        show_domain_error(
            ctx,
            ConflictError(
                entity="improvement_cards",
                entity_id=7,
                changed_by="Sofie Dahl",
                changed_fields=["stage", "stage_changed_at"],
                changed_at=dt.datetime(2026, 11, 25, 9, 0),
                label="Faster payouts",
            ),
        )

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Daily hours", "unit is too long", "name is too long", "stage, in its stage since", "0.5"]),
        ("da", ["Daglige timer", "enhed er for lang", "navn er for lang", "fase, i fasen siden", "0,5"]),
    ],
)
def test_a_refusal_says_each_field_in_the_viewers_words(lang, words):
    at = _refusals_page(lang)
    shown = " ".join(e.value for e in at.error) + " " + " ".join(df.value.to_string() for df in at.dataframe)
    for word in words:
        assert word in shown, (word, shown)
    for column in ("daily_hours", "unit_label", "display_name", "stage_changed_at"):
        assert column not in shown


def test_the_history_says_a_card_moved_in_words():
    change = history.Change(
        1, dt.datetime(2026, 11, 25, 9), "Sofie Dahl", "improvement_cards", 7, AuditAction.UPDATE,
        "stage_changed_at", "2026-11-20", "2026-11-25", 3, "Faster payouts",
    )  # fmt: skip
    assert history.change_text(change, "da").startswith("i fasen siden: ")
    assert "stage_changed_at" not in history.change_text(change, "en")


def test_a_refused_count_names_its_field_and_row_not_a_tasks_id(demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    tasks = [line.task.id for line in operations_board.load_board(team.id, DEMO_DAY, demo_engine).board.tasks]
    with pytest.raises(ValidationError) as refused:
        production.record_production(TESTER, team.id, DEMO_DAY, {tasks[0]: 3, tasks[1]: -1}, engine=demo_engine)
    assert [(e.row, e.field, e.code) for e in refused.value.errors] == [(2, "produced", "v.nonneg")]
    with pytest.raises(ValidationError) as refused:
        production.record_holdings(TESTER, team.id, DEMO_DAY, {tasks[0]: (5, 4, 3)}, engine=demo_engine)
    assert [(e.row, e.field, e.code) for e in refused.value.errors] == [(1, "overdue", "v.range")]
    for error in refused.value.errors:
        assert str(tasks[0]) not in error.field


def test_no_refusal_key_takes_an_id_parameter():
    """A refusal names a row by what people call it (a task and day, a card's title), never by
    the number the database gave it; ``error_id`` (a log reference) and a card's number aside."""
    import string

    allowed = {"error_id", "id"}  # "card #12" is the number people see on the card
    for key, entry in CATALOGUE.items():
        if key.startswith(("error.", "v.", "api.err.")):
            names = {name for _, name, _, _ in string.Formatter().parse(entry["en"]) if name}
            assert not {n for n in names if n.endswith("_id") or n == "id"} - allowed, key
