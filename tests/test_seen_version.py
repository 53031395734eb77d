"""No lost updates in the browser: the version a click carries is the one its render showed."""

from __future__ import annotations

from db.engine import get_engine
from driftboard.domain import Actor
from driftboard.services import masterdata, plan_grid, weekplan
from tests.test_app_planning import NEXT, _button, _planning, _plans


def test_publishing_a_plan_someone_changed_since_the_page_showed_it_is_refused(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("home-coop", engine)
    at = _planning(week=NEXT)
    _button(at, "Copy last week's plan").click().run()
    # Between this render and the click, another leader edits the draft.
    plan = weekplan.plan_info(team.id, NEXT, engine)
    grid = plan_grid.grid_frame(team.id, NEXT, engine)
    first = grid.iloc[0].to_dict()
    day = plan_grid.DAY_COLUMNS[0]
    first[day] = (first[day] or 0) + 0.25
    plan_grid.save_grid(Actor("Lone Winther"), team.id, NEXT, [first], seen_version=plan.version, engine=engine)
    _button(at, "Publish").click().run()
    assert not at.exception
    assert any("Lone Winther" in e.value for e in at.error)
    assert _plans(demo_url, team.id, NEXT)[0]["status"] == "draft"
