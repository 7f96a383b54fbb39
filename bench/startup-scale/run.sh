#!/usr/bin/env bash
# Start-up at scale: for N articles (default 1 100 1000 10000) written to a temporary folder, the time from process
# start to the first 200 on / (asked for as a browser does, with Accept-Encoding: br, gzip, so the first compression is
# included), the CPU time the process used until then, and its resident memory (RSS) then. Prints the load average
# in each row, since the wall-clock time depends on what else the machine is doing.
# Uses the Release build, or the executable named by ARTICLESITE (e.g. a Native AOT publish).
# Usage: bench/startup-scale/run.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/../.."

counts=("${@:-1 100 1000 10000}")
read -r -a counts <<< "${counts[*]}"
port=5199
template=content/lee-xi-gyeongju-summit.md
body=$(awk 'f; /^---$/ && ++n == 2 { f = 1 }' "$template")

if [ -n "${ARTICLESITE:-}" ]; then
  app=("$ARTICLESITE")
else
  dotnet build src/ArticleSite -c Release -v quiet -nologo > /dev/null
  app=(dotnet artifacts/bin/ArticleSite/release/ArticleSite.dll)
fi

echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "| Articles | First 200 on / (ms) | CPU time until then (ms) | RSS then (MiB) | Load average |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for n in "${counts[@]}"; do
  folder=$(mktemp -d /tmp/articlesite-bench-XXXXXX)
  for ((i = 0; i < n; i++)); do
    printf -- '---\ntitle: "Article %d of %d"\nsummary: "Generated article number %d for the start-up benchmark."\ndate: 2025-%02d-%02d\nslug: article-%d\n---\n%s\n' \
      "$i" "$n" "$i" $((i % 12 + 1)) $((i % 28 + 1)) "$i" "$body" > "$folder/article-$i.md"
  done
  sync

  start=$(date +%s%N)
  "${app[@]}" --content "$folder" --urls "http://127.0.0.1:$port" > /dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$pid" 2> /dev/null || { echo "the site exited" >&2; exit 1; }
    sleep 0.01
  done
  elapsed=$((($(date +%s%N) - start) / 1000000))
  cpu=$(awk -v tick="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / tick }' "/proc/$pid/stat")
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  echo "| $n | $elapsed | $cpu | $rss | $(cut -d ' ' -f 1 /proc/loadavg) |"

  kill "$pid"
  wait "$pid" 2> /dev/null || true
  rm -rf "$folder"
done
