"""Shared wording: the content note, UK support signposting and terminology.

Every notebook shows these with ``show_content_note()`` so the wording is written once
(checked against public pages when the course was written; check again each term; the
sources are listed in ``teaching/support_sources.md``).

**Your institution's own support services** (lecturers: this is the one place to set them).
They are read, in this order, from

1. the file named by the environment variable ``EVIDENCE_COURSE_SUPPORT`` (for a JupyterHub
   where the course is installed centrally), else
2. ``teaching/institution_support.md`` in the course folder (found beside the package, or in
   the working folder or any folder above it, as ``data/`` is), else
3. a plain sentence telling students to ask their tutor.

The file is Markdown: one line per service, each starting ``- `` (HTML comments are ignored).
The repository ships it with a clearly marked placeholder. The services appear under the UK
helplines in every notebook's content note (Markdown only: the short plain-text form that
nbval compares does not change when you edit the file).
"""
from __future__ import annotations

import os
import pathlib
import re

CONTENT_NOTE = (
    "**Content note.** This notebook discusses research and official statistics about the sexual "
    "abuse and exploitation of children, including online grooming and indecent images of children. "
    "It contains no images and no case descriptions beyond the published evidence review. Take "
    "breaks when you need to, and talk to your tutor if you would rather work on an alternative task."
)

NATIONAL_SUPPORT = """Support in the UK:
- **Childline** (for anyone under 19): 0800 1111, free and confidential, or childline.org.uk.
- **NSPCC Helpline** (adults worried about a child): 0808 800 5000, or nspcc.org.uk.
- **CEOP Safety Centre** (to report online sexual abuse or grooming of a child to the police): the "Click CEOP" button, or ceop.police.uk. In an emergency call 999.
- **Internet Watch Foundation** (to report child sexual abuse imagery online, anonymously): iwf.org.uk/report.
- **Stop It Now** (confidential help for anyone worried about their own or someone else's thoughts or behaviour): 0808 1000 900.
- **NAPAC**, the National Association for People Abused in Childhood (support for adult survivors of any kind of childhood abuse): 0808 801 0331, free, or napac.org.uk.
- **Samaritans** (for anyone who is struggling to cope, any time of day or night): 116 123, free, or samaritans.org."""

#: Shown when no institution file is found (see the module docstring).
INSTITUTION_FALLBACK = (
    "- **Your university's support services**: ask your tutor, or search your university's website for "
    "\"student wellbeing\" or \"counselling\".")

INSTITUTION_SUPPORT_FILE = pathlib.Path("teaching") / "institution_support.md"


def _find_institution_file(start: pathlib.Path | None = None) -> pathlib.Path | None:
    if os.environ.get("EVIDENCE_COURSE_SUPPORT"):
        return pathlib.Path(os.environ["EVIDENCE_COURSE_SUPPORT"])
    beside_package = pathlib.Path(__file__).resolve().parent.parent / INSTITUTION_SUPPORT_FILE
    if beside_package.exists():
        return beside_package
    here = (start or pathlib.Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / INSTITUTION_SUPPORT_FILE).exists():
            return folder / INSTITUTION_SUPPORT_FILE
    return None


def institution_support(path: pathlib.Path | None = None) -> str:
    """The institution's own support services as Markdown list lines (see the module docstring).

    A file that is missing, unreadable or empty gives the plain fallback sentence, never an error:
    the content note must always show."""
    path = path if path is not None else _find_institution_file()
    if path is None:
        return INSTITUTION_FALLBACK
    try:
        raw = pathlib.Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return INSTITUTION_FALLBACK
    lines = [line.rstrip() for line in re.sub(r"<!--.*?-->", "", raw, flags=re.S).splitlines() if line.strip()]
    lines = [line if line.startswith("- ") else "- " + (line[2:] if line.startswith("* ") else line.lstrip())
             for line in lines]
    return "\n".join(lines) or INSTITUTION_FALLBACK


#: The institution's services, read once when the package is imported.
INSTITUTION_SUPPORT = institution_support()

#: Everything a learner sees under the content note: the UK helplines, then the institution's services.
SUPPORT = NATIONAL_SUPPORT + "\n" + INSTITUTION_SUPPORT

TERMINOLOGY = (
    "**A note on words.** \"Indecent images of children\" (IIOC) is the legal term in England and Wales "
    "and the term the chapter uses, so the course uses it when it reports the chapter's data. Since the "
    "Luxembourg Terminology Guidelines (2016), researchers, child protection bodies and many police forces "
    "prefer \"child sexual abuse material\" (CSAM), and reject \"child pornography\" because it implies "
    "consent and legitimacy."
)


class _Note:
    """Markdown for JupyterLab, with a short, stable plain-text form for nbval and terminals."""

    def __init__(self, markdown: str, plain: str):
        self.markdown, self.plain = markdown, plain

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.plain


def show_content_note() -> _Note:
    """The content note and UK support signposting, rendered as Markdown in the notebook."""
    return _Note(
        f"> {CONTENT_NOTE}\n>\n" + "\n".join("> " + line for line in SUPPORT.splitlines()),
        "Content note and UK support: Childline 0800 1111; NSPCC 0808 800 5000; CEOP ceop.police.uk "
        "(999 in an emergency); IWF iwf.org.uk/report; Stop It Now 0808 1000 900; NAPAC 0808 801 0331; "
        "Samaritans 116 123; and your university's services.",
    )


def show_terminology() -> _Note:
    """Why the course says 'indecent images of children' and what research now prefers."""
    return _Note(TERMINOLOGY, "Terminology: IIOC is the legal term; CSAM is preferred in research and policy.")
