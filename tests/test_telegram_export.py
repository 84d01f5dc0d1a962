"""End-to-end: anyone gets a cohort's or a province's list as a workbook Excel opens as it is, or as CSV on request.

The file is read back as an official's program would read it: the .xlsx with
openpyxl, the CSV with the csv module after the byte order mark.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from bot.knowledge.store import load_knowledge
from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import FIXTURE_KNOWLEDGE, BotFactory, text_of


def sent_file(fake: FakeTelegram, mark: int) -> tuple[str, bytes, str]:
    call = fake.wait_for_call("sendDocument", after=mark)
    upload = next(iter(call.files.values()))
    return upload.filename, upload.content, str(call.params.get("caption", ""))


def test_a_citizen_exports_a_cohort_as_a_workbook(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    bot_factory(fake)
    knowledge = load_knowledge(FIXTURE_KNOWLEDGE, tmp_path / "k")
    members = sorted(knowledge.members_by_year[2022], key=lambda m: (knowledge.province_of(m.region).name,
                                                                     knowledge.regions[m.region].name))
    citizen = fake.user(4101, "Pejabat")
    mark = fake.mark()
    fake.send_text(citizen, "/ekspor 2022")
    action = fake.wait_for_call("sendChatAction", after=mark)
    assert action.params.get("action") == "upload_document"  # "sending a file" while it is made
    name, content, caption = sent_file(fake, mark)
    assert name == "smart-city-2022.xlsx" and caption.startswith("Kohort 2022")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None and sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kode wilayah", "Jenis", "Daerah", "Provinsi", "Tahun kohort", "Status", "Sumber", "Tautan")
    assert [(r[0], r[2], r[4]) for r in rows[1:]] == [
        (m.region, knowledge.regions[m.region].name, "2022") for m in members]
    assert all(isinstance(r[0], str) for r in rows[1:])  # codes stay text: 19.71, not the number 19.71
    oki = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "16.02")
    source = knowledge.sources[next(m.source for m in members if m.region == "16.02")]
    assert oki[5].value == "ikut" and oki[7].hyperlink is not None and oki[7].hyperlink.target == source.url
    assert source.publisher in str(oki[6].value)


def test_csv_on_request_in_english_and_a_clear_word_for_a_wrong_target(
    fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path,
) -> None:
    bot_factory(fake)
    knowledge = load_knowledge(FIXTURE_KNOWLEDGE, tmp_path / "k")
    official = fake.user(4102, "Official", language_code="en")
    mark = fake.mark()
    fake.send_text(official, "/export jabar csv")
    name, content, _ = sent_file(fake, mark)
    assert name == "smart-city-jawa-barat.csv" and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    west_java = {r.code for r in knowledge.regions_in_province("32")}
    expected = [m for code in west_java for m in knowledge.members_by_region.get(code, [])]
    assert len(rows) == len(expected) and {r["Province"] for r in rows} == {"Jawa Barat"}
    assert all(r["Status"] for r in rows) and "Cohort year" in rows[0]
    fake.send_text(official, "/export Atlantis")
    assert "/export 2019" in text_of(fake.wait_for_bot_message(official))
