"""The lists' search, sorting, pages and export links, read safely from the query string.

A list declares its columns (``ListSpec``); ``ListQuery.parse`` reads ``q`` (search text),
``sort`` (a column key, ``-`` before it for descending; anything else falls back to the
default) and ``page``. The same query drives the page and its exports, so an export holds
exactly the rows the page filters and sorts, every page of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

from bagalau.core.export import FORMATS

M = TypeVar("M", bound=Model)
T = TypeVar("T")
MAX_QUERY = 100


@dataclass(frozen=True)
class ListColumn:
    key: str  # the value of ``sort`` in the URL
    label: str | Promise  # the header, translated when shown
    order_by: tuple[str, ...] = ()  # the ORM fields it sorts by
    # or, for rows worked out in Python (the dashboard's), the key it sorts them by;
    # with neither, the column is not sortable
    sort_key: Callable[[Any], Any] | None = None

    @property
    def sortable(self) -> bool:
        return bool(self.order_by) or self.sort_key is not None


@dataclass(frozen=True)
class ListSpec:
    columns: tuple[ListColumn, ...]
    default_sort: str
    search: tuple[str, ...] = ()  # ORM lookups matched by every word of ``q``
    tie_breaker: str = "pk"  # keeps the order stable across pages

    def column(self, key: str) -> ListColumn | None:
        return next((c for c in self.columns if c.key == key and c.sortable), None)


@dataclass(frozen=True)
class ListQuery:
    spec: ListSpec
    q: str
    sort: str  # a sortable column's key
    descending: bool
    page: str | None
    extra: tuple[tuple[str, str], ...] = ()  # other parameters the links keep (e.g. ``on``)

    @classmethod
    def parse(cls, request: HttpRequest, spec: ListSpec, *, keep: Sequence[str] = ()) -> ListQuery:
        raw = request.GET.get("sort", "").strip()
        descending = raw.startswith("-")
        key = raw.removeprefix("-")
        if spec.column(key) is None:
            default = spec.default_sort
            descending, key = default.startswith("-"), default.removeprefix("-")
        extra = tuple((k, request.GET[k]) for k in keep if request.GET.get(k))
        return cls(
            spec=spec,
            q=request.GET.get("q", "").strip()[:MAX_QUERY],
            sort=key,
            descending=descending,
            page=request.GET.get("page"),
            extra=extra,
        )

    @property
    def sort_param(self) -> str:
        return ("-" if self.descending else "") + self.sort

    def words(self) -> list[str]:
        return self.q.split()

    def search_condition(self, lookups: Sequence[str] | None = None) -> Q:
        """Every word of ``q`` matches one of the lookups (case-insensitive)."""
        condition = Q()
        for word in self.words():
            either = Q()
            for lookup in lookups if lookups is not None else self.spec.search:
                either |= Q(**{f"{lookup}__icontains": word})
            condition &= either
        return condition

    def ordering(self) -> list[Any]:
        column = self.spec.column(self.sort)
        assert column is not None  # parse() only keeps sortable keys
        fields = [
            F(f).desc(nulls_last=True) if self.descending else F(f).asc(nulls_first=True)
            for f in column.order_by
        ]
        return [*fields, self.spec.tie_breaker]

    def apply(self, rows: QuerySet[M]) -> QuerySet[M]:
        """The rows searched (by the spec's lookups) and sorted."""
        if self.q and self.spec.search:
            rows = rows.filter(self.search_condition())
        return rows.order_by(*self.ordering())

    def sort_rows(self, rows: Iterable[T]) -> list[T]:
        """Rows worked out in Python, sorted by the column's ``sort_key`` (stable)."""
        column = self.spec.column(self.sort)
        assert column is not None and column.sort_key is not None
        return sorted(rows, key=column.sort_key, reverse=self.descending)

    def matches(self, *texts: str) -> bool:
        """Whether every word of ``q`` is in one of the texts (case-insensitive)."""
        folded = " ".join(texts).casefold()
        return all(word.casefold() in folded for word in self.words())

    def paginate(self, rows: QuerySet[M] | Sequence[Any]) -> Page[Any]:
        return Paginator(rows, settings.LIST_PAGE_SIZE).get_page(self.page)

    def url(self, **changes: str | int | None) -> str:
        """This query string with some parameters changed (``None`` drops one)."""
        params: dict[str, Any] = dict(self.extra)
        if self.q:
            params["q"] = self.q
        params["sort"] = self.sort_param
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return "?" + urlencode(params)

    def headers(self) -> list[dict[str, Any]]:
        """Each column's header: its label, the link that sorts by it, its aria-sort."""
        found = []
        for column in self.spec.columns:
            active = column.key == self.sort
            flip = "" if active and self.descending else "-"
            found.append(
                {
                    "label": column.label,
                    "url": self.url(sort=(flip if active else "") + column.key, page=None)
                    if column.sortable
                    else "",
                    "aria_sort": ("descending" if self.descending else "ascending")
                    if active
                    else ("none" if column.sortable else ""),
                }
            )
        return found

    def context(self, page: Page[Any]) -> dict[str, Any]:
        """What the shared templates ``web/_list_*.html`` need."""
        return {
            "list_query": self,
            "list_headers": self.headers(),
            "list_page": page,
            "list_prev": self.url(page=page.previous_page_number()) if page.has_previous() else "",
            "list_next": self.url(page=page.next_page_number()) if page.has_next() else "",
            "list_exports": [(fmt, self.url(export=fmt, page=None)) for fmt in FORMATS],
        }


def export_format(request: HttpRequest) -> str | None:
    """``xlsx`` or ``csv`` when the request asks for an export of the list, else None."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in FORMATS else None
