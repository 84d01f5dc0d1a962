"""Decoding Bot API request bodies the three ways clients send them.

PTB posts ``application/x-www-form-urlencoded`` (every non-string value JSON
encoded) and ``multipart/form-data`` when it uploads a file; other clients
post ``application/json`` or use a query string. :func:`decode_params` turns
any of them into one ``dict`` of parameters plus a ``dict`` of
:class:`UploadedFile`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

#: Parameters that are strings in the Bot API even when they look like JSON
#: (a message text "123" must stay a string).
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "query",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "next_offset",
        "url",
        "secret_token",
        "ip_address",
        "description",
        "short_description",
        "language_code",
        "action",
        "message_effect_id",
        "business_connection_id",
        "name",
        "title",
        "emoji",
        "question",
        "explanation",
        "first_name",
        "last_name",
        "phone_number",
        "address",
        "offset_text",
        "switch_pm_text",
        "switch_pm_parameter",
    }
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (e.g. ``document`` of ``sendDocument``)."""

    field: str
    filename: str
    content: bytes
    content_type: str


class BodyError(ValueError):
    """The request body could not be decoded."""


def decode_params(
    content_type: str, body: bytes, query: str = ""
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parameters and uploaded files of one request (query string merged in, body wins)."""
    params: dict[str, Any] = {k: coerce(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
    files: dict[str, UploadedFile] = {}
    mime, options = _parse_header_value(content_type or "")
    if not body:
        return params, files
    if mime == "application/json":
        params.update(_decode_json(body))
    elif mime == "application/x-www-form-urlencoded":
        text = body.decode("utf-8", errors="replace")
        params.update({k: coerce(k, v) for k, v in parse_qsl(text, keep_blank_values=True)})
    elif mime == "multipart/form-data":
        boundary = options.get("boundary")
        if not boundary:
            raise BodyError("multipart body without boundary")
        fields, files = parse_multipart(body, boundary)
        params.update({k: coerce(k, v) for k, v in fields.items()})
    return params, files


def _decode_json(body: bytes) -> dict[str, Any]:
    try:
        decoded = json.loads(body)
    except ValueError as err:
        raise BodyError(f"invalid JSON body: {err}") from None
    if not isinstance(decoded, dict):
        raise BodyError("JSON body must be an object")
    return decoded


def coerce(name: str, value: str) -> Any:
    """Decode one form value: JSON for objects and numbers, raw text for string params."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_multipart(body: bytes, boundary: str) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Split a ``multipart/form-data`` body into text fields and files."""
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    delimiter = b"--" + boundary.encode("latin-1")
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        part = chunk[2:] if chunk.startswith(b"\r\n") else chunk
        part = part[:-2] if part.endswith(b"\r\n") else part
        head, _, content = part.partition(b"\r\n\r\n")
        headers = _part_headers(head)
        _, disposition = _parse_header_value(headers.get("content-disposition", ""))
        name = disposition.get("name")
        if name is None:
            continue
        if "filename" in disposition:
            files[name] = UploadedFile(
                field=name,
                filename=_html5_unescape(disposition["filename"]),
                content=content,
                content_type=headers.get("content-type", "application/octet-stream"),
            )
        else:
            fields[name] = content.decode("utf-8", errors="replace")
    return fields, files


def _html5_unescape(value: str) -> str:
    """Undo the WHATWG form encoding of ``"``, CR and LF in part names (httpx applies it)."""
    return value.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def _part_headers(head: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.decode("utf-8", errors="replace").split("\r\n"):
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return headers


def _parse_header_value(value: str) -> tuple[str, dict[str, str]]:
    """``'form-data; name="x"; filename="a b.txt"'`` -> ``('form-data', {...})``."""
    pieces = _split_unquoted(value, ";")
    main = pieces[0].strip().lower() if pieces else ""
    options: dict[str, str] = {}
    for piece in pieces[1:]:
        key, sep, raw = piece.partition("=")
        if not sep:
            continue
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        options[key.strip().lower()] = raw
    return main, options


def _split_unquoted(value: str, sep: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces
