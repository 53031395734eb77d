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


def test_each_catalogue_module_holds_only_its_own_prefixes_and_no_prefix_has_two_homes():
    """A key names its file: ``ops.…`` lives in ``catalogue/operations.py`` and nowhere else."""
    from driftboard.catalogue import MODULES

    homes: dict[str, str] = {}
    for module in MODULES:
        for prefix in module.PREFIXES:
            assert prefix not in homes, f"{prefix} belongs to {homes.get(prefix)} and {module.__name__}"
            homes[prefix] = module.__name__
        strays = [key for key in module.TEXTS if key.split(".")[0] not in module.PREFIXES]
        assert not strays, f"{module.__name__} holds keys of other prefixes: {strays}"
    assert sum(len(module.TEXTS) for module in MODULES) == len(CATALOGUE)
