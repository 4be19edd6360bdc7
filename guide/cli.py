"""The command line: argv → options → the library → diagnostics on stderr → an exit code."""

# Exit codes: 0 success; 1 content or configuration errors (each printed as ``path:line: error:
# message``, sorted, then a summary line); 2 usage errors; 3 an internal error (a bug of the
# builder, named with the block being built; ``--debug`` shows the traceback). Nothing here calls
# ``sys.exit``: :func:`main` returns the code.
#
# A one-shot command (build, check, release...) runs with Python's cyclic garbage collector off:
# its cycles are freed when the process ends, and the collector's passes over reportlab's many
# young objects cost a cold build about 0.15 s (and a 400-page build 12 MB more at its peak).
# ``main`` switches it back on when it returns (the tests call it in one process); ``watch``
# keeps it on.

from __future__ import annotations

import argparse
import gc
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from guide.cli_parser import PROG, USAGE, UsageError, make_parser, unrecognized, with_command
from guide.errors import Diagnostic, GuideError, Severity

if TYPE_CHECKING:
    from guide.config.schema import Brand, GuideConfig
    from guide.errors import Diagnostics
    from guide.options import BuildOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """Print diagnostics sorted by place, then a summary line."""
    items = sorted(diagnostics, key=lambda d: d.sort_key)
    for item in items:
        print(item, file=stream)
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    warnings = len(items) - errors
    if items:
        parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        print(", ".join(parts), file=stream)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from guide.build import build
    from guide.options import BuildOptions

    if args.command in ("build", "watch", "release"):
        _known_guides(args.sources, args.slugs if args.command != "release" else [args.slug])
    if args.command == "check":
        if args.format is not None and not args.report:
            raise UsageError(
                f"--format {args.format} shapes the report: add --report "
                f"({PROG} check --report --format {args.format})"
            )
        return _check(
            BuildOptions(
                sources=args.sources, assets=args.assets, strict=args.strict, reading=args.report
            ),
            out,
            err,
            (args.format or "text") if args.report else "",
            args.debug,
        )
    if args.command == "release":
        return _release(args, out, err)
    if args.command == "new":
        return _new(args, out, err)
    if args.command == "import":
        return _import(args, out, err)
    if args.command == "watch":
        from guide.watch import watch

        gc.enable()  # a long-lived process: each rebuild's cycles are collected

        options = BuildOptions(
            sources=args.sources,
            out=args.out,
            assets=args.assets,
            slugs=tuple(args.slugs),
            strict=args.strict,
        )
        print(
            f"watching {options.sources.as_posix()} and {options.assets_dir.as_posix()} "
            f"(Ctrl-C to stop)",
            file=out,
            flush=True,
        )
        return watch(
            options,
            out,
            err,
            print_diagnostics,
            interval=args.interval,
            report_bug=lambda bug, stream: print_internal(bug, args.debug, stream),
        )
    options = BuildOptions(
        sources=args.sources,
        out=args.out,
        assets=args.assets,
        slugs=tuple(args.slugs),
        release=args.release,
        force=args.force or args.report,
        strict=args.strict,
        previews=args.previews,
        keep_old=args.keep_old,
        editions=tuple(args.editions),
    )
    result = build(options)
    for entry in result.current:
        print(
            f"up to date {(options.out / entry.pdf).as_posix()} (use --force to rebuild)", file=out
        )
    print_diagnostics(result.warnings, err)
    for entry in result.built:
        size = entry.bytes / 1024
        label = f" (draft{result.drafts.get(entry.slug, '')})" if entry.draft else ""
        print(
            f"built {(options.out / entry.pdf).as_posix()}{label}: {entry.pages} pages, "
            f"{size:.0f} KB",
            file=out,
        )
    if result.reading:
        from guide.check.report import summary_line

        for reading in result.reading:
            print(summary_line(reading), file=out)
    if args.report:
        print_layout_report(result.layout, out)
    for bug in result.internal:
        print_internal(bug, args.debug, err)
    if not result.failed:
        return EXIT_OK
    if result.built:
        built = ", ".join(dict.fromkeys(entry.slug for entry in result.built))  # once per guide
        print(
            f"failed: {', '.join(result.failed)} (previous PDF and manifest entry, if any, "
            f"kept); built: {built}",
            file=err,
        )
    return EXIT_INTERNAL if result.internal else EXIT_CONTENT


def _known_guides(sources: Path, slugs: Sequence[str]) -> None:
    """Raise a usage error naming each slug that is no guide under ``sources`` (a missing
    sources folder is the build's to report)."""
    from guide.errors import did_you_mean

    if not sources.is_dir():
        return
    known = sorted(p.parent.name for p in sources.glob("*/guide.toml"))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise UsageError(
            f"\n{USAGE} ".join(
                f"no guide named '{slug}' in {sources.as_posix()}{did_you_mean(slug, known)}"
                f"; guides: {', '.join(known) or 'none yet'}"
                for slug in unknown
            )
        )


