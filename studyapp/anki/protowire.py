"""Just enough of protobuf's wire format to read Anki's package metadata and note type kinds.

Anki's newer packages keep a few small protobuf messages (package metadata,
note type kinds, deck kinds, deck configs); a full protobuf
runtime (and Anki's generated classes) would be a heavy dependency for
reading a few integers, floats and names.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

Value = int | float | bytes


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
    """(field number, value) pairs; varints as int, 32-bit fixed (``float``) as float, length-delimited as bytes.

    64-bit fixed values (no message we read has them) are skipped.
    """
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
            if pos + 4 > len(data):
                raise ValueError("truncated field")
            yield number, struct.unpack_from("<f", data, pos)[0]
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")


def first_int(data: bytes, number: int, default: int = 0) -> int:
    return next((v for n, v in fields(data) if n == number and isinstance(v, int)), default)


def packed_floats(data: bytes) -> tuple[float, ...]:
    """A packed ``repeated float``: little-endian 32-bit floats back to back."""
    if len(data) % 4:
        raise ValueError("truncated packed floats")
    return struct.unpack(f"<{len(data) // 4}f", data)
