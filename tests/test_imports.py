"""What a run that codes nothing imports: not spaCy (a re-run must stay cheap)."""

from __future__ import annotations

import subprocess
import sys


def test_cli_and_knowledge_load_without_spacy() -> None:
    script = (
        "import sys\n"
        "import dyads.cli\n"
        "from dyads.knowledge import load_knowledge\n"
        "from dyads.spacy_model import resolve_model\n"
        "load_knowledge(); resolve_model()\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout
