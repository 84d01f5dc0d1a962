"""Normalising everyday Indonesian and English: case, punctuation, stretched letters, slang.

`normalise("Kab. OKI ikut gaaa?")` -> ["kabupaten", "oki", "ikut", "tidak"].
"""

from __future__ import annotations

import re
import unicodedata

# Informal spellings -> the standard word (reviewed by hand; keep it small and certain).
INFORMAL = {
    "yg": "yang", "gmn": "bagaimana", "gmna": "bagaimana", "gimana": "bagaimana", "gmana": "bagaimana",
    "bgmn": "bagaimana", "brp": "berapa", "brapa": "berapa", "berapaa": "berapa", "aja": "saja", "ajah": "saja",
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak",
    "engga": "tidak", "tdk": "tidak", "kagak": "tidak", "nda": "tidak", "ndak": "tidak",
    "dgn": "dengan", "utk": "untuk", "sdh": "sudah", "udh": "sudah", "udah": "sudah", "dah": "sudah",
    "blm": "belum", "blum": "belum", "dr": "dari", "kpn": "kapan", "knp": "kenapa", "sy": "saya",
    "jd": "jadi", "krn": "karena", "thn": "tahun", "th": "tahun", "taun": "tahun", "tp": "tapi",
    "bs": "bisa", "kab": "kabupaten", "kot": "kota", "prov": "provinsi",
    "prop": "provinsi", "propinsi": "provinsi", "apakah": "apa", "sapa": "siapa",
    "spa": "siapa", "mna": "mana", "dmn": "di mana", "dimana": "di mana", "klo": "kalau", "kalo": "kalau",
    "gitu": "begitu", "emg": "memang", "emang": "memang", "skrg": "sekarang", "skrang": "sekarang",
    "org": "orang", "bgt": "banget", "lg": "lagi", "sm": "sama", "pd": "pada", "ttg": "tentang",
    "trims": "terima kasih", "makasih": "terima kasih", "makasi": "terima kasih", "mksh": "terima kasih",
    "thx": "thanks", "r": "are", "rn": "right now", "thanx": "thanks", "ty": "thanks", "u": "you", "ur": "your", "pls": "please",
    "plz": "please", "wat": "what", "wht": "what", "hw": "how", "smartcity": "smart city",
    "kominfo": "kominfo", "kemkominfo": "kominfo", "kemenkominfo": "kominfo", "kemkomdigi": "komdigi",
    "kemenkomdigi": "komdigi", "ikutan": "ikut", "ikutt": "ikut", "msk": "masuk", "mauk": "masuk",
    "daftarnya": "daftar", "pesertanya": "peserta", "tahunnya": "tahun", "daerahnya": "daerah",
}

# Politeness and filler words that carry no meaning here (never question words like apa, kapan, ikut).
FILLERS = frozenset({
    "dong", "donk", "sih", "kak", "kakak", "min", "mimin", "admin", "gan", "agan", "bang", "bro", "sis",
    "tolong", "mohon", "deh", "nih", "tuh", "plis", "please", "kah", "lah", "yah", "ya", "hmm", "eh", "nah",
    "pak", "bu", "mas", "mbak", "om", "kk",
})

_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]+|_")
_STRETCH = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Lower case, no accents or punctuation, stretched letters shrunk ('haloooo' -> 'halo')."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _POSSESSIVE.sub("", text.replace("’", "'")).replace("'", "")
    text = _PUNCT.sub(" ", text)
    text = _STRETCH.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def normalise(text: str) -> list[str]:
    """Words of a message in standard form, fillers removed."""
    words: list[str] = []
    for word in clean(text).split():
        if word in FILLERS:
            continue
        words.extend(INFORMAL.get(word, word).split())
    return words
