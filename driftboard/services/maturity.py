"""The maturity self-assessment: dated assessments of an org unit, their results over time, the
teams of a department side by side, and an improvement card from a practice.

A leader of the org unit (or above it) assesses; every save is versioned on the assessment, so
of two people saving the same assessment the second is told who saved it meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import AuditEntry, OrgUnit, utcnow
from db.models.maturity import MaturityAssessment, MaturityScore
from driftboard import clock
from driftboard.domain import Actor, AuditAction, ConflictError, DomainError, OrgLevel, Role, RowError, ValidationError
from driftboard.improvement import CardOrigin
from driftboard.maturity import (
    EVIDENCE_TEXT,
    LEVELS,
    NOTE_TEXT,
    HistoryPoint,
    MaturityModel,
    Score,
    load_model,
    validate_workbook,
)
from driftboard.maturity import history as history_points
from driftboard.services import access, improvement, org, scope
from driftboard.services.common import check_text, check_version, column_limit, get_or_404, read_file

ASSESSMENT_TURNS = 21  # take_turns namespace: maturity assessments, keyed by org unit id


def model() -> MaturityModel:
    """The maturity model the unit uses (``sample_data/maturity_model.yaml``)."""
    return load_model()


@dataclass(frozen=True)
class AssessmentView:
    id: int
    org_unit_id: int
    assessed_on: dt.date
    assessed_by: str
    note: str
    version: int
    scores: Mapping[str, Score]

    @property
    def levels(self) -> dict[str, int]:
        return {k: s.level for k, s in self.scores.items()}


def _views(s: Session, rows: list[MaturityAssessment]) -> list[AssessmentView]:
    ids = [a.id for a in rows]
    scores: dict[int, dict[str, Score]] = {i: {} for i in ids}
    if ids:
        for sc in s.scalars(select(MaturityScore).where(MaturityScore.assessment_id.in_(ids))):
            scores[sc.assessment_id][sc.practice] = Score(sc.level, sc.note, sc.evidence)
    return [
        AssessmentView(a.id, a.org_unit_id, a.assessed_on, a.assessed_by, a.note, a.version, scores[a.id]) for a in rows
    ]


def assessments(org_unit_id: int, engine: Engine | None = None) -> list[AssessmentView]:
    """The org unit's assessments, newest first."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        rows = s.scalars(
            select(MaturityAssessment)
            .where(MaturityAssessment.org_unit_id == org_unit_id)
            .order_by(MaturityAssessment.assessed_on.desc())
        ).all()
        return _views(s, list(rows))


def previous(found: list[AssessmentView], current: AssessmentView) -> AssessmentView | None:
    """The assessment before ``current`` (``found`` newest first, as ``assessments`` gives)."""
    earlier = [a for a in found if a.assessed_on < current.assessed_on]
    return earlier[0] if earlier else None


def unit_history(org_unit_id: int, engine: Engine | None = None) -> list[HistoryPoint]:
    """Total and plateau averages of each of the org unit's complete assessments, oldest first."""
    m = model()
    keys = {p.key for p in m.practices}
    return history_points(
        m, [(a.assessed_on, a.levels) for a in assessments(org_unit_id, engine) if set(a.levels) == keys]
    )


@dataclass(frozen=True)
class TeamAssessment:
    team_id: int
    team: str
    assessment: AssessmentView | None  # the team's latest, None when it has none


