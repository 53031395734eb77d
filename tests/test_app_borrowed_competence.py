"""Cross-team competence: a leader adds a person of another team to the team's competence matrix
as competent on a task, and the operations board offers them as a borrowing candidate."""

from __future__ import annotations

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import Competence, Person
from driftboard.domain import CompetenceLevel
from driftboard.services import competence, masterdata
from tests.conftest import ROOT
from tests.test_app_operations import _board

BORROWED = "Lone Winther"  # Home & co-op loans' team leader: planned on no cases, so free today


def _planning(team: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/planning.py").run()
    assert not at.exception
    return at


def test_a_person_of_another_team_added_as_competent_becomes_a_borrowing_candidate(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("mortgage", engine)
    tasks = masterdata.tasks_frame(team.id, engine)
    task_id = int(tasks.loc[tasks["name"] == "Register mortgage with the land registry", "id"].iloc[0])
    with read_session(engine) as s:
        person_id = s.scalar(select(Person.id).where(Person.name == BORROWED))
    assert BORROWED not in " ".join(_board("mortgage").markdown.values)  # not a candidate yet

    at = _planning("mortgage")
    at.selectbox(key="borrow_person").set_value(person_id)
    at.selectbox(key="borrow_task").set_value(str(task_id))
    next(b for b in at.button if b.label == "Add to the matrix as competent").click().run()
    assert not at.exception and not at.error
    with read_session(engine) as s:
        level = s.scalar(
            select(Competence.level).where(Competence.person_id == person_id, Competence.task_id == task_id)
        )
    assert level is CompetenceLevel.COMPETENT
    frame = competence.competence_frame(team.id, engine)
    assert f"{BORROWED} (Home & co-op loans)" in set(frame["person"])  # in the team's matrix now
    assert person_id not in competence.borrowable_people(team.id, engine)

    board = " ".join(_board("mortgage").markdown.values)
    assert f"Borrow from other teams in the unit: {BORROWED} (Home & co-op loans, 7.5 h)" in board
