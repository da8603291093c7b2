"""The ``docgen`` command line.

No ``from __future__ import annotations`` here: typer reads the parameters' annotations at
every start, and string annotations would make it evaluate each one (≈ 8 ms a call).
"""

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from docgen import collector
from docgen.errors import DocgenError
from docgen.filetypes import FileType
from docgen.i18n import choose, tr
from docgen.writers import WRITERS

# typer 0.12–0.20 escapes "[default: …]" as "\[default: …]" in plain help whenever rich is
# installed (it is: docgen's progress bars); docgen's help is plain text (rich_markup_mode
# None), so typer is told rich is not there (its one private member docgen touches).
typer.core.HAS_RICH = False

FORMAT_CHOICES = (*(kind.value for kind in WRITERS), "all")

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help=tr("Chinese official documents (公文) in the GB/T 9704-2012 layout, from YAML specs."),
)


def _version(asked: bool) -> None:
    if asked:
        from docgen.version import __version__

        typer.echo(f"docgen {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            help=tr("messages in Chinese or English (default: the locale)"),
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help=tr("print the version and stop")
        ),
    ] = False,
) -> None:
    """Chinese official documents (公文) in the GB/T 9704-2012 layout, from YAML specs."""
    if lang is not None and lang not in ("zh", "en"):
        raise typer.BadParameter(tr("--lang takes zh or en, not {value}").format(value=repr(lang)))
    choose(lang)
    if ctx.invoked_subcommand != "build":
        collector.release()  # only a build keeps the collector off until its first document
        if (forked := sys.modules.get("docgen.forked")) is not None:
            forked.close()  # started on a guess (cli/__init__.py): not a build after all


SpecArgs = Annotated[
    list[Path], typer.Argument(help=tr("spec file(s) (YAML)"), show_default=False, metavar="SPEC")
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="KEY=VALUE", help=tr("override a variable (repeatable)")),
]
FontDirOpt = Annotated[
    list[Path] | None,
    typer.Option("--font-dir", metavar="DIR", help=tr("folder with fonts (repeatable)")),
]
FontOpt = Annotated[
    list[str] | None,
    typer.Option("--font", metavar="ROLE=FONT", help=tr("family or file for a role (repeatable)")),
]
VarsOpt = Annotated[
    Path | None, typer.Option("--vars", metavar="FILE", help=tr("YAML file of variables"))
]
OutOpt = Annotated[Path, typer.Option("-o", "--out", metavar="DIR", help=tr("output folder"))]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help=f"{' or '.join(FORMAT_CHOICES)}",
        autocompletion=lambda: list(FORMAT_CHOICES),  # offered by shell completion
    ),
]
LimitOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--limit", metavar="NAME=N", help=tr("raise a limit (see README, Limits) (repeatable)")
    ),
]


def _limits(items: list[str] | None) -> None:
    from docgen import limits

    pairs = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"--limit takes name=number, not {item!r}")
        pairs[name] = value
    limits.configure(pairs)


def _formats(choice: str) -> tuple[FileType, ...]:
    """``--format``: one type the registry writes, or all."""
    from docgen.writers import ALL, WRITERS

    if choice == "all":
        return ALL
    kind = next((k for k in WRITERS if k.value == choice), None)
    if kind is None:
        raise typer.BadParameter(f"--format must be {' or '.join(FORMAT_CHOICES)}, not {choice!r}")
    return (kind,)


def _tell(exc: DocgenError) -> None:
    """Each error of ``exc`` on a line of its own."""
    lines = getattr(exc, "lines", None)  # SpecErrors, a batch refused: several errors
    for line in lines() if callable(lines) else [str(exc)]:
        typer.echo(tr("error: {message}").format(message=line), err=True)


def _fail(exc: DocgenError) -> None:
    _tell(exc)
    raise typer.Exit(1)


def _overrides(sets: list[str] | None, vars_file: Path | None) -> dict[str, Any]:
    """Variables from --vars then --set; later ones win."""
    from docgen.spec.source import parse_yaml

    out: dict[str, Any] = {}
    if vars_file:
        from docgen import files
        from docgen.errors import Location, SpecError
        from docgen.spec.source import project_root

        try:
            root = project_root(vars_file)
            files.project_file(vars_file.absolute(), root, root, "spec-size")
            text = files.read_text(vars_file, "spec-size")
        except files.FileRefused as exc:
            raise SpecError(exc.message, Location(vars_file)) from None
        data, _ = parse_yaml(text, vars_file, what=tr("a --vars file"))
        out.update(data)
    for item in sets or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"--set takes key=value, not {item!r}")
        out[key.strip()] = value
    return out


def _font_choices(fonts: list[str] | None) -> dict[str, str]:
    out = {}
    for item in fonts or []:
        role, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"--font takes role=family-or-file, not {item!r}")
        out[role.strip()] = value.strip()
    return out


def _kinds(incomplete: str) -> list[str]:
    """Shell completion of ``docgen new``: the kinds, by 文种 and by English name."""
    from docgen.cli.new import SLUGS

    return [k for k in [*SLUGS, *SLUGS.values()] if k.startswith(incomplete)]


@app.command(
    "new",
    help=tr(
        "Start a project for one kind of document: a commented spec, its JSON Schema for "
        "editors, the project marker and a sample seal; it builds at once.\n\n"
        "Example: docgen new 通知 my-notice"
    ),
)
def new(
    kind: Annotated[
        str,
        typer.Argument(
            help=tr("文种 (通知, 请示, 函 …) or its English name (notice, request, letter …)"),
            show_default=False,
            autocompletion=_kinds,
        ),
    ],
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help=tr("a new or empty folder (default: the kind's English name, e.g. notice)"),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a project for one kind of document: a commented spec, its JSON Schema for
    editors, the project marker and a sample seal; it builds at once.

    Example: docgen new 通知 my-notice
    """
    from docgen.cli.new import create

    try:
        typer.echo(create(kind, folder))
    except DocgenError as exc:
        _fail(exc)


@app.command(
    help=tr(
        "Build specs into PDF and DOCX files.\n\n"
        "Example: docgen build specs/work-summary.yaml -o output --set city=泉州"
    )
)
def build(
    specs: SpecArgs,
    out: OutOpt = Path("output"),
    fmt: FormatOpt = "all",
    sets: SetOpt = None,
    vars_file: VarsOpt = None,
    font_dir: FontDirOpt = None,
    font: FontOpt = None,
    embed_fonts: Annotated[
        bool, typer.Option("--embed-fonts", help=tr("embed the fonts in the .docx"))
    ] = False,
    copies: Annotated[
        int, typer.Option("--copies", min=0, help=tr("N numbered copies (份号 000001 …)"))
    ] = 0,
    check: Annotated[
        bool, typer.Option("--check", help=tr("check the files written against GB/T 9704"))
    ] = False,
    limit: LimitOpt = None,
    each: Annotated[
        Path | None,
        typer.Option(
            "--each",
            metavar="DATA",
            help=tr("one document per row of DATA (.csv, .xlsx or a YAML list)"),
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="TEMPLATE",
            help=tr('file names of --each\'s documents, e.g. "{{ 编号 }}-{{ 单位 }}"'),
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help=tr("documents made at once (default: the cores)")),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option("--shard", metavar="K/N", help=tr("build part K of N of the documents")),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest", metavar="FILE", help=tr("list the files written, with SHA-256 (JSON)")
        ),
    ] = None,
) -> None:
    """Build specs into PDF and DOCX files.

    Example: docgen build specs/work-summary.yaml -o output --set city=泉州
    """
    formats = _formats(fmt)
    with _helper(len(specs) == 1 and each is None):
        from docgen.build import BuildOptions
        from docgen.cli import batch

        _limits(limit)
        to_stdout = str(out) == "-"
        try:
            options = BuildOptions(
                out_dir=Path(".") if to_stdout else out,
                formats=formats,
                overrides=_overrides(sets, vars_file),
                font_dirs=list(font_dir or []),
                fonts=_font_choices(font),
                embed_fonts=embed_fonts,
                copies=copies,
            )
        except DocgenError as exc:
            _fail(exc)
        request = batch.Request(
            specs=specs,
            each=each,
            name=name,
            jobs=jobs or os.cpu_count() or 1,
            shard=_shard(shard),
            manifest=manifest,
            to_stdout=to_stdout,
        )
        try:
            code, written = batch.run(request, options, typer.echo)
        except batch.Usage as exc:
            raise typer.BadParameter(str(exc)) from None
        except DocgenError as exc:
            _fail(exc)
        except batch.Stopped:
            typer.echo(tr("stopped (Ctrl-C): every file written is whole"), err=True)
            raise typer.Exit(130) from None
        if check and written:
            from docgen.check.command import check_command

            code = max(code, check_command(written, json_out=False, strict=False, brief=True))
        raise typer.Exit(code)


@contextlib.contextmanager
def _helper(alone: bool) -> Iterator[None]:
    """The layout helper `docgen` started (docgen/forked.py) lays out and draws one
    document beside the build; a batch makes its documents here and in its workers, so
    it is ended.  (A build called in a running process, such as a test's, starts none: it
    has its libraries imported already, which is what the helper saves.)"""
    from docgen import forked

    if not alone:
        forked.close()
    try:
        yield
    finally:
        forked.close()


def _shard(value: str | None) -> tuple[int, int] | None:
    """``--shard K/N``: part K (1..N) of N."""
    if value is None:
        return None
    k, sep, n = value.partition("/")
    if not (sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise typer.BadParameter(
            tr("--shard takes K/N with 1 ≤ K ≤ N, not {value}").format(value=repr(value))
        )
    return int(k), int(n)


@app.command(
    help=tr(
        "Check specs (YAML, fields, variables, templates) without writing anything.\n\n"
        "Example: docgen validate specs/*.yaml"
    )
)
def validate(
    specs: SpecArgs, sets: SetOpt = None, vars_file: VarsOpt = None, limit: LimitOpt = None
) -> None:
    """Check specs (YAML, fields, variables, templates) without writing anything.

    Example: docgen validate specs/*.yaml
    """
    from docgen.compose import compose
    from docgen.render import load_spec

    _limits(limit)
    try:
        overrides = _overrides(sets, vars_file)
    except DocgenError as exc:
        _fail(exc)
    failed = 0
    for spec in specs:  # every spec is read, whatever the ones before it
        try:
            compose(load_spec(spec, overrides))
            typer.echo(tr("{spec}: ok").format(spec=spec))
        except DocgenError as exc:
            _tell(exc)
            failed += 1
    raise typer.Exit(1 if failed else 0)


@app.command(
    help=tr(
        "Print the body markup the spec's Jinja template produces (for template "
        "authors).\n\n"
        "Example: docgen render specs/work-summary.yaml"
    )
)
def render(
    spec: Annotated[Path, typer.Argument(help=tr("spec file"))],
    sets: SetOpt = None,
    vars_file: VarsOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Print the body markup the spec's Jinja template produces (for template authors).

    Example: docgen render specs/work-summary.yaml
    """
    from docgen.render import load_spec
    from docgen.render.body import render_body

    _limits(limit)
    try:
        typer.echo(render_body(load_spec(spec, _overrides(sets, vars_file))))
    except DocgenError as exc:
        _fail(exc)


@app.command(
    help=tr(
        "Show which font serves each role, and why; with a spec, which characters need "
        "help.\n\n"
        "Example: docgen fonts specs/work-summary.yaml --font-dir ~/fonts"
    )
)
def fonts(
    spec: Annotated[Path | None, typer.Argument(help=tr("spec whose characters to check"))] = None,
    font_dir: FontDirOpt = None,
    font: FontOpt = None,
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help=tr(
                "install the bundled fonts and official-name aliases for LibreOffice (fontconfig)"
            ),
        ),
    ] = False,
    warm_caches: Annotated[
        bool,
        typer.Option(
            "--warm",
            help=tr(
                "parse the fonts and fill docgen's caches now, so that the first build is as"
                " fast as later ones (the install script does this)"
            ),
        ),
    ] = False,
) -> None:
    """Show which font serves each role, and why; with a spec, which characters need help.

    Example: docgen fonts specs/work-summary.yaml --font-dir ~/fonts
    """
    from docgen.cli.fonts import report

    if install:
        from docgen.fonts.fontconfig import install_for_fontconfig

        fonts_dir, conf = install_for_fontconfig()
        typer.echo(f"fonts in {fonts_dir}; aliases in {conf}")
        return
    if warm_caches:
        _warm(font_dir, font)
        return
    try:
        typer.echo(report(spec, list(font_dir or []), _font_choices(font)))
    except DocgenError as exc:
        _fail(exc)


def _warm(font_dir: list[Path] | None, font: list[str] | None) -> None:
    from docgen.build import BuildOptions
    from docgen.cachedir import cache_dir
    from docgen.cli.warm import warm

    options = BuildOptions(font_dirs=list(font_dir or []), fonts=_font_choices(font))
    try:
        names, seconds = warm(options)
    except DocgenError as exc:
        _fail(exc)
    message = tr("caches ready in {folder} ({seconds:.1f} s): {faces}")
    folder = cache_dir("").resolve()
    typer.echo(message.format(folder=folder, seconds=seconds, faces=", ".join(names)))


def _live_options(
    out: Path, fmt: str, sets: list[str] | None, vars_file: Path | None, font_dir, font
) -> Any:
    from docgen.build import BuildOptions

    try:
        return BuildOptions(
            out_dir=out,
            formats=_formats(fmt),
            overrides=_overrides(sets, vars_file),
            font_dirs=list(font_dir or []),
            fonts=_font_choices(font),
        )
    except DocgenError as exc:
        _fail(exc)


@app.command(
    help=tr(
        "Build specs again on every save of a spec, its variables, templates or images;"
        " a broken save keeps the last good files and says where the mistake is.\n\n"
        "Example: docgen watch specs/notice.yaml -o output"
    )
)
def watch(
    specs: SpecArgs,
    out: OutOpt = Path("output"),
    fmt: FormatOpt = "all",
    sets: SetOpt = None,
    vars_file: VarsOpt = None,
    font_dir: FontDirOpt = None,
    font: FontOpt = None,
) -> None:
    """Build specs again on every save (Ctrl-C stops)."""
    from docgen.live.watch import watch as run_watch

    options = _live_options(out, fmt, sets, vars_file, font_dir, font)
    try:
        run_watch(specs, options, typer.echo)
    except KeyboardInterrupt:
        typer.echo(tr("stopped watching"), err=True)
    raise typer.Exit(0)


@app.command(
    help=tr(
        "Show a spec's pages in the browser, refreshed on every save, with the check's"
        " result and the files to download; served on 127.0.0.1 only.\n\n"
        "Example: docgen preview specs/notice.yaml --port 8000"
    )
)
def preview(
    spec: Annotated[Path, typer.Argument(help=tr("spec file (YAML)"), metavar="SPEC")],
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help=tr("port on 127.0.0.1 (0: any)"))
    ] = 8000,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", metavar="DIR", help=tr("keep the files here (default: none)")),
    ] = None,
    sets: SetOpt = None,
    vars_file: VarsOpt = None,
    font_dir: FontDirOpt = None,
    font: FontOpt = None,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help=tr("open the page in the browser"))
    ] = False,
) -> None:
    """Show a spec's pages in the browser, refreshed on every save (Ctrl-C stops)."""
    import tempfile

    from docgen.live.preview import serve

    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as scratch:
        options = _live_options(out or Path(scratch), "all", sets, vars_file, font_dir, font)
        try:
            serve(spec, options, port, typer.echo, open_browser=open_browser)
        except KeyboardInterrupt:
            typer.echo(tr("preview stopped"), err=True)
        except OSError as exc:  # the port is taken, or not ours to bind
            typer.echo(
                tr("error: cannot serve on port {port}: {why}").format(port=port, why=exc.strerror),
                err=True,
            )
            raise typer.Exit(1) from None
    raise typer.Exit(0)


@app.command(
    help=tr(
        "Measure PDF, DOCX or OFD files against GB/T 9704-2012, clause by clause.\n\n"
        "Exit status: 0 clean, 1 errors found, 2 unreadable input.\n\n"
        "Example: docgen check output/notice.pdf --strict"
    )
)
def check(
    files: Annotated[
        list[Path],
        typer.Argument(help=tr("PDF, DOCX or OFD file(s)"), show_default=False, metavar="FILE"),
    ],
    json_out: Annotated[bool, typer.Option("--json", help=tr("print the report as JSON"))] = False,
    strict: Annotated[bool, typer.Option("--strict", help=tr("count warnings as errors"))] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help=tr("every measurement, clause and figure")),
    ] = False,
) -> None:
    """Measure PDF, DOCX or OFD files against GB/T 9704-2012, clause by clause.

    Exit status: 0 clean, 1 errors found, 2 unreadable input.
    Example: docgen check output/notice.pdf --strict
    """
    from docgen.check.command import check_command

    raise typer.Exit(check_command(files, json_out, strict, verbose=verbose))


@app.command(
    help=tr(
        "Print the JSON Schema of a spec, for editors (YAML language servers) and CI "
        "checks.\n\n"
        "Example: docgen schema > docgen.schema.json"
    )
)
def schema() -> None:
    """Print the JSON Schema of a spec, for editors (YAML language servers) and CI checks.

    Example: docgen schema > docgen.schema.json
    """
    import json

    from docgen.spec.model import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


class _Stopped(Exception):
    """SIGTERM: stop as after Ctrl-C, running every clean-up on the way out."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Stopped


def main() -> None:
    """The ``docgen`` command: errors in the input are one located message each (exit 1);
    anything else that goes wrong is one line asking for a report (exit 70), never a
    traceback; Ctrl-C and SIGTERM stop cleanly (exit 130, 143) and leave no file behind."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        app(standalone_mode=True)
    except SystemExit as done:  # how click ends every command
        _leave(done.code)
    except KeyboardInterrupt:
        typer.echo(tr("stopped (Ctrl-C): nothing was written"), err=True)
        sys.exit(130)
    except _Stopped:
        typer.echo(tr("stopped (SIGTERM): nothing was written"), err=True)
        sys.exit(143)
    except DocgenError as exc:
        _tell(exc)
        sys.exit(1)
    except Exception as exc:  # a bug in docgen: say so in one line, never a traceback
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        where = _innermost(exc)
        message = tr(
            "internal error: {kind}: {what} ({where}); nothing was written. Please report it"
            " with the spec that caused it (DOCGEN_DEBUG=1 shows the traceback)."
        )
        what = str(exc)[:200]
        typer.echo(message.format(kind=type(exc).__name__, what=what, where=where), err=True)
        sys.exit(70)


def _leave(code: object) -> None:
    """Exit now: the output is written and flushed, and nothing is left to clean up, so the
    interpreter's teardown of every module and object (a tenth of a short build after a
    DOCX) is skipped."""
    if isinstance(code, str):
        typer.echo(code, err=True)
    status = code if isinstance(code, int) else (0 if code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: the status still says how it went
        pass
    os._exit(status)


def _innermost(exc: BaseException) -> str:
    """The innermost docgen frame of an exception, as file:line."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "docgen" in f.filename]
    last = frames[-1] if frames else None
    return f"{Path(last.filename).name}:{last.lineno}" if last else "outside docgen"
