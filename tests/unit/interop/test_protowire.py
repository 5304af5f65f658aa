"""The protobuf wire reader that reads Anki's package metadata and note type kinds."""

from __future__ import annotations

import struct

import pytest

from studyapp.anki.protowire import fields, first_int, packed_floats


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _key(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def test_varints_and_length_delimited_fields_in_order() -> None:
    data = _key(1, 0) + _varint(3) + _key(2, 2) + _varint(5) + b"hello" + _key(1, 0) + _varint(300)
    assert list(fields(data)) == [(1, 3), (2, b"hello"), (1, 300)]


def test_floats_are_read_and_64_bit_fixed_fields_skipped() -> None:
    data = _key(3, 1) + b"\x00" * 8 + _key(4, 5) + struct.pack("<f", 0.5) + _key(5, 0) + _varint(7)
    assert list(fields(data)) == [(4, 0.5), (5, 7)]


def test_packed_floats_and_a_truncated_float() -> None:
    assert packed_floats(struct.pack("<3f", 1.0, 0.25, -2.0)) == (1.0, 0.25, -2.0)
    with pytest.raises(ValueError):
        packed_floats(b"\x00" * 5)
    with pytest.raises(ValueError):
        list(fields(_key(4, 5) + b"\x00\x00"))


def test_large_varint_and_empty_message() -> None:
    assert list(fields(_key(1, 0) + _varint(2**63))) == [(1, 2**63)]
    assert list(fields(b"")) == []


def test_first_int_finds_the_field_or_the_default() -> None:
    data = _key(2, 2) + _varint(1) + b"x" + _key(1, 0) + _varint(3)
    assert first_int(data, 1) == 3
    assert first_int(data, 9, default=-1) == -1
    assert first_int(data, 2) == 0  # bytes, not an int


@pytest.mark.parametrize(
    "data",
    [
        b"\x80",  # varint that never ends
        _key(1, 2) + _varint(10) + b"short",  # length beyond the end
        _key(1, 3),  # group start: not used by Anki
        b"\xff" * 11,  # varint longer than 64 bits
    ],
    ids=["truncated-varint", "truncated-field", "group-wire-type", "overlong-varint"],
)
def test_damaged_data_raises_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        list(fields(data))
