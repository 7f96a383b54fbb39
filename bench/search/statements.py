"""Times the SQL statements of each search against a copy of a search index, in the site's own SQLite (e_sqlite3).

Usage: python3 bench/search/statements.py INDEX.db QUERIES.tsv tiers|tiers-prefix|bm25 [libe_sqlite3.so]

INDEX.db is a copy of a file of Cache:Path/search/ (bench/search/run leaves one); QUERIES.tsv is bench/search/generate.py's
(kind<TAB>query). For each query it runs what SearchDatabase.Search runs: the terms a long last word begins (tiers only; the index needs
the table `terms`, which the site makes at start), the newest 1,001 matches, the ranking of the
newest 200 ("tiers", the site's; "tiers-prefix", the same with a long last word searched as FTS5's prefix; "bm25",
FTS5's bm25() as the site ranked before), and the snippets of the first 20,
and prints the CPU time of this process (user + system) each took, p50 / p95 by kind and over all: the machine is shared,
and wall-clock times move with its load. Run the two rankings alternately in the same minutes to compare them.
"""
import ctypes
import glob
import json
import sys
import time

db_file, queries_file, ranking = sys.argv[1:4]
library = sys.argv[4] if len(sys.argv) > 4 else glob.glob("artifacts/bin/ArticleSite/*/runtimes/linux-x64/native/libe_sqlite3.so")[0]
ctypes.CDLL("libm.so.6", mode=ctypes.RTLD_GLOBAL)
sqlite = ctypes.CDLL(library)
P = ctypes.c_void_p
sqlite.sqlite3_open_v2.argtypes = [ctypes.c_char_p, ctypes.POINTER(P), ctypes.c_int, ctypes.c_char_p]
sqlite.sqlite3_prepare_v2.argtypes = [P, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(P), ctypes.POINTER(P)]
sqlite.sqlite3_bind_text.argtypes = [P, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, P]
sqlite.sqlite3_bind_int64.argtypes = [P, ctypes.c_int, ctypes.c_int64]
sqlite.sqlite3_step.argtypes = [P]
sqlite.sqlite3_finalize.argtypes = [P]
sqlite.sqlite3_column_int64.argtypes = [P, ctypes.c_int]
sqlite.sqlite3_column_int64.restype = ctypes.c_int64
sqlite.sqlite3_column_text.argtypes = [P, ctypes.c_int]
sqlite.sqlite3_column_text.restype = ctypes.c_char_p
sqlite.sqlite3_errmsg.argtypes = [P]
sqlite.sqlite3_errmsg.restype = ctypes.c_char_p
sqlite.sqlite3_libversion.restype = ctypes.c_char_p
connection = P()
assert sqlite.sqlite3_open_v2(db_file.encode(), ctypes.byref(connection), 1, None) == 0  # read-only, as the site's readers


def rows(sql, *values, column=sqlite.sqlite3_column_int64):
    """The first column of every row of a statement, as integers (or as column reads it)."""
    statement = P()
    if sqlite.sqlite3_prepare_v2(connection, sql.encode(), -1, ctypes.byref(statement), None):
        raise RuntimeError(sqlite.sqlite3_errmsg(connection))
    for index, value in enumerate(values, 1):
        if isinstance(value, int):
            sqlite.sqlite3_bind_int64(statement, index, value)
        else:
            text = value.encode()
            sqlite.sqlite3_bind_text(statement, index, text, len(text), P(-1))  # SQLITE_TRANSIENT
    found = []
    while (code := sqlite.sqlite3_step(statement)) == 100:
        found.append(column(statement, 0))
    sqlite.sqlite3_finalize(statement)
    if code != 101:
        raise RuntimeError(sqlite.sqlite3_errmsg(connection))
    return found


