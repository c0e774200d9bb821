import sys
from pathlib import Path
from timeline.api import times_only_timeline
from timeline.cat_xml import read_cat_xml
from timeline.evaluation import evaluate_documents, collect_gold_paths
from timeline.temporal import TemporalTagger
root = Path('../shared/corpora/esc-v1.5').resolve()
paths = collect_gold_paths(root)
golds = [g for g in (read_cat_xml(p) for p in paths) if g.dct is None]
odd = [g for g in golds if int(Path(g.path).relative_to(root).parts[0]) % 2 == 1] if hasattr(golds[0], 'path') else golds
tagger = TemporalTagger()
narr = '--narr' in sys.argv
rep = evaluate_documents(odd, lambda text, dct: times_only_timeline(text, tagger.tag(text, dct, narrative=narr), dct), events=False)
print(rep.to_text(errors='-e' in sys.argv))
