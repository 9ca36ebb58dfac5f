"""Tests for the shared wording (evidence_course.text) and the plotting style (evidence_course.style).

The content note is a safeguarding duty: every helpline in the support text must reach
the learner, in the notebook (Markdown) and in the short plain form nbval compares.
The palette must stay the colour-blind-safe Okabe–Ito set.
"""
from __future__ import annotations

import re
import warnings

import matplotlib as mpl
import pytest

import evidence_course as ec
from evidence_course import style, text

HELPLINES = ["0800 1111", "0808 800 5000", "0808 1000 900", "ceop.police.uk", "iwf.org.uk/report",
             "0808 801 0331", "116 123"]

# Okabe and Ito (2008), the eight colours of "Color Universal Design".
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


class TestContentNote:
    """show_content_note(): the note and every UK helpline, in Markdown and in plain text."""

    @pytest.mark.parametrize("helpline", HELPLINES)
    def test_helpline_is_in_the_support_text(self, helpline):
        assert helpline in text.SUPPORT

    @pytest.mark.parametrize("helpline", HELPLINES)
    def test_helpline_is_in_the_markdown(self, helpline):
        assert helpline in ec.show_content_note()._repr_markdown_()

    @pytest.mark.parametrize("helpline", HELPLINES)
    def test_helpline_is_in_the_plain_text(self, helpline):
        assert helpline in repr(ec.show_content_note())

    def test_every_phone_number_in_the_support_text_reaches_the_learner(self):
        # Found here, not listed by hand: a number added to SUPPORT later must show too.
        numbers = re.findall(r"\b(?:0\d{3}(?: \d{3,4}){1,2}|116 \d{3})\b", text.NATIONAL_SUPPORT)
        assert sorted(numbers) == sorted(["0800 1111", "0808 800 5000", "0808 1000 900", "0808 801 0331", "116 123"])
        markdown, plain = ec.show_content_note()._repr_markdown_(), repr(ec.show_content_note())
        for number in numbers:
            assert number in markdown and number in plain

    def test_markdown_is_a_quote_block_with_the_note_and_every_support_line(self):
        markdown = ec.show_content_note()._repr_markdown_()
        assert all(line.startswith(">") for line in markdown.splitlines())
        assert text.CONTENT_NOTE in markdown
        for line in text.SUPPORT.splitlines():
            assert "> " + line in markdown
        assert "999" in markdown  # the emergency number

    def test_napac_and_samaritans_are_named(self):
        markdown = ec.show_content_note()._repr_markdown_()
        assert "National Association for People Abused in Childhood" in markdown and "adult survivors" in markdown
        assert "**Samaritans**" in markdown and "NAPAC" in repr(ec.show_content_note())

    def test_repr_is_short_stable_and_plain(self):
        first, second = repr(ec.show_content_note()), repr(ec.show_content_note())
        assert first == second
        assert first.startswith("Content note and UK support:")
        assert "\n" not in first and len(first) < 250
        assert not re.search(r"0x[0-9a-f]{6,}|<.*object at", first)


class TestInstitutionSupport:
    """The institution's own services: one file a lecturer edits, shown under the UK helplines."""

    def test_the_shipped_file_is_a_marked_placeholder_and_is_shown(self):
        assert "PLACEHOLDER" in text.INSTITUTION_SUPPORT
        assert text.SUPPORT.endswith(text.INSTITUTION_SUPPORT)
        assert "> " + text.INSTITUTION_SUPPORT.splitlines()[0] in ec.show_content_note()._repr_markdown_()

    def test_a_lecturers_file_replaces_the_placeholder_and_comments_are_ignored(self, tmp_path):
        path = tmp_path / "support.md"
        path.write_text("<!-- notes for lecturers -->\n- **Wellbeing** (Uni of X): 01234 567890\n\n"
                        "**Out of hours**: 01234 000000\n", encoding="utf-8")
        assert text.institution_support(path) == (
            "- **Wellbeing** (Uni of X): 01234 567890\n- **Out of hours**: 01234 000000")

    def test_the_environment_variable_names_the_file(self, tmp_path, monkeypatch):
        path = tmp_path / "hub.md"
        path.write_text("- **Hub wellbeing**: 01234 111111\n", encoding="utf-8")
        monkeypatch.setenv("EVIDENCE_COURSE_SUPPORT", str(path))
        assert text.institution_support() == "- **Hub wellbeing**: 01234 111111"

    @pytest.mark.parametrize("content", [None, "", "<!-- only a comment -->\n", b"\xff\xfe\xfa"])
    def test_a_missing_empty_or_unreadable_file_gives_the_fallback_not_an_error(self, tmp_path, content):
        path = tmp_path / "support.md"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")
        assert text.institution_support(path) == text.INSTITUTION_FALLBACK

    def test_editing_the_file_does_not_change_what_nbval_compares(self):
        assert "university" in repr(ec.show_content_note())
        assert "PLACEHOLDER" not in repr(ec.show_content_note())


class TestTerminology:
    def test_markdown_explains_iioc_and_csam(self):
        markdown = ec.show_terminology()._repr_markdown_()
        assert markdown == text.TERMINOLOGY
        for term in ("Indecent images of children", "IIOC", "child sexual abuse material", "CSAM",
                     "Luxembourg Terminology Guidelines"):
            assert term in markdown

    def test_repr_is_short_and_stable(self):
        assert repr(ec.show_terminology()) == repr(ec.show_terminology()) == (
            "Terminology: IIOC is the legal term; CSAM is preferred in research and policy.")


class TestPalette:
    """Eight distinct hex colours, all Okabe–Ito, the first six being the ones plots use most."""

    def test_eight_distinct_hex_colours(self):
        assert len(ec.PALETTE) == 8
        assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", colour) for colour in ec.PALETTE)
        assert len({colour.upper() for colour in ec.PALETTE}) == 8

    def test_first_six_are_okabe_ito(self):
        assert all(colour.upper() in OKABE_ITO for colour in ec.PALETTE[:6])

    def test_whole_palette_is_the_okabe_ito_set(self):
        assert {colour.upper() for colour in ec.PALETTE} == OKABE_ITO

    def test_grey_is_not_in_the_palette(self):
        assert style.GREY.upper() not in {c.upper() for c in ec.PALETTE}


class TestStyle:
    """use_course_style() and new_figure() give every figure the same size and colours."""

    @pytest.mark.filterwarnings("ignore:The text.hinting_factor rcParam was deprecated")
    def test_use_course_style_sets_size_and_colour_cycle(self):
        with mpl.rc_context():  # restore matplotlib's settings afterwards
            ec.use_course_style()
            assert tuple(mpl.rcParams["figure.figsize"]) == style.FIGSIZE == (6.4, 3.6)
            colours = [c.upper() for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
            assert colours == [c.upper() for c in ec.PALETTE]
            assert mpl.rcParams["axes.spines.top"] is False

    @pytest.mark.filterwarnings("ignore:The text.hinting_factor rcParam was deprecated")
    def test_new_figure_is_not_registered_with_pyplot(self):
        import matplotlib.pyplot as plt

        before = plt.get_fignums()
        figure = style.new_figure()
        assert plt.get_fignums() == before
        assert tuple(figure.get_size_inches()) == pytest.approx(style.FIGSIZE)
        assert figure.dpi == style.DPI == 100

    def test_course_rc_uses_no_deprecated_settings(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error", mpl.MatplotlibDeprecationWarning)
            with mpl.rc_context(style.RC):
                pass
