"""The one number entry of the product: a text field read in the viewer's language.

Streamlit's ``st.number_input`` reads what the browser's number field hands it, and a Danish
"7,5" arrived as 75. Here every number a person types is a text field read by the shared parser
(``i18n.parse_number``): "7,5" is 7.5 on a Danish page and "7.5" on an English one, an ambiguous
"1.234" is refused with both readings, a number outside the field's range is refused with the
range, and anything else is refused naming the field. A field that holds a stored value starts
empty with "now: 7" as its placeholder, so typing replaces the value instead of appending to it
(7 → 76); left empty it keeps the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from driftboard.bounds import ANY, Bounds
from driftboard.i18n import NumberTextError, fmt_exact, parse_number

if TYPE_CHECKING:
    from driftboard.ui.page import PageContext

# What could turn typed text into markdown (emphasis, links, maths); digits, "." "," "-" "+" show as typed.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#!|<>~$:])")
CONTAINER_PREFIX = "number_entry_"  # the CSS class st-key-number_entry_… marks the fields


@dataclass(frozen=True)
class NumberEntry:
    """What a number field says: the number it means (the typed one, else the value it held),
    whether the person typed one, and the refusal, in the viewer's language, naming the field."""

    value: float | None
    typed: bool
    problem: str | None = None


def number_entry(
    ctx: PageContext,
    label: str,
    *,
    key: str,
    current: float | None = None,
    bounds: Bounds = ANY,
    whole: bool = False,
    required: bool = False,
    placeholder: str | None = None,
    help: str | None = None,
    disabled: bool = False,
    container: Any = None,
) -> NumberEntry:
    """A number field (``key`` is the text field's key). ``current`` is the stored value: shown
    as "now: …" in the empty field and meant when the field is left empty. ``bounds`` is its
    range, ``whole`` asks for a whole number (then an ``int``), ``required`` refuses an empty
    field without a current value. ``placeholder`` is said in an empty field without a current
    value. Nothing is shown about a problem here: the submit that reads the entry says it
    (``refused``), so a half-typed field never shouts."""
    where = container if container is not None else st
    hint = ctx.t("num.now", value=fmt_exact(current, ctx.lang)) if current is not None else placeholder
    if key not in st.session_state:
        # A field emptied after a save (its key dropped, ``run_intent(clear=…)``) must be emptied in
        # the browser too, which keeps what was typed unless the value is set from here.
        st.session_state[key] = ""
    with where.container(key=f"{CONTAINER_PREFIX}{key}"):
        text = st.text_input(label, key=key, placeholder=hint, help=help, disabled=disabled, autocomplete="off")
    typed = (text or "").strip()
    if not typed:
        if required and current is None:
            return NumberEntry(None, False, ctx.t("num.field", field=label, problem=ctx.t("num.err.required")))
        return NumberEntry(current, False)
    try:
        value = parse_number(typed, ctx.lang, bounds=bounds, whole=whole)
    except NumberTextError as refused:
        # The label is markdown already (a task's name comes escaped); what was typed is not.
        problem = ctx.t(refused.key, **{**refused.params, "value": _MARKDOWN.sub(r"\\\1", typed)})
        return NumberEntry(None, True, ctx.t("num.field", field=label, problem=problem))
    return NumberEntry(value, True)


def refused(entries: Iterable[NumberEntry]) -> bool:
    """Say every entry's problem (an error each) and whether there was any: the submit that
    reads the entries saves nothing then."""
    problems = [entry.problem for entry in entries if entry.problem]
    for problem in problems:
        st.error(problem, icon=":material/error:")
    return bool(problems)


# Mobile keyboards: a text field gets the numeric keypad with the locale's decimal key.
# Streamlit's text field has no inputmode, so one small script (run once per page) sets
# inputmode="decimal" on the inputs inside the number entries' containers, now and as they come.
_INPUT_MODE = f"""<script>
(() => {{
  if (window.driftboardNumberEntry) return;
  window.driftboardNumberEntry = true;
  const mark = () => document.querySelectorAll('[class*="st-key-{CONTAINER_PREFIX}"] input')
    .forEach((input) => {{ if (input.inputMode !== "decimal") input.inputMode = "decimal"; }});
  mark();
  new MutationObserver(mark).observe(document.body, {{ childList: true, subtree: true }});
}})();
</script>"""


def input_mode_script() -> None:
    """Draw the script that gives number entries a decimal keypad (in the sidebar: no space)."""
    st.html(_INPUT_MODE, unsafe_allow_javascript=True)
