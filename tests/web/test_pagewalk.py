"""The page walk's reader finds English where a translation is missing, and only there."""

from __future__ import annotations

from tests.web.pagewalk import catalogue_fragments, english_found, read_page, shape

FRAGMENTS = catalogue_fragments()


def found(html: str) -> list[str]:
    chunks, _links = read_page(html)
    return [text for text, _why in english_found(chunks, FRAGMENTS)]


def test_an_untranslated_catalogue_text_is_found() -> None:
    assert "Audit trail" in FRAGMENTS
    assert found("<h1>Audit trail</h1>") == ["Audit trail"]


def test_english_in_labels_and_titles_is_found() -> None:
    html = (
        '<button aria-label="Close this dialog">×</button><abbr title="not yet approved">?</abbr>'
    )
    assert found(html) == ["Close this dialog", "not yet approved"]


def test_kazakh_russian_codes_names_and_numbers_pass() -> None:
    html = (
        "<p>Бағалау кезеңі 2026-Q1 · shakhtinsk-maslikhat · bagalau · 880101300123</p>"
        "<p>Оценка КЦИ: KPI 4.50, файл staff.xlsx, hr@example.kz</p>"
        "<code>kpi.achievement_table after evaluation completed</code>"
        "<script>let a = 'some English words here'</script>"
    )
    assert found(html) == []


def test_links_and_kinds_of_pages() -> None:
    _chunks, links = read_page('<a href="/bodies/x/">x</a><a href="https://example.kz/">y</a>')
    assert links == ["/bodies/x/", "https://example.kz/"]
    assert shape("/bodies/aktau/periods/2026-Q1/schedule/") == "/bodies/B/periods/P/schedule/"
    assert shape("/participations/12/result/?page=2") == "/participations/N/result/"
