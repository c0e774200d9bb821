"""Stage 5: renderers. Each takes a Timeline (or a list of them) and writes one format."""
