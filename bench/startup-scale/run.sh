#!/usr/bin/env bash
# Start-up at scale: for N articles (default 1 100 1000 10000) written to a temporary folder, the time from process
# start to the first 200 on / and the process's resident memory (RSS) then. Uses the Release build.
# Usage: bench/startup-scale/run.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/../.."

counts=("${@:-1 100 1000 10000}")
read -r -a counts <<< "${counts[*]}"
port=5199
template=content/lee-xi-gyeongju-summit.md
body=$(awk 'f; /^---$/ && ++n == 2 { f = 1 }' "$template")

dotnet build src/ArticleSite -c Release -v quiet -nologo > /dev/null
app=artifacts/bin/ArticleSite/release/ArticleSite.dll

echo "| Articles | First 200 on / (ms) | RSS then (MiB) |"
echo "| ---: | ---: | ---: |"
for n in "${counts[@]}"; do
  folder=$(mktemp -d /tmp/articlesite-bench-XXXXXX)
  for ((i = 0; i < n; i++)); do
    printf -- '---\ntitle: "Article %d of %d"\nsummary: "Generated article number %d for the start-up benchmark."\ndate: 2025-%02d-%02d\nslug: article-%d\n---\n%s\n' \
      "$i" "$n" "$i" $((i % 12 + 1)) $((i % 28 + 1)) "$i" "$body" > "$folder/article-$i.md"
  done
  sync

  start=$(date +%s%N)
  dotnet "$app" --content "$folder" --urls "http://127.0.0.1:$port" > /dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$pid" 2> /dev/null || { echo "the site exited" >&2; exit 1; }
    sleep 0.01
  done
  elapsed=$((($(date +%s%N) - start) / 1000000))
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  echo "| $n | $elapsed | $rss |"

  kill "$pid"
  wait "$pid" 2> /dev/null || true
  rm -rf "$folder"
done
