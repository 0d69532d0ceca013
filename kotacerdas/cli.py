"""The `kotacerdas` command: build, validate and describe the knowledge graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kotacerdas import __version__
from kotacerdas.graph.build import BuildError, assemble
from kotacerdas.graph.dumps import DUMP_NQ, publish
from kotacerdas.graph.iris import DEFAULT_BASE, Iris
from kotacerdas.graph.stats import entities_per_class, format_table, load_dump, triples_per_graph

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


def _iris(base: str) -> Iris:
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
        assembled = assemble(sources, _iris(base))
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
        assembled = assemble(sources, _iris(base))
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
