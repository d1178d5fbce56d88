#!/usr/bin/env bash
# Evaluation through the REST API, as a user runs it: import a BEIR dataset zip (corpus ingested, set created), then run
# the set in each mode several times and report the median wall time of a run and its metrics (which must not vary).
#
#   bench/eval-rest-bench.sh BASE_URL BEIR_ZIP SET_NAME [SPLIT] [REPEATS]
#   e.g. bench/eval-rest-bench.sh http://localhost:8080 /tmp/scifact.zip scifact train 3
#
# Make the zip from a BEIR folder (corpus.jsonl, queries.jsonl, qrels/): (cd /data && zip -r /tmp/scifact.zip scifact)
set -euo pipefail
base=${1:?BASE_URL}; zip=${2:?BEIR_ZIP}; set=${3:?SET_NAME}; split=${4:-test}; repeats=${5:-3}

t0=$(date +%s.%N)
job=$(curl -sf -F "file=@$zip" "$base/v1/eval/sets/$set/beir?split=$split" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])')
while :; do
  state=$(curl -sf "$base/v1/jobs/$job")
  case $(echo "$state" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])') in
    running) sleep 5 ;;
    done) break ;;
    *) echo "import failed: $state" >&2; exit 1 ;;
  esac
done
t1=$(date +%s.%N)
echo "$state" | python3 -c '
import json, sys
j = json.load(sys.stdin); r = j["result"]
print("import: %d documents (%d created, %d updated, %d unchanged, %d failed), %d chunks embedded; set %s v%d: %d queries (%s)"
      % (r["corpusDocuments"], j["created"], j["updated"], j["unchanged"], j["failed"], j["embedded"], r["set"], r["version"],
         r["items"], r["split"]))'
python3 -c "print(f'import wall time: {$t1 - $t0:.1f} s')"
version=$(echo "$state" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["version"])')

for mode in keyword vector hybrid; do
  times=()
  for i in $(seq "$repeats"); do
    s=$(date +%s.%N)
    curl -sf -H 'Content-Type: application/json' -d "{\"set\":\"$set\",\"version\":$version,\"mode\":\"$mode\",\"k\":10}" \
      "$base/v1/eval/runs" > "/tmp/eval-bench-$mode-$i.json"
    e=$(date +%s.%N)
    times+=("$(python3 -c "print($e - $s)")")
  done
  python3 - "$mode" "$repeats" "${times[@]}" <<'PY'
import json, statistics, sys
mode, n, times = sys.argv[1], int(sys.argv[2]), [float(t) for t in sys.argv[3:]]
runs = [json.load(open(f"/tmp/eval-bench-{mode}-{i}.json")) for i in range(1, n + 1)]
m = runs[0]["metrics"]; ci = runs[0]["ci"]
same = all(r["metrics"] == runs[0]["metrics"] for r in runs)
q = runs[0]["counts"]["documentJudged"]
print(f"{mode:8s} run median {statistics.median(times):6.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)}), "
      f"{q} queries, index v{runs[0]['indexVersion']}, identical metrics across runs: {same}")
for k in ("ndcg@10", "recall@10", "mrr@10", "hit@10"):
    print(f"           {k:10s} {m[k]:.4f}  [{ci[k]['low']:.4f}, {ci[k]['high']:.4f}]")
PY
done
