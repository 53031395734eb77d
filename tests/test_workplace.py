"""The office-day rule, pure: who has fewer office days in the week than the unit requires."""

from __future__ import annotations

import datetime as dt

from driftboard.workplace import OfficeDaysShort, Place, office_days_possible, office_days_short

MONDAY = dt.date(2026, 11, 30)
DAYS = [MONDAY + dt.timedelta(days=i) for i in range(5)]


def test_fewer_office_days_than_required_are_warned_per_person():
    places = {("Ida", d): Place.OFFICE for d in DAYS[:3]} | {("Bo", DAYS[0]): Place.OFFICE, ("Bo", DAYS[1]): Place.HOME}
    places |= {("Cai", d): Place.ELSEWHERE for d in DAYS}
    assert office_days_short(places, ["Ida", "Bo", "Cai", "Dan"], 2) == [
        OfficeDaysShort("Bo", 1, 2),
        OfficeDaysShort("Cai", 0, 2),
        OfficeDaysShort("Dan", 0, 2),
    ]


def test_no_rule_warns_nobody_and_an_absent_week_asks_only_for_the_days_worked():
    places = {("Bo", DAYS[0]): Place.OFFICE}
    assert office_days_short(places, ["Bo", "Cai"], 0) == []
    # Bo works one day this week (on holiday the rest) and is in the office that day; Cai works none.
    assert office_days_short(places, ["Bo", "Cai"], 3, working_days={"Bo": 1, "Cai": 0}) == []


def test_public_holidays_are_not_days_a_person_could_be_in_the_office():
    easter = [dt.date(2026, 3, 30) + dt.timedelta(days=i) for i in range(5)]  # Maundy Thursday, Good Friday
    christmas = [dt.date(2026, 12, 21) + dt.timedelta(days=i) for i in range(5)]  # Christmas Eve and Day
    assert office_days_possible(DAYS, 7.5, {}) == 5
    assert office_days_possible(easter, 7.5, {}) == 3
    assert office_days_possible(christmas, 7.5, {}) == 3
    # Absent all Monday and half Tuesday of Easter week: Tuesday and Wednesday are left.
    assert office_days_possible(easter, 7.5, {easter[0]: 7.5, easter[1]: 3.75}) == 2
    # With a rule of four office days, three in the office in Easter week is all the week allows.
    places = {("Ida", d): Place.OFFICE for d in easter[:3]}
    working = {"Ida": office_days_possible(easter, 7.5, {})}
    assert office_days_short(places, ["Ida"], 4, working_days=working) == []
    assert office_days_short(places, ["Ida"], 4) == [OfficeDaysShort("Ida", 3, 4)]


def test_a_refused_workplace_save_names_the_row_and_its_fields_in_both_languages():
    from db.models.workplace import WorkPlace
    from driftboard.i18n import CATALOGUE, t

    names = {lang: t(f"entity.{WorkPlace.__tablename__}", lang) for lang in ("en", "da")}
    assert names == {"en": "Workplace", "da": "Arbejdssted"}
    for field in ("place", "office_days_per_week"):
        assert {"en", "da"} <= set(CATALOGUE[f"field.{field}"])
    assert (t("field.place", "en"), t("field.place", "da")) == ("place", "sted")
    # Intake is "tilgang" in Danish, as in the feeds; "indgang" is an entrance.
    danish = " ".join(entry["da"] for entry in CATALOGUE.values()).lower()
    assert "indgang" not in danish and "tilgang" in danish
