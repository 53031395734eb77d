"""The shared screen's plain table: every text escaped, a badge's colour and icon as asked."""

from __future__ import annotations

import re

from driftboard.ui.html_table import Badge, table_html


def test_user_text_shows_as_typed_and_never_as_markup():
    markup = table_html(["Task <i>", "Status"], [("<script>alert(1)</script> & co", Badge("red", "warning", "<b>"))])
    assert "<script>" not in markup and "<i>" not in markup and "<b>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in markup
    assert '<th scope="col">Task &lt;i&gt;</th>' in markup
    assert re.search(
        r'<span class="db-badge db-fill-red"><span class="db-icon" aria-hidden="true">warning</span> &lt;b&gt;', markup
    )


def test_one_row_per_entry_and_one_cell_per_column():
    rows = [("Draft", Badge("green", "check_circle", "27/25"), "24"), ("Sign", "–", Badge("blue", "schedule", "0/8"))]
    markup = table_html(["Task", "Mon", "Tue"], rows)
    assert markup.count("<tr>") == 3  # the header and two rows
    assert markup.count("<td>") == 6 and markup.count("<th ") == 3
    assert markup.index("Draft") < markup.index("Sign")
