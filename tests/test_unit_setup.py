"""Your own unit: slugs from Danish names, inherited settings, the master-data workbook through
the CLI (round trip, a bad workbook, the same file twice), the holdings import, the set-up page
and removing the demo unit."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from db.engine import read_session
from db.models import AuditEntry, Competence, HoldingsSnapshot, OrgUnit, Person, PlanningFactors, Task
from driftboard import cli, unitdata
from driftboard.domain import OrgLevel, ValidationError
from driftboard.services import holdings, master_workbook, masterdata, unit_setup
from driftboard.services.org import ancestry, inherited, team_factors
from driftboard.tables import slugify, unique_slug
from tests.conftest import DEMO_DAY, ROOT, TESTER, sqlite_url

ORG = [
    ["Borgerservice Nord", None, None, "da"],
    ["Borgerservice Nord", "Ydelser", "Boligstøtte", None],
    ["Borgerservice Nord", "Ydelser", "Pension", None],
]
ROLES = [["Borgerservice Nord", "Sagsbehandler", "Case handler"], ["Borgerservice Nord", "Teamleder", "Team leader"]]
PEOPLE = [
    ["Boligstøtte", "Mette Holm", "1001", 7.4, "Teamleder", "ja", "nej", "ja"],
    ["Boligstøtte", "Ali Khan", "1002", 7.4, "Sagsbehandler", "nej", "ja", "ja"],
    ["Boligstøtte", "Søren Bæk", "1003", 7.4, "Sagsbehandler", "nej", "nej", "ja"],
    ["Pension", "Lise Ørum", "2001", 7.4, "Sagsbehandler", "nej", "nej", "ja"],
]
TASKS = [
    ["Boligstøtte", "Ansøgning", 25, 3, 40, 2, "ja"],
    ["Boligstøtte", "Ændring", 15, 5, 20, 1, "ja"],
    ["Pension", "Førtidspension", 45, 10, 10, 1, "ja"],
]
COMPETENCES = [
    ["1002", "Boligstøtte", "Ansøgning"],
    ["1003", "Boligstøtte", "Ændring"],
    ["2001", "Boligstøtte", "Ansøgning"],
]
FACTORS = [["Borgerservice Nord", 7.4, 6, 75, 10, 2], ["Ydelser", None, 5.5, None, None, None]]
FILLED = {
    "org": ORG, "job_roles": ROLES, "people": PEOPLE, "tasks": TASKS, "competences": COMPETENCES, "factors": FACTORS,
}  # fmt: skip


def fill(template: Path, target: Path, sheets: dict[str, list[list[object]]], lang: str = "da") -> Path:
    """Fill the template's sheets (by their English names) the way a person would in Excel."""
    from driftboard.unitdata import SHEETS_BY_NAME

    workbook = load_workbook(template)
    for name, rows in sheets.items():
        ws = workbook[SHEETS_BY_NAME[name].title(lang)]
        ws.delete_rows(2, ws.max_row)
        for row in rows:
            ws.append(row)
    workbook.save(target)
    return target


def sheets_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(path)
    return {
        ws.title: sorted(tuple(map(str, r)) for r in ws.iter_rows(values_only=True)) for ws in workbook.worksheets[1:]
    }


def run(engine, *args: str) -> int:  # type: ignore[no-untyped-def]
    return cli.main(["--database", engine.url.render_as_string(hide_password=False), *args])


@pytest.fixture
def filled(engine, tmp_path: Path) -> Path:
    assert run(engine, "template", "masterdata", str(tmp_path / "template.xlsx"), "--lang", "da") == 0
    return fill(tmp_path / "template.xlsx", tmp_path / "filled.xlsx", FILLED)


# --------------------------------------------------------------------------- slugs and settings


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Boligstøtte", "boligstoette"), ("Ældrepleje & Sundhed", "aeldrepleje-sundhed"), ("Åbent Café", "aabent-cafe"),
     ("Pension", "pension"), ("Ydelser (Nord)", "ydelser-nord")],
)  # fmt: skip
def test_slugs_spell_out_danish_letters_and_strip_other_accents(name, slug):
    assert slugify(name) == slug


def test_a_taken_slug_gets_a_number():
    assert unique_slug("Pension", {"pension", "pension-2"}) == "pension-3"


