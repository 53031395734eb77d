"""The operations board in AppTest: entering production, daily prioritisation, import."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.i18n import t
from driftboard.services import masterdata, operations_board, production
from driftboard.status import Status
from driftboard.ui.text import md_escape
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import Database


def _board(team: str = "car-consumer", lang: str = "en", tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/operations.py").run()
    if tab is not None:  # only the open tab's forms run
        at.session_state["ops_tabs"] = t(tab, lang)
        at.run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _status_cell(at: AppTest, task_name: str) -> str:
    table = next(t.value for t in at.table if "Status" in t.value.columns)
    row = table[table["Task"] == task_name].iloc[0]
    return row["Status"]


def test_a_member_enters_production_and_the_status_turns_from_red_to_green(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    line = next(t for t in operations_board.load_board(team.id, DEMO_DAY, engine).board.tasks if t.status is Status.RED)
    needed = line.cum_planned + line.cell(DEMO_DAY).planned - line.cum_produced

    at = _board()
    assert "Behind" in _status_cell(at, line.task.name)
    at.text_input(key=f"produced_{line.task.id}").set_value(str(needed))
    _button(at, "Save production").click().run()
    assert not at.exception
    assert "On plan" in _status_cell(at, line.task.name)
    # the confirmation names the status the task has now (the board may be scrolled out of sight)
    assert any(f"{line.task.name}: On plan" in s.value for s in at.toast)
    assert at.session_state["ops_tabs"] == "Enter production"  # still on the form's tab


def _working_today(engine, team_slug: str):
    team = masterdata.find_team(team_slug, engine)
    return next(
        r for r in operations_board.load_board(team.id, DEMO_DAY, engine).board.roster if r.tasks and not r.absence
    )


def test_a_leader_marks_someone_sick_and_the_log_shows_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    worker = _working_today(engine, "home-coop")
    at = _board("home-coop", tab="ops.tab.change")
    at.selectbox(key="sick_person").set_value(worker.person_id)
    at.text_input(key="sick_note").set_value("phoned in")
    _button(at, "Mark sick").click().run()
    assert not at.exception
    log = next(t.value for t in at.table if "What changed" in t.value.columns)
    newest = log.iloc[0]
    assert newest["Why"] == "Sickness"
    assert "phoned in" in newest["What changed"] and worker.name in newest["What changed"]
    assert md_escape(worker.tasks[0][0]) in newest["What changed"]  # the freed task is named


def test_marking_someone_sick_twice_is_refused_in_the_viewers_language(demo_app, demo_url):
    engine = get_engine(demo_url)
    worker = _working_today(engine, "home-coop")
    at = _board("home-coop", lang="da", tab="ops.tab.change")
    for _ in range(2):
        at.selectbox(key="sick_person").set_value(worker.person_id)
        _button(at, "Meld syg").click().run()
    assert not at.exception
    assert any(f"{worker.name} er allerede meldt syg" in e.value for e in at.error)
    with Database(demo_url) as db:
        sick_entries = db.execute(
            "SELECT count(*) FROM plan_changes WHERE person_id = ? AND date = ?",
            [worker.person_id, DEMO_DAY.isoformat()],
        ).fetchone()[0]
    assert sick_entries == 1


def test_a_bad_import_shows_the_row_errors_and_changes_nothing(demo_app, demo_url):
    before = list(Database(demo_url).query("select * from production order by id"))
    at = _board(tab="ops.tab.import")
    content = b"date,team,task,produced\n2026-11-23,car-consumer,car-loan-applications,12\n2026-11-23,car-consumer,unknown-task,4\n"
    at.file_uploader(key="production_upload").upload("day.csv", content)
    at.run()
    at.button(key="import_production").click().run()
    assert not at.exception
    assert "Nothing was saved" in at.error[0].value
    problems = next(d.value for d in at.dataframe if list(d.value.columns)[-1] == "Problem")
    assert problems.iloc[0].tolist()[:2] == [3, "task"]
    assert problems.iloc[0].tolist()[2].startswith("team “car-consumer” has no task “unknown-task”; its tasks are: ")
    assert list(Database(demo_url).query("select * from production order by id")) == before


def test_the_board_reads_in_danish(demo_app):
    at = _board("mortgage", "da")
    headings = " ".join(m.value for m in at.markdown)
    assert "Driftstavle" in headings and "Beholdning" in headings


def test_the_meeting_view_walks_the_agenda_with_exceptions_only(demo_app):
    at = _board("home-coop")
    at.toggle(key="ops_meeting").set_value(True).run()
    at.toggle(key="ops_exceptions").set_value(True).run()
    assert not at.exception
    steps = [m.value for m in at.markdown if m.value.startswith("### ") and " · " in m.value]
    assert [s.split(" · ")[0] for s in steps] == ["### 1", "### 2", "### 3", "### 4", "### 5"]
    today = next(t.value for t in at.table if "Person" in t.value.columns and "Today" in t.value.columns)
    assert all("Sick" in v or "(" in v or "·" in v for v in today["Today"])  # only absent or borrowed people


def test_the_move_form_offers_no_one_who_is_absent_all_day(demo_app, demo_url):
    engine = get_engine(demo_url)
    worker = _working_today(engine, "home-coop")
    at = _board("home-coop", tab="ops.tab.change")
    assert (
        worker.person_id in at.selectbox(key="move_person").options
        or worker.name in at.selectbox(key="move_person").options
    )
    at.selectbox(key="sick_person").set_value(worker.person_id)
    _button(at, "Mark sick").click().run()
    assert not at.exception
    assert worker.name not in at.selectbox(key="move_person").options
    assert worker.name in at.selectbox(key="sick_person").options or at.selectbox(key="sick_person").options


def test_an_overtime_refusal_writes_its_hours_as_the_viewer_does(demo_app, demo_url):
    engine = get_engine(demo_url)
    worker = _working_today(engine, "home-coop")
    at = _board("home-coop", lang="da", tab="ops.tab.change")
    at.selectbox(key="ot_person").set_value(worker.person_id)
    at.text_input(key="ot_hours").set_value("1,5")
    _button(at, t("ops.overtime.button", "da")).click().run()
    at.selectbox(key="ot_person").set_value(worker.person_id)
    at.text_input(key="ot_hours").set_value("1")
    _button(at, t("ops.overtime.button", "da")).click().run()
    assert not at.exception
    assert any(f"{worker.name} har kun 0,5 t overarbejde tilbage" in e.value for e in at.error), [
        e.value for e in at.error
    ]


def test_an_absent_person_has_the_absence_icon_not_the_not_registered_one(demo_app, demo_url):
    """Sick and "not registered" look different from across the room: an absence has its own
    colour and its kind's icon, in both languages."""
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    roster = operations_board.load_board(team.id, DEMO_DAY, engine).board.roster
    sick = next(r for r in roster if r.absence and r.absence.kind == "sick" and not r.tasks)
    for lang in ("en", "da"):
        at = _board(lang=lang)
        today = next(tb.value for tb in at.table if sick.name in tb.value.iloc[:, 0].tolist())
        cell = today[today.iloc[:, 0] == sick.name].iloc[0, 1]
        assert cell == f":violet-background[:material/sick: {t('absence.sick', lang)}]"
        assert "help_center" not in cell


