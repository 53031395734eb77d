"""Importing a file on a page: a file picker, an import button once a file is chosen, and the
import carried out like any click (``run_intent``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

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
) -> T | None:
    """A file picker and, once a file is chosen, an import button: the click hands the file's
    bytes and name to ``run`` (a service's import: all rows or none) and says what happened
    (``done``, as in ``run_intent``). Returns the import's result when it does not rerun.
    ``label`` and ``button`` are catalogue keys."""
    upload = st.file_uploader(ctx.t(label), type=list(types), key=upload_key)
    if upload is None or not st.button(ctx.t(button), type="primary", icon=icon, key=button_key):
        return None
    return run_intent(ctx, lambda: run(upload.getvalue(), upload.name), done=done, rerun=rerun)
