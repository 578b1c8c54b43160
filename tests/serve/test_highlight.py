"""Server-side marking of coded records in untrusted article text."""

from __future__ import annotations

import pytest

from dyads.serve.highlight import Mark, article_marks, highlight, paragraph_ranges


def _ev(start: int, end: int, ref: str = "e1") -> Mark:
    return Mark(start, end, "event", ref, "event 112", "quad3")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One.\n\nTwo.", [(0, 4), (6, 10)]),
        ("  One.\nTwo.  ", [(2, 6), (7, 11)]),
        ("One\nline.\n\n\nTwo.", [(0, 9), (12, 16)]),
        ("", []),
    ],
)
def test_highlight_paragraph_ranges_keep_offsets(text: str, expected: list) -> None:
    assert paragraph_ranges(text) == expected


def test_highlight_escapes_every_piece() -> None:
    text = "<b>Moscow</b> accused <script>x()</script> Washington."
    start = text.index("accused")
    (para,) = highlight(text, [_ev(start, start + 7)])
    assert para.startswith("&lt;b&gt;Moscow&lt;/b&gt; ")
    assert "&lt;script&gt;x()&lt;/script&gt;" in para
    assert '<a href="#e-e1">accused</a></mark>' in para
    assert "<script" not in para and "<b>" not in para


def test_highlight_escapes_marked_text_and_attributes() -> None:
    text = '<img src=x onerror="alert(1)">'
    mark = Mark(0, len(text), "quote", 'q"1', 'say "<hi>"')
    (para,) = highlight(text, [mark])
    assert "<img" not in para
    assert 'title="say &#34;&lt;hi&gt;&#34;"' in para
    assert 'id="t-q&#34;1"' in para


def test_highlight_overlapping_marks_split_into_flat_segments() -> None:
    text = "He said we reject it today."
    quote = Mark(8, 20, "quote", "q1", "quote")
    trigger = _ev(11, 17)
    (para,) = highlight(text, [quote, trigger])
    assert para.count("<mark") == 3  # "we ", "reject", " it"
    assert '<mark class="event hl quad3 quote"' not in para  # classes are sorted, not merged
    assert 'class="hl event quad3 quote"' in para and 'href="#e-e1">reject<' in para
    assert para.count('id="t-q1"') == 1 and para.count('id="t-e1"') == 1


def test_highlight_mark_across_paragraphs_is_split() -> None:
    text = "One two.\n\nThree four."
    (first, second) = highlight(text, [_ev(4, 15)])
    assert first.endswith('<a href="#e-e1">two.</a></mark>')
    assert second.startswith('<mark class="hl event quad3" title="event 112"><a href="#e-e1">Three')


@pytest.mark.parametrize("span", [(-1, 3), (5, 2), (0, 99), (4, 4)])
def test_highlight_drops_marks_outside_the_text(span: tuple[int, int]) -> None:
    (para,) = highlight("Short text.", [_ev(*span)])
    assert "<mark" not in para and para == "Short text."


def test_highlight_article_marks_use_event_and_quote_spans() -> None:
    article = {
        "events": [
            {"id": "e1", "span": [0, 6], "cameo": "112", "plover": "ACCUSE", "quad_class": 3,
             "source": [{"code": "RUSGOV"}], "target": [{"code": "USAGOV"}]},
            {"id": "e2", "span": [None, None], "cameo": "010", "quad_class": 1},
        ],
        "quotes": [{"id": "q1", "span": [10, 20], "kind": "direct", "speaker": None,
                    "speaker_text": "Peskov"}],
    }  # fmt: skip
    marks = article_marks(article)
    assert [(m.kind, m.ref, m.start, m.end) for m in marks] == [
        ("event", "e1", 0, 6),
        ("quote", "q1", 10, 20),
    ]
    assert marks[0].label == "event 112 ACCUSE: RUSGOV → USAGOV" and marks[0].css == "quad3"
    assert marks[1].label == "direct quote: Peskov"
