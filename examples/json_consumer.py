"""Read `timeline build ... --format jsonl` output and list what is planned after publication.

    timeline build articles/ --format jsonl > timelines.jsonl
    python examples/json_consumer.py timelines.jsonl

Only the standard library: the JSON export is documented in the README (``timeline schema``).
"""

from __future__ import annotations

import json
import os
import sys

FUTURE = {"planned", "expected", "possible"}


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            events = {e["id"]: e for e in doc["events"]}
            pub = doc["document"]["pub_date"]
            print(f"{doc['document']['source']} (published {pub})")
            for entry in doc["timeline"]:
                event = events[entry["event_id"]]
                if event["factuality"] in FUTURE and entry["anchor"] == "time":
                    print(f"  {entry['display']:<16} {event['description']}  [{event['factuality']}]")


if __name__ == "__main__":
    try:
        main(sys.argv[1] if len(sys.argv) > 1 else "/dev/stdin")
    except BrokenPipeError:  # `... | head`: the reader has gone; stop quietly (as the Python docs advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
