"""The command line's words: the commands, their options and usage errors, parsed from argv
with argparse (did-you-mean for mistyped commands and options)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from guide import __version__

COMMANDS = ("build", "watch", "check", "release", "new", "import")
PROG = "python3 build_guide.py"  # how README spells the command; messages spell it the same
VALUED = (
    "--sources",
    "--out",
    "--assets",
    "--interval",
    "--title",
    "--slug",
    "--bump",
    "--summary",
    "--reviewed-by",
)


USAGE = "build-guide: error:"  # how every usage error starts


class UsageError(Exception):
    """A command line that cannot be run (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"{USAGE} {message}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def unrecognized(
    parser: argparse.ArgumentParser, command: str | None, extra: Sequence[str]
) -> UsageError:
    """The usage error for arguments no option takes, with the closest option of the command
    (argparse's own did-you-mean came with Python 3.12's ``suggest_on_error``)."""
    from guide.errors import did_you_mean

    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            actions += action.choices[command]._actions
    options = [
        name for action in actions for name in action.option_strings if name.startswith("--")
    ]
    hints = "".join(
        did_you_mean(word.split("=")[0], options) for word in extra if word.startswith("--")
    )
    return UsageError(f"unrecognized arguments: {' '.join(extra)}{hints}")


def make_parser() -> argparse.ArgumentParser:
    """The command line's argument parser, with its subcommands."""
    parser = _Parser(
        prog=PROG, description="Build Valor Spine Free Guide PDFs from Markdown and TOML."
    )
    parser.add_argument("--version", action="version", version=f"build-guide {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a Python traceback for internal errors"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    build = commands.add_parser("build", help="build guides into the output folder (default)")
    build.add_argument("slugs", nargs="*", metavar="SLUG", help="guides to build (default: all)")
    _common(build)
    build.add_argument(
        "--out", type=Path, default=Path("dist"), help="output folder (default: dist)"
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild even when the outputs are up to date"
    )
    build.add_argument(
        "--release",
        action="store_true",
        help="refuse drafts: every guide must match its newest revision",
    )
    build.add_argument(
        "--edition",
        action="append",
        choices=("print", "phone"),
        dest="editions",
        default=[],
        help="build only this edition (repeatable; default: each guide's own)",
    )
    _strict(build)
    build.add_argument(
        "--report",
        action="store_true",
        help="list each guide's layout defects: holes, stranded figures, scraps, "
        "widows and orphans (rebuilds, like --force)",
    )
    build.add_argument(
        "--previews",
        action="store_true",
        help="also write landing-page pictures: cover, social card, thumbnails",
    )
    build.add_argument(
        "--keep-old",
        action="store_true",
        help="keep superseded PDFs (older drafts and editions) in the output folder",
    )
    watch = commands.add_parser("watch", help="rebuild whenever a source or asset changes")
    watch.add_argument("slugs", nargs="*", metavar="SLUG", help="guides to build (default: all)")
    _common(watch)
    watch.add_argument(
        "--out", type=Path, default=Path("dist"), help="output folder (default: dist)"
    )
    watch.add_argument(
        "--interval",
        type=float,
        default=0.3,
        help="seconds between looks for changes (default: 0.3)",
    )
    _strict(watch)
    new = commands.add_parser("new", help="start a guide: a folder that builds at once")
    new.add_argument("slug", metavar="SLUG", help="the guide's folder name, e.g. sciatica")
    new.add_argument("--title", default="", help="the guide's title (default: from SLUG)")
    new.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        help="folder holding one folder per guide (default: sources)",
    )
    page = commands.add_parser("import", help="make a guide from an article page saved as HTML")
    page.add_argument("page", type=Path, metavar="PAGE.html", help="the saved web page")
    page.add_argument("--slug", required=True, help="the guide's folder name")
    page.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        help="folder holding one folder per guide (default: sources)",
    )
    check = commands.add_parser("check", help="validate every guide and fail on drafts (for CI)")
    _common(check)
    _strict(check)
    check.add_argument(
        "--report",
        action="store_true",
        help="print each chapter's reading level and hardest sentences",
    )
    check.add_argument(
        "--format",
        choices=("text", "md", "json"),
        default=None,
        help="the report's format with --report (text, md for a CI job summary, json)",
    )
    release = commands.add_parser(
        "release", help="record a guide's current content as a new revision in its ledger"
    )
    release.add_argument("slug", metavar="SLUG", help="the guide to release")
    release.add_argument(
        "--bump",
        required=True,
        choices=("major", "minor", "patch"),
        help="which part of the version to raise",
    )
    release.add_argument("--summary", required=True, help="one line: what changed")
    release.add_argument(
        "--reviewed-by",
        default="",
        metavar="NAME",
        help="who reviewed this edition (recorded with today's date)",
    )
    _common(release)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources",
        type=Path,
        default=Path("sources"),
        help="folder holding one folder per guide (default: sources)",
    )
    parser.add_argument(
        "--assets",
        type=Path,
        default=None,
        help="brand and illustrations folder (default: assets beside sources)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show a Python traceback for internal errors",
    )


def _strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="reading-level limits ([quality] in guide.toml) and claims are errors, not warnings",
    )


def with_command(argv: list[str]) -> list[str]:
    """``argv`` with ``build`` put first when it names no command ("python3 build_guide.py"
    builds every guide); a first word close to a command's name is a usage error."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return argv
    words = [
        a
        for i, a in enumerate(argv)
        if not a.startswith("-") and (i == 0 or argv[i - 1] not in VALUED)
    ]
    if words and words[0] in COMMANDS:
        return argv
    if words:
        from guide.errors import did_you_mean

        hint = did_you_mean(words[0], COMMANDS)
        sources = (
            Path(argv[argv.index("--sources") + 1]) if "--sources" in argv[:-1] else Path("sources")
        )
        if hint and not (sources / words[0]).is_dir():
            raise UsageError(f"unknown command '{words[0]}'{hint}; commands: {', '.join(COMMANDS)}")
    return ["build", *argv]
