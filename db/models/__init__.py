"""SQLAlchemy models for the whole Driftboard domain, one module per concept, collected here.

Every model module imports ``Base`` from ``db.models.base`` (never from this package), and this
package imports every model module, so ``Base.metadata`` holds every table and no module imports
one that imports it back (``tests/test_layers.py``). Callers import models from ``db.models``.

Integrity is enforced by the database as well as by the domain: named CHECK constraints, foreign
keys, unique keys and indexes that match the boards' queries. Every editable row carries an
integer ``version`` used for optimistic locking (SQLAlchemy's ``version_id_col``), so a stale
update fails instead of silently overwriting someone else's change.
"""

from db.models.access import AccessToken, AuditEntry, ChangeStamp, InstallationSecret, RoleGrant, User
from db.models.base import NAMING_CONVENTION, Base, DayCount, Versioned, enum_check, enum_type, utcnow
from db.models.feeds import Intake, IntakeMeasure, Robot, RobotRun, RobotTask, StoredForecast
from db.models.goals import Action, Measure, MeasureValue
from db.models.improvement import CardEvent, CardLink, ErrorRegistration, ImprovementCard
from db.models.maturity import MaturityAssessment, MaturityScore
from db.models.operations import (
    Absence,
    Assignment,
    HoldingsSnapshot,
    PlanChange,
    PlannedVolumeOverride,
    Production,
    WeekPlan,
)
from db.models.organisation import Competence, JobRole, OrgUnit, Person, PlanningFactors, Task
from db.models.standards import (
    Confirmation,
    ConfirmationMeasures,
    Standard,
    StandardLevel,
    StandardTask,
    StandardVersion,
    TaskDuty,
    Training,
)
from db.models.tiers import Escalation
from db.models.workplace import WorkPlace

__all__ = [
    "NAMING_CONVENTION",
    "Absence",
    "AccessToken",
    "Action",
    "Assignment",
    "AuditEntry",
    "Base",
    "CardEvent",
    "CardLink",
    "ChangeStamp",
    "Competence",
    "Confirmation",
    "ConfirmationMeasures",
    "DayCount",
    "ErrorRegistration",
    "Escalation",
    "HoldingsSnapshot",
    "ImprovementCard",
    "InstallationSecret",
    "Intake",
    "IntakeMeasure",
    "JobRole",
    "MaturityAssessment",
    "MaturityScore",
    "Measure",
    "MeasureValue",
    "OrgUnit",
    "Person",
    "PlanChange",
    "PlannedVolumeOverride",
    "PlanningFactors",
    "Production",
    "Robot",
    "RobotRun",
    "RobotTask",
    "RoleGrant",
    "Standard",
    "StandardLevel",
    "StandardTask",
    "StandardVersion",
    "StoredForecast",
    "Task",
    "TaskDuty",
    "Training",
    "User",
    "Versioned",
    "WeekPlan",
    "WorkPlace",
    "enum_check",
    "enum_type",
    "utcnow",
]
