"""What an import may name, said with the error: an unknown team lists the teams, an unknown task
the team's tasks, an unknown org unit or measure the valid ones. Pure: errors and the names that
exist in, errors that name the choices out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from driftboard.domain import RowError

MAX_CHOICES = 40  # a longer list is cut, with "…" at the end


@dataclass(frozen=True)
class Known:
    """The names an import file may use, by slug (keys casefolded slugs and names)."""

    teams: Mapping[str, str] = field(default_factory=dict)  # slug or name → team slug
    tasks: Mapping[str, Sequence[str]] = field(default_factory=dict)  # team slug → its task slugs
    orgs: Mapping[str, str] = field(default_factory=dict)  # slug or name → org slug
    measures: Mapping[str, Sequence[str]] = field(default_factory=dict)  # org slug → its measure slugs


# The codes the import validation uses, and the code that also names the choices.
_NAMED = {
    "v.unknown_ref": "v.unknown_team_choices",
    "v.unknown_task": "v.unknown_task_choices",
    "v.unknown_org": "v.unknown_org_choices",
    "v.unknown_measure": "v.unknown_measure_choices",
}


def listed(names: Iterable[str]) -> str:
    """``a, b, c`` in sorted order, cut after ``MAX_CHOICES``; ``–`` when there are none."""
    names = sorted(set(names))
    if not names:
        return "–"
    more = ", …" if len(names) > MAX_CHOICES else ""
    return ", ".join(names[:MAX_CHOICES]) + more


def name_choices(errors: Sequence[RowError], known: Known) -> list[RowError]:
    """Each unknown-team, -task, -org-unit or -measure error, with what the file could have said."""
    named = []
    for error in errors:
        code = _NAMED.get(error.code)
        if code is None:
            named.append(error)
            continue
        params = dict(error.params)
        if error.code == "v.unknown_ref":
            choices = listed(set(known.teams.values()))
        elif error.code == "v.unknown_task":
            team = known.teams.get(str(params.get("team", "")).casefold(), "")
            choices = listed(known.tasks.get(team, ()))
        elif error.code == "v.unknown_org":
            choices = listed(set(known.orgs.values()))
        else:
            org = known.orgs.get(str(params.get("unit", "")).casefold(), "")
            choices = listed(known.measures.get(org, ()))
        named.append(replace(error, code=code, params=(*error.params, ("choices", choices))))
    return named


def said_once(errors: Sequence[RowError], lang: str = "en") -> list[str]:
    """The errors as lines for a terminal (``row 3, team: …``): a list of choices is written out
    the first time only; a later error with the same list says "…" instead."""
    seen: set[object] = set()
    lines = []
    for error in errors:
        params = dict(error.params)
        choices = params.get("choices")
        if choices is not None:
            if (error.code, choices) in seen:
                params["choices"] = "…"
            seen.add((error.code, choices))
        text = replace(error, params=tuple(params.items())).text(lang)
        lines.append(f"row {error.row}, {error.field}: {text}")
    return lines
