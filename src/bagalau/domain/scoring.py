"""Scores: the two-decimal form, result bands, quarter -> final means, bonus points.

Every score is a ``Decimal`` shown with two decimal places, rounded half up as the
evaluation sheets show them (3.995 -> 4.00); floats are refused. Every result carries
the citations of the rules it applied and the names of the unverified pack values it
used (DOMAIN.md §7), so that the interface can show why and how sure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, Cited
from bagalau.domain.methodology import Band, BonusLevel, ScoreScale

TWO_PLACES = Decimal("0.01")
# Divisions in an explicit context, so a caller's decimal context cannot change a score.
DECIMAL_CONTEXT = Context(prec=28)

ScoreInput = int | Decimal | str


def quantize(value: Decimal) -> Decimal:
    """A score as the forms show it: two decimal places, rounded half up (3.995 -> 4.00).

    A float is a programming error (TypeError): scores never pass through binary
    floating point. An infinite or NaN Decimal is SCORE_OUT_OF_RANGE.
    """
    if not isinstance(value, Decimal):
        raise TypeError(f"scores are Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise DomainError(ErrorCode.SCORE_OUT_OF_RANGE, {"value": value})
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Sequence[Decimal]) -> Decimal:
    """The arithmetic mean, quantized; the caller makes sure ``values`` is not empty."""
    return quantize(DECIMAL_CONTEXT.divide(sum(values, Decimal(0)), Decimal(len(values))))


def basis(*used: tuple[str, Cited[Any]]) -> tuple[tuple[Cite, ...], tuple[str, ...]]:
    """The citations of the rule values used, and the names of the unverified ones."""
    cites: list[Cite] = []
    unverified: list[str] = []
    for name, cited in used:
        if cited.cite not in cites:
            cites.append(cited.cite)
        if cited.unverified and name not in unverified:
            unverified.append(name)
    return tuple(cites), tuple(unverified)


@dataclass(frozen=True)
class BandResult:
    """The result band a score falls in (R-BANDS)."""

    score: Decimal
    band: Band
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def band_for(score: Decimal, bands: Cited[tuple[Band, ...]]) -> BandResult:
    """R-BANDS (004 p7): the band of a score, taken at two decimal places.

    "4-тен 5 баллға дейін ... 3-тен 3,99 ... 2-ден 2,99 ... 0-ден 1,99 баллға дейін":
    the score is first quantized (3.995 is shown as 4.00 and so is "effective"), then
    it must lie in exactly one band. A score outside the bands' whole range (0..5)
    is refused with SCORE_OUT_OF_RANGE; a pack whose bands leave a gap or overlap at
    that score is refused with BAND_GAP.
    """
    shown = quantize(score)
    low = min(b.min for b in bands.value)
    high = max(b.max for b in bands.value)
    if not low <= shown <= high:
        raise DomainError(
            ErrorCode.SCORE_OUT_OF_RANGE, {"value": shown, "min": low, "max": high}, bands.cite
        )
    matching = [b for b in bands.value if b.min <= shown <= b.max]
    if len(matching) != 1:
        raise DomainError(
            ErrorCode.BAND_GAP,
            {"value": shown, "bands": ", ".join(b.code for b in matching)},
            bands.cite,
        )
    cites, unverified = basis(("bands", bands))
    return BandResult(shown, matching[0], cites, unverified)


@dataclass(frozen=True)
class FinalScore:
    """The final KPI or ranking score: the mean of the quarters evaluated (R-PERIODS)."""

    score: Decimal
    quarters: tuple[Period, ...]
    excluded: tuple[Period, ...]
    cites: tuple[Cite, ...]


def mean_of_quarters(quarter_scores: Mapping[Period, Decimal | None], *, cite: Cite) -> FinalScore:
    """R-PERIODS (004 p4): the final score is the mean of the quarterly scores.

    "НМИ және саралау бойынша қорытынды баға ... есепті тоқсандардағы орташа бағасынан
    құралады". A quarter mapped to ``None`` was not evaluated (R-ELIGIBLE) and is
    excluded, not counted as zero; with no quarter evaluated there is no final score
    (NO_SCORES). Each quarterly score is taken as the sheet shows it (two places),
    and the mean is quantized again. ``cite`` is the pack's citation of the rule (the
    schema has no value for it: the mean is the only rule any version states).
    """
    for period in quarter_scores:
        if period.kind.value != "quarter":
            raise DomainError(ErrorCode.BAD_PERIOD, {"value": period.code}, cite)
    used = sorted(p for p, s in quarter_scores.items() if s is not None)
    excluded = sorted(p for p, s in quarter_scores.items() if s is None)
    if not used:
        periods = ", ".join(p.code for p in sorted(quarter_scores))
        raise DomainError(ErrorCode.NO_SCORES, {"period": periods}, cite)
    values = [quantize(s) for s in quarter_scores.values() if s is not None]
    return FinalScore(mean(values), tuple(used), tuple(excluded), (cite,))


@dataclass(frozen=True)
class AnnualResult:
    """The year's score (R-PERIODS) and, where the pack has bands, its band (R-BANDS)."""

    final: FinalScore
    band: BandResult | None

    @property
    def cites(self) -> tuple[Cite, ...]:
        return self.final.cites + (self.band.cites if self.band else ())

    @property
    def unverified(self) -> tuple[str, ...]:
        return self.band.unverified if self.band else ()


