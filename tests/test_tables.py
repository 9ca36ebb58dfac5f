"""Wide tables scroll in a box the keyboard can reach (issue 12; axe scrollable-region-focusable)."""
import pandas as pd
import pytest

import evidence_course as ec
from evidence_course.style import WIDE_TABLE_PX, table_html


def test_a_narrow_table_is_pandas_own_html():
    frame = pd.DataFrame({"year": ["2011/12", "2012/13"], "offences": [322, 373]})
    assert table_html(frame) == frame._repr_html_()


def test_a_wide_table_is_in_a_named_focusable_scroll_box():
    frame = ec.load_table("facts")
    html = table_html(frame)
    assert html.startswith('<div class="ec-wide-table" role="region" tabindex="0" aria-label="Table of 174 rows and ')
    assert "scroll sideways to see every column" in html and 'style="overflow-x:auto;max-width:100%"' in html
    assert frame._repr_html_() in html


def test_one_row_one_column_in_words():
    frame = pd.DataFrame({"a very long column name " * 8: ["a long value " * 6]})
    assert 'aria-label="Table of 1 row and 1 column;' in table_html(frame)


def test_use_course_style_registers_the_table_display():
    IPython = pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        ec.use_course_style()
        formatter = shell.display_formatter.formatters["text/html"]
        wide = ec.load_table("3.1")
        assert formatter(wide).startswith('<div class="ec-wide-table"')
        assert WIDE_TABLE_PX < 500  # fits an 800 px screen with the file browser open
    finally:
        InteractiveShell.clear_instance()
