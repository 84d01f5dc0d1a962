"""Which language to answer in: Indonesian or English, from function words first.

Mixed text ("smart living itu apa") counts as Indonesian. When the words say
nothing, the caller's fallback (user's choice, Telegram language, last language) wins.
"""

from __future__ import annotations

INDONESIAN = frozenset(
    "yang apa siapa kapan berapa bagaimana mana di ke dari itu ini dan atau tidak ikut sudah belum saja "
    "daerah tahun apa adalah untuk dengan peserta sejak mulai apakah kenapa mengapa "
    "halo hai terima kasih selamat pagi siang sore malam bisa boleh tahu tentang pilar dimensi "
    "siapa menteri tanda tangan daftar termasuk masuk terpilih angkatan kohort sumber jelaskan maksud "
    "jumlah ada semua punya kami saya aku kamu anda kalian mau ingin lagi juga sama pada oleh para "
    "bagaimana cara dapat apa saja berapa banyak dimana sekarang masih pernah".split()
)
ENGLISH = frozenset(
    "what who when how many much is are was were the a an of in on to for and or not which does did do "
    "joined join regions region city cities year years list tell me about can you your hello hi hey thanks "
    "thank please explain mean meaning minister signed sign source sources where why since from with this "
    "that these those there their it its has have been be any all member members participate participating "
    "part programme program pillars pillar dimensions cohort cohorts province included chosen selected "
    "get gets good morning evening".split()
)
SHARED = frozenset({"program", "smart", "city"})


def detect_language(words: list[str], fallback: str = "id") -> str:
    """'id' or 'en' for normalised words; ties go to `fallback`."""
    id_score = sum(1 for w in words if w in INDONESIAN and w not in SHARED)
    en_score = sum(1 for w in words if w in ENGLISH and w not in SHARED)
    if id_score == en_score:
        return fallback
    if id_score and en_score and id_score >= en_score / 2 and any(w in _STRONG_ID for w in words):
        return "id"
    return "id" if id_score > en_score else "en"


# Words that only an Indonesian sentence has; their presence makes mixed text Indonesian.
_STRONG_ID = frozenset("itu apa siapa kapan berapa bagaimana yang ikut tidak sudah saja dong sih".split())
