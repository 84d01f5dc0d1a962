"""Button actions: short strings (at most 64 bytes, Telegram's callback_data limit) -> an Understanding.

  r:<code>                 a region, e.g. r:16.02     ev:<code>  its timeline of events
  c:<year>[:<page>]        a cohort's members
  cm:<year>                a cohort's MoU         ct   totals by year
  p:<prov>[:<year>][:<page>]  a province's members
  pl / pl:<pillar>         the pillars / one pillar   alt  the other naming
  prog:<topic>             a programme topic      src, help, find
  none[:<name>]            "none of these" under a did-you-mean (the name is logged as unanswered)
Deep links use the same words with '_' for ':' and no dots (region_16_02, cohort_2019).
"""

from __future__ import annotations

import re

from .understanding.understand import Understanding

SIMPLE = {"ct": "cohort.totals", "pl": "pillars.list", "alt": "pillars.alternative", "src": "sources",
          "help": "help", "find": "find", "none": "none", "menu": "help"}
_CODE = re.compile(r"^\d{2}\.\d{2}$")


def _numbers(parts: list[str]) -> tuple[int | None, int]:
    """Split trailing numbers into (year, page): years are 2000 and above."""
    year, page = None, 1
    for part in parts:
        if not part.isdigit():
            raise ValueError(part)
        value = int(part)
        if value >= 2000:
            year = value
        else:
            page = value
    return year, page


def parse_action(action: str, lang: str) -> Understanding | None:
    """The Understanding a button stands for, or None for an action this version does not know."""
    def make(intent: str, **fields: object) -> Understanding:
        u = Understanding(text=action, words=[], lang=lang, intent=intent, confidence=1.0)
        for key, value in fields.items():
            setattr(u, key, value)
        return u

    kind, _, rest = action.partition(":")
    parts = rest.split(":") if rest else []
    try:
        if kind in SIMPLE and not parts:
            return make(SIMPLE[kind])
        if kind == "r" and len(parts) == 1 and _CODE.match(parts[0]):
            return make("region.status", regions=[parts[0]])
        if kind == "ev" and len(parts) == 1 and _CODE.match(parts[0]):
            return make("region.events", regions=[parts[0]])
        if kind == "c" and parts:
            year, page = _numbers(parts)
            return make("cohort.members", year=year, page=page)
        if kind == "cm" and len(parts) == 1:
            return make("cohort.mou", year=int(parts[0]))
        if kind == "p" and parts and parts[0].isdigit():
            year, page = _numbers(parts[1:])
            return make("province.members", province=parts[0], year=year, page=page)
        if kind == "pl" and len(parts) == 1:
            return make("pillar.detail", pillar=parts[0])
        if kind == "none" and parts:
            u = make("none")
            u.text = ":".join(parts)  # the name the user wrote, for the question log
            return u
        if kind == "prog" and len(parts) == 1:
            return make("programme." + parts[0])
    except ValueError:
        return None
    return None


def action_from_deep_link(payload: str) -> str | None:
    """'region_16_02' -> 'r:16.02'; 'cohort_2019' -> 'c:2019'; 'province_35' -> 'p:35'; 'pillar_smart_living'."""
    match = re.fullmatch(r"region_(\d{2})_?(\d{2})", payload)
    if match:
        return f"r:{match.group(1)}.{match.group(2)}"
    for prefix, kind in (("cohort_", "c:"), ("province_", "p:"), ("pillar_", "pl:")):
        if payload.startswith(prefix) and len(payload) > len(prefix):
            return kind + payload[len(prefix):]
    return SIMPLE.get(payload) and payload
