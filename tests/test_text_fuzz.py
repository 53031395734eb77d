"""Any text typed into a name or a title — random unicode with control characters, surrogates,
bidirectional overrides, very long strings — is either refused with a catalogue key naming the
field, or stored and read back exactly as sent (trimmed). Bounded: a few dozen examples each."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftboard.domain import Actor, DomainError, ValidationError
from driftboard.i18n import CATALOGUE
from driftboard.services import improvement, improvement_board, masterdata, unit_setup

SOFIE = Actor("Sofie Dahl")
NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("a\x00\x1b\x85\u202e\u2066\ud800\t\n é日"), max_size=40),
    st.integers(min_value=100, max_value=5000).map(lambda n: "x" * n),
)
FUZZ = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _refused_with_a_key(error: DomainError) -> None:
    if isinstance(error, ValidationError):
        assert error.errors and all(e.code in CATALOGUE for e in error.errors)
    else:
        assert error.message_key in CATALOGUE


@FUZZ
@given(title=NASTY)
def test_a_card_title_is_refused_with_a_key_or_stored_as_sent(demo_engine, title):
    team = masterdata.find_team("mortgage", demo_engine)
    try:
        card_id = improvement.create_card(SOFIE, team.id, title=title, engine=demo_engine)
    except DomainError as error:
        _refused_with_a_key(error)
        return
    assert improvement_board.card(card_id, demo_engine).title == title.strip()


@FUZZ
@given(name=NASTY)
def test_a_team_name_is_refused_with_a_key_or_stored_as_sent(demo_engine, name):
    team = masterdata.find_team("mortgage", demo_engine)
    try:
        unit_setup.rename_org_unit(SOFIE, team.id, name, slug=team.slug, engine=demo_engine)
    except DomainError as error:
        _refused_with_a_key(error)
        return
    assert masterdata.find_team(team.slug, demo_engine).name == name.strip()


@pytest.mark.parametrize("name", ["Mette\u202eHolm", "\ud800", "x" * 121, "a\x00"])
def test_a_person_name_that_cannot_be_stored_is_refused_with_a_key(demo_engine, name):
    team = masterdata.find_team("mortgage", demo_engine)
    rows = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    rows.append({"name": name, "daily_hours": 7.5, "active": True})
    with pytest.raises(ValidationError) as info:
        masterdata.save_people(Actor("Henrik Lund"), team.id, rows, engine=demo_engine)
    _refused_with_a_key(info.value)
