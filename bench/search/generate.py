"""Writes N articles in English, German, French, Korean, Chinese and Japanese, and 1,000 distinct queries over them.

Usage: generate.py N CONTENT_FOLDER QUERIES_FILE. Deterministic (seeded): the same N gives the same files and queries.
Words are made of syllables, with a Zipf-like frequency, so that some words are in most articles and most in few.
"""
import os
import random
import sys

n, folder, queries_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(20261207)
os.makedirs(folder, exist_ok=True)

syllables = ["ka", "ri", "mo", "ta", "ne", "so", "lu", "ve", "dri", "pan", "sel", "tor", "qui", "ban", "lo", "gre", "min", "sta", "por", "ul"]
latin = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
rng.shuffle(latin)
hanzi = [chr(c) for c in range(0x4E00, 0x4E00 + 1500)]
hangul = [chr(c) for c in range(0xAC00, 0xAC00 + 1200)]
kana = [chr(c) for c in range(0x3041, 0x3094)]


def zipf(pool):
    # Rank r drawn with weight about 1/r: a few words everywhere, most rare.
    return pool[min(int(len(pool) ** rng.random()) - 1, len(pool) - 1)]


def latin_text(words):
    return " ".join(zipf(latin) for _ in range(words))


def cjk_text(pool, runs, extra=None):
    parts = []
    for _ in range(runs):
        run = "".join(zipf(pool) if extra is None or rng.random() < 0.6 else rng.choice(extra) for _ in range(rng.randint(2, 8)))
        parts.append(run)
    return " ".join(parts) if pool is hangul else "、".join(parts) + "。"


languages = ["en", "en", "en", "en", "de", "fr", "ko", "ko", "zh", "zh", "ja"]
phrases, pairs = [], []
for i in range(n):
    lang = languages[i % len(languages)]
    if lang in ("en", "de", "fr"):
        title, summary = latin_text(6).capitalize(), latin_text(14).capitalize() + "."
        paragraphs = [latin_text(rng.randint(30, 60)).capitalize() + "." for _ in range(3)]
        if len(phrases) < 5000:
            words = paragraphs[0].rstrip(".").lower().split()
            start = rng.randrange(len(words) - 1)
            phrases.append(f'"{words[start]} {words[start + 1]}"')
    else:
        pool, extra = {"ko": (hangul, None), "zh": (hanzi, None), "ja": (hanzi, kana)}[lang]
        title, summary = cjk_text(pool, 2, extra), cjk_text(pool, 4, extra)
        paragraphs = [cjk_text(pool, rng.randint(10, 20), extra) for _ in range(3)]
        if len(pairs) < 5000:
            run = max(paragraphs[0].replace("、", " ").replace("。", " ").split(), key=len)
            start = rng.randrange(len(run) - 1)
            pairs.append(run[start:start + 2])
    tags = ", ".join(sorted({zipf(latin[:200]) for _ in range(rng.randint(1, 3))}))
    date = f"20{15 + i % 11:02d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
    with open(os.path.join(folder, f"article-{i}.md"), "w", encoding="utf-8") as file:
        file.write(f'---\ntitle: "{title}"\nsummary: "{summary}"\ndate: {date}\nlang: {lang}\ntags: [{tags}]\nslug: article-{i}\n---\n\n' + "\n\n".join(paragraphs) + "\n")

queries, seen = [], set()


def add(query, wanted):
    key = query.lower()
    if key not in seen and sum(1 for kind, _ in queries if kind == wanted[0]) < wanted[1]:
        seen.add(key)
        queries.append((wanted[0], query))


for kind, count, make in [
    ("word", 300, lambda: zipf(latin)),
    ("prefix", 200, lambda: zipf(latin)[:rng.randint(3, 5)]),
    ("phrase", 200, lambda: rng.choice(phrases)),
    ("cjk-pair", 200, lambda: rng.choice(pairs)),
    ("no-hit", 100, lambda: "zx" + "".join(rng.choice("bcdfghjkmnpqwxyz") for _ in range(7))),
]:
    for _ in range(count * 50):
        add(make(), (kind, count))
with open(queries_file, "w", encoding="utf-8") as file:
    for kind, query in queries:
        file.write(f"{kind}\t{query}\n")
print(f"{n} articles in {folder}; {len(queries)} queries in {queries_file}", file=sys.stderr)