def test_a_team_inherits_settings_and_factors_from_department_and_unit(engine):
    unit_id = unit_setup.create_unit(TESTER, "Borgerservice Nord", "Ydelser", ["Boligstøtte"], engine=engine)
    with read_session(engine) as s:
        team = s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.TEAM)).one()
        dept = s.get(OrgUnit, team.parent_id)
        chain = ancestry(s, team.id)
        assert inherited(chain, "language", "en") == "da"  # the unit's
        assert inherited(chain, "status_tolerance_pct", 5.0) == 5.0  # nobody set it: the default
    with read_session(engine) as s:
        assert team_factors(s, team.id).customer_facing_hours == 6.0
    with unit_setup.write_session(TESTER, engine) as s:
        s.add(PlanningFactors(org_unit_id=dept.id, customer_facing_hours=5.5))
    with read_session(engine) as s:
        factors = team_factors(s, team.id)
    assert (factors.customer_facing_hours, factors.daily_hours) == (5.5, 7.4)  # department overrides, unit fills
    assert unit_id


def test_a_renamed_team_keeps_its_old_slug_as_an_alias(engine):
    unit_setup.create_unit(TESTER, "Borgerservice Nord", "Ydelser", ["Boligstøtte"], engine=engine)
    team = masterdata.find_team("boligstoette", engine)
    assert unit_setup.rename_org_unit(TESTER, team.id, "Boligydelser", engine=engine) == "boligydelser"
    assert unit_setup.resolve_alias("boligstoette", engine) == ("boligydelser", "Boligydelser")


# --------------------------------------------------------------------------- the workbook through the CLI


def test_template_fill_import_export_round_trip_is_equal(engine, filled, tmp_path, capsys):
    assert run(engine, "import", "masterdata", str(filled)) == 0
    assert "created 4 org" in capsys.readouterr().out
    assert run(engine, "export", "masterdata", str(tmp_path / "out.xlsx"), "--lang", "da") == 0
    exported, expected = sheets_of(tmp_path / "out.xlsx"), sheets_of(filled)
    org = exported.pop("organisation")  # every org unit gets a row of its own, with its slug and active
    expected.pop("organisation")
    assert exported == expected
    assert org == sorted(
        [
            ("enhed", "afdeling", "team", "sprog", "kode", "aktiv"),
            ("Borgerservice Nord", "None", "None", "da", "borgerservice-nord", "ja"),
            ("Borgerservice Nord", "Ydelser", "None", "None", "ydelser", "ja"),
            ("Borgerservice Nord", "Ydelser", "Boligstøtte", "None", "boligstoette", "ja"),
            ("Borgerservice Nord", "Ydelser", "Pension", "None", "pension", "ja"),
        ]
    )
    capsys.readouterr()
    assert run(engine, "import", "masterdata", str(tmp_path / "out.xlsx")) == 0
    assert "Nothing changed" in capsys.readouterr().out
    with read_session(engine) as s:
        mette = s.scalars(select(Person).where(Person.employee_id == "1001")).one()
        assert (mette.team_leader, mette.board_leader, mette.job_role) == (True, False, "teamleder")
        lise = s.scalars(select(Person).where(Person.employee_id == "2001")).one()
        borrowed = s.scalars(select(Competence).where(Competence.person_id == lise.id)).one()
        assert s.get(Task, borrowed.task_id).team_id != lise.team_id  # competent on another team's task
        assert s.scalar(select(OrgUnit.slug).where(OrgUnit.name == "Boligstøtte")) == "boligstoette"


def test_names_that_look_like_formulas_are_written_as_text_and_read_back_unchanged():
    name = '=HYPERLINK("http://x","y")'
    data = unitdata.write_workbook({"job_roles": [{"unit": "+Nord", "job_role": name, "name_en": "@x"}]}, "en", [])
    ws = load_workbook(io.BytesIO(data))["job_roles"]
    assert [(c.value, c.data_type) for c in ws[2]] == [("+Nord", "s"), (name, "s"), ("@x", "s")]
    assert unitdata.read_workbook(data)["job_roles"] == [(2, {"unit": "+Nord", "job_role": name, "name_en": "@x"})]


