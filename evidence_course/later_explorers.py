"""Explorers on later evidence (after 2013, NOT from the chapter), built on :mod:`evidence_course.widgets`.

:func:`survey_records_explorer` sets a survey's estimate of people who experienced abuse in
childhood (a lifetime, retrospective prevalence among adults) beside one year's police-recorded
offences. The two count different things (people against offences, a whole childhood against one
year, adults' memories of the past against what was recorded in that year), so their ratio is not
a reporting rate. The explorer makes every step of putting them on one scale an assumption the
learner sets, and says so in its sentence.

It follows the rules of every explorer in the course (see :mod:`evidence_course.widgets`): a
value it cannot show is refused in plain words, never moved to a slider's limit.
"""
from __future__ import annotations

from .style import GREY, PALETTE
from .widgets import _THOUSANDS, MAX_N, Explorer, Slider, _number, _pct_slider, _text

__all__ = ["SurveyRecordsExplorer", "survey_records_explorer"]


class SurveyRecordsExplorer(Explorer):
    """A survey's childhood-abuse estimate against one year's recorded offences, on one scale by assumption.

    The arithmetic (a steady state, in which each year of birth has the same experience):

    * survey people per year of birth = survey people / years of birth the survey covers;
    * if only a share *d* of those abused told the survey, the people abused per year of birth are that
      divided by *d*;
    * each year, one year of birth passes through the whole of childhood, so the offences committed in a
      year against children are about people abused per year of birth × offences per victim in childhood;
    * of the offences recorded in one year, only a share *c* are recent offences against children of the
      ages the survey asked about (the rest: older children, or abuse from earlier years recorded late).

    Offences per victim, *d* and *c* are assumptions set by the learner; none is known from either source.
    """

    title = "A survey beside police records, on one scale only by assumption (not from the chapter)"

    def __init__(self, survey_people, birth_years: int, recorded: int, *, source: str,
                 survey_label: str = "people who experienced abuse in childhood",
                 records_label: str = "offences recorded in one year", survey_printed: str | None = None,
                 offences_per_victim: float = 1.0, disclosed_pct: float = 100.0, comparable_pct: float = 100.0):
        self.survey_people = _number(survey_people, "the survey's estimate of people", low=1, high=MAX_N)
        self.survey_printed = (f"{self.survey_people:,.0f}" if survey_printed is None
                               else _text(survey_printed, "the survey's estimate as printed"))
        self.birth_years = _number(birth_years, "the number of years of birth the survey covers", whole=True,
                                   low=1, high=200)
        self.recorded = _number(recorded, "the recorded count", whole=True, low=1, high=MAX_N)
        self.source = _text(source, "the source")
        self.survey_label = _text(survey_label, "the survey label")
        self.records_label = _text(records_label, "the records label")
        self.rules = {"offences_per_victim": self._per_victim, "disclosed_pct": self._disclosed,
                      "comparable_pct": self._comparable}
        offences_per_victim = self._per_victim(offences_per_victim)
        disclosed_pct, comparable_pct = self._disclosed(disclosed_pct), self._comparable(comparable_pct)
        super().__init__({
            "offences_per_victim": Slider(value=offences_per_victim, min=1, max=50, step=0.5,
                                          description="Offences per victim in childhood (assumption)",
                                          readout_format=".1f", continuous_update=False),
            "disclosed_pct": _pct_slider("% of those abused who told the survey (assumption)", disclosed_pct, 0.1, 100),
            "comparable_pct": _pct_slider("% of recorded offences that are recent and against children of "
                                          "the survey's ages (assumption)", comparable_pct, 0.1, 100),
        })

    @staticmethod
    def _per_victim(value):
        return _number(value, "the number of offences per victim", low=1, high=50, step=0.5,
                       advice="It is an average over a whole childhood: at least 1 (each victim experienced "
                              "at least one offence).")

    @staticmethod
    def _share(value, what, zero_reason):
        x = _number(value, what, low=0, high=100, step=0.1)
        if x == 0:
            raise ValueError(zero_reason)
        return x

    def _disclosed(self, value):
        return self._share(value, "the share of those abused who told the survey",
                           "If nobody abused had told the survey, it could not have estimated anyone: choose a share "
                           "of at least 0.1%.")

    def _comparable(self, value):
        return self._share(value, "the share of recorded offences that are recent and against children of the survey's ages",
                           "If no recorded offence were comparable there would be nothing to compare: choose a share "
                           "of at least 0.1%.")

    def compute(self, offences_per_victim, disclosed_pct, comparable_pct):
        per_birth_year = self.survey_people / self.birth_years
        abused_per_birth_year = per_birth_year / (disclosed_pct / 100)
        implied = abused_per_birth_year * offences_per_victim
        comparable = self.recorded * comparable_pct / 100
        return {"survey_people": self.survey_people, "birth_years": self.birth_years,
                "per_birth_year": per_birth_year, "abused_per_birth_year": abused_per_birth_year,
                "offences_per_victim": offences_per_victim, "disclosed_pct": disclosed_pct,
                "comparable_pct": comparable_pct, "implied_offences": implied, "recorded": self.recorded,
                "comparable_recorded": comparable, "records_to_implied": comparable / implied}

    def draw(self, ax, r):
        rows = [2, 1, 0]
        ax.barh([rows[0]], [r["implied_offences"]], color=PALETTE[1], label="survey, on your assumptions")
        ax.barh([rows[1]], [r["recorded"]], color="white", edgecolor=GREY, hatch="//", label="recorded, all")
        ax.barh([rows[1]], [r["comparable_recorded"]], color=PALETTE[0], label="recorded, comparable part (your assumption)")
        ax.barh([rows[2]], [r["per_birth_year"]], color=GREY, label="survey, as estimated (people per year of birth)")
        ax.set_yticks(rows, ["offences a year\n(survey, assumed)", "offences recorded\nin one year",
                             "people per year\nof birth (survey)"], fontsize=8)
        ax.set_ylim(-0.6, 3.3)
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.set_xlabel("people or offences (read the row labels: they are not the same unit)", fontsize=9)
        ax.legend(fontsize=7, loc="upper right", ncols=2)

    def alt_text(self) -> str:
        """What the figure shows, with its numbers (the sentence below it opens with the source instead)."""
        r = self.result
        if r is None:
            return super().alt_text()
        return (f"Chart: {self.title}. Three bars, in different units: about {r['implied_offences']:,.0f} offences a "
                f"year implied by the survey on the assumptions set; {r['recorded']:,} offences recorded in one year, "
                f"{r['comparable_recorded']:,.0f} of them comparable on the assumption set; and about "
                f"{r['per_birth_year']:,.0f} people per year of birth in the survey. All its numbers are in the "
                "sentence below it.")

    def describe(self, r):
        if r["records_to_implied"] > 1:
            verdict = (f"On these assumptions the comparable records ({r['comparable_recorded']:,.0f}) are MORE than "
                       f"the {r['implied_offences']:,.0f} offences the survey implies, which cannot be: at least one "
                       "assumption is wrong (for example, victims often experience more than one offence).")
        else:
            verdict = (f"On these assumptions the comparable records are about {100 * r['records_to_implied']:.1f}% of "
                       "the offences the survey implies.")
        return (f"{self.source}. Survey: about {self.survey_printed} {self.survey_label}, about "
                f"{r['per_birth_year']:,.0f} for each of the {r['birth_years']} years of birth it covers. Assuming every "
                f"year of birth had the same experience, {r['disclosed_pct']:g}% of those abused told the survey and "
                f"each experienced {r['offences_per_victim']:g} offence{'s' if r['offences_per_victim'] != 1 else ''} "
                f"in childhood, about {r['implied_offences']:,.0f} offences a year would be committed against "
                f"children. Records: {r['recorded']:,} {self.records_label}; assuming {r['comparable_pct']:g}% of them "
                f"are recent offences against children of the survey's ages, {r['comparable_recorded']:,.0f} are "
                f"comparable. {verdict} This is not a reporting rate: every step is an assumption, the survey counts "
                "people and the records count offences, and none of the three shares is known from either source.")


def survey_records_explorer(survey_people, birth_years: int, recorded: int, *, source: str,
                            survey_label: str = "people who experienced abuse in childhood",
                            records_label: str = "offences recorded in one year", survey_printed: str | None = None,
                            offences_per_victim: float = 1.0, disclosed_pct: float = 100.0,
                            comparable_pct: float = 100.0) -> SurveyRecordsExplorer:
    """Build the survey-against-records explorer (offences per victim 1 to 50 in steps of 0.5; shares in
    steps of 0.1 points, 0.1% to 100%). ``source`` opens the sentence (e.g. "Not from the chapter: ONS (2020)");
    ``survey_printed`` is the estimate as its publisher printed it (e.g. "3.1 million"), used in the sentence."""
    return SurveyRecordsExplorer(survey_people, birth_years, recorded, source=source, survey_label=survey_label,
                                 records_label=records_label, survey_printed=survey_printed,
                                 offences_per_victim=offences_per_victim,
                                 disclosed_pct=disclosed_pct, comparable_pct=comparable_pct)
