"""Walking the site as a user would, to find English left on Kazakh and Russian pages.

``visible_text`` keeps what a reader sees or hears (text, and the ``aria-label``,
``title``, ``placeholder`` and ``alt`` attributes), leaving out scripts, styles and
``<code>`` (codes are shown as they are). ``english_found`` names the English a page
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

CATALOGUE = Path(bagalau.__file__).parent / "web" / "locale" / "kk" / "LC_MESSAGES" / "django.po"
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
        if tag in SKIPPED_ELEMENTS:
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


def catalogue_fragments(catalogue: Path = CATALOGUE) -> list[str]:
    """The English texts of the catalogue, cut at their placeholders, that are long
    enough to be told from a name: at least two words that are not allowed words."""
    ids = re.findall(r'^msgid ((?:".*"\n?)+)', catalogue.read_text(encoding="utf-8"), re.M)
    found: set[str] = set()
    for quoted in ids:
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted)).replace('\\"', '"')
        for raw in _PLACEHOLDER.split(text):
            piece = " ".join(raw.split()).strip(" .,:;—-()«»\"'")
            words = [w for w in _WORD.findall(piece) if w.lower() not in ALLOWED_WORDS]
            if len(words) >= 2 and len(piece) >= 8:
                found.add(piece)
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


def english_found(chunks: Iterable[str], fragments: list[str]) -> Iterator[tuple[str, str]]:
    """(English text, why) for each English text in the chunks, each once."""
    seen: set[str] = set()
    for chunk in chunks:
        for fragment in fragments:
            if (
                fragment in chunk
                and re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", chunk)
                and fragment not in seen
            ):
                seen.add(fragment)
                yield fragment, "untranslated catalogue text"
        for run in english_runs(chunk):
            if run not in seen and not any(run in s for s in seen):
                seen.add(run)
                yield run, "English words"


def same_site_path(href: str, here: str) -> str | None:
    """The path (and query) of a link within the site, or None for any other link."""
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def shape(path: str) -> str:
    """A page's kind: its path with numbers and codes of rows replaced, no query."""
    bare = path.split("?", 1)[0]
    return re.sub(r"/\d+(?=/|$)", "/N", bare)