def test_a_workbook_renames_a_team_by_its_slug_and_deactivates_another(engine, filled, tmp_path, capsys):
    assert run(engine, "import", "masterdata", str(filled)) == 0
    team = masterdata.find_team("boligstoette", engine)
    with read_session(engine) as s:
        people = set(s.scalars(select(Person.id).where(Person.team_id == team.id)))
        tasks = set(s.scalars(select(Task.id).where(Task.team_id == team.id)))
    assert run(engine, "export", "masterdata", str(tmp_path / "out.xlsx")) == 0
    workbook = load_workbook(tmp_path / "out.xlsx")
    for row in workbook["org"].iter_rows(min_row=2):
        if row[2].value == "Boligstøtte":
            row[2].value = "Boligydelser"  # the people, tasks and competences sheets keep the old name
        if row[2].value == "Pension":
            row[5].value = "no"
    workbook.save(tmp_path / "renamed.xlsx")
    assert run(engine, "import", "masterdata", str(tmp_path / "renamed.xlsx")) == 0
    assert "updated 2 org" in capsys.readouterr().out
    moved = masterdata.find_team("boligstoette", engine)  # the old link: the slug is kept
    assert (moved.id, moved.name) == (team.id, "Boligydelser")
    with read_session(engine) as s:
        assert set(s.scalars(select(Person.id).where(Person.team_id == team.id))) == people
        assert set(s.scalars(select(Task.id).where(Task.team_id == team.id))) == tasks
        assert s.scalar(select(func.count(OrgUnit.id)).where(OrgUnit.level == OrgLevel.TEAM)) == 2
        assert s.scalar(select(OrgUnit.active).where(OrgUnit.slug == "pension")) is False
    assert run(engine, "import", "masterdata", str(tmp_path / "renamed.xlsx")) == 0
    assert "Nothing changed" in capsys.readouterr().out
    # Renamed on the settings page since: the workbook's slug is an alias and still finds the team.
    assert unit_setup.rename_org_unit(TESTER, team.id, "Boliger", engine=engine) == "boliger"
    assert run(engine, "import", "masterdata", str(tmp_path / "renamed.xlsx")) == 0
    assert masterdata.find_team("boliger", engine).name == "Boligydelser"
    with read_session(engine) as s:
        assert s.scalar(select(func.count(OrgUnit.id)).where(OrgUnit.level == OrgLevel.TEAM)) == 2


def test_the_same_workbook_twice_changes_nothing_and_says_so(engine, filled, capsys):
    assert run(engine, "import", "masterdata", str(filled)) == 0
    with read_session(engine) as s:
        before = s.scalar(select(func.count(AuditEntry.id)))
    capsys.readouterr()
    assert run(engine, "import", "masterdata", str(filled)) == 0
    assert "Nothing changed" in capsys.readouterr().out
    with read_session(engine) as s:
        assert s.scalar(select(func.count(AuditEntry.id))) == before


def test_a_bad_workbook_changes_nothing_and_names_every_bad_row(engine, tmp_path, capsys):
    assert run(engine, "template", "masterdata", str(tmp_path / "t.xlsx")) == 0
    bad = {
        "org": [*ORG, ["Borgerservice Nord", None, "Uden afdeling", None]],
        "job_roles": [*ROLES, ["Ukendt enhed", "Jurist", None]],
        "people": [*PEOPLE, ["Boligstøtte", "Ny", "1004", 7.4, "Kok", "nej", "nej", "ja"]],
        "tasks": [*TASKS, ["Pension", "Hurtig", 0, 3, 5, 0, "ja"]],
        "competences": [*COMPETENCES, ["9999", "Pension", "Førtidspension"]],
        "factors": [*FACTORS, ["Pension", 7.4, 8, None, None, None]],
    }
    fill(tmp_path / "t.xlsx", tmp_path / "bad.xlsx", bad, lang="en")
    assert run(engine, "import", "masterdata", str(tmp_path / "bad.xlsx")) == 1
    err = capsys.readouterr().err
    for line in ("row 5, org.department", "row 4, job_roles.unit", "row 6, people.job_role: “Kok” is not one of: "
                 "Sagsbehandler, Teamleder", "row 5, tasks.minutes_per_case", "row 5, competences.employee_id",
                 "row 4, factors.customer_facing_hours"):  # fmt: skip
        assert line in err, err
    assert err.count("row 5, org.department") == 1  # said once
    with read_session(engine) as s:
        assert s.scalar(select(func.count(OrgUnit.id))) == 0