def teams_latest(org_unit_id: int, engine: Engine | None = None) -> list[TeamAssessment]:
    """The latest assessment of every team under ``org_unit_id`` (a department's or the unit's
    teams; a team alone), in tree order, for comparing them side by side."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        root = get_or_404(s, OrgUnit, org_unit_id)
        ids = [root.id] if root.level is OrgLevel.TEAM else org.descendant_ids(s, root.id, OrgLevel.TEAM)
        teams = {o.id: o for o in s.scalars(select(OrgUnit).where(OrgUnit.id.in_(ids), OrgUnit.active))}
        rows = s.scalars(
            select(MaturityAssessment)
            .where(MaturityAssessment.org_unit_id.in_(list(teams)))
            .order_by(MaturityAssessment.assessed_on.desc())
        ).all()
        latest: dict[int, MaturityAssessment] = {}
        for a in rows:
            latest.setdefault(a.org_unit_id, a)
        views = {v.org_unit_id: v for v in _views(s, list(latest.values()))}
    return [TeamAssessment(i, teams[i].name, views.get(i)) for i in ids if i in teams]


# --------------------------------------------------------------------------- writes


def _check_scores(m: MaturityModel, scores: Mapping[str, Score]) -> None:
    """Every practice of the model has a level 1–5 and nothing else is scored; notes and
    evidence links within their length. Each problem names the practice's row (model order)."""
    errors: list[RowError] = []
    for row, practice in enumerate(m.practices, start=1):
        score = scores.get(practice.key)
        if score is None or score.level not in LEVELS:
            errors.append(RowError(row, practice.key, "v.range", (("low", 1), ("high", 5))))
            continue
        if len(score.note) > NOTE_TEXT:
            errors.append(RowError(row, practice.key, "maturity.err.too_long", (("limit", NOTE_TEXT),)))
        if len(score.evidence) > EVIDENCE_TEXT:
            errors.append(RowError(row, practice.key, "maturity.err.too_long", (("limit", EVIDENCE_TEXT),)))
    unknown = sorted(set(scores) - {p.key for p in m.practices})
    errors.extend(RowError(0, "practice", "maturity.err.unknown_practice", (("value", key),)) for key in unknown)
    if errors:
        raise ValidationError(errors)


