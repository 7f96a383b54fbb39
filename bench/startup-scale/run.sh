#!/usr/bin/env bash
# Start-up at scale: for N articles (default 1 10 100 1000 10000 50000 100000) written to a temporary folder, the time
# from process start to the first 200 on / (asked for as a browser does, with Accept-Encoding: br, gzip, so the first
# compression is included), the CPU time the process used until then, and its resident memory (RSS) then, for the JIT
# Release build and, side by side, the Native AOT executable named by AOT (e.g. AOT=artifacts/bench-aot/ArticleSite).
# Each is started twice on the same folder: first with an empty cache folder ("first start": every file is read and
# parsed), then again once the first run has stopped ("restart": unchanged files are taken from the article index it
# left in the cache folder). The size of that index on disk (the articles' rows and the bytes of each published version)
# is printed too. Prints the load average in each row, since the wall-clock time depends on what else the machine is doing.
# ARTICLESITE names another executable to run in place of the Release build; SKIP_JIT=1 runs the AOT executable alone.
# Usage: [AOT=path] [SKIP_JIT=1] bench/startup-scale/run.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/../.."

counts=("${@:-1 10 100 1000 10000 50000 100000}")
read -r -a counts <<< "${counts[*]}"
port=5199
template=content/lee-xi-gyeongju-summit.md

if [ -n "${ARTICLESITE:-}" ]; then
  jit=("$ARTICLESITE")
elif [ -n "${SKIP_JIT:-}" ]; then
  jit=()
else
  dotnet build src/ArticleSite -c Release -v quiet -nologo > /dev/null
  jit=(dotnet artifacts/bin/ArticleSite/release/ArticleSite.dll)
fi

# Prints "ms cpu_ms rss_mib" for one start of the command given, on the folder given, with the cache folder given. The
# site is stopped as a service manager stops it (SIGTERM); with WAIT_FOR_INDEX=1, only once it has logged that it saved
# its article index (written on the thread pool after the first snapshot is published: not part of the start-up).
measure() {
  local folder=$1 cache=$2; shift 2
  local start pid elapsed cpu rss log
  log=$(mktemp /tmp/articlesite-bench-log-XXXXXX)
  start=$(date +%s%N)
  Cache__Path="$cache" "$@" --content "$folder" --urls "http://127.0.0.1:$port" > "$log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$pid" 2> /dev/null || { echo "the site exited" >&2; exit 1; }
    sleep 0.01
  done
  elapsed=$((($(date +%s%N) - start) / 1000000))
  cpu=$(awk -v tick="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / tick }' "/proc/$pid/stat")
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  if [ -n "${WAIT_FOR_INDEX:-}" ]; then
    until grep -q "Saved the article index" "$log"; do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    echo "index saved $((($(date +%s%N) - start) / 1000000)) ms after the start" >&2
  fi
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  rm -f "$log"
  echo "$elapsed $cpu $rss"
}

echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg); $(nproc) cores"
# Prints "first_ms first_cpu first_rss restart_ms restart_cpu restart_rss index_mib": a first start with an empty cache
# folder, then a restart with the index the first one left.
first_start_and_restart() {
  local folder=$1; shift
  local cache
  cache=$(mktemp -d /tmp/articlesite-bench-cache-XXXXXX)
  echo "$(WAIT_FOR_INDEX=1 measure "$folder" "$cache" "$@") $(measure "$folder" "$cache" "$@") $(du -sm "$cache" | cut -f 1)"
  rm -rf "$cache"
}

echo "Load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg); $(nproc) cores"
echo "First 200 on / (ms), CPU until then (ms), RSS then (MiB); index: the article index on disk (MiB)"
echo "| Articles | JIT first start: ms | CPU | RSS | JIT restart: ms | CPU | RSS | AOT first start: ms | CPU | RSS | AOT restart: ms | CPU | RSS | Index (MiB) | Load average |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${counts[@]}"; do
  folder=$(mktemp -d /tmp/articlesite-bench-XXXXXX)
  # One awk process writes every file: a shell loop of printf takes longer than the start-up it prepares at 100,000.
  awk -v n="$n" -v folder="$folder" '
    f { body = body $0 "\n" }
    /^---$/ && ++dashes == 2 { f = 1 }
    END {
      for (i = 0; i < n; i++) {
        file = folder "/article-" i ".md"
        printf "---\ntitle: \"Article %d of %d\"\nsummary: \"Generated article number %d for the start-up benchmark.\"\ndate: 2025-%02d-%02d\nslug: article-%d\n---\n%s\n", i, n, i, i % 12 + 1, i % 28 + 1, i, body > file
        close(file)
      }
    }' "$template"
  sync

  jit_row="- - - - - - -" aot_row="- - - - - - -"
  if [ ${#jit[@]} -gt 0 ]; then
    jit_row=$(first_start_and_restart "$folder" "${jit[@]}")
  fi
  if [ -n "${AOT:-}" ]; then
    aot_row=$(first_start_and_restart "$folder" "$AOT")
  fi
  read -r jm jc jr jrm jrc jrr jidx <<< "$jit_row"
  read -r am ac ar arm arc arr aidx <<< "$aot_row"
  echo "| $n | $jm | $jc | $jr | $jrm | $jrc | $jrr | $am | $ac | $ar | $arm | $arc | $arr | $([ "$aidx" != - ] && echo "$aidx" || echo "$jidx") | $(cut -d ' ' -f 1 /proc/loadavg) |"
  rm -rf "$folder"
done
