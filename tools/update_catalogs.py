"""Keep locales/ in step with the code: extract every message, add new ones to both catalogs.

    python tools/update_catalogs.py            # adds missing msgids (empty in id, copied in en)
    python tools/update_catalogs.py --check    # exits 1 when a message is missing or untranslated

Translators then fill the empty Indonesian entries in locales/id/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "n_": (1, 2)}


def extracted() -> dict[object, str]:
    found: dict[object, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "bot", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.setdefault(message, f"bot/{filename}:{lineno}")
    return found


def catalog_path(lang: str) -> Path:
    return ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"


def load(lang: str) -> Catalog:
    path = catalog_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    return Catalog(locale=lang, project="tanya-smart-city", charset="utf-8")


def missing(lang: str) -> list[str]:
    catalog = load(lang)
    problems = []
    for message, where in extracted().items():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = entry.string if entry else None
        empty = not entry or (all(not s for s in strings) if isinstance(strings, tuple) else not strings)
        if empty:
            problems.append(f"{where}: {lang} catalog lacks {key!r}")
    return problems


def update(lang: str) -> None:
    catalog = load(lang)
    for message, where in extracted().items():
        key = message[0] if isinstance(message, tuple) else message
        if catalog.get(key) is None:
            string = message if lang == "en" else (("", "") if isinstance(message, tuple) else "")
            catalog.add(message, string, locations=[(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]))])
    path = catalog_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, include_lineno=False)


if __name__ == "__main__":
    if "--check" in sys.argv:
        problems = missing("id") + missing("en")
        print("\n".join(problems) or "catalogs complete")
        sys.exit(1 if problems else 0)
    for lang in ("id", "en"):
        update(lang)
    print("updated; fill the empty entries in", catalog_path("id"))