def _levels_touched(s: Session, assessment_id: int, since_version: int) -> bool:
    """Whether a save after ``since_version`` changed levels, notes or evidence (such a save
    touches the assessment without changing its own columns: an audit entry without a field)."""
    return (
        s.scalar(
            select(AuditEntry.id)
            .where(
                AuditEntry.entity == MaturityAssessment.__tablename__,
                AuditEntry.entity_id == assessment_id,
                AuditEntry.row_version > since_version,
                AuditEntry.action == AuditAction.UPDATE,
                AuditEntry.field.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def _save_assessment(
    s: Session,
    org_unit_id: int,
    *,
    assessed_on: dt.date,
    assessed_by: str,
    scores: Mapping[str, Score],
    note: str,
    assessment_id: int | None,
    seen_version: int | None,
) -> tuple[int, int]:
    m = model()
    assessed_by = assessed_by.strip()
    if not assessed_by:
        raise DomainError("say who made the assessment", message_key="maturity.err.needs_assessor")
    check_text(assessed_by, "assessed_by", column_limit(MaturityAssessment, "assessed_by"))
    check_text(note, "note", NOTE_TEXT, multiline=True)
    if assessed_on > clock.today():
        raise DomainError("an assessment cannot be dated in the future", message_key="maturity.err.future")
    scores = {k: Score(v.level, v.note.strip(), v.evidence.strip()) for k, v in scores.items()}
    _check_scores(m, scores)
    get_or_404(s, OrgUnit, org_unit_id)
    take_turns(s, ASSESSMENT_TURNS, {org_unit_id})  # two first assessments of a day: the second is told
    same_day = s.scalar(
        select(MaturityAssessment.id).where(
            MaturityAssessment.org_unit_id == org_unit_id, MaturityAssessment.assessed_on == assessed_on
        )
    )
    if same_day is not None and same_day != assessment_id:
        raise DomainError(
            "the org unit already has an assessment on that day",
            message_key="maturity.err.date_taken",
            date=assessed_on.isoformat(),
        )
    if assessment_id is None:
        assessment = MaturityAssessment(
            org_unit_id=org_unit_id, assessed_on=assessed_on, assessed_by=assessed_by, note=note.strip()
        )
        s.add(assessment)
        s.flush()
        existing: dict[str, MaturityScore] = {}
    else:
        assessment = get_or_404(s, MaturityAssessment, assessment_id)
        if assessment.org_unit_id != org_unit_id:
            raise DomainError("the assessment belongs to another org unit", message_key="error.not_found")
        try:
            check_version(s, assessment, seen_version)
        except ConflictError as error:
            error.label = get_or_404(s, OrgUnit, org_unit_id).name  # "… of Loan Service was changed by …"
            if _levels_touched(s, assessment.id, seen_version or 0):
                error.changed_fields = [*error.changed_fields, "scores"]
            raise
        assessment.assessed_on = assessed_on
        assessment.assessed_by = assessed_by
        assessment.note = note.strip()
        existing = {
            sc.practice: sc
            for sc in s.scalars(select(MaturityScore).where(MaturityScore.assessment_id == assessment.id))
        }
    changed = False
    for key, score in scores.items():
        row = existing.get(key)
        if row is None:
            s.add(MaturityScore(assessment_id=assessment.id, practice=key, **vars(score)))
            changed = True
        elif (row.level, row.note, row.evidence) != (score.level, score.note, score.evidence):
            row.level, row.note, row.evidence = score.level, score.note, score.evidence
            changed = True
    if changed and assessment_id is not None:
        assessment.updated_at = utcnow()  # bumps the version: the scores are part of the assessment
    s.flush()
    return assessment.id, assessment.version


def save_assessment(
    actor: Actor,
    org_unit_id: int,
    *,
    assessed_on: dt.date,
    assessed_by: str,
    scores: Mapping[str, Score],
    note: str = "",
    assessment_id: int | None = None,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> tuple[int, int]:
    """Create an assessment (``assessment_id`` None) or save changes to one, refused when it was
    saved by someone else after ``seen_version``. Needs a level for every practice. Returns the
    assessment's id and new version."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, org_unit_id, what="maturity assessment")
        return _save_assessment(
            s,
            org_unit_id,
            assessed_on=assessed_on,
            assessed_by=assessed_by,
            scores=scores,
            note=note,
            assessment_id=assessment_id,
            seen_version=seen_version,
        )


def import_assessment(
    actor: Actor,
    org_unit_id: int,
    data: bytes,
    filename: str,
    *,
    assessed_on: dt.date,
    assessed_by: str,
    engine: Engine | None = None,
) -> tuple[int, int]:
    """Read a filled assessment workbook (the export's shape; XLSX or CSV) and save it as the
    org unit's assessment of ``assessed_on`` (replacing that day's levels when it exists). All
    rows or none: every bad row is named with its number and reason."""
    m = model()
    scores, errors = validate_workbook(m, read_file(data, filename))
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, org_unit_id, what="maturity import")
        same_day = s.scalar(
            select(MaturityAssessment).where(
                MaturityAssessment.org_unit_id == org_unit_id, MaturityAssessment.assessed_on == assessed_on
            )
        )
        return _save_assessment(
            s,
            org_unit_id,
            assessed_on=assessed_on,
            assessed_by=assessed_by,
            scores=scores,
            note=same_day.note if same_day else "",
            assessment_id=same_day.id if same_day else None,
            seen_version=None,
        )


def create_card_from_practice(
    actor: Actor,
    assessment_id: int,
    practice: str,
    team_id: int,
    *,
    title: str,
    target_level: int,
    problem: str = "",
    proposer_id: int | None = None,
    idempotency_key: str | None = None,
    engine: Engine | None = None,
) -> int:
    """An improvement card in the Intake of ``team_id`` (the assessed team, or one under the
    assessed department or unit) to lift ``practice`` from its assessed level to
    ``target_level``; the card records the practice and both levels. Returns the card id."""
    m = model()
    if practice not in {p.key for p in m.practices}:
        raise DomainError(f"unknown practice {practice}", message_key="maturity.err.unknown_practice", value=practice)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="card from maturity practice")
        assessment = get_or_404(s, MaturityAssessment, assessment_id)
        root = get_or_404(s, OrgUnit, assessment.org_unit_id)
        allowed = [root.id] if root.level is OrgLevel.TEAM else org.descendant_ids(s, root.id, OrgLevel.TEAM)
        if team_id not in allowed:
            raise DomainError("the team is not under the assessed org unit", message_key="maturity.err.team_not_under")
        level = s.scalar(
            select(MaturityScore.level).where(
                MaturityScore.assessment_id == assessment_id, MaturityScore.practice == practice
            )
        )
        if level is None:
            raise DomainError("the practice has no level", message_key="maturity.err.unknown_practice", value=practice)
        if not (level < target_level <= max(LEVELS)):
            raise DomainError(
                "the target must be above the current level",
                message_key="maturity.err.target",
                level=level,
            )
        return improvement._create_card(
            s,
            actor,
            team_id,
            title=title,
            problem=problem,
            proposer_id=proposer_id,
            origin_kind=CardOrigin.MATURITY.value,
            origin_params={
                "practice": practice,
                "level": level,
                "target": target_level,
                "assessment_id": assessment.id,
                "org": root.name,
                "assessed_on": assessment.assessed_on.isoformat(),
            },
            idempotency_key=idempotency_key,
        )
