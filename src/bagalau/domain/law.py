"""Law in time: acts, their entry into force and repeal, and citations.

Every rule value of a methodology pack and every computed result carries a ``Cite``
so that a user can see which act and paragraph made it so (DOMAIN.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")

LANGUAGES = ("kk", "ru", "en")
BORROWED = " (borrowed)"  # how a label marks a cite borrowed from another body's act


@dataclass(frozen=True)
class Text:
    """A label in the three interface languages; Kazakh is the language of the acts."""

    kk: str
    ru: str
    en: str

    def get(self, lang: str) -> str:
        value: str = getattr(self, lang, "") if lang in LANGUAGES else ""
        return value or self.ru or self.kk or self.en


@dataclass(frozen=True)
class Cite:
    """Where a value comes from: an act of the pack registry and a paragraph of it.

    ``via_typical`` marks a value that the body's own act does not state, taken from
    the Typical Methodology of that time because the body's text refers to it or only
    amends it. ``paragraph`` is empty when the sources do not give the paragraph
    number (the Typical Methodology's own text is not among them); ``restated_in``
    then points at the seed paragraph that restates the rule. Paragraph numbers are
    never guessed.

    ``borrowed`` marks a value the body's own acts do not give, shown meanwhile as
    another body's act words it: ``act`` is that other body's act (never one of the
    citing version's acts, never the Typical Methodology), and the value is always
    unverified for the body (docs/adr/0011-borrowed-citations.md).
    """

    act: str
    paragraph: str = ""
    quote: str = ""
    via_typical: bool = False
    restated_in: Cite | None = None
    borrowed: bool = False

    def where(self) -> tuple[str, str]:
        """The kind of place cited and its number: ("paragraph", "32"), ("paragraphs",
        "44-45"), ("appendix", "4"), ("none", "") or ("other", the text as given)."""
        text = self.paragraph.strip()
        if not text:
            return "none", ""
        if text.isdigit():
            return "paragraph", text
        first, sep, last = text.partition("-")
        if sep and first.isdigit() and last.isdigit():
            return "paragraphs", text
        if text.startswith("app. "):
            return "appendix", text.removeprefix("app. ").strip()
        return "other", text

    def label(self) -> str:
        if not self.paragraph:
            where = f"{self.act}, paragraph not in the sources"
        elif self.paragraph[:1].isdigit():
            where = f"{self.act} p{self.paragraph}"
        else:
            where = f"{self.act} {self.paragraph}"
        if self.via_typical:
            where += " (Typical Methodology)"
        if self.borrowed:
            where += BORROWED
        if self.restated_in is not None:
            where += f"; as restated in {self.restated_in.label()}"
        return where

    @classmethod
    def from_label(cls, text: str) -> Cite | None:
        """The citation a ``label()`` wrote (audit notes keep labels), or None for any
        other text. Quotes are not in labels, so none is read back."""
        head, _, restated = text.partition("; as restated in ")
        inner = cls.from_label(restated) if restated else None
        if restated and inner is None:
            return None
        borrowed = head.endswith(BORROWED)
        head = head.removesuffix(BORROWED)
        via = head.endswith(" (Typical Methodology)")
        head = head.removesuffix(" (Typical Methodology)")
        if head.endswith(", paragraph not in the sources"):
            act, paragraph = head.removesuffix(", paragraph not in the sources"), ""
        else:
            act, _, where = head.partition(" ")
            if where[:1] == "p" and where[1:2].isdigit():
                paragraph = where[1:]
            elif where.startswith("app. "):
                paragraph = where
            else:
                return None
        if "-" not in act or " " in act or "," in act:  # act ids: "atyrau-105"
            return None
        return cls(act, paragraph, via_typical=via, restated_in=inner, borrowed=borrowed)


@dataclass(frozen=True)
class Cited(Generic[T]):
    """A rule value with its citation.

    ``unverified`` marks a value the sources do not give (DOMAIN.md §7): it is data a
    body confirms from its own approved text, and is flagged wherever it is used.
    """

    value: T
    cite: Cite
    unverified: bool = False
    note: Text | None = None


class EntryRule(StrEnum):
    """How an act enters into force (the closing paragraph of every seed act)."""

    ON_PUBLICATION = "on_publication"
    DAYS_AFTER_PUBLICATION = "days_after_publication"
    ON_DATE = "on_date"


class ActRole(StrEnum):
    BASE = "base"
    AMENDMENT = "amendment"
    REPEAL = "repeal"


@dataclass(frozen=True)
class Act:
    """A normative act: a body's resolution or decision, or the Agency's order.

    ``published`` is the first official publication. Where the source does not give
    the publication or entry date, the pack gives the date it uses with
    ``date_unverified: true`` and says why in ``note``. ``short`` is the name a
    citation gives the act ("Шахтинск қалалық мәслихаты аппаратының әдістемесі").
    """

    id: str
    role: ActRole
    kind: Text
    issuer: Text
    number: str
    adopted: date
    entry: EntryRule
    title: Text
    short: Text
    published: date | None = None
    date_unverified: bool = False
    entry_days: int = 0
    effective: date | None = None
    registration: str = ""
    note: Text | None = None

    def in_force_from(self) -> date:
        """R-LAW (DOMAIN.md §5): from first publication, or N calendar days after it."""
        if self.entry is EntryRule.ON_DATE:
            assert self.effective is not None  # the loader requires it
            return self.effective
        published = self.published or self.adopted
        if self.entry is EntryRule.DAYS_AFTER_PUBLICATION:
            # "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң":
            # ten full calendar days after the day of publication.
            return published + timedelta(days=self.entry_days + 1)
        return published

    @property
    def entry_date_unverified(self) -> bool:
        return self.date_unverified or (
            self.entry is not EntryRule.ON_DATE and self.published is None
        )


@dataclass(frozen=True)
class DateRange:
    """Closed range of dates; ``end`` None means open-ended."""

    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: DateRange) -> bool:
        return (other.end is None or self.start <= other.end) and (
            self.end is None or other.start <= self.end
        )