def expression(query):
    """SearchQuery.Expression for the generated queries (ASCII words, quoted phrases, CJK pairs): the last word a prefix."""
    query, terms, at = " ".join(query.lower().split()), [], 0
    while at < len(query):
        if query[at] == " ":
            at += 1
        elif query[at] == '"':
            close = query.find('"', at + 1)
            phrase = query[at + 1:] if close < 0 else query[at + 1:close]
            terms.append('"%s"%s' % (phrase.replace('"', '""'), "*" if close < 0 else ""))
            at = len(query) if close < 0 else close + 1
        else:
            end = min([i for i in (query.find(" ", at), query.find('"', at)) if i >= 0] or [len(query)])
            terms.append('"%s"%s' % (query[at:end], "*" if end == len(query) else ""))
            at = end
    return " ".join(terms)


def expanded(match):
    """SearchDatabase.Expression: a plain last word longer than the indexed prefixes as the at most 64 terms it begins."""
    head, _, last = match.rpartition(" ")
    prefix = last[1:-2] if last.startswith('"') and last.endswith('"*') else ""
    if len(prefix) <= 4 or not all(c.isascii() and (c.islower() or c.isdigit()) for c in prefix):
        return match
    terms = rows("SELECT term FROM terms WHERE term >= ? AND term < ? LIMIT 65", prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1), column=sqlite.sqlite3_column_text)
    if not 0 < len(terms) <= 64:
        return match
    return (head.replace('" "', '" AND "') + " AND " if head else "") + "(" + " OR ".join('"%s"' % term.decode().replace('"', '""') for term in terms) + ")"


NEWEST = "SELECT rowid FROM words WHERE words MATCH ? ORDER BY rowid DESC LIMIT 1001"


def tiers(match, newest):
    ranked, better, within = newest[:200], [], newest[:200]
    for columns in ("headline summary about", "headline"):
        if not within:
            break
        within = rows("SELECT rowid FROM words WHERE words MATCH ? AND rowid BETWEEN ? AND ?", "{%s} : (%s)" % (columns, match), min(within), max(within))
        better.append(set(within))
    return sorted(ranked, key=lambda row: -sum(row in tier for tier in better))


def bm25(match, newest):
    return rows("""SELECT newest.id FROM (SELECT rowid AS id, bm25(words, 10.0, 4.0, 4.0, 1.0) AS score FROM words WHERE words MATCH ?
        ORDER BY rowid DESC LIMIT 200) newest JOIN documents d ON d.id = newest.id ORDER BY newest.score, d.published DESC, d.slug""", match)


def mark(match, shown):
    if shown:
        rows("""SELECT words.rowid, d.slug, highlight(words, 1, char(2), char(3)), snippet(words, 3, char(2), char(3), '…', 28)
            FROM words JOIN documents d ON d.id = words.rowid WHERE words MATCH ? AND words.rowid BETWEEN ? AND ?
            AND +words.rowid IN (SELECT value FROM json_each(?))""", match, min(shown), max(shown), json.dumps(shown))


rank = {"tiers": tiers, "tiers-prefix": tiers, "bm25": bm25}[ranking]
times = {}
for line in open(queries_file, encoding="utf-8"):
    kind, query = line.rstrip("\n").split("\t")
    started = time.process_time()
    match = expanded(expression(query)) if ranking == "tiers" else expression(query)
    newest = rows(NEWEST, match)
    found = newest if len(newest) <= 1 else rank(match, newest) + newest[200:]
    ranked = time.process_time()
    mark(match, found[:20])
    ended = time.process_time()
    times.setdefault(kind, []).append(((ranked - started) * 1000, (ended - started) * 1000))


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))]


every = [total for kind in times.values() for _, total in kind]
print(f"SQLite {sqlite.sqlite3_libversion().decode()}, {ranking}: CPU ms a search, p50 / p95 (of it, finding and ranking)")
for kind, values in times.items():
    totals, finding = [total for _, total in values], [find for find, _ in values]
    print(f"  {kind:9} {percentile(totals, .5):6.2f} / {percentile(totals, .95):6.2f}   ({percentile(finding, .5):.2f} / {percentile(finding, .95):.2f})")
print(f"  all       {percentile(every, .5):6.2f} / {percentile(every, .95):6.2f}, p99 {percentile(every, .99):.2f}, max {max(every):.2f}")
