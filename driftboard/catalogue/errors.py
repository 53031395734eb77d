"""Errors shared by pages, and validation messages of forms, grids and workbooks."""

from __future__ import annotations

PREFIXES = ("error", "v")

TEXTS: dict[str, dict[str, str]] = {
    # errors shared by pages
    "error.unknown_team": {
        "en": "There is no team “{slug}”. Pick one of: {choices}.",
        "da": "Der findes intet team “{slug}”. Vælg et af: {choices}.",
    },
    "error.not_found": {
        "en": "That no longer exists; reload the page.",
        "da": "Det findes ikke længere; genindlæs siden.",
    },
    "error.no_team": {"en": "There is no such team.", "da": "Det team findes ikke."},
    "error.row_gone": {
        "en": "A row you edited no longer exists; reload the page.",
        "da": "En række, du redigerede, findes ikke længere; genindlæs siden.",
    },
    "error.task_not_in_team": {
        "en": "A task does not belong to this team; reload the page.",
        "da": "En opgave hører ikke til dette team; genindlæs siden.",
    },
    "error.refused_by_database": {
        "en": "The database refused the change; nothing was saved.",
        "da": "Databasen afviste ændringen; intet blev gemt.",
    },
    # --- trust: access, sign-in, screen links, history (issue #11)
    "error.not_your_unit": {
        "en": "That belongs to a team or unit you have no role in.",
        "da": "Det hører til et team eller en enhed, du ikke har en rolle i.",
    },
    "error.access_denied": {
        "en": "You may not make this change here: it needs the {access} role for this team or unit. Nothing was saved.",
        "da": "Du må ikke foretage denne ændring her: den kræver rollen {access} for dette team eller denne enhed. Intet blev gemt.",
    },
    "error.collided": {
        "en": "Someone saved the same thing at the same moment; nothing of yours was saved. Reload the page to see theirs, then try again.",
        "da": "En anden gemte det samme i samme øjeblik; intet af dit blev gemt. Genindlæs siden for at se deres, og prøv så igen.",
    },
    "error.busy": {
        "en": "The database is busy; nothing was saved. Try again in a moment.",
        "da": "Databasen er optaget; intet blev gemt. Prøv igen om et øjeblik.",
    },
    "error.text_too_long": {
        "en": "{field} is too long: at most {limit} characters.",
        "da": "{field} er for lang: højst {limit} tegn.",
    },
    "v.control_char": {
        "en": "{field} holds an invisible control character ({char}); type or paste it again without it.",
        "da": "{field} indeholder et usynligt kontroltegn ({char}); skriv eller indsæt teksten igen uden det.",
    },
    "error.conflict": {
        "en": "{entity} was changed by {who} ({fields}) while you were editing. Nothing was overwritten; the current values are shown — make your change again.",
        "da": "{entity} blev ændret af {who} ({fields}), mens du redigerede. Intet blev overskrevet; de aktuelle værdier vises — foretag din ændring igen.",
    },
    "error.invalid_rows": {
        "en": "Nothing was saved: {count} rows are invalid.",
        "da": "Intet blev gemt: {count} rækker er ugyldige.",
    },
    "error.invalid_rows.one": {
        "en": "Nothing was saved: 1 row is invalid.",
        "da": "Intet blev gemt: 1 række er ugyldig.",
    },
    "error.row": {"en": "Row {row}, {field}: {message}", "da": "Række {row}, {field}: {message}"},
    # validation messages (the domain raises them with these keys)
    "v.required": {"en": "is required", "da": "skal udfyldes"},
    "v.range": {"en": "must be between {low} and {high}", "da": "skal være mellem {low} og {high}"},
    "v.positive": {"en": "must be greater than 0", "da": "skal være større end 0"},
    "v.nonneg": {"en": "must be 0 or more", "da": "skal være 0 eller mere"},
    "v.integer": {"en": "must be a whole number", "da": "skal være et helt tal"},
    "v.number": {"en": "must be a number", "da": "skal være et tal"},
    "v.duplicate": {"en": "“{value}” appears more than once", "da": "“{value}” forekommer mere end én gang"},
    "v.slug": {
        "en": "may only hold lowercase letters, digits and hyphens",
        "da": "må kun indeholde små bogstaver, tal og bindestreger",
    },
    "v.unknown": {"en": "“{value}” is not one of: {choices}", "da": "“{value}” er ikke en af: {choices}"},
    "v.date": {
        "en": "“{value}” is not a date (use 2026-11-28 or 28-11-2026)",
        "da": "“{value}” er ikke en dato (brug 2026-11-28 eller 28-11-2026)",
    },
    "v.file_type": {"en": "“{name}” is not a CSV or XLSX file", "da": "“{name}” er ikke en CSV- eller XLSX-fil"},
    "v.empty_file": {"en": "the file has no data rows", "da": "filen har ingen datarækker"},
    "v.bad_xlsx": {"en": "the Excel file cannot be read ({detail})", "da": "Excel-filen kan ikke læses ({detail})"},
    "v.file_too_large": {
        "en": "the file is {size}; an import may be at most {limit} (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_BYTES)",
        "da": "filen fylder {size}; en import må højst fylde {limit} (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_BYTES)",
    },
    "v.too_many_rows": {
        "en": "the file has {rows} rows; an import may have at most {limit} (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_ROWS)",
        "da": "filen har {rows} rækker; en import må højst have {limit} (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_ROWS)",
    },
    "v.xlsx_members": {
        "en": "the Excel file has {count} parts; a workbook may have at most {limit} (save it again from Excel)",
        "da": "Excel-filen har {count} dele; en projektmappe må højst have {limit} (gem den igen fra Excel)",
    },
    "v.xlsx_unpacked": {
        "en": "the Excel file unpacks to {size}; an import may unpack to at most {limit} (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_UNPACKED_BYTES)",
        "da": "Excel-filen fylder {size} udpakket; en import må højst fylde {limit} udpakket (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_UNPACKED_BYTES)",
    },
    "v.xlsx_strings": {
        "en": "the Excel file's texts unpack to {size}; at most {limit} (split the file)",
        "da": "Excel-filens tekster fylder {size} udpakket; højst {limit} (del filen op)",
    },
    "v.xlsx_cells": {
        "en": "the Excel file has more than {limit} cells (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_CELLS)",
        "da": "Excel-filen har flere end {limit} celler (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_CELLS)",
    },
    "v.xlsx_slow": {
        "en": "the Excel file took more than {seconds} seconds to read (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_SECONDS)",
        "da": "Excel-filen tog mere end {seconds} sekunder at læse (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_SECONDS)",
    },
    "v.not_text": {
        "en": "the file is not text: save it from Excel as CSV or XLSX",
        "da": "filen er ikke tekst: gem den fra Excel som CSV eller XLSX",
    },
    "v.not_table": {"en": "the file is not a table ({detail})", "da": "filen er ikke en tabel ({detail})"},
    "error.unexpected": {
        "en": "Something went wrong and nothing was saved. Error id {error_id}: give it to your administrator, who finds the details in the server log.",
        "da": "Noget gik galt, og intet blev gemt. Fejl-id {error_id}: giv det til din administrator, som finder detaljerne i serverloggen.",
    },
    "v.missing_column": {
        "en": "column missing; the file needs the columns {columns}",
        "da": "kolonnen mangler; filen skal have kolonnerne {columns}",
    },
    "v.unknown_ref": {"en": "there is no team “{value}”", "da": "der findes intet team “{value}”"},
    "v.unknown_task": {"en": "team “{team}” has no task “{value}”", "da": "teamet “{team}” har ingen opgave “{value}”"},
    "v.date_window": {
        "en": "{value} lies outside the dates that can be entered ({low} to {high})",
        "da": "{value} ligger uden for de datoer, der kan indtastes ({low} til {high})",
    },
    "v.before_first_day": {
        "en": "{value} lies before {org}'s first day, {first_day}; an administrator can move the first day "
        "earlier on the unit settings page",
        "da": "{value} ligger før {org}s første dag, {first_day}; en administrator kan flytte den første dag "
        "tidligere på siden Enhedsindstillinger",
    },
    "v.future_date": {"en": "{value} is in the future", "da": "{value} ligger i fremtiden"},
    "v.duplicate_row": {
        "en": "the same team, task and date as row {row}",
        "da": "samme team, opgave og dato som række {row}",
    },
    "v.unknown_org": {
        "en": "there is no unit, department or team “{value}”",
        "da": "der findes ingen enhed, afdeling eller team “{value}”",
    },
    "v.unknown_measure": {"en": "“{unit}” has no measure “{value}”", "da": "“{unit}” har ingen måling “{value}”"},
    "v.period": {
        "en": "“{value}” is not a period of the measure (use 2026-W47, 2026-11 or a date)",
        "da": "“{value}” er ikke en periode for målingen (brug 2026-W47, 2026-11 eller en dato)",
    },
    "v.profile": {"en": "the target profile cannot be read: {detail}", "da": "målprofilen kan ikke læses: {detail}"},
    "v.cf_exceeds_daily": {
        "en": "customer-facing hours cannot exceed daily hours ({daily})",
        "da": "kundevendte timer kan ikke overstige de daglige timer ({daily})",
    },
    "v.in_use": {
        "en": "cannot be removed: it has {what}; untick Active instead",
        "da": "kan ikke fjernes: den har {what}; fjern i stedet fluebenet i Aktiv",
    },
    "error.unknown_unit": {
        "en": "There is no unit, department or team “{slug}”. Pick one of: {choices}.",
        "da": "Der findes ingen enhed, afdeling eller team “{slug}”. Vælg en af: {choices}.",
    },
    "v.no_sheets": {
        "en": "the workbook has none of the sheets {sheets}",
        "da": "projektmappen har ingen af arkene {sheets}",
    },
    "v.unknown_person": {
        "en": "there is no person with employee id “{value}” (add them on the people sheet)",
        "da": "der er ingen medarbejder med medarbejdernr. “{value}” (tilføj dem på arket medarbejdere)",
    },
    "v.not_your_person": {
        "en": "employee id “{value}” belongs to a person who is not in your units; nothing of theirs is changed here",
        "da": "medarbejdernr. “{value}” tilhører en medarbejder, der ikke er i dine enheder; intet af deres ændres her",
    },
    "v.other_unit": {
        "en": "team “{value}” belongs to another unit than the person",
        "da": "teamet “{value}” hører til en anden enhed end medarbejderen",
    },
    "v.holdings_sum": {
        "en": "due today plus over the service goal ({sum}) is more than the open cases ({open})",
        "da": "skal løses i dag plus over servicemål ({sum}) er flere end de åbne sager ({open})",
    },
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
    "error.conflict_at": {
        "en": "{entity} {label} was changed by {who} at {time} ({fields}) after your page showed it. "
        "Nothing was overwritten.",
        "da": "{entity} {label} blev ændret af {who} kl. {time} ({fields}), efter din side viste det. "
        "Intet blev overskrevet.",
    },
    "error.conflict_at_unsaid": {
        "en": "{entity} {label} was changed by {who} at {time} after your page showed it. Nothing was overwritten.",
        "da": "{entity} {label} blev ændret af {who} kl. {time}, efter din side viste det. Intet blev overskrevet.",
    },
    "error.conflict_unsaid": {
        "en": "{entity} was changed by {who} while you were editing. Nothing was overwritten; the current values are shown — make your change again.",
        "da": "{entity} blev ændret af {who}, mens du redigerede. Intet blev overskrevet; de aktuelle værdier vises — foretag din ændring igen.",
    },
    "error.conflict_now": {
        "en": "It is now {current}. Make your change again if it is still needed.",
        "da": "Det er nu {current}. Foretag din ændring igen, hvis den stadig er nødvendig.",
    },
    # validation of fed rows (shared with the file imports)
    "v.rows_shape": {
        "en": "rows must be a list of objects, one per row",
        "da": "rows skal være en liste af objekter, ét pr. række",
    },
    "v.moment": {
        "en": "{value} is not a time; write e.g. 2026-11-27T09:41:00Z",
        "da": "{value} er ikke et tidspunkt; skriv fx 2026-11-27T09:41:00Z",
    },
    "v.moment_future": {
        "en": "{value} is in the future; send the time in UTC (…Z) or with its offset (e.g. …+01:00)",
        "da": "{value} ligger i fremtiden; send tidspunktet i UTC (…Z) eller med forskydning (fx …+01:00)",
    },
    "v.ambiguous_person": {
        "en": "“{value}” is the name of {count} people of the unit; give them different names first",
        "da": "“{value}” er navnet på {count} personer i enheden; giv dem først forskellige navne",
    },
    # workbooks: a cell that does not hold its value as meant
    "v.formula_no_result": {
        "en": "the formula in cell {cell} ({formula}) has no stored result — the file was saved without "
        "calculating it (by a script, or by Excel set to manual calculation): open and save the file in "
        "Excel, then import it again",
        "da": "formlen i celle {cell} ({formula}) har intet gemt resultat — filen blev gemt uden at beregne "
        "den (af et program eller af Excel med manuel beregning): åbn og gem filen i Excel, og importér den "
        "igen",
    },
    "v.cell_error": {
        "en": "cell {cell} shows the Excel error {value}: correct the formula or the value",
        "da": "cellen {cell} viser Excel-fejlen {value}: ret formlen eller værdien",
    },
    "v.same_as_row": {
        "en": "“{value}” is already on row {other}",
        "da": "“{value}” står allerede i række {other}",
    },
    "v.same_person_name": {
        "en": "team “{team}” already has a person named “{value}” (employee id {other}); two people of a "
        "team need different names",
        "da": "teamet “{team}” har allerede en medarbejder med navnet “{value}” (medarbejdernr. {other}); to "
        "medarbejdere i et team skal have forskellige navne",
    },
    "v.same_task_name": {
        "en": "team “{team}” already has another task named “{value}”",
        "da": "teamet “{team}” har allerede en anden opgave med navnet “{value}”",
    },
    "v.cf_exceeds_inherited": {
        "en": "{org} would plan with more customer-facing hours ({facing}) than daily hours ({daily}) with "
        "the values it inherits",
        "da": "{org} ville planlægge med flere kundevendte timer ({facing}) end daglige timer ({daily}) med de "
        "værdier, den arver",
    },
    "error.not_a_unit": {
        "en": "There is no unit {slug}. Units: {choices}.",
        "da": "Der er ingen enhed {slug}. Enheder: {choices}.",
    },
}
