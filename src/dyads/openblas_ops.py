"""thinc's CPU operations with matrix products on numpy's BLAS (OpenBLAS) instead of blis.

spaCy's CNN layers spend nearly half of the pipeline's time in ``ops.gemm``, which
thinc's ``NumpyOps`` runs on blis. On the machines measured here (docs/PERFORMANCE.md)
numpy's OpenBLAS does the same products three times faster on one thread, and the whole
pipeline about a quarter faster. The products differ from blis's only in the order of
float additions; on 96k tokens of news not one tag, head, label, entity or lemma
changed (tests/test_openblas_ops.py compares the two on real text).

``load_nlp`` loads the pipeline under these ops and limits numpy's BLAS to one thread,
so one dyads process (or worker) uses one core. Set ``DYADS_BLAS=blis`` to keep
thinc's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class OpenBlasOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` is ``numpy.matmul``."""

    name = "dyads_openblas"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def wanted() -> bool:
    """Whether to use these ops: yes unless ``DYADS_BLAS=blis``."""
    return os.environ.get("DYADS_BLAS", "openblas").lower() != "blis"


@contextmanager
def building_with_openblas() -> Iterator[None]:
    """Models built inside get ``OpenBlasOps``; numpy's BLAS is held to one thread."""
    _one_blas_thread()
    previous = get_current_ops()
    set_current_ops(OpenBlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)


def _one_blas_thread() -> None:
    # threadpoolctl changes the running BLAS library; an environment variable would be
    # read only when numpy is first imported, which has happened by now
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
