#!/usr/bin/env bash
# Soak the site with wrk: a mix of pages, text, compressed and conditional requests.
#   bench/soak/run.sh [--duration 60s] [--connections 256] [--threads 2] [--rewrite]
# --rewrite rewrites the article file in place every 200 ms, from the warm-up on, so the RSS after warm-up is that of
# a site that is being republished (the site may or may not reload each write; either way every response must stay
# complete and consistent with its ETag).
# Prints SOAK lines: statuses, socket errors, non-2xx/304, incomplete or inconsistent bodies, latency,
# and RSS after start, after warm-up, every 10 s of the run and at the end (growth shows as a rising series).
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=60s connections=256 threads=2 rewrite=false
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rewrite) rewrite=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
site_pid="" rewriter_pid="" sampler_pid=""
cleanup() {
  [ -n "$rewriter_pid" ] && kill "$rewriter_pid" 2>/dev/null || true
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  [ -n "$site_pid" ] && kill -TERM "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/ArticleSite -c Release -v quiet -nologo >/dev/null
cp -r content "$work/content"
article=$(ls "$work"/content/*.md | head -n 1)

dotnet artifacts/bin/ArticleSite/release/ArticleSite.dll --content "$work/content" --urls http://127.0.0.1:0 >"$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/site.log" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the site did not start:" >&2; cat "$work/site.log" >&2; exit 1; }

rss() { awk '/^VmRSS/ { print $2 " kB" }' "/proc/$site_pid/status"; }
etag() { curl -sfI "$url$1" | awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }'; }

echo "SOAK site $url pid $site_pid, wrk -t$threads -c$connections -d$duration, rewrite=$rewrite, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SOAK rss_after_start $(rss)"
export HOME_ETAG TEXT_ETAG
HOME_ETAG=$(etag /) TEXT_ETAG=$(etag /article.txt)
if $rewrite; then
  cp "$article" "$work/original.md"
  (
    n=0
    while true; do
      n=$((n + 1))
      if [ $((n % 2)) -eq 0 ]; then cat "$work/original.md" >"$article"
      else { cat "$work/original.md"; printf '\nRewritten by the soak run, pass %d.\n' "$n"; } >"$article"; fi
      sleep 0.2
    done
  ) &
  rewriter_pid=$!
fi

wrk -t"$threads" -c"$connections" -d5s -s bench/soak/soak.lua "$url" >/dev/null
echo "SOAK rss_after_5s_warmup $(rss)"

( while sleep 10; do rss >>"$work/rss.txt"; done ) &
sampler_pid=$!

wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/soak/soak.lua "$url" | tee "$work/wrk.txt" | grep -v '^SOAK' || true
grep '^SOAK' "$work/wrk.txt"
kill "$sampler_pid" 2>/dev/null || true
echo "SOAK rss_every_10s $(awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1024 }' "$work/rss.txt" 2>/dev/null) MB"
echo "SOAK rss_at_end $(rss)"
