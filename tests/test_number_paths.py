"""One property over every way a number enters the product (issue #22): whatever a person or a
system writes, the stored value is the value meant — or the number is refused, saying why,
and nothing is stored.

Hypothesis writes numbers the way each language writes them (random decimals, with and without
thousands groups, zero, the bounds of a field) and drives them through the shared parser, the
shared number entry in AppTest (the Danish settings field, the move hours, the production
field), the CSV and XLSX imports and the ingest API's handlers.

Run against the code before the shared entry, the parser's half found "0.000" (Danish) refused
as ambiguous with a whole reading "0000" that is no way of writing a number, and "1 000,00"
(thousands grouped with a space, as the Danish Language Council writes them) refused as not a
number; a count written with a thousands dot ("1.000" cases in a Danish CSV) was refused as
ambiguous although a count has one reading.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session, write_session
from db.models import Assignment, MeasureValue, OrgUnit, Person, PlanChange, PlanningFactors, Production, Task
from driftboard import api, targets
from driftboard.bounds import Bounds
from driftboard.domain import Actor, Period, ValidationError
from driftboard.i18n import NumberTextError, parse_number, t
from driftboard.services import api_tokens, measures, operations_board, org, plausibility, production
from driftboard.tables import Field, parse_value
from tests.apptest_pages import open_page
from tests.conftest import DEMO_DAY

LOCALES = {"da": "da_DK", "en": "en_GB"}
GROUP = {"da": ".", "en": ","}
DECIMAL = {"da": ",", "en": "."}
LANGS = st.sampled_from(["da", "en"])
APP = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DB = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
YESTERDAY = DEMO_DAY - dt.timedelta(days=1)


def written(value: Decimal, lang: str, *, grouped: bool = True, decimals: int | None = None) -> str:
    """``value`` as a person writes it in ``lang``: ``1.234,5`` / ``1234,5`` in Danish."""
    places = max(0, -value.as_tuple().exponent) if decimals is None else decimals  # type: ignore[operator]
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def ambiguous(text: str, lang: str) -> bool:
    """A lone thousands separator before three digits: ``1.234`` in Danish, ``1,234`` in English."""
    return re.fullmatch(rf"[+-]?[1-9][0-9]{{0,2}}{re.escape(GROUP[lang])}[0-9]{{3}}", text) is not None


def decimals(low: float, high: float, places: int = 3) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False)


# --------------------------------------------------------------------------- the shared parser


@settings(max_examples=500)
@given(value=decimals(-(10**9), 10**9), lang=LANGS, grouped=st.booleans())
@example(value=Decimal("1234.5"), lang="da", grouped=True)
@example(value=Decimal("1234"), lang="da", grouped=True)
@example(value=Decimal("0"), lang="en", grouped=False)
def test_the_parser_reads_what_each_language_writes_or_refuses_an_ambiguity_with_both_readings(value, lang, grouped):
    text = written(value, lang, grouped=grouped)
    if ambiguous(text, lang):
        with pytest.raises(NumberTextError) as refused:
            parse_number(text, lang)
        assert refused.value.key == "num.err.ambiguous"
        readings = {parse_number(refused.value.params[r], lang) for r in ("whole", "decimal")}
        assert float(value) in readings and len(readings) == 2  # both readings, one of them meant
    else:
        assert Decimal(str(parse_number(text, lang))) == value


@settings(max_examples=300)
@given(value=st.integers(0, 10**9), lang=LANGS, grouped=st.booleans())
def test_a_count_reads_with_or_without_thousands_groups(value, lang, grouped):
    assert parse_number(written(Decimal(value), lang, grouped=grouped), lang, whole=True) == value


@settings(max_examples=300)
@given(value=decimals(0, 10**7, places=2), lang=LANGS, space=st.sampled_from([" ", "\u00a0", "\u202f"]))
@example(value=Decimal("1000.00"), lang="da", space=" ")
def test_thousands_grouped_with_a_space_read_as_meant(value, lang, space):
    text = written(value, lang, decimals=2).replace(GROUP[lang], space)
    assert Decimal(str(parse_number(text, lang))) == value


@settings(max_examples=200)
@given(text=st.from_regex(r"\A[+-]?[0-9]{1,3}[.,][0-9]{3}\Z"), lang=LANGS)
@example(text="0.000", lang="da")
def test_a_refusal_as_ambiguous_offers_two_real_ways_of_writing_it(text, lang):
    try:
        parse_number(text, lang)
    except NumberTextError as refused:
        if refused.key == "num.err.ambiguous":
            whole = refused.params["whole"]
            assert written(Decimal(whole), lang, grouped=False) == whole  # no "0000"
            assert parse_number(refused.params["decimal"], lang) != parse_number(whole, lang)


@settings(max_examples=300)
@given(
    value=decimals(-1000, 1000, places=2),
    low=decimals(-100, 100, places=2),
    span=decimals(0, 200, places=2),
    lang=LANGS,
)
def test_a_value_inside_the_bounds_is_read_and_one_outside_is_refused_with_the_bounds(value, low, span, lang):
    high = low + span
    text = written(value, lang, grouped=False)
    if low <= value <= high:
        assert Decimal(str(parse_number(text, lang, bounds=Bounds(float(low), float(high))))) == value
        return
    with pytest.raises(NumberTextError) as refused:
        parse_number(text, lang, bounds=Bounds(float(low), float(high)))
    assert refused.value.key == "num.err.range"
    assert (refused.value.params["low"], refused.value.params["high"]) == (
        written(low.normalize() + 0, lang, grouped=True),
        written(high.normalize() + 0, lang, grouped=True),
    )


@settings(max_examples=300)
@given(
    value=decimals(-30, 30, places=2),
    low=st.none() | decimals(-10, 10, places=2),
    high=st.none() | decimals(-10, 20, places=2),
    low_exclusive=st.booleans(),
    lang=LANGS,
)
@example(value=Decimal("0.1"), low=Decimal("0.1"), high=None, low_exclusive=False, lang="da")
@example(value=Decimal("0"), low=Decimal("0"), high=Decimal("24"), low_exclusive=True, lang="en")
def test_typed_and_imported_numbers_meet_one_range_rule(value, low, high, low_exclusive, lang):
    """A field's range (``tables.Field``, read from a file) and a typed number's range
    (``parse_number``) are one rule: the same number is accepted or refused by both."""
    bounds = Bounds(
        None if low is None else float(low),
        None if high is None else float(high),
        low_exclusive and low is not None,
    )
    field = Field("hours", "float", low=bounds.low, high=bounds.high, low_exclusive=bounds.low_exclusive)
    meant_inside = (low is None or (value > low if bounds.low_exclusive else value >= low)) and (
        high is None or value <= high
    )
    assert field.bounds == bounds
    _clean, file_refusal = parse_value(field, 1, written(value, "en", grouped=False))
    try:
        parse_number(written(value, lang, grouped=False), lang, bounds=bounds)
        typed_refused = False
    except NumberTextError:
        typed_refused = True
    assert (file_refusal is not None, typed_refused) == (not meant_inside, not meant_inside)


@given(text=st.sampled_from(["0", "0,0", "-0", "+0,00", "0,000", "-0,25"]))
def test_zero_is_zero_in_danish(text):
    assert parse_number(text, "da") == {"-0,25": -0.25}.get(text, 0)


# --------------------------------------------------------------------------- the shared entry in AppTest


_page = open_page


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


@APP
@given(value=decimals(0, 99, places=2), grouped=st.booleans())
@example(value=Decimal("7.5"), grouped=False)
@example(value=Decimal("0"), grouped=False)
@example(value=Decimal("99"), grouped=True)
def test_the_danish_settings_field_stores_the_value_meant(demo_app, demo_url, value, grouped):
    engine = get_engine(demo_url)
    with read_session(engine) as s:
        unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.slug == "loan-service"))
    at = _page("pages/unit_settings.py", "da", admin_unlocked=True)
    at.selectbox(key="settings_org").set_value(unit_id).run()
    at.text_input(key=f"factor_{unit_id}_development_reserve_pct").set_value(written(value, "da", grouped=grouped))
    _click(at, t("set.save_factors", "da"))
    assert not at.error, [e.value for e in at.error]
    with read_session(engine) as s:
        stored = s.scalar(select(PlanningFactors.development_reserve_pct).where(PlanningFactors.org_unit_id == unit_id))
    assert Decimal(str(stored)) == value


@APP
@given(value=decimals(0.25, 24, places=2), lang=LANGS)
@example(value=Decimal("1.5"), lang="da")
@example(value=Decimal("0.25"), lang="da")
@example(value=Decimal("24"), lang="en")
def test_the_move_hours_store_the_hours_meant_or_say_how_many_are_free(demo_app, demo_url, value, lang):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "home-coop")
    # The first one present: each example clears that person's day, so a pick among those with
    # tasks moved on to the next person after every refused example and ran out of people.
    worker = next(r for r in operations_board.load_board(team.id, DEMO_DAY, engine).board.roster if not r.absence)
    with read_session(engine) as s:
        task_id = s.scalar(select(Task.id).where(Task.slug == "coop-loan-documents"))
        daily = s.get(Person, worker.person_id).daily_hours
    note = f"hypothesis {value} {lang} {uuid.uuid4().hex[:8]}"
    with write_session(Actor("reset"), engine) as s:  # each example starts from a day with nothing planned
        for row in s.scalars(
            select(Assignment).where(Assignment.person_id == worker.person_id, Assignment.date == DEMO_DAY)
        ):
            s.delete(row)
    at = _page("pages/operations.py", lang, team="home-coop", tab="ops.tab.change")
    at.selectbox(key="move_person").set_value(worker.person_id)
    at.selectbox(key="move_from").set_value(None)
    at.selectbox(key="move_to").set_value(task_id)
    at.text_input(key="move_hours").set_value(written(value, lang))
    at.text_input(key="move_note").set_value(note)
    _click(at, t("ops.move.button", lang))
    with read_session(engine) as s:
        changes = list(
            s.scalars(select(PlanChange).where(PlanChange.team_id == team.id, PlanChange.description == note))
        )
        moved = s.scalar(
            select(Assignment.hours).where(
                Assignment.person_id == worker.person_id, Assignment.date == DEMO_DAY, Assignment.task_id == task_id
            )
        )
    if value > Decimal(str(daily)):  # more than the day's free hours: said, nothing moved
        assert [e.value for e in at.error] and not changes and moved is None
        return
    assert not at.error, [e.value for e in at.error]
    assert [Decimal(str(c.params["hours"])) for c in changes] == [value]
    assert Decimal(str(moved)) == value


@APP
@given(value=st.integers(0, 5000), grouped=st.booleans(), lang=LANGS)
@example(value=766, grouped=False, lang="da")
@example(value=1234, grouped=True, lang="da")
@example(value=0, grouped=False, lang="en")
def test_the_production_field_stores_the_count_meant_asking_first_when_it_is_implausible(
    demo_app, demo_url, value, grouped, lang
):
    engine = get_engine(demo_url)
    team = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    with read_session(engine) as s:
        task_id = s.scalar(select(Task.id).where(Task.slug == "mortgage-documents"))
    production.record_production(Actor("reset"), team.id, DEMO_DAY, {task_id: 5 if value != 5 else 6}, engine=engine)
    at = _page("pages/operations.py", lang)
    at.text_input(key=f"produced_{task_id}").set_value(written(Decimal(value), lang, grouped=grouped))
    _click(at, t("ops.save_production", lang))
    if plausibility.production(DEMO_DAY, {task_id: value}):  # asked first, saved on "Save anyway"
        assert [w.value for w in at.warning], "no second look for an implausible count"
        at.button(key=f"production_{team.id}_anyway").click().run()
    assert not at.error, [e.value for e in at.error]
    with read_session(engine) as s:
        stored = s.scalar(select(Production.produced).where(Production.task_id == task_id, Production.date == DEMO_DAY))
    assert stored == value


# --------------------------------------------------------------------------- files and the API


def _produced(engine, task_id: int, day: dt.date) -> int | None:
    with read_session(engine) as s:
        return s.scalar(select(Production.produced).where(Production.task_id == task_id, Production.date == day))


def _csv(lang: str, header: tuple[str, ...], cells: tuple[str, ...]) -> bytes:
    """A CSV as each language's spreadsheet writes it: semicolons in Danish, commas in English
    (a cell holding a comma quoted)."""
    separator = ";" if lang == "da" else ","
    quoted = [f'"{c}"' if separator in c or "," in c else c for c in cells]
    return f"{separator.join(header)}\n{separator.join(quoted)}\n".encode()


@DB
@given(value=st.integers(0, 100_000), lang=LANGS, grouped=st.booleans())
@example(value=1000, lang="da", grouped=True)
@example(value=766, lang="en", grouped=False)
def test_a_production_csv_stores_the_count_meant(demo_engine, value, lang, grouped):
    with read_session(demo_engine) as s:
        task = s.scalar(select(Task.slug).where(Task.slug == "mortgage-payout"))
        task_id = s.scalar(select(Task.id).where(Task.slug == task))
    data = _csv(
        lang,
        ("date", "team", "task", "produced"),
        (YESTERDAY.isoformat(), "mortgage", task, written(Decimal(value), lang, grouped=grouped)),
    )
    production.import_production(Actor("import"), data, "p.csv", today=DEMO_DAY, engine=demo_engine)
    assert _produced(demo_engine, task_id, YESTERDAY) == value


def _measure(engine) -> tuple[int, str]:
    with read_session(engine) as s:
        mortgage = s.scalar(select(OrgUnit.id).where(OrgUnit.slug == "mortgage"))
    frame = measures.values_frame(mortgage, YESTERDAY, engine)
    row = frame[frame["measure"].str.startswith("FTE")].iloc[0]
    return int(row["measure_id"]), str(row["measure"])


def _measure_value(engine, measure_id: int) -> float | None:
    period = targets.period_start(YESTERDAY, Period.WEEK)
    with read_session(engine) as s:
        return s.scalar(
            select(MeasureValue.value).where(MeasureValue.measure_id == measure_id, MeasureValue.period_start == period)
        )


@DB
@given(value=decimals(-(10**6), 10**6, places=3), lang=LANGS, grouped=st.booleans())
@example(value=Decimal("1234.5"), lang="da", grouped=True)
@example(value=Decimal("1.234"), lang="en", grouped=True)
@example(value=Decimal("1234"), lang="da", grouped=True)
def test_a_measure_csv_stores_the_value_meant_or_refuses_an_ambiguity(demo_engine, value, lang, grouped):
    measure_id, name = _measure(demo_engine)
    text = written(value, lang, grouped=grouped)
    data = _csv(lang, ("period", "unit", "measure", "value"), (YESTERDAY.isoformat(), "mortgage", name, text))
    if ambiguous(text, lang):
        with pytest.raises(ValidationError) as refused:
            measures.import_measures(Actor("import"), data, "m.csv", engine=demo_engine)
        assert [e.code for e in refused.value.errors] == ["num.err.ambiguous"]
        return
    measures.import_measures(Actor("import"), data, "m.csv", engine=demo_engine)
    assert Decimal(str(_measure_value(demo_engine, measure_id))) == value


def _xlsx(header: tuple[str, ...], cells: tuple[object, ...]) -> bytes:
    book = Workbook()
    book.active.append(list(header))
    book.active.append(list(cells))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@DB
@given(value=decimals(-(10**6), 10**6, places=3), as_text=st.booleans())
@example(value=Decimal("7.5"), as_text=True)
@example(value=Decimal("1234"), as_text=True)
def test_an_xlsx_stores_the_value_meant_from_a_number_cell_or_a_danish_text_cell(demo_engine, value, as_text):
    measure_id, name = _measure(demo_engine)
    text = written(value, "da", grouped=True)
    cell: object = text if as_text else float(value)
    data = _xlsx(("periode", "enhed", "måling", "værdi"), (YESTERDAY.isoformat(), "mortgage", name, cell))
    if as_text and ambiguous(text, "da"):  # Danish headers: the file writes numbers the Danish way
        with pytest.raises(ValidationError) as refused:
            measures.import_measures(Actor("import"), data, "m.xlsx", engine=demo_engine)
        assert [e.code for e in refused.value.errors] == ["num.err.ambiguous"]
        return
    measures.import_measures(Actor("import"), data, "m.xlsx", engine=demo_engine)
    assert Decimal(str(_measure_value(demo_engine, measure_id))) == value


@pytest.fixture
def ingest(demo_app, demo_url):
    """The ingest API's handlers in-process (Starlette's test client) on the test's database."""
    token = api_tokens.create_api_token(Actor("setup"), "Core banking", "loan-service", engine=get_engine(demo_url))[1]
    with TestClient(Starlette(routes=api.routes())) as client:
        yield client, token


@DB
@given(value=st.integers(0, 100_000), as_text=st.booleans(), grouped=st.booleans())
@example(value=766, as_text=False, grouped=False)
@example(value=1234, as_text=True, grouped=True)
def test_the_api_stores_the_count_meant_and_warns_about_an_implausible_one(ingest, demo_url, value, as_text, grouped):
    client, token = ingest
    engine = get_engine(demo_url)
    with read_session(engine) as s:
        task_id = s.scalar(select(Task.id).where(Task.slug == "mortgage-documents"))
    cell: object = written(Decimal(value), "en", grouped=grouped) if as_text else value
    row = {"date": DEMO_DAY.isoformat(), "team": "mortgage", "task": "mortgage-documents", "produced": cell}
    response = client.post("/api/v1/production", json={"rows": [row]}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json()
    assert _produced(engine, task_id, DEMO_DAY) == value
    warnings = response.json().get("warnings", [])
    doubt = plausibility.production(DEMO_DAY, {task_id: value}).get(task_id)
    assert [(w["code"], w["value"]) for w in warnings] == ([(f"num.doubt.{doubt.basis}", value)] if doubt else [])
