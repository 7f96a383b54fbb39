"""The search benchmark (bench/search/run says how to run it). Prints Markdown rows for docs/benchmarks.md."""
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

n, site_dll, pagefind_bin = int(sys.argv[1]), sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
port = int(os.environ.get("PORT", "5198"))
work = tempfile.mkdtemp(prefix="articlesite-search-bench-")
content, cache, queries_file = f"{work}/content", f"{work}/cache", f"{work}/queries.tsv"


def load():
    return open("/proc/loadavg").read().split()[:3]


def rss_mib(pid, field="VmRSS"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def du_mib(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names) / 2**20


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


print(f"Load average at start: {' '.join(load())}; {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
subprocess.run([sys.executable, f"{here}/generate.py", str(n), content, queries_file], check=True)
queries = [line.rstrip("\n").split("\t") for line in open(queries_file, encoding="utf-8")]

# A first start: the site serves at once and builds its index in the background, logging how long that took.
log_path = f"{work}/site.log"
env = dict(os.environ, Cache__Path=cache, Metrics__PublicHealthDetail="true", Logging__LogLevel__Default="Information")
started = time.monotonic()
site = subprocess.Popen(["dotnet", site_dll, "--content", content, "--urls", f"http://127.0.0.1:{port}"], env=env,
                        stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
connection = None
try:
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                break
        except OSError:
            pass
        if site.poll() is not None:
            sys.exit(f"the site exited: see {log_path}")
        time.sleep(0.05)
    first_200 = time.monotonic() - started
    rss_before = rss_mib(site.pid)

    def get(path, accept="text/html", encoding="br"):
        begun = time.perf_counter()
        connection.request("GET", path, headers={"Accept": accept, "Accept-Encoding": encoding})
        response = connection.getresponse()
        body = response.read()
        return time.perf_counter() - begun, response, body

    while True:
        state = json.loads(get("/healthz", "application/json", "identity")[2])["search"]
        if state == "ready":
            break
        time.sleep(0.05)
    ready = time.monotonic() - started
    rss_ready = rss_mib(site.pid)
    logged = re.findall(r"added (\d+) and removed \d+ article\(s\) in (\d+) ms", open(log_path).read())
    build_ms = sum(int(ms) for _, ms in logged)
    index_mib = du_mib(f"{cache}/search")

    # Each query asked twice: the first time it is not in the output cache ("off"), the second time it is ("on").
    passes = {}
    for name in ("off", "on"):
        times, sizes, slow, kinds = [], [], 0, {}
        for kind, query in queries:
            elapsed, response, body = get("/search?q=" + urllib.parse.quote(query))
            if response.status != 200:
                sys.exit(f"{query}: {response.status}")
            slow += response.getheader("Cache-Control") == "no-store"
            times.append(elapsed * 1000)
            sizes.append(len(body))
            kinds.setdefault(kind, []).append(elapsed * 1000)
        passes[name] = (times, sizes, slow, kinds)
    rss_queries, rss_peak = rss_mib(site.pid), rss_mib(site.pid, "VmHWM")

    # From an edit saved to its word being found, polled every 10 ms with the JSON form.
    edits = []
    for attempt in range(3):
        word = f"zqedit{attempt}probe"
        saved = time.monotonic()
        with open(f"{content}/edit-{attempt}.md", "w") as file:
            file.write(f"---\ntitle: Edit {attempt}\nsummary: An edit.\ndate: 2026-01-0{attempt + 1}\n---\n\nThe word {word}.\n")
        while True:
            body = get("/search?q=" + word, "application/json", "identity")[2]
            if json.loads(body)["count"] > 0:
                break
            time.sleep(0.01)
        edits.append((time.monotonic() - saved) * 1000)
finally:
    site.terminate()
    site.wait()

print(f"\nArticleSite, {n:,} articles, {len(queries)} queries ({', '.join(f'{len(v)} {k}' for k, v in passes['off'][3].items())})")
print(f"- first 200 on / after {first_200:.1f} s; index ready {ready:.1f} s after the start, built in {ready - first_200:.1f} s after the first 200"
      f"{f' (logged: {build_ms:,} ms)' if logged else ''}; index on disk {index_mib:.1f} MiB")
print(f"- RSS {rss_before:.0f} MiB at the first 200, {rss_ready:.0f} MiB with the index built (+{rss_ready - rss_before:.0f}), {rss_queries:.0f} MiB after the queries, peak {rss_peak:.0f} MiB")
for name, (times, sizes, slow, kinds) in passes.items():
    print(f"- output cache {name}: p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, p99 {percentile(times, 99):.1f} ms, max {max(times):.1f} ms; "
          f"{slow} stopped at the budget; results page (br) mean {statistics.mean(sizes) / 1024:.1f} KiB, max {max(sizes) / 1024:.1f} KiB")
    print("  by kind, p50/p95 ms: " + "; ".join(f"{kind} {percentile(v, 50):.1f}/{percentile(v, 95):.1f}" for kind, v in kinds.items()))
print(f"- an edit found after {', '.join(f'{ms:.0f}' for ms in edits)} ms (saved to found, three edits)")

# Pagefind over the static export of the same articles (pagefind.py): stopped, and said so, past its time or memory limit.
subprocess.run([sys.executable, "-u", f"{here}/pagefind.py", str(n), site_dll, pagefind_bin, content, queries_file, work], check=True)
print(f"Load average at end: {' '.join(load())}")
shutil.rmtree(work, ignore_errors=True)
