"""Importing a file on a page: a file picker, an import button once a file is chosen, and the
import carried out like any click (``run_intent``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from driftboard.ui import second_look
from driftboard.ui.page import PageContext, run_intent

T = TypeVar("T")


def file_import(
    ctx: PageContext,
    *,
    upload_key: str,
    button_key: str,
    run: Callable[[bytes, str], T],
    done: str | Callable[[T], str] | None = None,
    rerun: bool = True,
    types: Sequence[str] = ("csv", "xlsx"),
    label: str = "ops.import.file",
    button: str = "ops.import.button",
    icon: str | None = ":material/upload:",
    caption: str | None = None,
) -> T | None:
    """A file picker and, once a file is chosen, an import button: the click hands the file's
    bytes and name to ``run`` (a service's import: all rows or none) and says what happened
    (``done``, as in ``run_intent``). Returns the import's result when it does not rerun.
    ``label``, ``button`` and ``caption`` (what the file holds, said over the picker) are
    catalogue keys. The rows an import saved but found far outside the plausible (its result's
    ``doubts``) are listed under it until the next import."""
    if caption:
        st.caption(ctx.t(caption))
    upload = st.file_uploader(ctx.t(label), type=list(types), key=upload_key)
    clicked = upload is not None and st.button(ctx.t(button), type="primary", icon=icon, key=button_key)
    if not clicked:
        second_look.import_doubts(ctx, button_key)
        return None

    def said(result: T) -> str:
        text = done(result) if callable(done) else (done or "")
        return second_look.imported(ctx, button_key, text, getattr(result, "doubts", ()))

    return run_intent(ctx, lambda: run(upload.getvalue(), upload.name), done=said, rerun=rerun)


def day_counts_import(
    ctx: PageContext, name: str, importer: Callable[..., T], today: dt.date, *, caption: str, done: str
) -> None:
    """The import of a day-count file (production, intake, holdings): ``caption`` over the picker
    (keys ``{name}_upload`` and ``import_{name}``), ``importer(actor, data, filename, today=…)``
    run on a click and said with the catalogue text ``done``, filled from what the result holds."""
    file_import(
        ctx,
        caption=caption,
        upload_key=f"{name}_upload",
        button_key=f"import_{name}",
        run=lambda data, filename: importer(ctx.actor, data, filename, today=today),
        done=lambda result: ctx.t(done, **_said(result)),
    )


def _said(result: object) -> dict[str, object]:
    """What a result holds, fields and properties (``unchanged``), by name."""
    return {name: getattr(result, name) for name in dir(result) if not name.startswith("_")}
