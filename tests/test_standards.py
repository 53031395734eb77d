"""Standards, training and process confirmation (issue #26): the rotation starves nobody and puts
new people first, the head's counts, a follow-up becomes an improvement card or a training entry,
the competence rule with planned trainings, the maturity page's evidence, a card reaching "new
standard" makes a version, roles and units apart, the workbook, the API and the goal-board feed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db.engine import read_session
from db.models import Confirmation, ImprovementCard, MeasureValue, OrgUnit, Person, Task, Training
from driftboard import api
from driftboard import standards as rules
from driftboard.domain import (
    AccessDenied,
    Actor,
    CompetenceLevel,
    DomainError,
    MeasureKind,
    OrgLevel,
    Role,
    Stage,
    ValidationError,
)
from driftboard.services import (
    api_tokens,
    confirmations,
    improvement,
    masterdata,
    measures,
    scope,
    standards,
    standards_workbook,
    training,
)
from driftboard.standards import Candidate, Done, Followed, FollowUp, Rules, TrainingMethod
from tests.conftest import DEMO_DAY

TRUSTED = Actor("setup")
MONDAY = DEMO_DAY - dt.timedelta(days=DEMO_DAY.weekday())


# --------------------------------------------------------------------------- the pure rules


@settings(max_examples=60, deadline=None)
@given(
    people=st.integers(min_value=1, max_value=14),
    tasks=st.integers(min_value=1, max_value=6),
    target=st.integers(min_value=1, max_value=5),
    new=st.sets(st.integers(min_value=0, max_value=13), max_size=3),
    seed=st.randoms(use_true_random=False),
)
def test_the_rotation_comes_round_to_every_person_and_every_process(people, tasks, target, new, seed):
    """Week after week of doing what was proposed: everyone who can do a task is confirmed
    within a bounded number of weeks, and so is every task someone can do — new people or not."""
    held = {p: tuple(sorted(seed.sample(range(tasks), seed.randint(1, tasks)))) for p in range(people)}
    last_person: dict[int, dt.date] = {}
    last_task: dict[int, dt.date] = {}
    bound = rules.bound_weeks(people, target) + tasks
    seen_people: dict[int, list[int]] = {p: [] for p in range(people)}
    weeks = 3 * bound
    for week in range(weeks):
        day = dt.date(2026, 1, 5) + dt.timedelta(weeks=week)
        candidates = [Candidate(p, held[p], p in new, last_person.get(p)) for p in range(people)]
        picked = rules.propose(candidates, last_task, {}, target)
        assert len(picked) == min(target, people)
        assert len({p.person_id for p in picked}) == len(picked)  # different people
        for p in picked:
            assert p.task_id in held[p.person_id]
            last_person[p.person_id] = last_task[p.task_id] = day
            seen_people[p.person_id].append(week)
    for person, weeks_seen in seen_people.items():
        gaps = [b - a for a, b in zip([-1, *weeks_seen], [*weeks_seen, weeks], strict=True)]
        assert max(gaps) <= bound, f"person {person} waited {max(gaps)} weeks (bound {bound})"
    assert set(last_task) == {t for h in held.values() for t in h}  # no task starved


def test_new_people_and_changed_standards_come_first():
    day = dt.date(2026, 11, 2)
    old = [Candidate(p, (1, 2), False, None) for p in range(1, 6)]
    newcomer = Candidate(9, (1, 2), True, day - dt.timedelta(days=7))
    picked = rules.propose([*old, newcomer], {1: None, 2: day}, changed={2: day}, target=3)
    assert picked[0] == rules.Proposal(9, 2) or picked[0].person_id == 1
    # Never confirmed beats a newcomer confirmed last week; a newcomer beats a veteran confirmed as recently.
    veteran = Candidate(3, (1,), False, day - dt.timedelta(days=7))
    first = rules.propose([veteran, newcomer], {}, {}, 1)[0]
    assert first.person_id == 9
    lone = [Candidate(4, (1, 2), False, None)]
    assert rules.propose(lone, {1: None, 2: day - dt.timedelta(days=9)}, changed={2: day}, target=1)[0].task_id == 2
    # Confirmed since its change, the task goes back into the rotation.
    assert rules.propose(lone, {1: day - dt.timedelta(days=30), 2: day}, changed={2: day}, target=1)[0].task_id == 1


def test_the_weekly_target_grows_with_new_people():
    assert rules.weekly_target(Rules(), 0) == 3
    assert rules.weekly_target(Rules(per_week=3, per_new_person=2), 2) == 7
    assert rules.is_new(DEMO_DAY - dt.timedelta(weeks=2), DEMO_DAY, Rules())
    assert not rules.is_new(DEMO_DAY - dt.timedelta(weeks=9), DEMO_DAY, Rules())


def test_layered_counts_per_leader_and_week():
    w1, w2 = dt.date(2026, 11, 9), dt.date(2026, 11, 16)
    done = [Done(1, w1, False, True), Done(1, w1 + dt.timedelta(days=2), True, False), Done(2, w2, True, True)]
    rows = {(r.leader_id, r.week): r for r in rules.layered(done, {1: 3, 2: 4}, [w1, w2])}
    assert (rows[1, w1].done, rows[1, w1].target, rows[1, w1].open_follow_ups, rows[1, w1].reviewed) == (2, 3, 1, 1)
    assert (rows[2, w2].done, rows[2, w2].met, rows[1, w2].done) == (1, False, 0)


def test_the_competence_rule_is_met_on_the_day_the_planned_trainings_finish():
    today = dt.date(2026, 11, 25)
    a, b = dt.date(2026, 12, 10), dt.date(2027, 1, 15)
    assert rules.rule_met_on(3, 3, [], today) == today
    assert rules.rule_met_on(3, 1, [b, None, a], today) == b
    assert rules.rule_met_on(3, 1, [a, None], today) is None  # a training without a date does not count


# --------------------------------------------------------------------------- the services


def _team(engine, slug: str = "mortgage"):
    return masterdata.find_team(slug, engine)


def _ids(engine, team_id: int) -> tuple[int, list[int], list[int]]:
    """(leader, the other people, the tasks) of a team."""
    with read_session(engine) as s:
        people = s.execute(select(Person.id, Person.team_leader).where(Person.team_id == team_id)).all()
        tasks = list(s.scalars(select(Task.id).where(Task.team_id == team_id).order_by(Task.sort_order)))
    leader = next(p for p, lead in people if lead)
    return leader, [p for p, lead in people if not lead], tasks


def test_a_week_of_confirmations_follows_the_proposal_and_the_head_sees_it(demo_engine):
    team = _team(demo_engine, "home-coop")
    leader, _people, _tasks = _ids(demo_engine, team.id)
    before = confirmations.proposal(team.id, leader, demo_engine)
    assert before.target == 3 and before.done == 2 and len(before.items) == 1  # the demo's Wednesday
    item = before.items[0]
    data = confirmations.ConfirmationInput(item.task_id, item.person_id, leader, DEMO_DAY, True, Followed.YES)
    confirmations.record_confirmation(Actor("Lone Winther"), team.id, data, engine=demo_engine)
    after = confirmations.proposal(team.id, leader, demo_engine)
    assert (after.done, after.items) == (3, ())
    row = next(r for r in confirmations.layered_view(team.id, engine=demo_engine) if r.week == MONDAY)
    assert (row.leader, row.done, row.target) == ("Lone Winther", 3, 3)
    unit_rows = confirmations.layered_view(team.unit_id, weeks=12, engine=demo_engine)
    assert len({r.leader for r in unit_rows}) == 4 and len({r.week for r in unit_rows}) == 12


def test_improve_the_standard_makes_a_card_of_origin_process_confirmation(demo_engine):
    team = _team(demo_engine)
    leader, people, tasks = _ids(demo_engine, team.id)
    data = confirmations.ConfirmationInput(
        tasks[2], people[0], leader, DEMO_DAY, False, Followed.PARTLY, "screens moved", FollowUp.STANDARD,
        card_title="Update the navigation note",
    )  # fmt: skip
    found_id = confirmations.record_confirmation(Actor("Henrik Lund"), team.id, data, engine=demo_engine)
    with read_session(demo_engine) as s:
        row = s.get(Confirmation, found_id)
        card = s.get(ImprovementCard, row.card_id)
        assert (card.stage, card.origin_kind, card.problem) == (Stage.INTAKE, "process_confirmation", "screens moved")
        assert card.origin_params["task_id"] == tasks[2] and card.origin_params["standard_id"]
        assert row.follow_up_due == DEMO_DAY + dt.timedelta(days=14) and row.version_id is not None
    view = next(c for c in confirmations.confirmations(team.id, DEMO_DAY, engine=demo_engine) if c.id == found_id)
    assert view.follow_up_open and view.standard == "Registering a mortgage in the land registry system"
    # The card reaches "new standard": a new version of that standard, linked to the card; the follow-up closes.
    improvement.edit_card(TRUSTED, card.id, {"impact": 3, "effort": 2, "owner_id": people[0],
                                             "new_standard": "New screens"}, engine=demo_engine)  # fmt: skip
    for stage in (Stage.PRIORITISATION, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.STANDARD):
        improvement.move_card(TRUSTED, card.id, stage, engine=demo_engine)
    library = {v.title: v for v in standards.library(team.id, demo_engine)}
    note = library["Registering a mortgage in the land registry system"]
    assert (note.number, note.card_id, note.change_note) == (2, card.id, "New screens")
    assert standards.card_standards([card.id], demo_engine) == {card.id: (note.title, 2)}
    view = next(c for c in confirmations.confirmations(team.id, DEMO_DAY, engine=demo_engine) if c.id == found_id)
    assert not view.follow_up_open
    told = standards.versions(note.id, demo_engine)[0]
    assert told.told >= 1 and told.done == 0  # those competent on its task are to be informed


def test_improve_the_training_makes_a_training_entry_for_the_person(demo_engine):
    team = _team(demo_engine)
    leader, people, tasks = _ids(demo_engine, team.id)
    planned = DEMO_DAY + dt.timedelta(days=10)
    data = confirmations.ConfirmationInput(
        tasks[0], people[1], leader, DEMO_DAY, True, Followed.NO, "", FollowUp.TRAINING,
        method=TrainingMethod.ONE_TO_ONE, training_on=planned,
    )  # fmt: skip
    found_id = confirmations.record_confirmation(Actor("Henrik Lund"), team.id, data, engine=demo_engine)
    with read_session(demo_engine) as s:
        entry = s.get(Training, s.get(Confirmation, found_id).training_id)
        assert (entry.person_id, entry.task_id, entry.method, entry.planned_on) == (
            people[1],
            tasks[0],
            TrainingMethod.ONE_TO_ONE,
            planned,
        )
    training.record_training(Actor("Henrik Lund"), entry.id, engine=demo_engine)
    view = next(c for c in confirmations.confirmations(team.id, DEMO_DAY, engine=demo_engine) if c.id == found_id)
    assert not view.follow_up_open


def test_a_confirmation_is_refused_with_a_reason_and_changes_nothing(demo_engine):
    team = _team(demo_engine)
    leader, people, tasks = _ids(demo_engine, team.id)
    other_team = _team(demo_engine, "home-coop")
    other_leader, _p, other_tasks = _ids(demo_engine, other_team.id)
    cases = {
        "pc.err.leader": confirmations.ConfirmationInput(tasks[0], people[0], people[1], DEMO_DAY, True, Followed.YES),
        "pc.err.future": confirmations.ConfirmationInput(
            tasks[0], people[0], leader, DEMO_DAY + dt.timedelta(days=1), True, Followed.YES
        ),
        "pc.err.card_title": confirmations.ConfirmationInput(
            tasks[0], people[0], leader, DEMO_DAY, True, Followed.NO, follow_up=FollowUp.STANDARD
        ),
        "error.task_not_in_team": confirmations.ConfirmationInput(
            other_tasks[0], people[0], leader, DEMO_DAY, True, Followed.YES
        ),
    }
    before = len(confirmations.confirmations(team.id, DEMO_DAY - dt.timedelta(weeks=12), engine=demo_engine))
    for key, data in cases.items():
        with pytest.raises(DomainError) as info:
            confirmations.record_confirmation(TRUSTED, team.id, data, engine=demo_engine)
        assert info.value.message_key == key
    assert len(confirmations.confirmations(team.id, DEMO_DAY - dt.timedelta(weeks=12), engine=demo_engine)) == before
    assert other_leader  # the other team's leader exists: the refusal was the task's team


def test_roles_members_acknowledge_their_own_leaders_record_and_the_head_confirms(demo_engine):
    team = _team(demo_engine)
    leader, people, tasks = _ids(demo_engine, team.id)
    member = Actor("Mette", grants=frozenset({(team.id, Role.MEMBER)}), person_id=people[0])
    team_leader = Actor("Henrik Lund", grants=frozenset({(team.id, Role.LEADER)}), person_id=leader)
    entries = training.trainings(team.id, open_only=True, engine=demo_engine)
    mine = next(e for e in entries if e.person_id == people[0])
    theirs = next(e for e in entries if e.person_id != people[0])
    with pytest.raises(DomainError) as info:
        training.acknowledge(member, theirs.id, engine=demo_engine)
    assert info.value.message_key == "train.err.not_yours"
    with pytest.raises(AccessDenied):  # a member does not record trainings nor confirmations
        training.record_training(member, theirs.id, engine=demo_engine)
    with pytest.raises(AccessDenied):
        data = confirmations.ConfirmationInput(tasks[0], people[1], leader, DEMO_DAY, True, Followed.YES)
        confirmations.record_confirmation(member, team.id, data, engine=demo_engine)
    training.acknowledge(member, mine.id, engine=demo_engine)
    with pytest.raises(DomainError) as info:
        training.acknowledge(member, mine.id, engine=demo_engine)
    assert info.value.message_key == "train.err.done"
    # The head confirms a leader's confirmation; the leader cannot confirm their own.
    week = confirmations.confirmations(team.id, MONDAY, engine=demo_engine)
    with pytest.raises(AccessDenied):  # a team leader's grant does not reach above the team
        confirmations.review_confirmation(team_leader, week[0].id, engine=demo_engine)
    with read_session(demo_engine) as s:
        department = s.get(OrgUnit, team.id).parent_id
    own = Actor("Henrik Lund", grants=frozenset({(department, Role.LEADER)}), person_id=leader)
    with pytest.raises(DomainError) as info:
        confirmations.review_confirmation(own, week[0].id, engine=demo_engine)
    assert info.value.message_key == "pc.err.own_review"
    head = Actor("Birgitte Holm", grants=frozenset({(team.unit_id, Role.LEADER)}))
    confirmations.review_confirmation(head, week[0].id, engine=demo_engine)
    assert confirmations.confirmations(team.id, MONDAY, engine=demo_engine)[0].reviewed_by == "Birgitte Holm"
    with pytest.raises(AccessDenied):  # only admins change the library's levels
        standards.save_levels(team_leader, team.unit_id, [{"name_en": "x", "name_da": "x"}], engine=demo_engine)


def test_another_unit_is_neither_read_nor_written(demo_engine):
    """A leader of one unit reaches nothing of another (a second unit beside the demo)."""
    other = masterdata.create_org_unit(TRUSTED, level=OrgLevel.UNIT, name="Other", slug="other", engine=demo_engine)
    stranger = Actor("Stranger", grants=frozenset({(other, Role.ADMIN)}))
    team = _team(demo_engine)
    leader, people, tasks = _ids(demo_engine, team.id)
    with scope.reading_as(stranger):
        for read in (
            lambda: standards.library(team.id, demo_engine),
            lambda: confirmations.layered_view(team.id, engine=demo_engine),
            lambda: training.matrix(team.id, demo_engine),
            lambda: confirmations.evidence(team.unit_id, demo_engine),
            lambda: standards.published("mortgage", default_org=other, engine=demo_engine),
        ):
            with pytest.raises(AccessDenied):
                read()
    data = confirmations.ConfirmationInput(tasks[0], people[0], leader, DEMO_DAY, True, Followed.YES)
    for write in (
        lambda: confirmations.record_confirmation(stranger, team.id, data, engine=demo_engine),
        lambda: standards.save_standard(stranger, team.id, standards.StandardInput("policy", "x"), engine=demo_engine),
        lambda: training.plan_training(
            stranger, people[0], tasks[0], TrainingMethod.ONE_TO_ONE, None, engine=demo_engine
        ),
    ):
        with pytest.raises(AccessDenied):
            write()


def test_the_competence_matrix_shows_training_and_when_the_plan_meets_the_rule(demo_engine):
    team = _team(demo_engine, "contact-follow-up")
    _leader, people, tasks = _ids(demo_engine, team.id)
    task = tasks[0]
    _matrix_people, _tasks, cells = training.matrix(team.id, demo_engine)
    competent = [p for p in people if (p, task) in cells and cells[p, task].level is not CompetenceLevel.IN_TRAINING]
    masterdata.set_competences(TRUSTED, [(p, task, None) for p in competent[1:]], engine=demo_engine)
    before = next(r for r in training.rule_plan(team.id, demo_engine) if r.task_id == task)
    short = before.required - before.competent
    assert short > 0 and before.met_on is None
    waiting = {
        e.person_id for e in training.trainings(team.id, open_only=True, engine=demo_engine) if e.task_id == task
    }
    untrained = [p for p in people if p not in competent[:1] and p not in waiting][: short + 1]
    days = [DEMO_DAY + dt.timedelta(weeks=3 + n) for n in range(len(untrained))]
    method = TrainingMethod.SIDE_BY_SIDE
    for person, day in zip(untrained[:-1], days, strict=False):
        training.plan_training(Actor("Susanne Vinther"), person, task, method, day, engine=demo_engine)
    training.plan_training(Actor("Susanne Vinther"), untrained[-1], task, method, None, engine=demo_engine)
    _matrix_people, _tasks, cells = training.matrix(team.id, demo_engine)
    assert cells[untrained[0], task] == training.MatrixCell(CompetenceLevel.IN_TRAINING, days[0])
    assert cells[untrained[-1], task] == training.MatrixCell(CompetenceLevel.IN_TRAINING, None)
    plan = next(r for r in training.rule_plan(team.id, demo_engine) if r.task_id == task)
    assert (plan.in_training, plan.met_on) == (short + 1, days[short - 1])  # the undated one does not count
    # A training recorded as competent brings the count up by one.
    entry = next(e for e in training.trainings(team.id, open_only=True, engine=demo_engine)
                 if e.person_id == untrained[0] and e.task_id == task)  # fmt: skip
    training.record_training(Actor("Susanne Vinther"), entry.id, competent=True, engine=demo_engine)
    after = next(r for r in training.rule_plan(team.id, demo_engine) if r.task_id == task)
    assert (after.competent, after.in_training) == (before.competent + 1, short)


def test_the_maturity_evidence_counts_what_the_product_knows(demo_engine):
    team = _team(demo_engine)
    found = confirmations.evidence(team.unit_id, demo_engine)
    with read_session(demo_engine) as s:
        in_12_weeks = s.scalar(
            select(Confirmation.id).where(Confirmation.day > DEMO_DAY - dt.timedelta(weeks=12)).limit(1)
        )
    assert in_12_weeks is not None and found.confirmations_12_weeks >= 100
    assert 0 < found.with_owner_and_review < found.standards and found.duties > 0
    assert 0 < found.follow_ups_closed < found.follow_ups and found.trainings_done > 0
    leader, _people, _tasks = _ids(demo_engine, team.id)
    standards.save_standard(
        TRUSTED,
        team.id,
        standards.StandardInput("work_description", "Owned and dated", leader, review_on=DEMO_DAY),
        engine=demo_engine,
    )
    again = confirmations.evidence(team.unit_id, demo_engine)
    assert (again.standards, again.with_owner_and_review) == (found.standards + 1, found.with_owner_and_review + 1)


def test_a_standard_is_checked_before_it_is_saved(demo_engine):
    team = _team(demo_engine)
    other_tasks = _ids(demo_engine, _team(demo_engine, "home-coop").id)[2]
    cases = {
        "std.err.level": standards.StandardInput("chapter", "x"),
        "std.err.title": standards.StandardInput("policy", "  "),
        "std.err.url": standards.StandardInput("policy", "x", url="intranet/page"),
        "std.err.task": standards.StandardInput("policy", "x", task_ids=(other_tasks[0],)),
        "std.err.title_taken": standards.StandardInput("policy", "Drafting mortgage loan documents"),
    }
    for key, data in cases.items():
        with pytest.raises(DomainError) as info:
            standards.save_standard(TRUSTED, team.id, data, engine=demo_engine)
        assert info.value.message_key == key
    with pytest.raises(DomainError) as info:  # a level standards are filed under stays
        standards.save_levels(TRUSTED, team.unit_id, [{"name_en": "Policy", "name_da": "Politik", "key": "policy"}],
                              engine=demo_engine)  # fmt: skip
    assert info.value.message_key == "std.err.level_in_use"


def test_the_workbook_round_trip_and_a_bad_row_named(demo_engine):
    team = _team(demo_engine)
    book = standards_workbook.export_workbook(team.id, "da", demo_engine)
    sheets = load_workbook(io.BytesIO(book))
    assert sheets.sheetnames == ["standarder", "oplæring"]
    rows = list(sheets["standarder"].values)
    assert rows[0][:2] == ("niveau", "titel") and len(rows) > 4
    # Back in: only the team's own standards change (by title), nothing new.
    result = standards_workbook.import_workbook(Actor("Henrik Lund"), team.id, book, demo_engine)
    assert result.standards == len(rows) - 1
    sheet = sheets["standarder"]
    sheet.append(["kapitel", "Ny standard", "", "Ingen opgave", "", None, "", None, None])
    out = io.BytesIO()
    sheets.save(out)
    with pytest.raises(ValidationError) as info:
        standards_workbook.import_workbook(Actor("Henrik Lund"), team.id, out.getvalue(), demo_engine)
    assert {(e.field, e.code) for e in info.value.errors} == {
        ("standards.level", "v.unknown"),
        ("standards.tasks", "v.unknown"),
    }
    assert "Ny standard" not in {v.title for v in standards.library(team.id, demo_engine)}


def test_the_api_reads_the_standards_of_the_tokens_unit(demo_engine, demo_url, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", demo_url)
    _id, secret = api_tokens.create_api_token(TRUSTED, "intranet", "mortgage", engine=demo_engine)
    with TestClient(Starlette(routes=api.routes())) as client:
        answer = client.get(f"{api.PREFIX}/standards", headers={"Authorization": f"Bearer {secret}"})
        assert answer.status_code == 200
        titles = {s["title"]: s for s in answer.json()["standards"]}
        assert titles["Credit policy for personal customers"]["level_name"]["da"] == "Politik"
        assert titles["Drafting mortgage loan documents"]["url"].startswith("https://")
        other = client.get(f"{api.PREFIX}/standards", params={"org": "home-coop"},
                           headers={"Authorization": f"Bearer {secret}"})  # fmt: skip
        assert other.status_code == 403
        assert client.get(f"{api.PREFIX}/standards").status_code == 401


def test_the_goal_board_measures_are_fed_by_the_confirmations(demo_engine):
    team = _team(demo_engine)
    unit = team.unit_id
    ids = []
    for slug, name in (("pc-done", "Confirmations done"), ("pc-followed", "Share followed")):
        ids.append(measures.define_measure(TRUSTED, measures.MeasureInput(unit, name, slug, MeasureKind.OPERATIONAL),
                                           engine=demo_engine))  # fmt: skip
    confirmations.save_rules(TRUSTED, unit, Rules(), done_measure_id=ids[0], followed_measure_id=ids[1],
                             engine=demo_engine)  # fmt: skip
    leader, people, tasks = _ids(demo_engine, team.id)
    data = confirmations.ConfirmationInput(tasks[0], people[0], leader, DEMO_DAY, True, Followed.NO)
    confirmations.record_confirmation(Actor("Henrik Lund"), team.id, data, engine=demo_engine)
    week = confirmations.confirmations(unit, MONDAY, engine=demo_engine)
    planned = sum(r.target for r in confirmations.layered_view(unit, weeks=1, engine=demo_engine))
    followed = sum(1 for c in week if c.followed is Followed.YES)
    with read_session(demo_engine) as s:
        values = dict(s.execute(select(MeasureValue.measure_id, MeasureValue.value)
                                .where(MeasureValue.measure_id.in_(ids), MeasureValue.period_start == MONDAY)).all())  # fmt: skip
    assert values[ids[0]] == pytest.approx(round(100 * len(week) / planned, 1))
    assert values[ids[1]] == pytest.approx(round(100 * followed / len(week), 1))
    with pytest.raises(DomainError) as info:
        confirmations.save_rules(TRUSTED, unit, Rules(per_week=60), engine=demo_engine)
    assert info.value.message_key == "pc.err.range"


def test_the_operations_board_says_this_weeks_confirmations_and_overdue_follow_ups(demo_engine):
    from driftboard.services import operations_board

    team = _team(demo_engine, "car-consumer")
    line = operations_board.load_board(team.id, DEMO_DAY, demo_engine).confirmations
    assert line is not None and line.leaders == (("Jens Overgaard", 2, 4),)  # a new person: 3 + 1
    leader, people, tasks = _ids(demo_engine, team.id)
    old = DEMO_DAY - dt.timedelta(days=20)
    data = confirmations.ConfirmationInput(tasks[0], people[0], leader, old, True, Followed.NO, "", FollowUp.TRAINING)
    confirmations.record_confirmation(TRUSTED, team.id, data, engine=demo_engine)
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine).confirmations
    assert after.overdue == line.overdue + 1


def test_the_demo_carries_a_library_and_twelve_weeks_of_confirmations(demo_engine):
    with read_session(demo_engine) as s:
        days = list(s.scalars(select(Confirmation.day)))
        cards = s.scalars(select(ImprovementCard).where(ImprovementCard.origin_kind == "process_confirmation")).all()
    weeks = {d - dt.timedelta(days=d.weekday()) for d in days}
    assert len(weeks) == 12 and max(days) <= DEMO_DAY
    assert {c.stage for c in cards} == {Stage.INTAKE, Stage.STANDARD}
    assert len(standards.library(_team(demo_engine).unit_id, demo_engine)) >= 12


def test_duties_per_task_and_job_role_and_the_units_own_levels(demo_engine):
    team = _team(demo_engine)
    frame = standards.duties_frame(team.id, demo_engine)
    role = next(c for c in frame.columns if c not in ("task_id", "task"))
    rows = [{"task_id": int(frame.iloc[0]["task_id"]), role: "consulted"}]
    assert standards.save_duties(TRUSTED, team.id, rows, engine=demo_engine) == 1
    assert standards.duties_frame(team.id, demo_engine).iloc[0][role] == "consulted"
    with pytest.raises(DomainError) as info:
        standards.save_duties(TRUSTED, team.id, [{**rows[0], role: "boss"}], engine=demo_engine)
    assert info.value.message_key == "std.err.duty"
    levels = [{"key": k, "name_en": en, "name_da": da} for k, en, da in rules.DEFAULT_LEVELS]
    levels.insert(1, {"name_en": "Guideline", "name_da": "Retningslinje"})
    assert standards.save_levels(TRUSTED, team.unit_id, levels, engine=demo_engine) == 5
    names = standards.level_names(team.id, "da", demo_engine)
    assert list(names.values())[:2] == ["Politik", "Retningslinje"] and "guideline" in names