def print_layout_report(reports: Sequence[tuple[str, list[str]]], stream: TextIO) -> None:
    """Each guide's layout defects, one a line under the guide's name, or that it has none."""
    for slug, lines in reports:
        if not lines:
            print(
                f"layout {slug}: no holes, stranded figures, scraps, widows or orphans", file=stream
            )
            continue
        print(f"layout {slug}: {len(lines)} problem{'s' * (len(lines) != 1)}", file=stream)
        for line in lines:
            print(f"  {line}", file=stream)


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from guide.errors import Diagnostics
    from guide.scaffold import check_slug, new_guide

    found = Diagnostics()
    if check_slug(args.slug, args.sources, found) is None:  # the name given: a usage error
        raise UsageError(found.items[0].message)
    made = new_guide(args.sources, args.slug, args.title, found)
    print_diagnostics(found.items, err)
    if made is None:
        return EXIT_CONTENT
    for path in made.files:
        print(f"wrote {path.as_posix()}", file=out)
    print(
        f"next: edit {made.folder.as_posix()}/guide.toml and the chapter, then "
        f"{PROG} build {args.slug}",
        file=out,
    )
    return EXIT_OK


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from guide.importer.command import run_import

    result = run_import(args.page, args.slug, args.sources)
    for line in result.report:
        print(line, file=out)
    print_diagnostics(result.diagnostics, err)
    return EXIT_CONTENT if result.failed else EXIT_OK


def _check(
    options: BuildOptions, out: TextIO, err: TextIO, report: str = "", debug: bool = False
) -> int:
    from guide.build import check

    result = check(options)
    if report:
        from guide.check.report import render_report

        out.write(render_report(result.reading, report))
    print_diagnostics(result.diagnostics, err)
    for bug in result.internal:  # a bug in one guide: the others are still checked
        print_internal(bug, debug, err)
    if result.internal:
        return EXIT_INTERNAL
    if not result.ok:
        return EXIT_CONTENT
    for slug, edition in result.editions:  # a Markdown or JSON report stays alone on stdout
        print(
            f"ok {slug} {edition.version} ({edition.date})",
            file=err if report in ("md", "json") else out,
        )
    return EXIT_OK


def _release(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from guide.build import check_content, discover
    from guide.errors import Diagnostics
    from guide.options import BuildOptions
    from guide.revisions import release

    options = BuildOptions(
        sources=args.sources, assets=args.assets, slugs=(args.slug,), release=True
    )  # refuse exactly what ``build --release`` refuses
    found = Diagnostics()
    folders = discover(options, found)
    if found.has_errors:
        raise GuideError(found.items)
    assets = options.assets_dir

    def validate(config: GuideConfig, brand: Brand, diagnostics: Diagnostics) -> None:
        check_content(config, brand, options, diagnostics)

    result = release(
        folders[0],
        assets,
        args.bump,
        args.summary,
        reviewed_by=args.reviewed_by,
        display_folder=folders[0].as_posix(),
        assets_display=assets.as_posix(),
        validate=validate,
    )
    print_diagnostics(result.diagnostics, err)
    if result.revision is None:
        if any(d.severity is Severity.ERROR for d in result.diagnostics):
            print(f"release refused: nothing was recorded in {result.ledger.as_posix()}", file=err)
        return EXIT_CONTENT
    note = " (first revision: guide.toml's version, --bump not applied)" if result.adopted else ""
    print(
        f"released {args.slug} {result.revision.version} ({result.revision.date}){note}: "
        f"recorded in {result.ledger.as_posix()}",
        file=out,
    )
    if result.followed:
        print(
            f"guide.toml's version and date now say {result.revision.version} and "
            f"{result.revision.date}",
            file=out,
        )
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    collecting = gc.isenabled()
    gc.disable()  # a one-shot command: see the note at the top (watch collects again)
    try:
        argv = with_command(argv)
        parser = make_parser()
        args, extra = parser.parse_known_args(argv)
        if extra:
            raise unrecognized(parser, args.command, extra)
        return _run(args, out, err)
    except UsageError as exc:
        print(exc, file=err)
        return EXIT_USAGE
    except GuideError as exc:
        print_diagnostics(exc.diagnostics, err)
        return EXIT_CONTENT
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except KeyboardInterrupt:
        if "watch" in argv:
            return EXIT_OK
        print("interrupted; nothing was written", file=err)
        return 130
    except Exception as exc:
        return _internal(exc, debug, err)
    finally:
        if collecting:
            gc.enable()


def _internal(exc: Exception, debug: bool, err: TextIO) -> int:
    """Report a bug of the builder that stopped the command; the exit code."""
    print_internal(exc, debug, err)
    return EXIT_INTERNAL


def print_internal(exc: Exception, debug: bool, err: TextIO) -> None:
    """Report a bug of the builder: where it was building, what failed, and how to see more
    (with ``debug``, the traceback)."""
    from guide.errors import InternalError, printable

    if debug:
        traceback.print_exception(exc, file=err)
    hint = "" if debug else " (run with --debug for details)"
    if isinstance(exc, InternalError) and exc.location is not None:
        print(exc.line(hint), file=err)
    else:
        summary = exc.summary if isinstance(exc, InternalError) else InternalError(exc).summary
        print(printable(f"{PROG}: internal error: {summary}{hint}"), file=err)
