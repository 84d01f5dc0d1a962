"""The gettext catalogs: complete, in step with the code, compiled safely, and what a user reads.

locales/messages.pot is extracted from bot/ with `pybabel extract -F babel.cfg ...`; the Indonesian
catalog is updated from it with `pybabel update ...` (README, "Adding a user-facing string").
"""

from __future__ import annotations

import gettext
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot import i18n
from bot.engine import Engine
from bot.i18n import Translator

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "locales" / "messages.pot"
INDONESIAN = ROOT / "locales" / "id" / "LC_MESSAGES" / "messages.po"
EXTRACT = "pybabel extract -F babel.cfg --add-location=file -o locales/messages.pot bot"
UPDATE = "pybabel update -i locales/messages.pot -d locales --ignore-obsolete"
HELLO = "Hello! I am Tanya Smart City."
HALO = "Halo! Saya Tanya Smart City."


def load(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]  # the header's id is ""


def where(path: Path, message: Message) -> str:
    return f"{path.relative_to(ROOT)}:{message.lineno}: {message.id!r}"


@pytest.fixture
def catalogs() -> Iterator[None]:
    """Catalogs are loaded once per language; reload them around a test that changes where they come from."""
    i18n._catalog.cache_clear()
    yield
    i18n._catalog.cache_clear()


def test_every_indonesian_message_is_translated_and_not_fuzzy() -> None:
    catalog = load(INDONESIAN)
    problems = []
    for message in messages(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"{where(INDONESIAN, message)} has no translation")
        elif message.fuzzy:
            problems.append(f"{where(INDONESIAN, message)} is fuzzy: check the translation, then remove the fuzzy flag")
    assert not catalog.fuzzy, f"{INDONESIAN.relative_to(ROOT)}: the header is marked fuzzy, so pybabel compile skips the catalog"
    assert not problems, "\n".join(problems)


def test_translations_keep_the_placeholders() -> None:
    problems = []
    for message in messages(load(INDONESIAN)):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{\w*\}", ids[-1]))
        for string in strings:
            if string and set(re.findall(r"\{\w*\}", string)) != wanted:
                problems.append(f"{where(INDONESIAN, message)}: the translation must use {sorted(wanted)}")
    assert not problems, "\n".join(problems)


def test_template_is_extracted_from_the_current_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)  # the README's command, run in-process: babel.cfg holds the keywords
    command = EXTRACT.split()
    command[command.index("-o") + 1] = str(fresh)
    status = CommandLineInterface().run(command[:1] + ["-q"] + command[1:])
    assert status in (0, None)

    def entries(catalog: Catalog) -> dict[object, list[str]]:
        return {m.id: sorted({file for file, _line in m.locations}) for m in messages(catalog)}

    expected, committed = entries(load(fresh)), entries(load(TEMPLATE))
    stale = [f"{key!r} in {files}" for key, files in expected.items() if committed.get(key) != files]
    gone = [repr(key) for key in committed if key not in expected]
    assert not stale and not gone, (
        f"locales/messages.pot is out of date; run\n  {EXTRACT}\n  {UPDATE}\n"
        + "\n".join([f"new or moved: {s}" for s in stale] + [f"no longer in the code: {g}" for g in gone])
    )


def test_indonesian_catalog_holds_exactly_the_template_messages() -> None:
    template, catalog = load(TEMPLATE), load(INDONESIAN)
    wanted, held = {m.id for m in messages(template)}, {m.id for m in messages(catalog)}
    missing = [repr(key) for key in wanted - held]
    extra = [where(INDONESIAN, m) for m in messages(catalog) if m.id not in wanted]
    obsolete = [f"{INDONESIAN.relative_to(ROOT)}:{m.lineno}: obsolete {m.id!r}" for m in catalog.obsolete.values()]
    assert not missing and not extra and not obsolete, f"run {UPDATE}\n" + "\n".join(
        [f"missing: {m}" for m in missing] + [f"not in the template: {e}" for e in extra] + obsolete
    )


