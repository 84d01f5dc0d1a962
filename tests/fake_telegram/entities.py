"""Message entities: Telegram-HTML parsing and the entities Telegram adds to user text.

Two jobs, both mirroring what Telegram's servers (tdlib's ``parse_html``) do:

* :func:`parse_html` turns ``parse_mode=HTML`` text into plain text plus a list
  of entity dicts, and raises :class:`EntityParseError` with Telegram's wording
  ("Unsupported start tag ...", "Can't find end tag ...") for bad markup.
* :func:`detect_entities` finds the ``bot_command``, ``mention``, ``hashtag``
  and ``url`` entities Telegram attaches to a message typed by a user.

Offsets and lengths are in UTF-16 code units, as in the Bot API; error
positions are UTF-8 byte offsets, as in Telegram's error descriptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: Tag name -> entity type, for the tags Telegram's HTML accepts.
TAG_ENTITY: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

NAMED_HTML_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_ENTITY_RE = re.compile(r"&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[a-zA-Z]{1,10});")
_COMMAND_RE = re.compile(
    r"(?<![A-Za-z0-9_/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>@])"
)
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_@])")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")
_URL_RE = re.compile(r"(?<![\w/@])https?://[^\s<>\"]+[^\s<>\".,;:!?)\]']")


class EntityParseError(ValueError):
    """Markup Telegram would refuse; ``str(err)`` is the part after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (how the Bot API counts offsets)."""
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of character ``index`` in ``text`` (used in error messages)."""
    return len(text[:index].encode("utf-8"))


# --------------------------------------------------------------------------- HTML


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    attrs: dict[str, str]
    offset: int  # UTF-16 offset in the output text


@dataclass
class _HtmlParser:
    """Single-use parser state for :func:`parse_html`."""

    source: str
    strict_ampersand: bool = True
    pos: int = 0
    out: list[str] = field(default_factory=list)
    out_len: int = 0  # UTF-16 length of ``out``
    stack: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def error(self, message: str) -> EntityParseError:
        return EntityParseError(message)

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.out_len += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.source
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                self.emit(self.read_entity(in_attribute=False))
            elif char == "<" and src.startswith("</", self.pos):
                self.read_end_tag()
            elif char == "<":
                self.read_start_tag()
            else:
                next_special = _next_special(src, self.pos)
                self.emit(src[self.pos : next_special])
                self.pos = next_special
        if self.stack:
            raise self.error(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def read_entity(self, in_attribute: bool) -> str:
        """Decode ``&...;`` at ``pos``; a bare ``&`` is an error in strict mode."""
        match = _ENTITY_RE.match(self.source, self.pos)
        decoded = _decode_entity(match.group(1)) if match else None
        if decoded is not None and match is not None:
            self.pos = match.end()
            return decoded
        if self.strict_ampersand and not in_attribute:
            raise self.error(
                f"Character '&' at byte offset {byte_offset(self.source, self.pos)} "
                "must be escaped as &amp;"
            )
        self.pos += 1
        return "&"

    def read_start_tag(self) -> None:
        src, begin = self.source, self.pos
        at = byte_offset(src, begin)
        end = begin + 1
        while end < len(src) and not src[end].isspace() and src[end] not in "></":
            end += 1
        if end >= len(src):
            raise self.error(f"Unclosed start tag at byte offset {at}")
        name = src[begin + 1 : end].lower()
        if name not in TAG_ENTITY:
            raise self.error(f'Unsupported start tag "{name}" at byte offset {at}')
        self.pos = end
        attrs = self.read_attributes(name, at)
        _check_start_tag(name, attrs, at)
        self.stack.append(_OpenTag(name, attrs, self.out_len))

    def read_attributes(self, tag: str, at: int) -> dict[str, str]:
        """Read ``name="value"`` pairs up to and including the closing ``>``."""
        src, attrs = self.source, dict[str, str]()
        while True:
            while self.pos < len(src) and src[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(src):
                raise self.error(f"Unclosed start tag at byte offset {at}")
            if src[self.pos] == ">":
                self.pos += 1
                return attrs
            name = self.read_attribute_name(tag)
            attrs[name] = self.read_attribute_value(at)

    def read_attribute_name(self, tag: str) -> str:
        src, start = self.source, self.pos
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] not in "=>":
            self.pos += 1
        name = src[start : self.pos].lower()
        if not name:
            raise self.error(
                f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(src, start)}'
            )
        return name

    def read_attribute_value(self, at: int) -> str:
        src = self.source
        while self.pos < len(src) and src[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(src) or src[self.pos] != "=":
            return ""  # a valueless attribute, e.g. <blockquote expandable>
        self.pos += 1
        while self.pos < len(src) and src[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(src):
            raise self.error(f"Unclosed start tag at byte offset {at}")
        quote = src[self.pos]
        if quote in "\"'":
            close = src.find(quote, self.pos + 1)
            if close < 0:
                raise self.error(f"Unclosed start tag at byte offset {at}")
            raw, self.pos = src[self.pos + 1 : close], close + 1
        else:
            start = self.pos
            while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
                self.pos += 1
            raw = src[start : self.pos]
        return _unescape_attribute(raw)

    def read_end_tag(self) -> None:
        src, begin = self.source, self.pos
        at = byte_offset(src, begin)
        close = src.find(">", begin + 2)
        if close < 0:
            raise self.error(f"Unclosed end tag at byte offset {at}")
        name = src[begin + 2 : close].rstrip().lower()
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {at}")
        top = self.stack[-1]
        if name != top.name:
            raise self.error(
                f'Unmatched end tag at byte offset {at}, expected "</{top.name}>", found "</{name}>"'
            )
        self.stack.pop()
        self.pos = close + 1
        self.close_entity(top)

    def close_entity(self, tag: _OpenTag) -> None:
        length = self.out_len - tag.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"type": TAG_ENTITY[tag.name], "offset": tag.offset, "length": length}
        if tag.name == "a":
            entity["url"] = tag.attrs.get("href") or _text_of_last(self.out, length)
        elif tag.name == "blockquote" and "expandable" in tag.attrs:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "pre" and tag.attrs.get("language"):
            entity["language"] = tag.attrs["language"]
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attrs["emoji-id"]
        elif tag.name == "code" and self.merge_code_into_pre(tag, length):
            return
        self.entities.append(entity)

    def merge_code_into_pre(self, tag: _OpenTag, length: int) -> bool:
        """``<pre><code class="language-x">`` gives one ``pre`` entity with a language."""
        language = tag.attrs.get("class", "")
        parent = self.stack[-1] if self.stack else None
        if parent is None or parent.name != "pre" or not language.startswith("language-"):
            return False
        parent.attrs["language"] = language[len("language-") :]
        return True


def _next_special(text: str, start: int) -> int:
    """Index of the next ``&`` or ``<`` at or after ``start`` (or ``len(text)``)."""
    positions = [p for p in (text.find("&", start), text.find("<", start)) if p >= 0]
    return min(positions) if positions else len(text)


def _decode_entity(body: str) -> str | None:
    if body.startswith(("#x", "#X")):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        return NAMED_HTML_ENTITIES.get(body)
    if code <= 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _unescape_attribute(raw: str) -> str:
    def repl(match: re.Match[str]) -> str:
        return _decode_entity(match.group(1)) or match.group(0)

    return _ENTITY_RE.sub(repl, raw)


def _text_of_last(out: list[str], length_utf16: int) -> str:
    joined = "".join(out).encode("utf-16-le")
    return joined[len(joined) - 2 * length_utf16 :].decode("utf-16-le")


def _check_start_tag(name: str, attrs: dict[str, str], at: int) -> None:
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError("Custom emoji entity must contain a valid custom emoji identifier")


def parse_html(text: str, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(plain_text, entities)``.

    Raises :class:`EntityParseError` on markup Telegram refuses. With
    ``strict_ampersand`` (the default) an ``&`` that does not start a valid
    entity is refused too: real Telegram passes it through, but for our bot
    it always means text that missed ``html.escape``.
    """
    return _HtmlParser(text, strict_ampersand=strict_ampersand).run()


def strip_html(text: str) -> str:
    """The plain text of Telegram HTML (raises :class:`EntityParseError` on bad markup)."""
    return parse_html(text)[0]


# --------------------------------------------------------------------------- user text


def detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram attaches to ``text`` typed by a user, sorted by offset.

    ``/start`` and ``/kohort@TanyaSmartCityBot 2019`` give a ``bot_command``
    entity, ``@someone`` a ``mention``, ``#tag`` a ``hashtag`` and
    ``https://...`` a ``url``.
    """
    found: list[tuple[int, int, str]] = []
    taken: list[range] = []
    for kind, regex in (
        ("url", _URL_RE),
        ("bot_command", _COMMAND_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
    ):
        for match in regex.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            taken.append(span)
            found.append((match.start(), match.end(), kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]