# --------------------------------------------------------------------------- my tasks today


def _mine(at: AppTest):
    return next(b for b in at.button if b.label == "Save production" and b.key and "mine_form" in b.key)


def test_my_tasks_from_a_bookmark_save_only_my_count_and_say_its_status(demo_app, demo_url):
    engine = get_engine(demo_url)
    person = _working_today(engine, "car-consumer")
    team = masterdata.find_team("car-consumer", engine)
    view = operations_board.load_board(team.id, DEMO_DAY, engine)
    mine = [t for t in view.tasks if t.name in {name for name, _ in person.tasks}]
    others = [t for t in view.tasks if t not in mine]
    line = next(x for x in view.board.tasks if x.task.id == mine[0].id)
    before = {t.id: production.day_values(team.id, DEMO_DAY, engine).get(t.id) for t in view.tasks}

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"team": "car-consumer", "lang": "en", "me": str(person.person_id)})
    at.run()
    at.switch_page("pages/operations.py").run()
    assert not at.exception, at.exception
    assert any(md.value == f"#### My tasks today · {md_escape(person.name)}" for md in at.markdown)
    table = next(t.value for t in at.table if list(t.value.columns) == ["Task", "Today", "Week"])
    assert list(table["Task"]) == [md_escape(t.name) for t in mine]
    assert {f"mine_{t.id}" for t in mine} <= {w.key for w in at.text_input}
    assert not {f"mine_{t.id}" for t in others} & {w.key for w in at.text_input}

    needed = line.cum_planned + line.cell(DEMO_DAY).planned - line.cum_produced
    at.text_input(key=f"mine_{mine[0].id}").set_value(str(needed))
    _mine(at).click().run()
    assert not at.exception, at.exception
    after = production.day_values(team.id, DEMO_DAY, engine)
    assert after[mine[0].id].produced == needed
    assert {t.id: after.get(t.id) for t in view.tasks if t.id != mine[0].id} == {
        k: v for k, v in before.items() if k != mine[0].id
    }
    assert any(f"{mine[0].name}: On plan" in s.value for s in at.toast)
    table = next(t.value for t in at.table if list(t.value.columns) == ["Task", "Today", "Week"])
    assert table.iloc[0]["Today"].startswith(":green-background[")  # the day's count is in: on plan
    assert f"{needed}/" in table.iloc[0]["Today"]
    assert at.text_input(key=f"mine_{mine[0].id}").value == ""  # empty again, saying the new count


