"""Catalogue entries of the unit's settings (inherited down the org tree), its job roles,
borrowed people in the competence matrix and the import messages that name the choices.
Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

SETTINGS_CATALOGUE: dict[str, dict[str, str]] = {
    # imports: what the file could have said
    "v.unknown_team_choices": {
        "en": "there is no team “{value}”; the teams are: {choices}",
        "da": "der findes intet team “{value}”; teamene er: {choices}",
    },
    "v.unknown_task_choices": {
        "en": "team “{team}” has no task “{value}”; its tasks are: {choices}",
        "da": "teamet “{team}” har ingen opgave “{value}”; dets opgaver er: {choices}",
    },
    "v.unknown_org_choices": {
        "en": "there is no unit, department or team “{value}”; they are: {choices}",
        "da": "der findes ingen enhed, afdeling eller team “{value}”; de er: {choices}",
    },
    "v.unknown_measure_choices": {
        "en": "“{unit}” has no measure “{value}”; its measures are: {choices}",
        "da": "“{unit}” har ingen måling “{value}”; dens målinger er: {choices}",
    },
    "v.period_week": {
        "en": "“{value}” is not a period of “{measure}”, which is measured weekly: use a week such as 2026-W47 "
        "or a date in it",
        "da": "“{value}” er ikke en periode for “{measure}”, som måles ugentligt: brug en uge som 2026-W47 "
        "eller en dato i den",
    },
    "v.period_month": {
        "en": "“{value}” is not a period of “{measure}”, which is measured monthly: use a month such as "
        "2026-11 or a date in it",
        "da": "“{value}” er ikke en periode for “{measure}”, som måles månedligt: brug en måned som 2026-11 "
        "eller en dato i den",
    },
}
