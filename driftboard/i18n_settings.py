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

SETTINGS_CATALOGUE.update(
    {
        "us.settings": {"en": "Settings", "da": "Indstillinger"},
        "us.job_roles": {"en": "Job roles", "da": "Jobroller"},
        "set.help_unit": {
            "en": "The unit's settings hold for its departments and teams unless they override them.",
            "da": "Enhedens indstillinger gælder for dens afdelinger og teams, medmindre de tilsidesætter dem.",
        },
        "set.help_override": {
            "en": "Switch “Own value” on to override a setting here; off, it is inherited from above.",
            "da": "Slå “Egen værdi” til for at tilsidesætte en indstilling her; fra arves den ovenfra.",
        },
        "set.override": {"en": "Own value", "da": "Egen værdi"},
        "set.own": {"en": "set by {name}", "da": "sat af {name}"},
        "set.inherited": {"en": "inherited from {source}", "da": "arvet fra {source}"},
        "set.default": {"en": "the product's default", "da": "produktets standard"},
        "set.save": {"en": "Save settings", "da": "Gem indstillinger"},
        "set.saved": {"en": "Settings of {name} saved.", "da": "Indstillingerne for {name} er gemt."},
        "set.save_factors": {"en": "Save planning factors", "da": "Gem planlægningsfaktorer"},
        "set.factors_saved": {
            "en": "Planning factors of {name} saved.",
            "da": "Planlægningsfaktorerne for {name} er gemt.",
        },
        "set.language": {"en": "Language", "da": "Sprog"},
        "set.language.da": {"en": "Danish", "da": "Dansk"},
        "set.language.en": {"en": "English", "da": "Engelsk"},
        "set.status_tolerance_pct": {"en": "Status tolerance (%)", "da": "Statustolerance (%)"},
        "set.refresh_seconds": {"en": "Screen refresh (seconds)", "da": "Skærmopdatering (sekunder)"},
        "set.meeting_time": {"en": "Board meeting at", "da": "Tavlemøde kl."},
        "set.meeting_minutes": {"en": "Board meeting length (minutes)", "da": "Tavlemødets længde (minutter)"},
        "set.competence_margin_fte": {
            "en": "Competence margin (FTE)",
            "da": "Kompetencemargin (årsværk)",
        },
        "set.wip_limits": {"en": "WIP limits per stage", "da": "WIP-grænser pr. fase"},
        "set.escalation_order": {"en": "Escalation order", "da": "Eskaleringsrækkefølge"},
        "set.escalation_help": {
            "en": "The steps in the order they are tried: remove a step and pick it again to move it last.",
            "da": "Trinene i den rækkefølge, de prøves: fjern et trin og vælg det igen for at flytte det sidst.",
        },
        "set.today_rule": {"en": "Today's status", "da": "Dagens status"},
        "set.today_rule.pro_rata": {
            "en": "Against the plan pro-rated to the hour",
            "da": "Mod planen forholdsmæssigt til timen",
        },
        "set.today_rule.end_of_day": {"en": "Only after the working day", "da": "Først efter arbejdsdagen"},
        "set.work_day_start": {"en": "Working day starts", "da": "Arbejdsdagen starter"},
        "set.work_day_end": {"en": "Working day ends", "da": "Arbejdsdagen slutter"},
        "set.card_moves": {"en": "Who moves improvement cards", "da": "Hvem flytter forbedringskort"},
        "set.card_moves.team": {"en": "Anyone in the team", "da": "Alle i teamet"},
        "set.card_moves.owner": {
            "en": "The card's owner, the improvement supporter and leaders",
            "da": "Kortets ejer, forbedringssupporteren og ledere",
        },
        "set.err.time": {"en": "“{value}” is not a time of day", "da": "“{value}” er ikke et klokkeslæt"},
        "set.err.day_order": {
            "en": "the working day must end after it starts ({start})",
            "da": "arbejdsdagen skal slutte, efter den starter ({start})",
        },
        "set.roles_help": {
            "en": "The unit's own job roles, named in both languages. A role people hold cannot be removed: "
            "untick Active instead.",
            "da": "Enhedens egne jobroller, navngivet på begge sprog. En rolle, som medarbejdere har, kan ikke "
            "fjernes: fjern fluebenet i Aktiv i stedet.",
        },
        "set.role_da": {"en": "Name in Danish", "da": "Navn på dansk"},
        "set.role_en": {"en": "Name in English", "da": "Navn på engelsk"},
        "col.job_role": {"en": "Job role", "da": "Jobrolle"},
        # borrowed people in the competence matrix
        "plan.borrow_help": {
            "en": "Add someone from another team of the unit who is competent on one of this team's tasks: "
            "they join the matrix and are offered as a borrowing candidate when the team is short.",
            "da": "Tilføj en fra et andet team i enheden, som er kompetent i en af teamets opgaver: personen "
            "kommer med i matricen og foreslås til lån, når teamet mangler kapacitet.",
        },
        "plan.borrow_person": {"en": "Person from another team", "da": "Person fra et andet team"},
        "plan.borrow_add": {"en": "Add to the matrix as competent", "da": "Tilføj til matricen som kompetent"},
        "plan.borrow_added": {
            "en": "{person} is now competent on {task} in this team's matrix.",
            "da": "{person} er nu kompetent i {task} i teamets matrice.",
        },
        "comp.err.not_in_unit": {
            "en": "Only people of the unit's teams can be added to the matrix.",
            "da": "Kun medarbejdere i enhedens teams kan tilføjes til matricen.",
        },
    }
)
