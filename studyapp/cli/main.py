"""``studyapp``: the command line, and the door to the window.

``studyapp`` alone opens the window; ``studyapp FILE`` opens it importing
FILE; anything else is a command.  Known errors are one line on stderr (exit
2); anything unexpected is logged with its traceback and reported in one line.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from studyapp import __version__
from studyapp.cli.commands import COMMANDS
from studyapp.domain.clock import Clock
from studyapp.domain.errors import CollectionDamaged, CollectionNotTidied, StudyAppError, UserInputError
from studyapp.settings import COLLECTION_ENV, data_dir

log = logging.getLogger(__name__)

EXIT_USER_ERROR = 2
EXIT_BUG = 1
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised wherever the command is, like Ctrl-C: transactions roll back, temporary files go."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise Terminated()


@contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """Commands stop on SIGTERM as on Ctrl-C (the window installs its own handlers, which close it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description="Turn what you read into flashcards you remember. "
        "Run without a command to open the window, or with a FILE to import it in the window.",
    )
    parser.add_argument("--version", action="version", version=f"StudyApp {__version__}")
    parser.add_argument(
        "--collection",
        metavar="PATH",
        help=f"the collection file to use (default: ${COLLECTION_ENV}, else your data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def _split_window_request(argv: list[str]) -> tuple[list[str], Path | None] | None:
    """``[--collection X] [FILE]`` with no command means: open the window."""
    names = {c.NAME for c in COMMANDS}
    options: list[str] = []
    file: Path | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--collection" and rest:
            options += [arg, rest.pop(0)]
        elif arg.startswith("--collection=") or arg in ("-v", "--verbose"):
            options.append(arg)
        elif arg in names or arg.startswith("-") or file is not None:
            return None
        else:
            file = Path(arg)
    return options, file


FILE_ONLY = "file_only"  # a log record's flag: keep it out of the terminal unless --verbose


def _configure_logging(verbose: bool) -> Path | None:
    """Warnings go to stderr and the log file; a bug's traceback only to the file (stderr too with -v).

    The handlers are named and replaced, so calling ``main`` again (tests, the window) does not stack them.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for old in [h for h in root.handlers if h.get_name() in ("studyapp-terminal", "studyapp-file")]:
        root.removeHandler(old)
        old.close()
    terminal = logging.StreamHandler(sys.stderr)
    terminal.set_name("studyapp-terminal")
    terminal.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    if not verbose:
        terminal.addFilter(lambda record: not getattr(record, FILE_ONLY, False))
    root.addHandler(terminal)
    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        log_file = folder / "studyapp.log"
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    handler.set_name("studyapp-file")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return log_file


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command; ``clock`` lets tests run it at a chosen time (default: the system clock)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    window = _split_window_request(args_list)
    parser = build_parser()
    if window is not None:
        options, file = window
        args = parser.parse_args(options)
    else:
        args = parser.parse_args(args_list)
        file = None
    args.clock = clock
    log_file = _configure_logging(args.verbose)
    from studyapp.services.temp_files import remove_stale

    remove_stale()  # what a killed StudyApp left (export parts, unpacked packages)
    try:
        if window is not None:
            if file is not None and not file.is_file():
                raise UserInputError(f"{file}: no such file or command (see 'studyapp --help').")
            from studyapp.cli.commands.window import open_window

            return open_window(args, file)
        with _terminate_like_interrupt():
            return int(args.func(args))
    except CollectionNotTidied as error:  # the command's work is committed; only tidying up failed
        print(f"studyapp: warning: {error.message}", file=sys.stderr)
        return 0
    except CollectionDamaged as error:
        from studyapp.services.backups import recovery_advice

        print(f"studyapp: error: {error.damage} {recovery_advice(error.path)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except StudyAppError as error:
        print(f"studyapp: error: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Terminated:
        print("studyapp: stopped (SIGTERM)", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("studyapp: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as error:
        log.exception("unexpected error", extra={FILE_ONLY: True})
        where = f" (details in {log_file})" if log_file else ""
        print(f"studyapp: internal error: {type(error).__name__}: {error}{where}", file=sys.stderr)
        return EXIT_BUG
