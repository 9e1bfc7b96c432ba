#!/usr/bin/env bash
# The ablation table of docs/evaluation.md: every analysis component switched off in turn
# (KINOTANU_ABLATE), on the three evaluation sets in data/eval.
# Usage: scripts/ablation.sh [path/to/kinotanu]   (default: target/release/kinotanu)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/kinotanu}
eval_dir=data/eval

figures() { # $1 = components to switch off
  local kq xq seed
  kq=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/kazqad/questions.jsonl --passages $eval_dir/kazqad/passages.jsonl 2>/dev/null)
  xq=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/xquad-ru/questions.jsonl --passages $eval_dir/xquad-ru/passages.jsonl 2>/dev/null)
  seed=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/seed/questions.jsonl --passages seeds 2>/dev/null)
  para=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/seed/paraphrase.jsonl --passages seeds 2>/dev/null)
  # The seed questions against one language's article alone: the other language must cross over.
  kk_only=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/seed/questions.jsonl --passages seeds/2025-10-20-kazakh-cinema-kk.txt 2>/dev/null)
  ru_only=$(KINOTANU_ABLATE="$1" "$bin" eval --json --questions $eval_dir/seed/questions.jsonl --passages seeds/2025-10-20-kazakh-cinema-ru.txt 2>/dev/null)
  python3 - "$1" "$kq" "$xq" "$seed" "$kk_only" "$ru_only" "$para" <<'PY'
import json, sys
name = sys.argv[1]
kq, xq, seed = (json.loads(a)["all"] for a in sys.argv[2:5])
kk_only, ru_only = json.loads(sys.argv[5]), json.loads(sys.argv[6])
para = json.loads(sys.argv[7])["all"]
row = [name or "(full analysis)"]
for f in (kq, xq):
    row += [f"{f['recall_at_1']:.3f}", f"{f['recall_at_5']:.3f}", f"{f['mrr_at_10']:.3f}"]
row += [f"{seed['answered_at_3']:.3f}", f"{seed['abstained']:.2f}"]
row += [f"{kk_only['ru']['answered_at_3']:.3f}", f"{ru_only['kk']['answered_at_3']:.3f}"]
row += [f"{para['recall_at_1']:.3f}", f"{para['answer_right']:.3f}", f"{para['wrong_shown']:.3f}", f"{para['abstained']:.2f}"]
print("| " + " | ".join(row) + " |")
PY
}

echo "| switched off | KazQAD R@1 | R@5 | MRR@10 | XQuAD-ru R@1 | R@5 | MRR@10 | seed answered@3 | seed abstained | ru questions, kk article only | kk questions, ru article only | paraphrase R@1 | right | wrong shown | off-topic abstained |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
figures ""
for component in kk-stem ru-stem key prefix title stopwords proximity answer-type collapse fuzzy glossary compound thesaurus context answer-lang confidence places time; do
  figures "$component"
done
figures "kk-stem,ru-stem,key,prefix,stopwords,proximity,answer-type,fuzzy,glossary,compound,thesaurus"  # all of it: plain BM25 over words
