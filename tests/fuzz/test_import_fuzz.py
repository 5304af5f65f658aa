"""CSV and Anki package imports on mutated files: imported or refused clearly, all or nothing.

Any exception other than ``UserInputError`` fails the test; the cases below
pin inputs that once let ``csv.Error``, ``zlib.error`` or ``OSError`` escape.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import UserInputError
from studyapp.services.app import Services, open_services
from studyapp.storage.backup import fingerprint

CSV = (
    "#separator:comma\n#html:false\n#guid column:1\n#deck column:2\n#tags column:5\n"
    'g1,Rivers,"What flows through ten countries?",The Danube,geo europe\n'
    "g2,Rivers::Africa,The {{c1::Nile}} is long.,,geo\n"
    'g3,Rivers,"Quoted ""field"", with comma",answer,\n'
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    opened = open_services(tmp_path_factory.mktemp("fuzz") / "collection.studyapp")
    yield opened
    opened.context.store.close()


@pytest.fixture(scope="module")
def package(app: Services, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real .apkg (cards, cloze, tags, subdeck, scheduling) to mutate."""
    app.cards.add("Export::Sub", CardKind.BASIC, "Capital of Peru?", "Lima", ("geo",))
    app.cards.add("Export", CardKind.CLOZE, "The {{c1::Danube}} flows through {{c2::ten}} countries.")
    out = tmp_path_factory.mktemp("apkg") / "export.apkg"
    app.exports.export("Export", out, with_scheduling=True)
    return out.read_bytes()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        else:
            del data[at:]
    return bytes(data)


def import_or_refuse(app: Services, data: bytes, suffix: str) -> None:
    """Either the import succeeds and the collection stays healthy, or it is refused and nothing changed."""
    before = fingerprint(app.context.store.engine)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cards{suffix}"
        path.write_bytes(data)
        try:
            app.imports.import_file(path, "Fuzz")
        except UserInputError as error:
            assert error.message.strip()
            assert fingerprint(app.context.store.engine) == before, "a refused import changed the collection"
            return
    assert app.context.store.integrity_problems() == []


def import_file(app: Services, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cards{suffix}"
        path.write_bytes(data)
        app.imports.import_file(path, "Fuzz")


@SETTINGS
@given(data=mutated(CSV.encode()))
def test_mutated_csv_is_imported_or_refused_cleanly(app: Services, data: bytes) -> None:
    import_or_refuse(app, data, ".csv")


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list(',;\t"\n#:abc{}c1\\ \x00é')), max_size=300))
def test_csv_shaped_text_is_imported_or_refused_cleanly(app: Services, text: str) -> None:
    import_or_refuse(app, text.encode("utf-8", "surrogatepass"), ".csv")


@SETTINGS
@given(data=st.data())
def test_mutated_anki_package_is_imported_or_refused_cleanly(
    app: Services, package: bytes, data: st.DataObject
) -> None:
    import_or_refuse(app, data.draw(mutated(package)), ".apkg")


def test_a_stray_carriage_return_in_a_csv_is_refused_clearly(app: Services) -> None:
    with pytest.raises(UserInputError):
        import_file(app, b"\rfront,back\nq,a\n", ".csv")


def test_a_package_with_a_damaged_compressed_collection_is_refused_clearly(app: Services, package: bytes) -> None:
    data = bytearray(package)
    for name in (b"collection.anki21b", b"collection.anki21", b"collection.anki2"):
        at = data.find(b"PK\x03\x04")
        while at >= 0:
            name_length, extra_length = struct.unpack("<HH", data[at + 26 : at + 30])
            if data[at + 30 : at + 30 + name_length] == name:
                data[at + 30 + name_length + extra_length] = 0xFF  # deflate block type 3: invalid
                break
            at = data.find(b"PK\x03\x04", at + 4)
    with pytest.raises(UserInputError):
        import_file(app, bytes(data), ".apkg")


def point_the_collection_before_the_file_start(package: bytes) -> bytes:
    """Shift the central directory so every member but the collection still resolves; its offset goes negative."""
    data = bytearray(package)
    end = data.rfind(b"PK\x05\x06")
    (count,) = struct.unpack("<H", data[end + 10 : end + 12])
    (start,) = struct.unpack("<I", data[end + 16 : end + 20])
    entries, at, collection_offset = [], start, 0
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[at + 28 : at + 34])
        name = bytes(data[at + 46 : at + 46 + name_length])
        (local,) = struct.unpack("<I", data[at + 42 : at + 46])
        entries.append((at, name, local))
        if name.startswith(b"collection."):
            collection_offset = local
        at += 46 + name_length + extra_length + comment_length
    shift = collection_offset + 1
    for at, name, local in entries:
        if not name.startswith(b"collection."):
            data[at + 42 : at + 46] = struct.pack("<I", local + shift)
    data[end + 16 : end + 20] = struct.pack("<I", start + shift)
    return bytes(data)


def test_a_package_with_a_wrong_central_directory_offset_is_refused_clearly(app: Services, package: bytes) -> None:
    with pytest.raises(UserInputError):
        import_file(app, point_the_collection_before_the_file_start(package), ".apkg")
