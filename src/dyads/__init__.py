"""dyads: open, explainable political event data from news.

Who did what to whom (CAMEO/PLOVER events), who said what (attributed quotes) and who
wants what (positions on issues), each record with the sentence and the rule that
produced it.

    >>> from dyads import code_article, load_knowledge, Article
"""

__version__ = "0.1.0"

from dyads.records import Article, Coded


def __getattr__(name: str):  # lazy: importing dyads must not load spaCy
    if name == "code_article":
        from dyads.pipeline import code_article

        return code_article
    if name == "load_knowledge":
        from dyads.knowledge import load_knowledge

        return load_knowledge
    raise AttributeError(name)


__all__ = ["Article", "Coded", "__version__", "code_article", "load_knowledge"]
