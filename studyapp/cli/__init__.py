"""The command line: argparse commands, main(argv) -> exit code."""
