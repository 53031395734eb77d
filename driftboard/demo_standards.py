"""The demo unit's standards work: its library (``sample_data/standards.yaml``), the job roles'
duties per task, start dates (one new person), a training plan, and twelve weeks of process
confirmations by the team leaders with their follow-ups and the head's confirmations — written
through the same services the pages use."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from driftboard import standards as rules
from driftboard.domain import Actor, CompetenceLevel, Stage
from driftboard.services import confirmations, improvement, masterdata, org_settings, standards, training
from driftboard.standards import Candidate, Followed, FollowUp, TrainingMethod

if TYPE_CHECKING:
    from sqlalchemy import Engine

WEEKS = 12
HEAD = Actor("Birgitte Holm")
NEW_PERSON = ("car-consumer", "Simon Ravn", 3)  # team, name, weeks since they started
# Duties per job role (by English name): the team's own job roles perform, the head is
# responsible, follow-up is consulted and customer contact informed.
DUTIES = {"Head": "responsible", "Follow-up": "consulted", "Customer contact": "informed"}
FOLLOW_UP_CARDS = {  # (team, weeks ago) → the card a confirmation started
    ("mortgage", 11): "Land registry screens changed: update the navigation note",
    ("car-consumer", 0): "Weekend applications: the checklist misses the income check",
}


@dataclass(frozen=True)
class _Seed:
    """What every step of the standards work draws on: the demo's random draws, its today, the
    unit's teams (people and tasks), everyone's competences and the database."""

    rng: random.Random
    today: dt.date
    teams: Mapping[str, Any]
    competences: Mapping[int, Mapping[str, CompetenceLevel]]
    engine: Engine | None


def _is_new(slug: str, name: str) -> bool:
    """Whether the person is the demo's new person (they started ``NEW_PERSON[2]`` weeks ago)."""
    return (slug, name) == NEW_PERSON[:2]


def load_standards(
    rng: random.Random,
    today: dt.date,
    unit_id: int,
    teams: Mapping[str, Any],
    competences: Mapping[int, Mapping[str, CompetenceLevel]],
    sample_dir: Path,
    engine: Engine | None,
) -> int:
    """Load the library and the weeks of confirmations; returns how many confirmations."""
    people = {name: pid for t in teams.values() for name, pid in t.people.items()}
    tasks = {slug: int(rec["id"]) for t in teams.values() for slug, rec in t.tasks.items()}
    org_ids = {slug: t.id for slug, t in teams.items()} | {"loan-service": unit_id}
    for spec in yaml.safe_load((sample_dir / "standards.yaml").read_text(encoding="utf-8")):
        first = spec["versions"][0]
        data = standards.StandardInput(
            spec["level"], spec["title"], people.get(spec.get("owner") or ""), spec.get("url", ""),
            spec.get("text", ""), today + dt.timedelta(weeks=spec["review_weeks"]) if "review_weeks" in spec else None,
            tuple(tasks[s] for s in spec.get("tasks", [])),
        )  # fmt: skip
        standard_id = standards.save_standard(HEAD, org_ids[spec["org"]], data, engine=engine)
        for version in spec["versions"]:
            day = today - dt.timedelta(weeks=version["weeks_ago"])
            method = TrainingMethod.INFORMATION if version is first else TrainingMethod.SIDE_BY_SIDE
            standards.add_version(HEAD, standard_id, day, version["note"], method, engine=engine)
    for t in teams.values():
        names = org_settings.job_role_names(t.id, "en", engine=engine)
        duties = {key: DUTIES[name] for key, name in names.items() if name in DUTIES}
        duties |= {key: "performing" for key in set(masterdata.people_frame(t.id, engine)["job_role"].dropna())}
        standards.save_duties(
            HEAD, t.id, [{"task_id": int(r["id"]), **duties} for r in t.tasks.values()], engine=engine
        )
    seed = _Seed(rng, today, teams, competences, engine)
    _start_dates(seed)
    _plan_trainings(seed)
    made = _confirm(seed)
    _acknowledge(seed)
    return made


def _acknowledge(seed: _Seed) -> None:
    """Most people read a new version within two weeks; the newest are still open."""
    today = seed.today
    for t in seed.teams.values():
        for entry in training.trainings(t.id, open_only=True, engine=seed.engine):
            if entry.planned_on and entry.planned_on < today - dt.timedelta(weeks=2):
                day = min(today, entry.planned_on + dt.timedelta(days=3))
                training.record_training(Actor(t.leader), entry.id, day=day, engine=seed.engine)


