"""The standards page in AppTest: a leader's week (press a proposal, record the confirmation with
a follow-up card), the library (a new standard, a new version), training (acknowledge, record,
plan), the head's confirmation, the settings (refused to a leader, saved by an admin), the
workbook's download; the operations board's line and the maturity page's evidence; Danish."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from sqlalchemy import select

from db.engine import read_session
from db.models import Confirmation, ImprovementCard, OrgUnit, Person, Standard, StandardVersion, Training
from driftboard.i18n import t
from driftboard.services import masterdata, standards, standards_workbook
from driftboard.standards import Followed, FollowUp
from tests.apptest_pages import open_page
from tests.conftest import DEMO_DAY

PAGE = "pages/standards.py"


def _as(engine, team: str, name: str) -> dict[str, object]:
    with read_session(engine) as s:
        person = s.scalar(select(Person.id).where(Person.name == name))
    return {"acting_as": name, "acting_person_id": person}


def _tab(at, key: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    at.session_state["std_tabs"] = t(f"std.tab.{key}", lang)
    at.run()
    assert not at.exception, at.exception
    return at


def _press(at, label: str) -> None:  # type: ignore[no-untyped-def]
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def _text(at) -> str:  # type: ignore[no-untyped-def]
    return " ".join(
        [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.success]
        + [b.label for b in at.button] + [e.value for e in at.error] + [tb.value.to_csv() for tb in at.dataframe]
    )  # fmt: skip


def test_a_leader_presses_the_proposal_and_records_a_confirmation_with_a_card(demo_app, demo_engine):
    at = open_page(PAGE, "en", team="home-coop", **_as(demo_engine, "home-coop", "Lone Winther"))
    assert "Process confirmations this week: 2 of 3" in _text(at)
    picks = [b for b in at.button if b.key and b.key.startswith("pc_pick_")]
    assert len(picks) == 1
    picks[0].click().run()
    person, task = at.session_state["pc_person"], at.session_state["pc_task"]
    at.radio(key="pc_found_0").set_value(False)
    at.radio(key="pc_followed_0").set_value(Followed.PARTLY)
    at.radio(key="pc_follow_up_0").set_value(FollowUp.STANDARD)
    at.text_area(key="pc_note_0").input("Could not find the co-op template")
    at.text_input(key="pc_card_title_0").input("Link the co-op template from the work description")
    _press(at, "Save the confirmation")
    assert not at.exception and not at.error, [e.value for e in at.error]
    with read_session(demo_engine) as s:
        row = s.scalars(select(Confirmation).order_by(Confirmation.id.desc()).limit(1)).one()
        card = s.get(ImprovementCard, row.card_id)
    assert (row.person_id, row.task_id, row.found, row.followed.value, row.day) == (
        person,
        task,
        False,
        "partly",
        DEMO_DAY,
    )
    assert (card.title, card.origin_kind) == (
        "Link the co-op template from the work description",
        "process_confirmation",
    )
    assert "Process confirmations this week: 3 of 3" in _text(at)
    assert "This week's confirmations are done." in _text(at)


def test_a_confirmation_without_a_card_title_is_refused_and_nothing_saved(demo_app, demo_engine):
    at = open_page(PAGE, "da", team="mortgage", **_as(demo_engine, "mortgage", "Henrik Lund"))
    assert "Proceskonfirmeringer denne uge: 2 af 3" in _text(at)
    with read_session(demo_engine) as s:
        before = s.scalar(select(Confirmation.id).order_by(Confirmation.id.desc()).limit(1))
    at.radio(key="pc_follow_up_0").set_value(FollowUp.STANDARD)
    _press(at, "Gem konfirmeringen")
    assert any("kræver en titel" in e.value for e in at.error)
    with read_session(demo_engine) as s:
        assert s.scalar(select(Confirmation.id).order_by(Confirmation.id.desc()).limit(1)) == before


def test_the_library_takes_a_new_standard_and_a_new_version(demo_app, demo_engine):
    at = _tab(open_page(PAGE, "en", team="mortgage", **_as(demo_engine, "mortgage", "Henrik Lund")), "library")
    assert "Drafting mortgage loan documents" in _text(at)
    tasks = masterdata.tasks_frame(masterdata.find_team("mortgage", demo_engine).id, demo_engine)
    at.text_input(key="std_title").input("Checking a signature")
    at.multiselect(key="std_tasks").set_value([int(tasks.iloc[1]["id"])])
    at.text_input(key="std_url").input("https://intranet.example/signatures")
    _press(at, "Add the standard")
    assert not at.error, [e.value for e in at.error]
    with read_session(demo_engine) as s:
        new = s.scalar(select(Standard).where(Standard.title == "Checking a signature"))
        assert new is not None and new.url == "https://intranet.example/signatures"
    at.selectbox(key="std_version_of").set_value(new.id).run()
    at.text_area(key="std_change_note").input("Two signatures for joint loans")
    _press(at, "Make the new version")
    assert not at.error, [e.value for e in at.error]
    with read_session(demo_engine) as s:
        version = s.scalar(select(StandardVersion).where(StandardVersion.standard_id == new.id))
        told = s.scalars(select(Training).where(Training.version_id == version.id)).all()
    assert version.change_note == "Two signatures for joint loans" and len(told) >= 3
    assert "Checking a signature" in _text(at)


def test_training_a_member_acknowledges_and_a_leader_records_and_plans(demo_app, demo_engine):
    at = _tab(open_page(PAGE, "en", team="car-consumer", **_as(demo_engine, "car-consumer", "Maja Skov")), "training")
    mine = [b for b in at.button if b.key and b.key.startswith("ack_")]
    assert mine, "Maja has an open entry of the newest version"
    entry = int(mine[0].key.removeprefix("ack_"))
    mine[0].click().run()
    with read_session(demo_engine) as s:
        assert s.get(Training, entry).done_by == "Maja Skov"
    text = _text(at)
    assert "In training (until" in text and "Competent people per task" in text
    at.checkbox(key="train_competent").check()
    chosen = at.selectbox(key="train_entry").value
    _press(at, "Record the training")
    with read_session(demo_engine) as s:
        assert s.get(Training, chosen).done_on == DEMO_DAY
    day = DEMO_DAY + dt.timedelta(days=30)
    at.date_input(key="plan_day").set_value(day)
    _press(at, "Plan it")
    with read_session(demo_engine) as s:
        assert s.scalar(select(Training).where(Training.planned_on == day)) is not None


def test_the_head_confirms_a_leaders_confirmation(demo_app, demo_engine):
    at = _tab(open_page(PAGE, "en", team="mortgage"), "head")
    assert "Confirmations to confirm" in _text(at)
    button = next(b for b in at.button if b.key and b.key.startswith("pc_review_"))
    confirmation = int(button.key.removeprefix("pc_review_"))
    button.click().run()
    with read_session(demo_engine) as s:
        assert s.get(Confirmation, confirmation).reviewed_by == "Guest"
    assert f"pc_review_{confirmation}" not in {b.key for b in at.button}


def test_the_settings_are_admin_work(demo_app, demo_engine):
    at = _tab(open_page(PAGE, "en", team="mortgage"), "settings")
    at.number_input(key="pc_per_week").set_value(4)
    _press(at, "Save the rules")
    assert at.error  # open mode without the admin token: a leader, refused
    with read_session(demo_engine) as s:
        assert s.scalar(select(OrgUnit.confirmations_per_week).where(OrgUnit.slug == "loan-service")) is None
    at = _tab(open_page(PAGE, "en", team="mortgage", admin_unlocked=True), "settings")
    at.number_input(key="pc_per_week").set_value(4)
    _press(at, "Save the rules")
    with read_session(demo_engine) as s:
        assert s.scalar(select(OrgUnit.confirmations_per_week).where(OrgUnit.slug == "loan-service")) == 4
    at.date_input(key="pc_started_on").set_value(DEMO_DAY - dt.timedelta(days=3))
    _press(at, "Save the start date")
    assert not at.error, [e.value for e in at.error]
    at = _tab(at, "week")
    assert "Process confirmations this week: 2 of 5" in _text(at)  # 4, one more for the new person


def test_the_workbook_tab_offers_the_download(demo_app, demo_engine):
    at = _tab(open_page(PAGE, "en", team="mortgage"), "excel")
    [button] = at.get("download_button")
    assert button.label == "Download the workbook" and not at.error


def test_the_workbook_comes_back_in_with_a_new_standard(demo_app, demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    book = openpyxl.load_workbook(io.BytesIO(standards_workbook.export_workbook(team.id, "en", demo_engine)))
    sheet = book.worksheets[0]
    row = [cell.value for cell in sheet[2]]
    row[1] = "Answering a land registry query"
    sheet.append(row)
    out = io.BytesIO()
    book.save(out)

    at = _tab(open_page(PAGE, "en", team="mortgage", **_as(demo_engine, "mortgage", "Henrik Lund")), "excel")
    at.file_uploader(key="std_upload").upload("standards.xlsx", out.getvalue())
    at.run()
    at.button(key="std_import").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert any(x.value.startswith("Imported: ") for x in at.toast)
    with read_session(demo_engine) as s:
        new = s.scalar(select(Standard).where(Standard.title == "Answering a land registry query"))
    assert new is not None and new.org_unit_id == team.id


EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def test_a_leader_saves_the_roles_and_an_admin_the_levels(demo_app, demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    at = _tab(open_page(PAGE, "en", team="mortgage"), "roles")
    frame = standards.duties_frame(team.id, demo_engine)
    role = next(c for c in frame.columns if c not in ("task_id", "task"))
    at.session_state[f"duties_{team.id}_editor_0"] = {**EDIT, "edited_rows": {0: {role: "consulted"}}}
    at.button(key=f"duties_{team.id}_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert standards.duties_frame(team.id, demo_engine).iloc[0][role] == "consulted"
    at = _tab(open_page(PAGE, "en", team="mortgage", admin_unlocked=True), "settings")
    at.session_state[f"levels_{team.unit_id}_editor_0"] = {
        **EDIT, "added_rows": [{"name_en": "Checklist", "name_da": "Tjekliste"}]
    }  # fmt: skip
    at.button(key=f"levels_{team.unit_id}_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert list(standards.level_names(team.id, "da", demo_engine).values())[-1] == "Tjekliste"


def test_the_operations_board_and_the_maturity_page_show_the_standards_work(demo_app, demo_engine):
    at = open_page("pages/operations.py", "en", team="car-consumer")
    text = " ".join(c.value for c in at.caption)
    assert "Process confirmations this week: Jens Overgaard 2 of 4" in text
    assert any(e.label == "Standards for these tasks" for e in at.expander)
    at = open_page("pages/maturity.py", "da", team="mortgage")
    frames = " ".join(str(tb.value) for tb in at.dataframe)
    assert "Dokumentation fra Driftboard" in " ".join(m.value for m in at.markdown)
    assert "proceskonfirmeringer de seneste 12 uger" in frames
