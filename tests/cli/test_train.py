"""``dyads train``: a tiny model from a template subset, and the missing-extra message."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dyads.cli import app
from dyads.events.fallback import classify_predicate
from dyads.events.fallback.synthetic import templates_dir
from dyads.nlp import parse_article

runner = CliRunner()

#: Own-written lines for three labels, enough for a model to separate them.
TINY = {
    "194": ["{A} [shell|bombard|pound] (villages|towns|positions) in {B}"],
    "051": ["{A} [praise|commend|hail] {B} (for its reforms|on the deal|)"],
    "none": ["{A} [host|stage] the (Olympics|World Cup|book fair)"],
}


@pytest.fixture
def tiny_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "templates.yaml").write_text(yaml.safe_dump(TINY), encoding="utf-8")
    fillers = (templates_dir() / "fillers.yaml").read_text(encoding="utf-8")
    (folder / "fillers.yaml").write_text(fillers, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_train_tiny_model_predicts_own_sentences(tmp_path: Path, tiny_templates: Path, nlp) -> None:
    out = tmp_path / "model" / "tiny.npz"
    args = ["train", "--out", str(out), "--templates", str(tiny_templates), "--per-template", "15"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "held-out accuracy" in result.output
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert sorted(meta["labels"]) == ["051", "194", "none"]
    assert meta["synthetic"] is True
    doc = parse_article(nlp, "Borduria pounded towns in Elbonia.")
    verb = next(t for t in doc if t.text == "pounded")
    prediction = classify_predicate(verb, model_path=out)
    assert prediction is not None
    assert prediction.code == "194"
    doc = parse_article(nlp, "Elbonia hosted the World Cup.")
    assert classify_predicate(next(t for t in doc if t.text == "hosted"), model_path=out) is None


def test_train_without_scikit_learn_says_what_to_install(monkeypatch, tmp_path: Path) -> None:
    real_import = builtins.__import__

    def no_sklearn(name: str, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ImportError("No module named 'sklearn'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    result = runner.invoke(app, ["train", "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 1
    assert "pip install 'dyads[train]'" in result.output
    assert not (tmp_path / "m.npz").exists()
