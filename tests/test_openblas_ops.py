"""thinc ops on numpy's OpenBLAS: the same products as blis, the same annotations."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops

from dyads import openblas_ops
from dyads.nlp import paragraphs, resolve_model
from dyads.openblas_ops import OpenBlasOps, building_with_openblas

ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides"
ARRAY = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("with_out", [False, True])
def test_openblas_gemm_gives_blis_products(trans1: bool, trans2: bool, with_out: bool) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((40, 30) if not trans1 else (30, 40)).astype("float32")
    y = rng.standard_normal((30, 20) if not trans2 else (20, 30)).astype("float32")
    blis = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    ours = OpenBlasOps()
    if with_out:
        out = np.zeros((40, 20), dtype="float32")
        got = ours.gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        assert got is out
    else:
        got = ours.gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == blis.shape == (40, 20)
    np.testing.assert_allclose(got, blis, rtol=1e-5, atol=1e-5)


def test_openblas_ops_are_used_while_building_and_then_put_back(nlp: Language) -> None:
    before = type(get_current_ops())
    with building_with_openblas():
        assert isinstance(get_current_ops(), OpenBlasOps)
    assert type(get_current_ops()) is before
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(isinstance(node.ops, OpenBlasOps) for node in tok2vec.walk())


def test_openblas_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADS_BLAS", "blis")
    assert not openblas_ops.wanted()
    monkeypatch.setenv("DYADS_BLAS", "openblas")
    assert openblas_ops.wanted()


def test_openblas_pipeline_annotates_real_news_as_stock_spacy(nlp: Language) -> None:
    files = sorted(ALLSIDES.glob("*.jsonl.gz")) if ALLSIDES.is_dir() else []
    if not files:
        pytest.skip(f"AllSides corpus not found under {ALLSIDES}")
    with gzip.open(files[0], "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 30)]
    pieces = [p for t in texts for p in paragraphs(t) if p.strip()]
    stock = spacy.load(resolve_model())  # thinc's own ops (blis), spaCy's own ruler
    assert not isinstance(stock.get_pipe("tok2vec").model.ops, OpenBlasOps)
    tokens = 0
    for ours, theirs in zip(nlp.pipe(pieces), stock.pipe(pieces), strict=True):
        assert np.array_equal(ours.to_array(ARRAY), theirs.to_array(ARRAY)), ours.text
        tokens += len(ours)
    assert tokens > 15_000