# --------------------------------------------------------------------------- holdings


def _unit_with_tasks(engine, filled) -> None:  # type: ignore[no-untyped-def]
    assert run(engine, "import", "masterdata", str(filled)) == 0


def test_holdings_import_reads_danish_headers_and_semicolons_all_or_nothing(engine, filled, tmp_path, capsys):
    _unit_with_tasks(engine, filled)
    good = tmp_path / "beholdning.csv"
    good.write_text("dato;team;opgave;åbne;forfalder_i_dag;over_servicemål\n"
                    f"{DEMO_DAY:%d-%m-%Y};Boligstøtte;Ansøgning;120;14;3\n"
                    f"{DEMO_DAY:%d-%m-%Y};boligstoette;Ændring;40;2;0\n", encoding="utf-8")  # fmt: skip
    assert run(engine, "import", "holdings", str(good)) == 0
    assert "2 changed, 0 unchanged" in capsys.readouterr().out
    assert run(engine, "import", "holdings", str(good)) == 0
    assert "0 changed, 2 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("date,team,task,open,due_today,overdue\n"
                   f"{DEMO_DAY},Boligstøtte,Ansøgning,1,0,0\n"
                   f"{DEMO_DAY},Boligstøtte,Ansøgning,5,4,3\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        holdings.import_holdings(TESTER, bad.read_bytes(), "bad.csv", today=DEMO_DAY, engine=engine)
    assert [e.code for e in refused.value.errors] == ["v.holdings_sum"]
    with read_session(engine) as s:
        assert sorted(s.scalars(select(HoldingsSnapshot.open_cases))) == [40, 120]  # the first row was not written


# --------------------------------------------------------------------------- removing the demo unit


def test_an_admin_removes_the_demo_unit_with_a_backup_and_an_audit_entry(demo_engine, tmp_path):
    unit = masterdata.units(demo_engine)[0]
    removed = unit_setup.remove_unit(TESTER, unit.id, backup_dir=tmp_path / "backups", engine=demo_engine)
    assert removed.backup is not None and removed.backup.exists()
    with read_session(demo_engine) as s:
        assert s.scalar(select(func.count(OrgUnit.id))) == 0
        assert s.scalar(select(func.count(Person.id))) == 0
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "org_units", AuditEntry.entity_id == unit.id,
                                                   AuditEntry.action == "delete")).one()  # fmt: skip
        assert unit.name in (entry.old_value or "")


# --------------------------------------------------------------------------- the set-up page


@pytest.mark.database
def test_an_empty_installation_opens_the_set_up_page_which_creates_the_unit(tmp_path, monkeypatch):
    from db.engine import dispose_engines, get_engine

    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", sqlite_url(tmp_path / "empty.db"))
    monkeypatch.delenv("DRIFTBOARD_DEMO", raising=False)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/setup.py").run()
    assert not at.exception
    at.text_input(key="setup_unit").input("Borgerservice Nord")
    at.text_input(key="setup_department").input("Ydelser")
    at.text_area(key="setup_teams").input("Boligstøtte\nPension")
    at.button[0].click().run()
    assert not at.exception
    assert [t.slug for t in masterdata.list_teams(get_engine())] == ["boligstoette", "pension"]
    assert any("?team=boligstoette" in s.value for s in at.success)
    dispose_engines()


@pytest.mark.database
def test_home_of_an_empty_installation_switches_to_the_set_up_page(tmp_path, monkeypatch):
    from db.engine import dispose_engines

    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", sqlite_url(tmp_path / "empty.db"))
    monkeypatch.delenv("DRIFTBOARD_DEMO", raising=False)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.info  # no demo unit was loaded
    dispose_engines()


_ = dt


def test_the_demo_units_master_data_exported_and_imported_again_changes_nothing(demo_engine):
    """The workbook finds people by their employee number: the demo's people carry one (the
    people grid edits it), so its export imports again as it is — people and competences kept."""
    rows = master_workbook.master_data_rows(demo_engine)
    assert all(r["employee_id"] for r in rows["people"])
    with read_session(demo_engine) as s:
        competences = s.scalar(select(func.count(Competence.id)))
    assert len(rows["competences"]) == competences
    result = master_workbook.import_master_data(TESTER, master_workbook.export_workbook("da", demo_engine), demo_engine)
    assert not result.changed, (result.created, result.updated)