def annual_result(
    quarter_scores: Mapping[Period, Decimal | None],
    *,
    cite: Cite,
    bands: Cited[tuple[Band, ...]] | None,
) -> AnnualResult:
    """R-PERIODS (004 p4) then R-BANDS (004 p7): the mean of the quarters evaluated, and
    the band of that mean ("қорытынды баға" is banded like a quarter's)."""
    final = mean_of_quarters(quarter_scores, cite=cite)
    return AnnualResult(final, band_for(final.score, bands) if bands is not None else None)


def check_score(value: ScoreInput, scale: Cited[ScoreScale]) -> int:
    """R-KPI-SCORE (004 p27) and R-RANK (004 p31): a whole score "0-ден 5-ке дейін".

    Accepts an int, a Decimal or the text of a number ("4", "4.00"); a value with a
    fraction (4.5), a non-number, a float or a bool is SCORE_NOT_INTEGER, a whole number
    outside the scale SCORE_OUT_OF_RANGE. Nothing is rounded or clamped.
    """
    bounds = {"min": scale.value.min, "max": scale.value.max}
    number = as_decimal(value)
    if number is None or number != number.to_integral_value():
        raise DomainError(ErrorCode.SCORE_NOT_INTEGER, {"value": value, **bounds}, scale.cite)
    whole = int(number)
    if not scale.value.min <= whole <= scale.value.max:
        raise DomainError(ErrorCode.SCORE_OUT_OF_RANGE, {"value": whole, **bounds}, scale.cite)
    return whole


def as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str):
        try:
            parsed = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            return None
        return parsed if parsed.is_finite() else None
    return None


@dataclass(frozen=True)
class BonusTotal:
    """Bonus points of a period (Almaty 002 p17-18): the sum of the awards.

    How the total enters a score is not in the sources (DOMAIN.md §7), so it is kept
    apart from every score; ``by_level`` counts the awards of each level.
    """

    total: int
    by_level: tuple[tuple[int, int], ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def bonus_total(awards: Sequence[int], levels: Cited[tuple[BonusLevel, ...]]) -> BonusTotal:
    """Almaty 002 p17-18: each award is a level "+1"-ден "+5"-ке дейін of appendix 1-1.

    An award whose points are not a level of the pack's scale is BONUS_LEVEL_UNKNOWN.
    The total is the sum of the awards; it is not combined with any score.
    """
    known = sorted(level.points for level in levels.value)
    for award in awards:
        if isinstance(award, bool) or not isinstance(award, int) or award not in known:
            raise DomainError(
                ErrorCode.BONUS_LEVEL_UNKNOWN,
                {
                    "value": award,
                    "min": known[0] if known else "",
                    "max": known[-1] if known else "",
                },
                levels.cite,
            )
    by_level = tuple((points, awards.count(points)) for points in known if points in awards)
    cites, unverified = basis(("bonus_points", levels))
    return BonusTotal(sum(awards), by_level, cites, unverified)
