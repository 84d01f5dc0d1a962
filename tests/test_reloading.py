"""Reload while live: valid changes swap in whole; broken files keep the old knowledge answering."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.engine import Engine
from bot.reloading import EngineHolder


def test_reload_valid_change_and_summary(mini_copy: Path, tmp_path: Path) -> None:
    holder = EngineHolder(Engine.load(mini_copy, tmp_path), mini_copy, tmp_path)
    assert "tidak ada dalam daftar" in holder.current.ask("kota malang ikut ga").plain()
    assert not holder.files_changed()
    with (mini_copy / "members.csv").open("a", encoding="utf-8") as handle:
        handle.write("2022,Kota Malang,member,H,src-a,\n")
    assert holder.files_changed()
    result = holder.reload()
    assert result.ok and result.changed
    assert result.changes.added == {2022: ["Kota Malang"]} and not result.changes.removed
    assert "kohort 2022" in holder.current.ask("kota malang ikut ga").plain()


def test_reload_with_broken_file_keeps_answering(mini_copy: Path, tmp_path: Path) -> None:
    holder = EngineHolder(Engine.load(mini_copy, tmp_path), mini_copy, tmp_path)
    before = holder.current
    (mini_copy / "members.csv").write_text("year,region,status,confidence,source,note\n2022,Kota Atlantis,member,H,src-a,\n")
    result = holder.reload()
    assert not result.ok
    assert [str(p) for p in result.problems] == ["members.csv:2: unknown region 'Kota Atlantis' (not in the Kemendagri gazetteer)"]
    assert holder.current is before
    assert "kohort 2022" in holder.current.ask("kab oki ikut ga").plain()


def test_questions_during_reload_see_old_or_new_never_a_mix(mini_copy: Path, tmp_path: Path) -> None:
    holder = EngineHolder(Engine.load(mini_copy, tmp_path), mini_copy, tmp_path)
    text = (mini_copy / "members.csv").read_text()
    (mini_copy / "members.csv").write_text(text.replace("2022,Kabupaten Ogan Komering Ilir", "2017,Kabupaten Ogan Komering Ilir"))
    seen: set[str] = set()
    stop = threading.Event()

    def ask_repeatedly() -> None:
        while not stop.is_set():
            reply = holder.current.ask("kab oki ikut ga").plain()
            seen.add("2017" if "kohort 2017" in reply else "2022" if "kohort 2022" in reply else reply)
            stop.wait(0.001)  # leave the reload some of the GIL

    worker = threading.Thread(target=ask_repeatedly)
    worker.start()
    assert holder.reload().ok
    stop.set()
    worker.join()
    assert seen <= {"2017", "2022"} and "2017" in holder.current.ask("kab oki ikut ga").plain()
