"""The master-data stamp: every page's team list and org tree are cached against a stamp that
only a write to the org tree, its people or its tasks moves, so a unit of 500 teams does not
read and build them again after every production save; a new person, task or team shows at
once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from db.maintenance import stamps
from driftboard.domain import Actor, OrgLevel
from driftboard.services import masterdata, measures, org, production
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import statements

LEADER = Actor("Henrik Lund")


def _master_moved(engine, write) -> bool:  # type: ignore[no-untyped-def]
    before = stamps(engine)
    write()
    after = stamps(engine)
    assert after.data > before.data  # every write moves the data stamp
    return after.master > before.master


def test_only_master_data_writes_move_the_master_stamp(demo_engine):
    team = masterdata.find_team("car-consumer", demo_engine)
    task = int(masterdata.tasks_frame(team.id, demo_engine)["id"].iloc[0])
    people = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    tasks = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")
    mortgage = next(n for n in org.org_tree(demo_engine) if n.slug == "mortgage")
    row = measures.values_frame(mortgage.id, DEMO_DAY, demo_engine).to_dict("records")[0]

    new_person = {**people[0], "id": None, "name": "Sofie Ærø", "employee_id": "E-9001"}
    renamed = [{**tasks[0], "name": tasks[0]["name"] + " (renamed)"}, *tasks[1:]]

    def record() -> None:
        production.record_production(LEADER, team.id, DEMO_DAY, {task: 70}, engine=demo_engine)

    def value() -> None:
        measures.save_values(LEADER, mortgage.id, [{**row, "value": 12.0}], demo_engine)

    def person() -> None:
        masterdata.save_people(LEADER, team.id, [*people, new_person], engine=demo_engine)

    def rename_task() -> None:
        masterdata.save_tasks(LEADER, team.id, renamed, engine=demo_engine)

    assert not _master_moved(demo_engine, record)
    assert not _master_moved(demo_engine, value)
    assert _master_moved(demo_engine, person)
    assert _master_moved(demo_engine, rename_task)
    assert "Sofie Ærø" in set(masterdata.people_frame(team.id, demo_engine)["name"])


def test_the_team_list_is_not_read_again_after_a_production_save_but_is_after_a_new_team(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    task = int(masterdata.tasks_frame(team.id, engine)["id"].iloc[0])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception

    def team_list_read(sent: list[str]) -> bool:
        return any("FROM org_units" in s and "count(people.id)" in s for s in sent)

    with statements(engine) as sent:
        production.record_production(LEADER, team.id, DEMO_DAY, {task: 81}, engine=engine)
        sent.clear()
        at.run()
        assert not at.exception, at.exception
        assert not team_list_read(sent), "the team list came from the cache"

        department = next(n for n in org.org_tree(engine) if n.level is OrgLevel.DEPARTMENT)
        masterdata.create_org_unit(
            LEADER, level=OrgLevel.TEAM, name="Boligstøtte Øst", slug="boligstoette-oest",
            parent_id=department.id, engine=engine,
        )  # fmt: skip
        sent.clear()
        at.run()
        assert not at.exception, at.exception
        assert team_list_read(sent), "a new team: the list is read again"
        assert "Boligstøtte Øst" in " ".join(m.value for m in at.markdown) + " ".join(
            str(getattr(e, "label", "")) for e in at.get("page_link")
        )