def _start_dates(seed: _Seed) -> None:
    for slug, t in seed.teams.items():
        for name, pid in t.people.items():
            weeks = NEW_PERSON[2] if _is_new(slug, name) else seed.rng.randint(40, 520)
            confirmations.set_started_on(HEAD, pid, seed.today - dt.timedelta(weeks=weeks), engine=seed.engine)


def _plan_trainings(seed: _Seed) -> None:
    """Everyone in training gets a planned date, side-by-side or 1:1 for the new person."""
    for slug, t in seed.teams.items():
        for name, pid in t.people.items():
            for task_slug, level in seed.competences.get(pid, {}).items():
                if level is CompetenceLevel.IN_TRAINING and task_slug in t.tasks:
                    method = TrainingMethod.ONE_TO_ONE if _is_new(slug, name) else TrainingMethod.SIDE_BY_SIDE
                    day = seed.today + dt.timedelta(weeks=seed.rng.randint(2, 8))
                    training.plan_training(
                        Actor(t.leader), pid, int(t.tasks[task_slug]["id"]), method, day, engine=seed.engine
                    )


def _confirm(seed: _Seed) -> int:
    """Each leader's weekly confirmations by the product's rotation, twelve weeks back."""
    rng, today, competences = seed.rng, seed.today, seed.competences
    made = 0
    for slug, t in seed.teams.items():
        leader = Actor(t.leader, person_id=t.people[t.leader])
        task_ids = {s: int(rec["id"]) for s, rec in t.tasks.items()}
        last_person: dict[int, dt.date] = {}
        last_task: dict[int, dt.date] = {}
        started = today - dt.timedelta(weeks=NEW_PERSON[2])
        for weeks_ago in range(WEEKS - 1, -1, -1):
            monday = rules.week_of(today) - dt.timedelta(weeks=weeks_ago)
            candidates = [
                Candidate(pid, tuple(sorted(task_ids[s] for s in competences.get(pid, {}) if s in task_ids)),
                          _is_new(slug, name) and monday >= started, last_person.get(pid))
                for name, pid in t.people.items() if name != t.leader
            ]  # fmt: skip
            new = sum(1 for c in candidates if c.new)
            target = rules.weekly_target(rules.Rules(), new)
            if weeks_ago and rng.random() < 0.2:
                target -= 1  # a busy week: one short
            days = [monday + dt.timedelta(days=n) for n in range(5) if monday + dt.timedelta(days=n) <= today]
            if weeks_ago == 0:
                target = min(target, len(days) - 1)  # the week in progress: not all done yet
            for n, pick in enumerate(rules.propose(candidates, last_task, {}, max(0, target))):
                day = days[min(n * 2, len(days) - 1)]
                made += 1
                _one(seed, slug, t, leader, pick, day, weeks_ago, first=n == 0)
                last_person[pick.person_id] = last_task[pick.task_id] = day
    return made


def _one(
    seed: _Seed, slug: str, t: Any, leader: Actor, pick: rules.Proposal, day: dt.date, weeks_ago: int, *, first: bool
) -> None:
    rng, engine = seed.rng, seed.engine
    draw = rng.random()
    followed = Followed.YES if draw < 0.75 else Followed.PARTLY if draw < 0.93 else Followed.NO
    title = FOLLOW_UP_CARDS.get((slug, weeks_ago)) if first else None
    follow_up = FollowUp.STANDARD if title else FollowUp.TRAINING if followed is not Followed.YES else FollowUp.NONE
    data = confirmations.ConfirmationInput(
        pick.task_id, pick.person_id, t.people[t.leader], day, rng.random() < 0.9 or bool(title),
        Followed.PARTLY if title else followed, "", follow_up, title or "", TrainingMethod.SIDE_BY_SIDE,
        day + dt.timedelta(days=7),
    )  # fmt: skip
    confirmation_id = confirmations.record_confirmation(leader, t.id, data, engine=engine)
    found = confirmations.confirmations(t.id, day, day, engine=engine)
    row = next(c for c in found if c.id == confirmation_id)
    if row.training_id is not None and weeks_ago >= 2:
        training.record_training(leader, row.training_id, day=day + dt.timedelta(days=7), engine=engine)
    if row.card_id is not None and weeks_ago >= 4:
        owner = t.people[t.leader]
        improvement.edit_card(leader, row.card_id, {"impact": 4, "effort": 2, "owner_id": owner,
                                                    "new_standard": title or ""}, engine=engine)  # fmt: skip
        moved = dt.datetime.combine(day + dt.timedelta(days=7), dt.time(12))
        for stage in (Stage.PRIORITISATION, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.STANDARD):
            improvement.move_card(leader, row.card_id, stage, at=moved, engine=engine)
    if weeks_ago >= 1 and rng.random() < 0.85:
        confirmations.review_confirmation(HEAD, confirmation_id, engine=engine)