def test_my_tasks_follow_the_person_acting_and_the_picker_makes_the_bookmark(demo_app, demo_url):
    engine = get_engine(demo_url)
    person = _working_today(engine, "car-consumer")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"team": "car-consumer", "lang": "da"})
    at.run()
    at.switch_page("pages/operations.py").run()
    assert not any("Mine opgaver i dag" in md.value for md in at.markdown)
    # Nobody said who they are: the production tab offers "My tasks first".
    at.selectbox(key="mine_picker").set_value(person.person_id).run()
    assert not at.exception, at.exception
    assert at.query_params["me"] == str(person.person_id)
    assert any(md.value == f"#### Mine opgaver i dag · {md_escape(person.name)}" for md in at.markdown)

    acting = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    acting.query_params.update({"team": "car-consumer", "lang": "en"})
    acting.session_state["acting_as"] = person.name
    acting.session_state["acting_person_id"] = person.person_id
    acting.run()
    acting.switch_page("pages/operations.py").run()
    assert any(md.value == f"#### My tasks today · {md_escape(person.name)}" for md in acting.markdown)


def test_my_tasks_of_someone_absent_or_unknown_say_so_and_change_nothing(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    absent = next(
        (r for r in operations_board.load_board(team.id, DEMO_DAY, engine).board.roster if r.absence and not r.tasks),
        None,
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"team": "car-consumer", "lang": "en", "me": "Nobody Here"})
    at.run()
    at.switch_page("pages/operations.py").run()
    assert any("No one called “Nobody Here” works on this board" in w.value for w in at.warning)
    assert not any(w.key and w.key.startswith("mine_") for w in at.text_input)
    if absent is not None:
        at.query_params["me"] = absent.name.upper()  # a name, in any case
        at.run()
        assert any("registered as absent today" in i.value for i in at.info)


def test_a_holdings_file_imported_on_the_holdings_tab_is_stored_and_said(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("mortgage", engine)
    at = _board("mortgage", tab="ops.tab.holdings")
    content = f"date,team,task,open,due_today,overdue\n{DEMO_DAY.isoformat()},mortgage,mortgage-payout,41,6,2\n"
    at.file_uploader(key="holdings_upload").upload("holdings.csv", content.encode())
    at.run()
    at.button(key="import_holdings").click().run()
    assert not at.exception, at.exception
    assert any("Imported 1 holdings rows: 1 changed, 0 unchanged." in x.value for x in at.toast)
    stored = Database(demo_url).query(
        "select h.open_cases, h.due_today, h.overdue from holdings h join tasks t on t.id = h.task_id "
        "where t.slug = 'mortgage-payout' and t.team_id = ? and h.date = ?",
        [team.id, DEMO_DAY.isoformat()],
    )
    assert [tuple(r.values()) for r in stored] == [(41, 6, 2)]
