"""The maturity self-assessment."""

from __future__ import annotations

PREFIXES = ("maturity",)

TEXTS: dict[str, dict[str, str]] = {
    "maturity.assessment": {"en": "Assessment", "da": "Vurdering"},
    "maturity.assessment_label": {"en": "{date} · {who}", "da": "{date} · {who}"},
    "maturity.new": {"en": "New assessment", "da": "Ny vurdering"},
    "maturity.none_yet": {
        "en": "No assessment yet. Fill in the first one under “Assess”.",
        "da": "Endnu ingen vurdering. Udfyld den første under “Vurdér”.",
    },
    "maturity.assessed_on": {"en": "· assessed {date}", "da": "· vurderet {date}"},
    "maturity.compared_with": {
        "en": "Changes are against the previous assessment of {date}.",
        "da": "Ændringer er i forhold til den forrige vurdering fra {date}.",
    },
    "maturity.tab.results": {"en": "Results", "da": "Resultat"},
    "maturity.tab.assess": {"en": "Assess", "da": "Vurdér"},
    "maturity.tab.compare": {"en": "Compare and history", "da": "Sammenlign og historik"},
    "maturity.tab.excel": {"en": "Excel", "da": "Excel"},
    "maturity.results_after_save": {
        "en": "The results show once the assessment is saved.",
        "da": "Resultatet vises, når vurderingen er gemt.",
    },
    "maturity.total": {"en": "Total", "da": "I alt"},
    "maturity.total_of": {"en": "{total} of {max}", "da": "{total} af {max}"},
    "maturity.change_points": {"en": "{points} points", "da": "{points} point"},
    "maturity.total_help": {
        "en": "Each of the 31 practices scores 1–5 points: 155 in all.",
        "da": "Hver af de 31 praksisser giver 1–5 point: 155 i alt.",
    },
    "maturity.plateau_avg": {"en": "Plateau {plateau}: {name}", "da": "Plateau {plateau}: {name}"},
    "maturity.plateau_n": {"en": "Plateau {plateau}", "da": "Plateau {plateau}"},
    "maturity.next_steps": {"en": "Next steps", "da": "Næste skridt"},
    "maturity.next_steps_help": {
        "en": "Plateau-1 practices below “common standardised” come first; when none is left, the lowest of plateau 2.",
        "da": "Praksisser på plateau 1 under “fælles standardiseret” kommer først; "
        "når der ikke er flere, de laveste på plateau 2.",
    },
    "maturity.next.none": {
        "en": "Every practice is at the highest level.",
        "da": "Alle praksisser er på det højeste niveau.",
    },
    "maturity.by_discipline": {"en": "By discipline", "da": "Pr. disciplin"},
    "maturity.changed_practices": {
        "en": "Practices changed since the previous assessment ({count})",
        "da": "Praksisser ændret siden den forrige vurdering ({count})",
    },
    "maturity.no_practice_changed": {
        "en": "No practice changed level.",
        "da": "Ingen praksis har skiftet niveau.",
    },
    "maturity.col.level": {"en": "Level", "da": "Niveau"},
    "maturity.col.description": {"en": "What it means", "da": "Hvad det betyder"},
    "maturity.col.discipline": {"en": "Discipline", "da": "Disciplin"},
    "maturity.col.points": {"en": "Points", "da": "Point"},
    "maturity.col.average": {"en": "Average level", "da": "Gennemsnitligt niveau"},
    "maturity.col.change": {"en": "Change", "da": "Ændring"},
    "maturity.col.practice": {"en": "Practice", "da": "Praksis"},
    "maturity.col.plateau": {"en": "Plateau", "da": "Plateau"},
    "maturity.col.now": {"en": "Now", "da": "Nu"},
    "maturity.col.target": {"en": "Target level", "da": "Målniveau"},
    "maturity.col.note": {"en": "Note", "da": "Bemærkning"},
    "maturity.col.evidence": {"en": "Evidence link", "da": "Link til dokumentation"},
    "maturity.col.date": {"en": "Assessment date", "da": "Vurderingsdato"},
    "maturity.col.assessed_by": {"en": "Assessed by", "da": "Vurderet af"},
    "maturity.assessed_by_help": {
        "en": "Who took part, e.g. the team with its leader",
        "da": "Hvem deltog, fx teamet med dets leder",
    },
    "maturity.levels": {"en": "The five levels", "da": "De fem niveauer"},
    "maturity.choose_level": {"en": "Choose a level", "da": "Vælg et niveau"},
    "maturity.new_from": {
        "en": "Starts from the levels of {date}; change what has moved since.",
        "da": "Starter fra niveauerne fra {date}; ret det, der har flyttet sig siden.",
    },
    "maturity.missing": {
        "en": "{count} practices still need a level.",
        "da": "{count} praksisser mangler stadig et niveau.",
    },
    "maturity.missing.one": {"en": "1 practice still needs a level.", "da": "1 praksis mangler stadig et niveau."},
    "maturity.save": {"en": "Save assessment", "da": "Gem vurdering"},
    "maturity.saved": {"en": "The assessment was saved.", "da": "Vurderingen er gemt."},
    "maturity.card.heading": {"en": "Lift a practice", "da": "Løft en praksis"},
    "maturity.card.no_team": {
        "en": "There is no team here to give an improvement card to.",
        "da": "Der er intet team her at give et forbedringskort til.",
    },
    "maturity.card.title": {"en": "Lift “{practice}” to {target}", "da": "Løft “{practice}” til {target}"},
    "maturity.card.problem": {
        "en": "“{practice}” was assessed at {level} on {date}. Target: {target}.",
        "da": "“{practice}” blev vurderet til {level} den {date}. Mål: {target}.",
    },
    "maturity.card.create": {"en": "Create improvement card", "da": "Opret forbedringskort"},
    "maturity.card.created": {
        "en": "Card #{card} is in the team's Intake.",
        "da": "Kort #{card} ligger i teamets Indbakke.",
    },
    "maturity.compare.heading": {"en": "The teams side by side", "da": "Teamene side om side"},
    "maturity.compare.none": {
        "en": "None of the teams here has an assessment yet.",
        "da": "Ingen af teamene her har endnu en vurdering.",
    },
    "maturity.compare.dates": {"en": "Latest assessments: {dates}", "da": "Seneste vurderinger: {dates}"},
    "maturity.history.heading": {"en": "{org} over time", "da": "{org} over tid"},
    "maturity.history.one": {
        "en": "The history shows from the second assessment.",
        "da": "Historikken vises fra den anden vurdering.",
    },
    "maturity.history.total": {"en": "Total of 155", "da": "I alt af 155"},
    "maturity.history.plateaus": {"en": "Average level per plateau", "da": "Gennemsnitligt niveau pr. plateau"},
    "maturity.excel_help": {
        "en": "Export the assessment, fill in or change the levels in Excel and import it again: all rows or none.",
        "da": "Eksportér vurderingen, udfyld eller ret niveauerne i Excel og importér den igen: "
        "alle rækker eller ingen.",
    },
    "maturity.export": {"en": "Export to Excel", "da": "Eksportér til Excel"},
    "maturity.file_name": {"en": "maturity", "da": "modenhed"},
    "maturity.imported": {
        "en": "The assessment of {date} was imported.",
        "da": "Vurderingen fra {date} er importeret.",
    },
    # the workbook's headers and sheets (the import reads the Danish headers too)
    "maturity.xl.sheet": {"en": "assessment", "da": "vurdering"},
    "maturity.xl.levels": {"en": "levels", "da": "niveauer"},
    "maturity.xl.practice": {"en": "practice", "da": "praksis"},
    "maturity.xl.discipline": {"en": "discipline", "da": "disciplin"},
    "maturity.xl.name": {"en": "name", "da": "navn"},
    "maturity.xl.plateau": {"en": "plateau", "da": "plateau"},
    "maturity.xl.level": {"en": "level", "da": "niveau"},
    "maturity.xl.note": {"en": "note", "da": "bemærkning"},
    "maturity.xl.evidence": {"en": "evidence", "da": "dokumentation"},
    "maturity.xl.description": {"en": "description", "da": "beskrivelse"},
    # refusals
    "maturity.err.unknown_practice": {
        "en": "“{value}” is not a practice of the maturity model",
        "da": "“{value}” er ikke en praksis i modenhedsmodellen",
    },
    "maturity.err.duplicate_practice": {
        "en": "the same practice as row {row}",
        "da": "samme praksis som række {row}",
    },
    "maturity.err.missing_practices": {
        "en": "these practices have no row: {keys}",
        "da": "disse praksisser har ingen række: {keys}",
    },
    "maturity.err.too_long": {"en": "at most {limit} characters", "da": "højst {limit} tegn"},
    "maturity.err.needs_assessor": {
        "en": "Say who made the assessment.",
        "da": "Angiv, hvem der har lavet vurderingen.",
    },
    "maturity.err.future": {
        "en": "An assessment cannot be dated in the future.",
        "da": "En vurdering kan ikke dateres i fremtiden.",
    },
    "maturity.err.date_taken": {
        "en": "There is already an assessment of this org unit on {date}; choose it to change it.",
        "da": "Der er allerede en vurdering af denne organisatoriske enhed den {date}; vælg den for at rette den.",
    },
    "maturity.err.team_not_under": {
        "en": "The card must go to the assessed team or a team under the assessed department or unit.",
        "da": "Kortet skal gå til det vurderede team eller et team under den vurderede afdeling eller enhed.",
    },
    "maturity.err.target": {
        "en": "The target level must be above the current level {level}.",
        "da": "Målniveauet skal være over det nuværende niveau {level}.",
    },
}
