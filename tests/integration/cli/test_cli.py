"""The command line, in-process, on real collection files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli.main import build_parser, main
from studyapp.storage.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_seed_then_decks_lists_the_cards(
    capsys: pytest.CaptureFixture[str], collection_path: Path, seed_article: Path
) -> None:
    db = str(collection_path)
    code, out, err = run(capsys, "--collection", db, "import", str(seed_article), "--deck", "Seed")
    assert code == 0, err
    assert out.startswith("Added ") and "to deck 'Seed'" in out
    added = int(out.split()[1])
    assert added >= 10

    code, out, _ = run(capsys, "--collection", db, "decks", "--json")
    assert code == 0
    decks = json.loads(out)
    assert decks == [{"id": 1, "name": "Seed", "cards": added, "new": min(added, 20), "learning": 0, "due": 0}]

    code, out, _ = run(capsys, "--collection", db, "decks")
    assert "Seed" in out and str(added) in out


def test_importing_the_same_article_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], collection_path: Path, seed_article: Path
) -> None:
    db = str(collection_path)
    run(capsys, "--collection", db, "import", str(seed_article), "--deck", "Seed")
    code, out, _ = run(capsys, "--collection", db, "import", str(seed_article), "--deck", "Seed")
    assert code == 0
    assert out.startswith("Added 0 cards") and "already in the collection" in out


def test_without_deck_an_article_with_no_title_goes_to_a_deck_named_after_its_file(
    capsys: pytest.CaptureFixture[str], collection_path: Path, seed_article: Path
) -> None:
    code, out, err = run(capsys, "--collection", str(collection_path), "import", str(seed_article))
    assert code == 0, err
    assert "to deck 'Taiwan jassm missiles reuters 2021'" in out  # not "Taiwan is seeking to acquire long-range…"


def test_environment_variable_chooses_the_collection(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_article: Path
) -> None:
    target = tmp_path / "env.studyapp"
    monkeypatch.setenv("STUDYAPP_COLLECTION", str(target))
    code, out, err = run(capsys, "import", str(seed_article), "--deck", "Env", "--max-cards", "3")
    assert code == 0, err
    assert out.startswith("Added 3 cards") and "to deck 'Env'" in out
    code, out, err = run(capsys, "decks", "--json")  # the next command finds the same collection
    assert code == 0, err
    assert json.loads(out) == [{"id": 1, "name": "Env", "cards": 3, "new": 3, "learning": 0, "due": 0}]
    assert target.is_file() and not list(Path(os.environ["XDG_DATA_HOME"]).rglob("*.studyapp"))  # not the default


def test_generate_prints_json_without_storing(
    capsys: pytest.CaptureFixture[str], collection_path: Path, seed_article: Path
) -> None:
    code, out, err = run(capsys, "--collection", str(collection_path), "generate", str(seed_article), "--json")
    assert code == 0, err
    cards = json.loads(out)
    assert cards and {"type", "question", "answer", "cloze", "source", "start", "end", "score"} <= set(cards[0])
    text = seed_article.read_text(encoding="utf-8")
    assert all(card["source"] in text for card in cards)
    assert not collection_path.exists()


def test_check_reports_healthy_collection(capsys: pytest.CaptureFixture[str], collection_path: Path) -> None:
    code, _, err = run(capsys, "--collection", str(collection_path), "check")
    assert code == 2 and "no collection" in err
    Store.open(collection_path).close()
    code, out, _ = run(capsys, "--collection", str(collection_path), "check")
    assert code == 0
    assert out.startswith("Collection is healthy")


def test_check_fails_on_inconsistent_collection(capsys: pytest.CaptureFixture[str], collection_path: Path) -> None:
    store = Store.open(collection_path)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO decks (id, name, preset_id, created) VALUES (5, 'A::B', 1, 0)")
        conn.exec_driver_sql(
            "INSERT INTO cards (guid, deck_id, kind, front, back, source_sentence, fact, tags, position,"
            " created, modified, suspended, state, reps, lapses)"
            " VALUES ('g', 5, 'cloze', 'no deletion', '', '', '', '', 0, 0, 0, 0, 2, 1, 0)"
        )
    store.close()
    code, out, _ = run(capsys, "--collection", str(collection_path), "check")
    assert code == 1
    assert "no due date" in out and "has no deletion" in out and "Deck 'A' is missing" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff" * 400, "binary"),
    ],
)
def test_bad_article_files_give_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, collection_path: Path, content: bytes, message: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    code, _out, err = run(capsys, "--collection", str(collection_path), "import", str(article), "--deck", "X")
    assert code == 2
    assert err.startswith("studyapp: error: ") and message in err.lower()
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_unsupported_type_are_clear_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, collection_path: Path
) -> None:
    code, _, err = run(capsys, "--collection", str(collection_path), "import", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    odd = tmp_path / "sheet.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    code, _, err = run(capsys, "--collection", str(collection_path), "import", str(odd))
    assert code == 2 and "cannot be imported" in err


def test_collection_that_is_not_ours_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.studyapp"
    bogus.write_text("not a database at all, just some words " * 10)
    code, _, err = run(capsys, "--collection", str(bogus), "decks")
    assert code == 2
    assert "not a StudyApp collection" in err
    assert bogus.read_text().startswith("not a database")


@pytest.mark.parametrize("command", [None, "import", "generate", "decks", "check"])
def test_help_is_available_on_every_command(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    argv = ["--help"] if command is None else [command, "--help"]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert "usage: studyapp" in capsys.readouterr().out


def test_every_registered_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in sub.choices.items():  # type: ignore[attr-defined]
        assert subparser.description, name


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", "--collection", str(tmp_path / "c.studyapp"), "decks"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "No decks yet" in result.stdout


def test_a_mistyped_command_is_not_opened_as_a_file(capsys: pytest.CaptureFixture[str], collection_path: Path) -> None:
    code, _, err = run(capsys, "--collection", str(collection_path), "decsk")
    assert code == 2
    assert err == "studyapp: error: decsk: no such file or command (see 'studyapp --help').\n"
    assert not collection_path.exists()