def test_english_is_the_message_ids_with_english_plurals() -> None:
    tr = Translator("en")
    assert tr._(HELLO) == HELLO
    assert tr.n_("{n} new region", "{n} new regions", 1) == "{n} new region"
    assert tr.n_("{n} new region", "{n} new regions", 2) == "{n} new regions"
    assert not (ROOT / "locales" / "en").exists()


def test_help_reply_is_translated(mini_engine: Engine) -> None:
    indonesian, english = mini_engine.act("help", lang="id"), mini_engine.act("help", lang="en")
    assert "Coba: \"apa itu smart city?\"" in indonesian.plain() and "• enam pilar" in indonesian.plain()
    assert [b.label for row in indonesian.buttons for b in row][:2] == ["Apa itu?", "Enam pilar"]
    assert "Try: \"apa itu smart city?\"" in english.plain() and "• the six pillars" in english.plain()
    assert [b.label for row in english.buttons for b in row][:2] == ["What is it?", "The six pillars"]


def test_catalog_planted_in_the_shared_temp_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogs: None
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # stands in for the shared /tmp
    planted = Catalog(locale="id")
    planted.add(HELLO, "Kirim token Anda ke saya.")
    digest = hashlib.sha256(INDONESIAN.read_bytes()).hexdigest()[:16]
    folder = tmp_path / "tanya-smart-city-mo"  # where the bot once cached its compiled catalogs
    folder.mkdir()
    for name in (f"id-{digest}.mo", "id.mo", "messages.mo"):
        with (folder / name).open("wb") as handle:
            write_mo(handle, planted)
    assert Translator("id")._(HELLO) == HALO


def make_locales(tmp_path: Path, mo: str) -> Path:
    """A copy of the Indonesian .po, with a .mo that is 'missing', 'older' (from another text) or 'broken'."""
    folder = tmp_path / "locales" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    shutil.copy(INDONESIAN, po)
    if mo == "older":
        old = load(INDONESIAN)
        old[HELLO].string = "Halo! (terjemahan lama)"
        with (folder / "messages.mo").open("wb") as handle:
            write_mo(handle, old)
        stamp = po.stat().st_mtime_ns
        os.utime(folder / "messages.mo", ns=(stamp - 10**9, stamp - 10**9))
    elif mo == "broken":
        (folder / "messages.mo").write_bytes(b"not a catalog")
    return tmp_path / "locales"


def snapshot(*folders: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for folder in folders for path in folder.rglob("*")}


@pytest.mark.parametrize("mo", ["missing", "older", "broken"])
def test_missing_older_or_broken_compiled_catalog_gives_the_current_translations(
    mo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogs: None
) -> None:
    locales, temp = make_locales(tmp_path / "checkout", mo), tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    before = snapshot(locales, temp)
    assert Translator("id")._(HELLO) == HALO
    assert snapshot(locales, temp) == before  # compiled in memory: nothing written anywhere


def test_compiled_catalog_is_used_while_it_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogs: None
) -> None:
    locales = make_locales(tmp_path, "missing")
    compiled = load(INDONESIAN)
    compiled[HELLO].string = "Halo dari berkas .mo"
    with (locales / "id" / "LC_MESSAGES" / "messages.mo").open("wb") as handle:
        write_mo(handle, compiled)
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    assert Translator("id")._(HELLO) == "Halo dari berkas .mo"


def test_build_compiles_the_catalogs_into_the_package(tmp_path: Path) -> None:
    pytest.importorskip("setuptools", reason="the build hook runs under setuptools")
    result = subprocess.run(
        [sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path),
         "build_py", "--build-lib", str(tmp_path / "lib")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    mo = tmp_path / "lib" / "bot" / "locales" / "id" / "LC_MESSAGES" / "messages.mo"
    with mo.open("rb") as handle:
        built = gettext.GNUTranslations(handle)
    for message in messages(load(INDONESIAN)):
        if isinstance(message.id, tuple):
            assert built.ngettext(*message.id, 1) == message.string[0]
        else:
            assert built.gettext(message.id) == message.string, where(INDONESIAN, message)
