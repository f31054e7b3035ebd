"""Every interface text has an English translation, and the compiled catalogue is current."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "zzcheck" / "translations" / "en" / "LC_MESSAGES"
METHODS = [("zzcheck/**.py", "python"), ("templates/**.html", "jinja2")]


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT, METHODS):
        found.add(_first(message))
    return found


def _first(value: object) -> str:
    """The singular of a plural entry, or the text itself."""
    return str(value[0] if isinstance(value, list | tuple) else value)


def _po_catalog():  # type: ignore[no-untyped-def]
    with open(CATALOG_DIR / "messages.po", "rb") as handle:
        return read_po(handle, locale="en")


def test_the_interface_has_texts_to_translate() -> None:
    assert "Zum Inhalt springen" in _source_messages()


def test_every_interface_text_has_an_english_translation() -> None:
    catalog = _po_catalog()
    translated = {_first(m.id) for m in catalog if m.id and _first(m.string) and not m.fuzzy}
    missing = sorted(_source_messages() - translated)
    assert missing == [], "untranslated (run pybabel extract/update, see README):\n" + "\n".join(
        missing
    )


def _entries(messages: Iterable[Message]) -> dict[object, object]:
    """id → translation, with plural forms as tuples so that they compare and hash."""
    return {_plain(m.id): _plain(m.string) for m in messages if m.id and m.string and not m.fuzzy}


def _plain(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalog_matches_the_po_file() -> None:
    with open(CATALOG_DIR / "messages.mo", "rb") as handle:
        mo = _entries(read_mo(BytesIO(handle.read())))
    assert _entries(_po_catalog()) == mo, (
        "messages.mo is stale: run .venv/bin/pybabel compile -d zzcheck/translations"
    )
