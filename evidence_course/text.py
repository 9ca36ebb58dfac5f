"""Shared wording: the content note, UK support signposting and terminology.

Every notebook shows these with ``show_content_note()`` so the wording is written once
(checked against public pages when the course was written; check again each term).
"""
from __future__ import annotations

CONTENT_NOTE = (
    "**Content note.** This notebook discusses research and official statistics about the sexual "
    "abuse and exploitation of children, including online grooming and indecent images of children. "
    "It contains no images and no case descriptions beyond the published evidence review. Take "
    "breaks when you need to, and talk to your tutor if you would rather work on an alternative task."
)

SUPPORT = """Support in the UK:
- **Childline** (for anyone under 19): 0800 1111, free and confidential, or childline.org.uk.
- **NSPCC Helpline** (adults worried about a child): 0808 800 5000, or nspcc.org.uk.
- **CEOP Safety Centre** (to report online sexual abuse or grooming of a child to the police): the "Click CEOP" button, or ceop.police.uk. In an emergency call 999.
- **Internet Watch Foundation** (to report child sexual abuse imagery online, anonymously): iwf.org.uk/report.
- **Stop It Now** (confidential help for anyone worried about their own or someone else's thoughts or behaviour): 0808 1000 900."""

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
        "Content note and UK support: Childline 0800 1111; NSPCC 0808 800 5000; "
        "CEOP ceop.police.uk (999 in an emergency); IWF iwf.org.uk/report; Stop It Now 0808 1000 900.",
    )


def show_terminology() -> _Note:
    """Why the course says 'indecent images of children' and what research now prefers."""
    return _Note(TERMINOLOGY, "Terminology: IIOC is the legal term; CSAM is preferred in research and policy.")
