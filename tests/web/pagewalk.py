"""Walking the site as a user would, to find English left on Kazakh and Russian pages.

``visible_text`` keeps what a reader sees or hears (text, and the ``aria-label``,
``title``, ``placeholder`` and ``alt`` attributes), leaving out scripts, styles and
``<code>`` (codes are shown as they are) and text marked with its own ``lang`` (the
acts' Kazakh quotes). ``english_found`` names the English a page
shows: a text of the source catalogue (an English msgid that should have been
translated), or a run of English words no translation explains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import bagalau

LOCALE = Path(bagalau.__file__).parent / "web" / "locale"
CATALOGUE = LOCALE / "kk" / "LC_MESSAGES" / "django.po"
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
SKIPPED_ELEMENTS = {"script", "style", "code", "kbd", "samp", "template"}

# Words that are the same on every page: the brand, proper names and codes kept in
# Latin letters, units and abbreviations of the acts. Add a name here, never a phrase.
ALLOWED_WORDS = {
    "bagalau", "kpi", "csv", "xlsx", "xls", "pdf", "docx", "utf", "windows", "iin", "id",
    "ok", "e-mail", "email", "api", "openapi", "json", "http", "https", "www", "b",
    "smart", "rest", "html", "admin",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_TOKEN = re.compile(r"\S+")
# A placeholder of a catalogue text: %(name)s, %s, %d, {{ name }}.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{[^}]*\}")


@dataclass(frozen=True)
class Finding:
    url: str
    user: str
    lang: str
    english: str
    why: str

    def __str__(self) -> str:
        return f"{self.lang} {self.url} as {self.user}: {self.why} «{self.english}»"


class _TextAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        for name in SPOKEN_ATTRIBUTES:
            if values.get(name):
                self.chunks.append(str(values[name]))
        # Codes, scripts, and text marked as another language (the acts' Kazakh quotes).
        if tag in SKIPPED_ELEMENTS or (tag != "html" and values.get("lang")):
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.chunks.append(data)


def read_page(html: str) -> tuple[list[str], list[str]]:
    """The page's visible text chunks and the links it offers."""
    parser = _TextAndLinks()
    parser.feed(html)
    parser.close()
    return [" ".join(c.split()) for c in parser.chunks], parser.links


def _texts(catalogue: Path, keyword: str) -> list[str]:
    source = catalogue.read_text(encoding="utf-8")
    quoted = re.findall(rf'^{keyword}(?:\[\d\])? ((?:".*"\n?)+)', source, re.M)
    return ["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', q)).replace('\\"', '"') for q in quoted]


def _pieces(text: str) -> Iterator[str]:
    for raw in _PLACEHOLDER.split(text):
        yield " ".join(raw.split()).strip(" .,:;—-()«»\"'")


def catalogue_fragments(catalogue: Path = CATALOGUE) -> list[str]:
    """The English texts of the catalogue, cut at their placeholders, that are long
    enough to be told from a name: at least two words that are not allowed words."""
    found: set[str] = set()
    for text in _texts(catalogue, "msgid"):
        for piece in _pieces(text):
            words = [w for w in _WORD.findall(piece) if w.lower() not in ALLOWED_WORDS]
            if len(words) >= 2 and len(piece) >= 8:
                found.add(piece)
    return sorted(found, key=len, reverse=True)


def other_language_fragments(lang: str) -> list[str]:
    """Translations into the other of kk/ru that the ``lang`` catalogue does not share:
    one of them on a ``lang`` page is a text translated before the language was chosen
    (at import time, or in the default language)."""
    other = "ru" if lang == "kk" else "kk"
    own = {
        p for t in _texts(LOCALE / lang / "LC_MESSAGES" / "django.po", "msgstr") for p in _pieces(t)
    }
    found = {
        piece
        for text in _texts(LOCALE / other / "LC_MESSAGES" / "django.po", "msgstr")
        for piece in _pieces(text)
        if len(piece.split()) >= 3 and piece not in own and not any(piece in o for o in own)
    }
    return sorted(found, key=len, reverse=True)


def _is_word(token: str) -> bool:
    """An English-looking word: Latin letters only (a code has digits, dots, dashes)."""
    bare = token.strip(".,:;!?()«»\"'“”…")
    return bool(re.fullmatch(r"[A-Za-z]+(?:'[a-z]+)?", bare)) and bare.lower() not in ALLOWED_WORDS


def english_runs(chunk: str, length: int = 3) -> Iterator[str]:
    """Runs of at least ``length`` English words in a row."""
    run: list[str] = []
    for token in [*_TOKEN.findall(chunk), ""]:
        if token and _is_word(token):
            run.append(token)
            continue
        if len(run) >= length:
            yield " ".join(run)
        run = []


def english_found(
    chunks: Iterable[str], fragments: list[str], foreign: Iterable[str] = ()
) -> Iterator[tuple[str, str]]:
    """(text, why) for each English text in the chunks, and each text of ``foreign``
    (the other language's translations), each once."""
    chunks = list(chunks)
    page = "\n".join(chunks)  # one search per text, not one per text and chunk
    seen: set[str] = set()
    for text in foreign:
        if text in page and text not in seen:
            seen.add(text)
            yield text, "text in the other language"
    for fragment in fragments:
        if fragment in page and fragment not in seen and _bounded(fragment, page):
            seen.add(fragment)
            yield fragment, "untranslated catalogue text"
    for chunk in chunks:
        for run in english_runs(chunk):
            if run not in seen and not any(run in s for s in seen):
                seen.add(run)
                yield run, "English words"


def _bounded(fragment: str, page: str) -> bool:
    """The fragment stands as words of its own, not inside a longer word."""
    return re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", page) is not None


def same_site_path(href: str, here: str) -> str | None:
    """The path (and query) of a link within the site, or None for any other link."""
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def shape(path: str) -> str:
    """A page's kind: its path with ids, body and period codes replaced, no query.
    Methodology versions stay apart: each carries its own notes and citations."""
    bare = path.split("?", 1)[0]
    bare = re.sub(r"^/bodies/[^/]+/", "/bodies/B/", bare)
    bare = re.sub(r"/periods/[^/]+/", "/periods/P/", bare)
    return re.sub(r"/\d+(?=/|$)", "/N", bare)
