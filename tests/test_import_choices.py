"""An import that names something unknown says what it could have named: the teams, the team's
tasks, the org units or the unit's measures; a period that does not fit names the measure's
period. The command line writes a list of choices once, not on every row."""

from __future__ import annotations

import pytest

from driftboard import cli
from driftboard.domain import Actor, RowError, ValidationError
from driftboard.importchoices import Known, name_choices, said_once
from driftboard.services import holdings, measures, production
from tests.conftest import DEMO_DAY

IMPORTER = Actor("import")
KNOWN = Known(
    teams={"mortgage": "mortgage", "home-coop": "home-coop", "home & co-op loans": "home-coop"},
    tasks={"mortgage": ["mortgage-payout", "remortgage"]},
    orgs={"mortgage": "mortgage", "loan-service": "loan-service"},
    measures={"mortgage": ["fte-saved"]},
)


def test_an_unknown_team_lists_the_teams_and_an_unknown_task_the_teams_tasks():
    errors = [
        RowError(2, "team", "v.unknown_ref", (("value", "nowhere"),)),
        RowError(3, "task", "v.unknown_task", (("value", "nope"), ("team", "Mortgage"))),
        RowError(4, "measure", "v.unknown_measure", (("value", "nps"), ("unit", "mortgage"))),
        RowError(5, "date", "v.future_date", (("value", "2030-01-01"),)),
    ]
    named = name_choices(errors, KNOWN)
    assert named[0].text("en") == "there is no team “nowhere”; the teams are: home-coop, mortgage"
    assert named[1].text("da").endswith("dets opgaver er: mortgage-payout, remortgage")
    assert named[2].text("en").endswith("its measures are: fte-saved")
    assert named[3] == errors[3]


def test_a_list_of_choices_is_written_once():
    errors = name_choices([RowError(n, "team", "v.unknown_ref", (("value", "x"),)) for n in (2, 3)], KNOWN)
    first, second = said_once(errors)
    assert first.endswith("the teams are: home-coop, mortgage")
    assert second == "row 3, team: there is no team “x”; the teams are: …"


def _csv(header: str, *lines: str) -> bytes:
    return (header + "\n" + "\n".join(lines) + "\n").encode()


def test_the_production_and_holdings_imports_name_the_demo_teams(demo_engine):
    data = _csv("date,team,task,produced", "2026-11-23,nowhere,x,3")
    with pytest.raises(ValidationError) as info:
        production.import_production(IMPORTER, data, "p.csv", today=DEMO_DAY, engine=demo_engine)
    [error] = info.value.errors
    assert "car-consumer" in error.text("en") and "mortgage" in error.text("en")
    data = _csv("date,team,task,open,due_today,overdue", "2026-11-23,mortgage,nope,3,1,0")
    with pytest.raises(ValidationError) as info:
        holdings.import_holdings(IMPORTER, data, "h.csv", today=DEMO_DAY, engine=demo_engine)
    [error] = info.value.errors
    assert error.field == "task" and "mortgage-payout" in error.text("en")


def test_a_period_that_does_not_fit_names_the_measures_period(demo_engine):
    data = _csv("period,unit,measure,value", "2026-11,mortgage,fte-saved,1")
    with pytest.raises(ValidationError) as info:
        measures.import_measures(IMPORTER, data, "m.csv", engine=demo_engine)
    [error] = info.value.errors
    assert error.text("en").startswith("“2026-11” is not a period of “fte-saved”, which is measured weekly")
    assert "ugentligt" in error.text("da")


def test_the_command_line_lists_the_teams_once(demo_url, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv("date,team,task,produced", *(f"2026-11-2{d},nowhere,x,3" for d in (3, 4, 5))))
    assert cli.main(["--database", demo_url, "import", "production", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("car-consumer") == 1
    assert err.count("there is no team “nowhere”") == 3
