"""Normalising everyday text and detecting the language."""

import pytest

from tests.shipped_words import detect_language, normalise


@pytest.mark.parametrize(
    "text, words",
    [
        ("Kab. OKI ikut gaaa?", ["kabupaten", "oki", "ikut", "tidak"]),
        ("brp daerah yg udh ikut dong kak", ["berapa", "daerah", "yang", "sudah", "ikut"]),
        ("HALOOOO min", ["halo"]),
        ("gmn cara daftarnya?", ["bagaimana", "cara", "daftar"]),
        ("Kot. Bukittinggi", ["kota", "bukittinggi"]),
        ("Dja'far Shodiq", ["djafar", "shodiq"]),
        ("", []),
    ],
)
def test_normalise(text: str, words: list[str]) -> None:
    assert normalise(text) == words


def test_double_letters_in_names_survive() -> None:
    assert normalise("Bukittinggi, Barru") == ["bukittinggi", "barru"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("smart living itu apa", "id"),
        ("what is smart living", "en"),
        ("kab oki ikut ga?", "id"),
        ("Is Kota Malang in the programme?", "en"),
        ("siapa menteri tahun 2020", "id"),
        ("who was the minister in 2020", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect_language(normalise(text)) == lang


def test_language_tie_uses_fallback() -> None:
    assert detect_language(normalise("2019"), fallback="en") == "en"
    assert detect_language(normalise("OKI"), fallback="id") == "id"


def test_shortened_words_of_a_comparison() -> None:
    assert normalise("lbh bnyk kota ato kabupaten") == ["lebih", "banyak", "kota", "atau", "kabupaten"]
