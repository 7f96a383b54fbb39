"""Pagefind over the site's static export of the same articles: the export's time and peak RSS, Pagefind's index time,
peak RSS and size, and the bytes a fresh page downloads to run each query. bench.py runs it after the site's part; it
runs alone too, over a folder generate.py wrote:

    python3 bench/search/pagefind.py N SITE_DLL PAGEFIND_BIN CONTENT_FOLDER QUERIES_FILE WORK_FOLDER

Pagefind is stopped, and the row says so with the time and the memory it had reached, past PAGEFIND_LIMIT_S seconds
(default 1,200) or PAGEFIND_MAX_RSS_MIB of resident memory (default: half the machine's); a run the system ends (out of
memory) is reported the same way. Prints Markdown rows for docs/benchmarks.md.
"""
import os
import re
import signal
import statistics
import subprocess
import sys
import time

n, site_dll, pagefind_bin, content, queries_file, work = sys.argv[1:7]
here = os.path.dirname(os.path.abspath(__file__))
limit_s = float(os.environ.get("PAGEFIND_LIMIT_S", "1200"))
mem_total_mib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:")) / 1024
max_rss_mib = float(os.environ.get("PAGEFIND_MAX_RSS_MIB", str(mem_total_mib / 2)))


def du_mib(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names) / 2**20


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def peak_rss_mib(pid):
    """The highest resident set of a process and its descendants so far (VmHWM), 0 once they are gone."""
    try:
        children = [int(child) for task in os.listdir(f"/proc/{pid}/task")
                    for child in open(f"/proc/{pid}/task/{task}/children").read().split()]
        peak = max((int(line.split()[1]) for line in open(f"/proc/{pid}/status") if line.startswith("VmHWM:")), default=0) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return max([peak] + [peak_rss_mib(child) for child in children])


def timed(command, env=None):
    """Runs a command under /usr/bin/time -v, stopped past the time or memory limit: (seconds, peak MiB, stdout, why it stopped or None)."""
    begun = time.monotonic()
    process = subprocess.Popen(["/usr/bin/time", "-v", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)
    sampled, stopped = 0.0, None
    while process.poll() is None:
        sampled = max(sampled, peak_rss_mib(process.pid))
        elapsed = time.monotonic() - begun
        if elapsed > limit_s or sampled > max_rss_mib:
            stopped = f"stopped after {elapsed:.0f} s" if elapsed > limit_s else f"stopped at {sampled:.0f} MiB resident (limit {max_rss_mib:.0f} MiB)"
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.5)
    out, err = process.communicate()
    seconds = time.monotonic() - begun
    reported = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    peak = max(sampled, int(reported.group(1)) / 1024 if reported else 0.0)
    if stopped is None and process.returncode != 0:
        ended = re.search(r"Command terminated by signal (\d+)", err)
        stopped = f"ended by signal {ended.group(1)}" if ended else f"failed with exit code {process.returncode}: {err.strip().splitlines()[-1] if err.strip() else ''}"
    return seconds, peak, out, stopped


# The export's pages only: Pagefind reads the HTML, never the .br and .gz siblings.
export = f"{work}/export"
export_s, export_mib, _, export_stopped = timed(["dotnet", site_dll, "export", export, "--content", content, "--no-precompress"],
                                                   env=dict(os.environ, Cache__Path=""))
print(f"\nPagefind over the static export of the same {int(n):,} articles")
if export_stopped:
    print(f"- the export {export_stopped}, peak RSS {export_mib:.0f} MiB: Pagefind not run")
    sys.exit(0)
# Pagefind reads files named *.html only, and an article's page is /articles/{slug}, a file without an extension: each
# becomes /articles/{slug}/index.html, so Pagefind indexes the articles as well as the list pages, at nearly their URLs.
articles = f"{export}/articles"
for name in os.listdir(articles):
    page = os.path.join(articles, name)
    if os.path.isfile(page) and "." not in name:
        os.rename(page, page + ".tmp")
        os.makedirs(page)
        os.rename(page + ".tmp", os.path.join(page, "index.html"))
pages = sum(1 for _, _, names in os.walk(export) for name in names if name.endswith(".html"))
print(f"- export (`export DIR --no-precompress`): {export_s:.0f} s, peak RSS {export_mib:.0f} MiB, {du_mib(export):.0f} MiB, {pages:,} HTML pages")

version = subprocess.run([pagefind_bin, "--version"], capture_output=True, text=True).stdout.strip()
seconds, peak, out, stopped = timed([pagefind_bin, "--site", export])
if stopped:
    print(f"- {version}: {stopped}, {seconds:.0f} s, peak RSS {peak:.0f} MiB reached: no index")
    sys.exit(0)
indexed = "; ".join(line.strip() for line in out.splitlines() if line.strip().startswith("Indexed"))
index_files = sum(len(names) for _, _, names in os.walk(f"{export}/pagefind"))
print(f"- {version}: {indexed}; in {seconds:.1f} s, peak RSS {peak:.0f} MiB, index {du_mib(f'{export}/pagefind'):.1f} MiB in {index_files:,} files")

counted = subprocess.run(["node", f"{here}/pagefind-bytes.mjs", export, queries_file], capture_output=True, text=True)
if counted.returncode != 0:
    print(f"- bytes per query not counted: {counted.stderr.strip().splitlines()[-1] if counted.stderr.strip() else counted.returncode}")
    sys.exit(0)
script_bytes = os.path.getsize(f"{export}/pagefind/pagefind.js")
per_query = [int(line.split("\t")[1]) + script_bytes for line in counted.stdout.strip().split("\n")]
print(f"- bytes a fresh page downloads per query (pagefind.js, entry, WebAssembly, metadata, index chunks, 20 fragments): "
      f"p50 {percentile(per_query, 50) / 1024:.0f} KiB, p95 {percentile(per_query, 95) / 1024:.0f} KiB, mean {statistics.mean(per_query) / 1024:.0f} KiB")
