import string

import pytest
from babel import Locale

from driftboard.i18n import CATALOGUE, LANGUAGES, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_every_language_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(entry)}"
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert _placeholders(entry["en"]) == _placeholders(entry["da"])


def test_danish_uses_the_domain_words():
    assert t("page.operations", "da") == "Driftstavle"
    assert t("page.goals", "da") == "Målstyringstavle"
    assert t("page.improvement", "da") == "Forbedringstavle"


def test_every_language_names_a_babel_locale_for_its_numbers_and_dates():
    assert {lang: str(Locale.parse(t("fmt.locale", lang))) for lang in LANGUAGES} == {"en": "en_GB", "da": "da_DK"}


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key", "en")
