"""Domain values shared by every board: enums, the acting user, and the domain errors.

Names follow the glossary in DOMAIN.md. Enum values are what the database stores, so they
never change once released; labels shown to people come from the translation catalogue.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class OrgLevel(enum.StrEnum):
    ORGANISATION = "organisation"  # optional, above units: a bank or a municipality
    UNIT = "unit"
    DEPARTMENT = "department"
    TEAM = "team"


class CompetenceLevel(enum.StrEnum):
    IN_TRAINING = "in_training"
    COMPETENT = "competent"
    EXPERT = "expert"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class AbsenceKind(enum.StrEnum):
    VACATION = "vacation"
    SICK = "sick"
    TRAINING = "training"
    LENT_OUT = "lent_out"
    DEVELOPMENT_PROJECT = "development_project"


class ProductionSource(enum.StrEnum):
    MANUAL = "manual"
    IMPORT = "import"
    API = "api"


class PlanChangeKind(enum.StrEnum):
    """Why today's plan changed (the daily prioritisation log)."""

    SICKNESS = "sickness"
    VOLUME_HIGH = "volume_high"
    NEEDED_ELSEWHERE = "needed_elsewhere"
    BORROWED = "borrowed"
    OVERTIME = "overtime"
    OTHER = "other"


class PlanEvent(enum.StrEnum):
    """What a prioritisation-log entry records; with its parameters it is rendered in the
    viewer's language (``change.event.<value>`` in the catalogue)."""

    NOTE = "note"  # the leader's own words only
    PLAN_EDITED = "plan_edited"  # a published week plan was changed (the note says why)
    SICK = "sick"  # person, tasks: [[task, hours], ...]
    ABSENCE = "absence"  # person, absence, hours: an absence taken off a published plan
    MOVE = "move"  # person, hours, from_task (None: unplanned hours), to_task
    BORROW = "borrow"  # person, hours, to_task, lender (the lending team)
    LENT = "lent"  # person, hours, to_task, borrower (on the lending team's log)
    OVERTIME = "overtime"  # person, hours, task


class MeasureKind(enum.StrEnum):
    KPI = "kpi"
    CONTROL = "control"
    OPERATIONAL = "operational"


class Direction(enum.StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Comparator(enum.StrEnum):
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


class Period(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"


class RollUp(enum.StrEnum):
    NONE = "none"
    SUM = "sum"
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"
    WORST = "worst"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
    MOVED = "moved"


class Stage(enum.StrEnum):
    """Improvement card stages, in board order."""

    INTAKE = "intake"
    PRIORITISATION = "prioritisation"
    PLAN = "plan"
    DO = "do"
    CHECK = "check"
    ACT = "act"
    STANDARD = "standard"
    PARKED = "parked"
    REJECTED = "rejected"


class CardEventKind(enum.StrEnum):
    CREATED = "created"
    MOVED = "moved"
    EDITED = "edited"
    OWNER_TAKEN = "owner_taken"
    COMMENT = "comment"
    LINKED = "linked"


class Role(enum.StrEnum):
    """Roles granted on an org unit; a grant covers the unit's whole subtree (``services.access``)."""

    VIEWER = "viewer"
    MEMBER = "member"
    LEADER = "leader"
    IMPROVEMENT_SUPPORTER = "improvement_supporter"
    ADMIN = "admin"


class PersonRole(enum.StrEnum):
    """What a person does in the team (shown on the boards, used by planning)."""

    HEAD = "head"
    TEAM_LEADER = "team_leader"
    MORTGAGE_CASE_HANDLER = "mortgage_case_handler"
    LOANS_CASE_HANDLER = "loans_case_handler"
    CUSTOMER_CONTACT = "customer_contact"
    FOLLOW_UP = "follow_up"
    BOARD_LEADER = "board_leader"
    IMPROVEMENT_SUPPORTER = "improvement_supporter"


class CardMoves(enum.StrEnum):
    """Who may move a team's improvement cards (a unit setting; a team inherits)."""

    TEAM = "team"  # anyone in the team
    OWNER = "owner"  # the card's owner, the improvement supporter and leaders


class AuditAction(enum.StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


ROLE_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.IMPROVEMENT_SUPPORTER: 2, Role.LEADER: 3, Role.ADMIN: 4}


@dataclass(frozen=True)
class Actor:
    """Who performs a write. Every service that writes takes one and stamps it on the audit log.

    ``grants`` are the (org unit id, role) pairs the person holds; ``None`` means a trusted
    caller (the command line, the demo seed, tests), which ``services.access`` lets through.
    """

    name: str
    user_id: int | None = None
    grants: frozenset[tuple[int, Role]] | None = None
    person_id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an actor needs a name")


SYSTEM = Actor("system")


class DomainError(Exception):
    """A write was refused for a reason the user can act on. ``message_key`` is a catalogue key."""

    def __init__(self, message: str, *, message_key: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.message_key = message_key
        self.params = params


class WriteCollided(DomainError):
    """The database refused a key of a write (a unique or foreign key) that every check before
    it let through, typically a write that raced another: ``error.collided`` unless the service
    knows what it means. ``detail`` is the database's own words, for logs and for telling which
    key it was."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "the change collides with one saved at the same moment; nothing was saved", message_key="error.collided"
        )
        self.detail = detail


@dataclass(frozen=True)
class RowError:
    """One invalid cell of a table the user submitted (data editor or import file).

    ``code`` is a catalogue key (``v.range`` …) and ``params`` its parameters, so the UI can
    say it in the user's language; ``message`` is the English text for logs and the CLI.
    """

    row: int  # 1-based, as a person counts rows
    field: str
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        from driftboard.i18n import t

        return t(self.code, lang, **dict(self.params))

    @property
    def message(self) -> str:
        return self.text("en")


class ValidationError(DomainError):
    """Input was invalid; ``errors`` names each row and field. Nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        summary = "; ".join(f"row {e.row}, {e.field}: {e.message}" for e in errors[:10])
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        rows = "1 invalid row" if len(errors) == 1 else f"{len(errors)} invalid rows"
        super().__init__(f"{rows}: {summary}{more}")


class NotFoundError(DomainError):
    pass


class AccessDenied(DomainError):
    """The acting user lacks the role the write needs on that org unit; nothing was written."""


@dataclass
class ConflictError(DomainError):
    """The row changed since the user loaded it; nothing was overwritten."""

    entity: str
    entity_id: int
    changed_by: str | None = None
    changed_fields: list[str] = field(default_factory=list)
    changed_at: dt.datetime | None = None  # when (UTC) the last change the person missed was made
    current: str | None = None  # the value as it is now, for a single-value row (a production cell)
    label: str | None = None  # which row, in words (a task and day)

    def __post_init__(self) -> None:
        who = self.changed_by or "someone else"
        what = ", ".join(self.changed_fields) or "it"
        DomainError.__init__(
            self,
            f"{self.entity} {self.entity_id} was changed by {who} ({what}) since you loaded it",
            message_key="error.conflict",
        )
