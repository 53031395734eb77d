"""Standards, training and process confirmation: the rules, as plain data in and out.

A unit keeps its written standards in levels of its own (by default the article's four:
policy, business procedure, work description, navigation note). A new version of a standard
tells the people competent on its tasks; a leader confirms every week that people can find the
standard of a process and follow it (``propose`` picks whom and what), and the head sees per
leader and week whether it was done (``layered``).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


class TrainingMethod(enum.StrEnum):
    """How a person learns of a standard or a task (the article's methods)."""

    INFORMATION = "information"  # newsletter, "Teams training": read and acknowledge
    SIDE_BY_SIDE = "side_by_side"
    ONE_TO_ONE = "one_to_one"  # 1:1 instruction: new skills, new people


class TrainingReason(enum.StrEnum):
    """Why a training entry exists."""

    NEW_VERSION = "new_version"  # a standard the person works by changed
    CONFIRMATION = "confirmation"  # a process confirmation found the training must improve
    PLAN = "plan"  # the leader planned it (a new person, a new task)


class Followed(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class FollowUp(enum.StrEnum):
    """What a process confirmation leads to."""

    NONE = "none"
    STANDARD = "standard"  # improve the standard: an improvement card
    TRAINING = "training"  # improve the training: a training entry for the person


class Duty(enum.StrEnum):
    """A job role's part in a task (roles and responsibilities)."""

    RESPONSIBLE = "responsible"
    PERFORMING = "performing"
    CONSULTED = "consulted"
    INFORMED = "informed"


# The article's four levels, used until a unit saves its own list.
DEFAULT_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("policy", "Policy", "Politik"),
    ("business_procedure", "Business procedure", "Forretningsgang"),
    ("work_description", "Work description", "Arbejdsbeskrivelse"),
    ("navigation_note", "Navigation note", "Navigationsnote"),
)
CARD_LEVEL = "work_description"  # the level a card's new standard starts at when no standard is named

DEFAULT_PER_WEEK = 3  # the article's 3 × 3: three processes with three people a week
DEFAULT_PER_NEW_PERSON = 1
DEFAULT_NEW_WEEKS = 8
DEFAULT_FOLLOW_UP_DAYS = 14
RECENT_CHANGE_WEEKS = 4  # a standard changed this recently is confirmed first
NEW_PERSON_HEAD_START = dt.timedelta(weeks=4)  # how much sooner a new person comes round again


@dataclass(frozen=True)
class Rules:
    """A unit's confirmation settings."""

    per_week: int = DEFAULT_PER_WEEK
    per_new_person: int = DEFAULT_PER_NEW_PERSON
    new_weeks: int = DEFAULT_NEW_WEEKS
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS


def weekly_target(rules: Rules, new_people: int) -> int:
    """Confirmations a leader makes in a week: the unit's number, more for each new person."""
    return rules.per_week + rules.per_new_person * max(0, new_people)


def is_new(started_on: dt.date | None, today: dt.date, rules: Rules) -> bool:
    return started_on is not None and today - dt.timedelta(weeks=rules.new_weeks) < started_on <= today


@dataclass(frozen=True)
class Candidate:
    """Someone who can be confirmed: their tasks, whether they are new and when last confirmed."""

    person_id: int
    tasks: tuple[int, ...]
    new: bool = False
    last: dt.date | None = None


@dataclass(frozen=True)
class Proposal:
    person_id: int
    task_id: int


def propose(
    people: Sequence[Candidate],
    task_last: Mapping[int, dt.date | None],
    changed: Mapping[int, dt.date],
    target: int,
    week: dt.date | None = None,
) -> list[Proposal]:
    """This week's confirmations by rotation: people not confirmed longest first (a new person
    comes round ``NEW_PERSON_HEAD_START`` sooner, and before everyone never confirmed), each
    with the task of theirs whose standard changed recently (and was not confirmed since the
    change: ``changed`` maps a task to its change's day) or that was confirmed longest ago.
    Different people and, while there are enough, different tasks; nobody confirmed in ``week``
    again while others wait. Everyone's turn comes, since
    a confirmation moves a person (and a task) to the back of the queue."""

    def person_key(c: Candidate) -> tuple[bool, dt.date, int, int]:
        last = c.last or dt.date.min
        if c.new and c.last is not None:
            last = max(dt.date.min, last - NEW_PERSON_HEAD_START)
        this_week = week is not None and c.last is not None and c.last >= week  # once a week at most
        return this_week, last, 0 if c.new else 1, c.person_id

    def task_key(task_id: int) -> tuple[int, dt.date, int]:
        last = task_last.get(task_id)
        unseen = task_id in changed and (last is None or last < changed[task_id])
        return 0 if unseen else 1, last or dt.date.min, task_id

    chosen: list[Proposal] = []
    used_tasks: set[int] = set()
    queue = [c for c in sorted(people, key=person_key) if c.tasks]
    waiting: list[Candidate] = []
    for candidate in queue:
        if len(chosen) >= target:
            break
        free = [t for t in candidate.tasks if t not in used_tasks]
        if not free:
            waiting.append(candidate)
            continue
        task = min(free, key=task_key)
        used_tasks.add(task)
        chosen.append(Proposal(candidate.person_id, task))
    for candidate in waiting:  # fewer tasks than people: a task a second time, never a person
        if len(chosen) >= target:
            break
        chosen.append(Proposal(candidate.person_id, min(candidate.tasks, key=task_key)))
    return chosen


@dataclass(frozen=True)
class LeaderWeek:
    """One leader's week in the head's view."""

    leader_id: int
    week: dt.date
    done: int
    target: int
    open_follow_ups: int
    reviewed: int

    @property
    def met(self) -> bool:
        return self.done >= self.target


@dataclass(frozen=True)
class Done:
    """A confirmation as the counts need it."""

    leader_id: int
    day: dt.date
    follow_up_open: bool
    reviewed: bool
    followed: Followed | None = None


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def layered(done: Iterable[Done], targets: Mapping[int, int], weeks: Sequence[dt.date]) -> list[LeaderWeek]:
    """Per leader (``targets``' order) and week: confirmations done against the target, the
    follow-ups still open and how many the head confirmed."""
    counts: dict[tuple[int, dt.date], list[Done]] = {}
    for d in done:
        counts.setdefault((d.leader_id, week_of(d.day)), []).append(d)
    rows = []
    for leader_id, target in targets.items():
        for week in weeks:
            found = counts.get((leader_id, week), [])
            rows.append(
                LeaderWeek(
                    leader_id,
                    week,
                    len(found),
                    target,
                    sum(1 for d in found if d.follow_up_open),
                    sum(1 for d in found if d.reviewed),
                )
            )
    return rows


def share_followed(done: Iterable[Done]) -> float | None:
    """Of the confirmations made, the share (%) where the standard was followed fully."""
    answers = [d.followed for d in done if d.followed is not None]
    if not answers:
        return None
    return 100.0 * sum(1 for f in answers if f is Followed.YES) / len(answers)


def done_share(done: int, planned: int) -> float | None:
    """Confirmations done as a share (%) of those planned (the goal board's measure)."""
    return None if planned <= 0 else 100.0 * done / planned


def rule_met_on(required: int, competent: int, planned: Iterable[dt.date | None], today: dt.date) -> dt.date | None:
    """The day the competence rule (``required`` competent people) is met when the planned
    trainings finish on their dates: today when it already is, None when the plan falls short
    (a training without a date does not count)."""
    if competent >= required:
        return today
    dates = sorted(d for d in planned if d is not None)
    missing = required - competent
    if len(dates) < missing:
        return None
    return max(today, dates[missing - 1])


@dataclass(frozen=True)
class Evidence:
    """What the product knows of a unit's standards work, beside its self-assessment."""

    standards: int
    with_owner_and_review: int
    confirmations_12_weeks: int
    follow_ups: int
    follow_ups_closed: int
    trainings_done: int
    trainings_open: int
    duties: int

    @property
    def owned_share(self) -> float | None:
        return None if not self.standards else 100.0 * self.with_owner_and_review / self.standards

    @property
    def closed_share(self) -> float | None:
        return None if not self.follow_ups else 100.0 * self.follow_ups_closed / self.follow_ups


# The maturity practices the evidence speaks to (keys of sample_data/maturity_model.yaml).
EVIDENCE_PRACTICES = ("business-standards", "roles-responsibilities", "training-methods", "process-confirmation")


def weeks_back(today: dt.date, count: int) -> list[dt.date]:
    """The Mondays of the ``count`` weeks up to and including today's, oldest first."""
    monday = week_of(today)
    return [monday - dt.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def bound_weeks(people: int, target: int) -> int:
    """How many weeks a rotation takes at most to come round to everyone (for the tests and the
    page's hint): the people over the weekly target, plus the new people's head start."""
    return math.ceil(people / max(1, target)) + NEW_PERSON_HEAD_START.days // 7 + 1
