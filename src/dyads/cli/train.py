"""``dyads train``: train the fallback event classifier on synthetic sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dyads.cli import app
from dyads.cli._options import ModelOption, console, err_console, handle_errors
from dyads.errors import DyadsError


@app.command("train")
@handle_errors
def train_cli(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Weights to write (.npz; a .json is written beside it)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for sentences, split and solver.")] = 0,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Folder with templates*.yaml and fillers.yaml (default: packaged)."
        ),
    ] = None,
    per_template: Annotated[
        int, typer.Option("--per-template", help="Sentences drawn per template line.", min=1)
    ] = 25,
    model: ModelOption = None,
) -> None:
    """Train the fallback classifier for predicates the lexicon does not know.

    It learns from synthetic sentences expanded from the packaged templates (written
    for dyads, labelled synthetic) and needs scikit-learn: pip install 'dyads[train]'.

    Example:

        dyads train --out /tmp/fallback_model.npz --seed 1
    """
    from dyads.events.fallback.model import default_path
    from dyads.events.fallback.synthetic import load_templates
    from dyads.events.fallback.train import require_sklearn, train
    from dyads.nlp import load_nlp

    try:  # before the slow model load, so a missing extra fails at once
        require_sklearn()
    except DyadsError as err:  # printed here: Rich would read "[train]" as markup
        err_console.print(f"[red]dyads: error:[/red] {escape(str(err))}", soft_wrap=True)
        raise typer.Exit(1) from None
    target = out or default_path()
    with console.status("training the fallback classifier") as status:
        result = train(
            load_nlp(model),
            load_templates(templates),
            target,
            seed=seed,
            per_template=per_template,
            on_step=status.update,
        )
    console.print(
        f"trained {result.labels} labels on {result.examples} synthetic sentences in "
        f"{result.seconds:.0f} s; held-out accuracy {result.held_out_accuracy:.3f} "
        f"(code) {result.held_out_root_accuracy:.3f} (root) -> {result.path}",
        highlight=False,
    )
