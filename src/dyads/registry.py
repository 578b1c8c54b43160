"""Named tables of interchangeable parts (readers, exporters, coders).

Modelled on spaCy's ``registry``: a part is registered under a versioned name
(``"dyads.jsonl.v1"``) and configs refer to it by that name. A behaviour change gets a
new ``.v2`` name and the old one stays, so saved configs keep working.
"""

from __future__ import annotations

import catalogue

readers = catalogue.create("dyads", "readers", entry_points=True)
exporters = catalogue.create("dyads", "exporters", entry_points=True)
event_coders = catalogue.create("dyads", "event_coders", entry_points=True)
quote_finders = catalogue.create("dyads", "quote_finders", entry_points=True)
