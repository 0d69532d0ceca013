"""The `kotacerdas` command: build, validate and describe the knowledge graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kotacerdas.graph import __version__
from kotacerdas.graph.build import BuildError, assemble
from kotacerdas.graph.dumps import DUMP_NQ, publish
from kotacerdas.graph.iris import DEFAULT_BASE, Iris
from kotacerdas.graph.stats import entities_per_class, format_table, load_dump, triples_per_graph
from kotacerdas.server.store import read_manifest

sources_option = click.option(
    "--sources", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder of source files (*.yaml). Default: the package's graph/sources.")
base_option = click.option(
    "--base", envvar="KOTACERDAS_BASE", default=DEFAULT_BASE, show_default=True,
    help="Base namespace of instance IRIs (env KOTACERDAS_BASE).")
out_option = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("dumps"),
    show_default=True, help="Folder of the dumps.")


@click.group()
@click.version_option(__version__, prog_name="kotacerdas")
def main() -> None:
    """Kota Cerdas KG: Indonesia's smart-city programme as a knowledge graph."""


def iris_from_option(base: str) -> Iris:
    try:
        return Iris(base)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--base") from error


@main.command()
@sources_option
@out_option
@base_option
def build(sources: Path | None, out: Path, base: str) -> None:
    """Load, validate and write the dumps (previous dumps stay if anything fails)."""
    try:
        assembled = assemble(sources, iris_from_option(base))
    except BuildError as error:
        click.echo(f"Build failed; the dumps in {out}/ are unchanged.\n{error}", err=True)
        sys.exit(2)
    assert assembled.report is not None
    if not assembled.report.conforms:
        click.echo(assembled.report.text(), err=True)
        click.echo(f"Build failed: the graph breaks the SHACL shapes; the dumps in {out}/ "
                   "are unchanged.", err=True)
        sys.exit(1)
    files = publish(assembled, out)
    click.echo(f"Built {len(assembled.union())} triples in "
               f"{len(assembled.article_graphs())} article graphs; SHACL: conforms.")
    for name, info in files.items():
        click.echo(f"  {out / name}  ({info['bytes']} bytes)")


@main.command()
@sources_option
@base_option
def validate(sources: Path | None, base: str) -> None:
    """Validate the sources against the SHACL shapes; exit 1 on a violation, 2 on bad input."""
    try:
        assembled = assemble(sources, iris_from_option(base))
    except BuildError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    assert assembled.report is not None
    click.echo(assembled.report.text())
    sys.exit(0 if assembled.report.conforms else 1)


@main.command()
@out_option
def stats(out: Path) -> None:
    """Triples per named graph and entities per class, from the built dumps."""
    dump = out / DUMP_NQ
    if not dump.is_file():
        click.echo(f"No dump at {dump}: run `kotacerdas build` first.", err=True)
        sys.exit(2)
    dataset = load_dump(dump)
    graphs = triples_per_graph(dataset)
    click.echo(format_table(graphs, "named graph"))
    click.echo(f"{'total':<10} {sum(n for _, n in graphs)} quads in {len(graphs)} graphs\n")
    click.echo(format_table(entities_per_class(dataset), "class"))


@main.command()
@click.option("--dumps", type=click.Path(file_okay=False, path_type=Path),
              default=Path("dumps"), show_default=True, envvar="KOTACERDAS_DUMPS",
              help="Folder of built dumps, relative to the working directory "
                   "(env KOTACERDAS_DUMPS); the app resolves it once, at start-up.")
@click.option("--host", default="127.0.0.1", show_default=True, envvar="KOTACERDAS_HOST")
@click.option("--port", default=5000, show_default=True, envvar="KOTACERDAS_PORT")
@click.option("--workers", default=2, show_default=True, envvar="KOTACERDAS_WORKERS",
              help="Query executor processes.")
@click.option("--threads", default=8, show_default=True, envvar="KOTACERDAS_THREADS",
              help="HTTP worker threads.")
@click.option("--timeout", default=30.0, show_default=True, envvar="KOTACERDAS_QUERY_TIMEOUT",
              help="Query time limit in seconds, parsing included.")
@click.option("--max-rows", default=10_000, show_default=True, envvar="KOTACERDAS_MAX_ROWS",
              help="Result rows (or triples) after which a result is cut.")
@click.option("--max-query-bytes", default=100_000, show_default=True,
              envvar="KOTACERDAS_MAX_QUERY_BYTES", help="Largest query accepted (413 beyond).")
def serve(dumps: Path, host: str, port: int, workers: int, threads: int, timeout: float,
          max_rows: int, max_query_bytes: int) -> None:
    """Serve the SPARQL endpoint and browser on the built dumps."""
    from kotacerdas.server.serve import serve as run_server

    try:
        read_manifest(dumps)
    except (FileNotFoundError, ValueError, KeyError) as error:
        click.echo(f"No usable dumps in {dumps.absolute()}/ ({error}): run `kotacerdas build` "
                   "first.", err=True)
        sys.exit(2)
    run_server(host, port, threads, {
        "DUMPS": str(dumps), "WORKERS": workers, "QUERY_TIMEOUT": timeout,
        "MAX_ROWS": max_rows, "MAX_QUERY_BYTES": max_query_bytes,
    })


@main.command()
@click.argument("analysis", type=click.Choice(["recurrence", "similarity", "institutions"]))
@click.option("--dumps", type=click.Path(file_okay=False, path_type=Path, resolve_path=True),
              default=Path("dumps"), show_default=True,
              help="Folder of built dumps, relative to the working directory.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--min-regions", default=1, show_default=True,
              help="Recurrence: only kinds found in at least this many regions.")
@click.option("--dimension", default=None, help="Only innovations of this dimension, e.g. "
              "smart-environment.")
@click.option("--province", default=None, help="Only regions of this province (IRI or label).")
@click.option("--year", type=int, default=None, help="Only innovations reported up to this year.")
@click.option("--new-in", type=int, default=None, help="Recurrence: kinds first seen this year.")
@click.option("--suggested/--curated-only", default=False, show_default=True,
              help="Also count suggested (unreviewed) categories of uncategorised innovations.")
@click.option("--top", default=5, show_default=True, help="Similarity: similar regions shown.")
@click.option("--export", "export_path",
              type=click.Path(dir_okay=False, path_type=Path, resolve_path=True),
              default=None, help="Write the network as .graphml or .gexf (for Gephi).")
@click.option("--plot", "plot_path",
              type=click.Path(dir_okay=False, path_type=Path, resolve_path=True),
              default=None, help="Write a figure as .svg or .png.")
def analyze(analysis: str, dumps: Path, fmt: str, min_regions: int, dimension: str | None,
            province: str | None, year: int | None, new_in: int | None, suggested: bool,
            top: int, export_path: Path | None, plot_path: Path | None) -> None:
    """Which innovations recur across regions, which regions are alike, who works together."""
    from kotacerdas.graph.analysis import report

    if not (dumps / "kotacerdas.nt").is_file():
        click.echo(f"No dumps in {dumps}/: run `kotacerdas build` first.", err=True)
        sys.exit(2)
    try:
        text = report.run(analysis, dumps, fmt=fmt, min_regions=min_regions,
                          dimension=dimension, province=province, year=year, new_in=new_in,
                          include_suggested=suggested, top=top, export_path=export_path,
                          plot_path=plot_path)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    click.echo(text, nl=False)
