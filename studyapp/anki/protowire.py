"""Just enough of protobuf's wire format to read Anki's package metadata and note type kinds.

Anki's newer packages keep a few small protobuf messages; a full protobuf
runtime (and Anki's generated classes) would be a heavy dependency for
reading three integers and a list of names.
"""

from __future__ import annotations

from collections.abc import Iterator

Value = int | bytes


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated or invalid varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, Value]]:
    """(field number, value) pairs; varints as int, length-delimited as bytes; fixed widths skipped."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _varint(data, pos)
            yield number, value
        elif wire_type == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise ValueError("truncated field")
            yield number, data[pos : pos + length]
            pos += length
        elif wire_type == 1:
            pos += 8
        elif wire_type == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")


def first_int(data: bytes, number: int, default: int = 0) -> int:
    return next((v for n, v in fields(data) if n == number and isinstance(v, int)), default)
