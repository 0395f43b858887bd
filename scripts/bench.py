"""Build-speed benchmark (not a test): `make bench`.

Generates synthetic content with the real content model's schema (N drills
with realistic text, N/3 root causes, N/6 programs, and the pages the project
needs for them) into a temporary folder and measures, in the same run:

1. our full build without PDFs (English only, BUILD_ONLY_LOCALE=en), and the same content in
   English and Spanish from one build (synthetic data/es/ and docs/*.es.md), as a ratio,
2. the anchor: a plain Material build (same theme, no macros, no hooks) of the
   same pages holding the same text, written as plain Markdown,
3. PDF generation on its own (first build, then a second build with no change), and what
   tagging (PDF/UA-1) costs: up to six of the same PDFs rendered tagged, as the build does, and
   untagged, interleaved in one process,

at N = 6, 60 and 600, several runs each, printing medians and ratios. It then
measures the edit loop: `mkdocs serve` on 127.0.0.1 at seed size, one drill's
summary changed, time until the served page shows the change.

    python scripts/bench.py [--sizes 6 60 600] [--runs 3] [--markdown-out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKELETON = ("mkdocs.yml", "macros", "hooks", "overrides")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Words for synthetic drills: plain, realistic patient text of the seed's length.
BODY = ["hips", "knees", "ankles", "shoulders", "upper back", "lower back", "groin", "buttocks"]
MOVES = ["Rock", "Slide", "Lift", "Lower", "Reach", "Turn", "Press", "Bend", "Step", "Hold"]
PARTS = [
    "your hips back",
    "one knee forward",
    "your arms overhead",
    "your heel toward you",
    "your chest toward the floor",
    "your foot to the side",
    "your back flat",
    "your trunk upright",
]
ENDS = [
    "until you feel a gentle stretch.",
    "slowly and with control.",
    "and breathe out.",
    "without pain.",
    "and keep your neck long.",
    "as far as is comfortable.",
]
LEVELS = ["beginner", "intermediate", "advanced"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(MOVES)} {rng.choice(PARTS)} {rng.choice(ENDS)}"


def synthetic_data(n: int, seed: int = 7) -> dict[str, list[dict] | dict]:
    rng = random.Random(seed)
    drills = []
    for i in range(n):
        targets = rng.sample(BODY, 2)
        drills.append(
            {
                "id": f"drill-{i:04d}",
                "name": f"{rng.choice(MOVES)} and {rng.choice(MOVES).lower()} drill {i}",
                "summary": f"This drill helps your {targets[0]} move better. "
                f"It also eases stiffness in your {targets[1]}.",
                "level": LEVELS[i % 3],
                "targets": targets,
                "position": "On your hands and knees, with your hands under your shoulders.",
                "steps": [sentence(rng) for _ in range(rng.randint(4, 7))],
                "tips": [sentence(rng)],
                "cautions": ["Stop if you feel sharp pain.", "Stop if you feel numbness or tingling."],
                "each_side": bool(i % 2),
                "dose": {"sets": 2, "reps": 10, "per_day": 1},
                **({"requires": [f"drill-{i - 1:04d}"]} if i % 6 == 5 else {}),
            }
        )
    causes = [
        {
            "id": f"cause-{c:04d}",
            "title": f"Root cause {c}: stiff {rng.choice(BODY)}",
            "summary": "When this part of your body is stiff, your lower back moves more to make up for it. "
            "That extra stress can hurt.",
            "drills": [d["id"] for d in drills[c * 3 : c * 3 + 3]],
        }
        for c in range(max(1, n // 3))
    ]
    programs = [
        {
            "id": f"program-{p:03d}",
            "title": f"Program {p}",
            "summary": "Six drills to do in this order, once a day.",
            "drills": [d["id"] for d in drills[p * 6 : p * 6 + 6]],
        }
        for p in range(max(1, n // 6))
    ]
    clinic = {
        "name": "Bench Clinic",
        "phone": "515-555-0100",
        "country": "US",
        "call_to_action": {
            "heading": "Get help",
            "text": "Call us to book a visit.",
            "offer": "a free screen",
        },
    }
    return {"clinic": clinic, "drills": drills, "root_causes": causes, "programs": programs}


# Words of the synthetic texts in Spanish, enough that each translated text differs from its
# English (the content model refuses a translation identical to its source) and is about as long.
SPANISH_WORDS = {
    "hips": "caderas",
    "knees": "rodillas",
    "ankles": "tobillos",
    "shoulders": "hombros",
    "upper back": "parte alta de la espalda",
    "lower back": "parte baja de la espalda",
    "groin": "ingle",
    "buttocks": "nalgas",
    "your": "su",
    "and": "y",
    "drill": "ejercicio",
    "with": "con",
    "the": "el",
    "This": "Este",
    "helps": "ayuda a que",
    "move better": "se muevan mejor",
    "It also eases": "También alivia",
    "stiffness in": "la rigidez en",
    "On": "Sobre",
    "hands": "manos",
    "under": "debajo de",
    "Stop if": "Pare si",
    "you feel": "siente",
    "sharp pain": "un dolor agudo",
    "numbness or tingling": "entumecimiento u hormigueo",
    "until": "hasta que",
    "a gentle stretch": "un estiramiento suave",
    "slowly": "despacio",
    "breathe out": "suelte el aire",
    "without pain": "sin dolor",
    "Root cause": "Causa de fondo",
    "stiff": "rígido",
    "Program": "Programa",
    "drills": "ejercicios",
    "to do in this order": "para hacer en este orden",
    "once a day": "una vez al día",
    "Six": "Seis",
    "When this part of": "Cuando esta parte de",
}


def spanish(text: str) -> str:
    for english, words in sorted(SPANISH_WORDS.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"\b{re.escape(english)}\b", words, text)
    return text


def spanish_data(data: dict) -> dict[str, list[dict] | dict]:
    """data/es/ for the synthetic content: every entry translated completely, as a clinic's would be."""
    drill_fields = ("name", "summary", "position", "targets", "steps", "tips", "cautions")

    def entry(source: dict, fields: tuple[str, ...]) -> dict:
        out: dict = {"id": source["id"]}
        for name in fields:
            value = source[name]
            out[name] = [spanish(v) for v in value] if isinstance(value, list) else spanish(value)
        texts = [
            t for name in fields for t in (source[name] if isinstance(source[name], list) else [source[name]])
        ]
        kept = sorted({t for t in texts if spanish(t) == t})  # a name that stays the same
        return {**out, "same_in_both": kept} if kept else out

    cta = data["clinic"]["call_to_action"]
    return {
        "clinic": {
            "call_to_action": {
                "heading": "Reciba ayuda",
                "text": "Llámenos para hacer una cita.",
                "offer": "una revisión gratis",
            },
            "disclaimer": "Este sitio da información general. No reemplaza la atención de un profesional.",
        }
        if cta
        else {},
        "drills": [entry(d, drill_fields) for d in data["drills"]],
        "root_causes": [entry(c, ("title", "summary")) for c in data["root_causes"]],
        "programs": [entry(p, ("title", "summary")) for p in data["programs"]],
    }


def write_yaml(path: Path, value: object) -> None:
    # JSON is valid YAML; the content model reads it like any data file.
    path.write_text(json.dumps(value, indent=1), encoding="utf-8")


def our_project(base: Path, data: dict) -> Path:
    project = base / "ours"
    project.mkdir()
    for name in SKELETON:
        src = ROOT / name
        (
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
            if src.is_dir()
            else shutil.copy2(src, project / name)
        )
    (project / "data" / "es").mkdir(parents=True)
    for key, value in data.items():
        write_yaml(project / "data" / f"{key}.yml", value)
    for key, value in spanish_data(data).items():
        write_yaml(project / "data" / "es" / f"{key}.yml", value)
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    if (ROOT / "docs" / "javascripts").is_dir():
        shutil.copytree(ROOT / "docs" / "javascripts", docs / "javascripts")
    (docs / "drills").mkdir(parents=True)
    (docs / "articles").mkdir()
    first = data["programs"][0]["id"]
    front = "---\ndescription: Simple drills for your back.\n---\n\n"
    (docs / "index.md").write_text(
        f'{front}# Home\n\nSimple drills for your back.\n\n{{{{ program_drills("{first}") }}}}\n'
    )
    (docs / "drills" / "index.md").write_text(f"{front}# All drills\n\n{{{{ drill_index() }}}}\n")
    (docs / "articles" / "back-pain-when-walking.md").write_text(
        f"{front}# Root causes\n\n{{{{ root_cause_details() }}}}\n"
    )
    # The same pages in Spanish (docs/<page>.es.md).
    front_es = "---\ndescription: Ejercicios simples para su espalda.\n---\n\n"
    (docs / "index.es.md").write_text(
        f'{front_es}# Inicio\n\nEjercicios simples para su espalda.\n\n{{{{ program_drills("{first}") }}}}\n'
    )
    (docs / "drills" / "index.es.md").write_text(
        f"{front_es}# Todos los ejercicios\n\n{{{{ drill_index() }}}}\n"
    )
    (docs / "articles" / "back-pain-when-walking.es.md").write_text(
        f"{front_es}# Causas de fondo\n\n{{{{ root_cause_details() }}}}\n"
    )
    nav = [
        {"Home": "index.md"},
        {"Root causes": "articles/back-pain-when-walking.md"},
        {"Drills": "drills/index.md"},
    ]
    (project / "mkdocs.yml").rename(project / "mkdocs.base.yml")
    (project / "mkdocs.yml").write_text(f"INHERIT: mkdocs.base.yml\nnav: {json.dumps(nav)}\n")
    return project


def anchor_project(base: Path, data: dict, built: Path) -> Path:
    """Plain Material: the same pages as ours (one per built page), as plain Markdown, default nav."""
    project = base / "anchor"
    docs = project / "docs"
    (docs / "drills").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Bench Clinic\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nmarkdown_extensions:\n  - admonition\n  - toc:\n      permalink: true\n"
    )

    def drill_md(d: dict) -> str:
        steps = "\n".join(f"{n}. {s}" for n, s in enumerate(d["steps"], 1))
        cautions = "\n".join(f"    - {c}" for c in d["cautions"])
        return (
            f"# {d['name']}\n\n{d['summary']}\n\n- Level: {d['level']}\n- Works on: "
            f"{', '.join(d['targets'])}\n\n"
            f"## Starting position\n\n{d['position']}\n\n## Steps\n\n{steps}\n\n## Tips\n\n- "
            f"{d['tips'][0]}\n\n"
            f'!!! warning "When to stop"\n\n{cautions}\n\n## Get help\n\nCall 515-555-0100.\n'
        )

    for d in data["drills"]:
        (docs / "drills" / f"{d['id']}.md").write_text(drill_md(d))
    listing = "\n".join(f"- [{d['name']}](drills/{d['id']}.md): {d['summary']}" for d in data["drills"])
    (docs / "index.md").write_text(f"# Home\n\n{listing}\n")
    causes = "\n\n".join(f"## {c['title']}\n\n{c['summary']}" for c in data["root_causes"])
    (docs / "causes.md").write_text(f"# Root causes\n\n{causes}\n")
    # Pad with pages of drill-like text until the page count matches our build.
    ours = sum(1 for p in built.rglob("*.html") if p.name != "404.html")
    have = len(data["drills"]) + 2
    for extra in range(max(0, ours - have)):
        d = data["drills"][extra % len(data["drills"])]
        (docs / f"extra-{extra:04d}.md").write_text(drill_md(d).replace("# ", f"# Page {extra}: ", 1))
    return project


def timed_build(project: Path, site: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env or ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return elapsed


PDF_LINE = re.compile(r"PDF handouts: (\d+) made, (\d+) unchanged .* in ([\d.]+) s")


def pdf_build(project: Path, site: Path, env: dict[str, str]) -> tuple[int, int, float]:
    """A build with PDFs: (PDFs made, PDFs reused from the cache, seconds the PDF hook took)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    found = PDF_LINE.search(result.stdout + result.stderr)
    if result.returncode != 0 or not found:
        raise SystemExit(f"PDF build failed in {project}:\n{result.stdout}{result.stderr}")
    return int(found[1]), int(found[2]), float(found[3])


# Run in a built project: render some of its PDFs tagged and untagged, interleaved, and print the
# median seconds of each as JSON. The hook's own jobs and render_pdf, so the same documents.
TAGGING_COST = r"""
import importlib.util, json, statistics, sys, time
from pathlib import Path
from mkdocs.config import load_config
import content_model
from macros.state import start_build

site, runs, most = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
spec = importlib.util.spec_from_file_location("pdf_handouts", "hooks/pdf_handouts.py")
hook = importlib.util.module_from_spec(spec)
sys.modules["pdf_handouts"] = hook
spec.loader.exec_module(hook)
config = load_config("mkdocs.yml", site_dir=str(site))
state = start_build(config, content_model.load(Path("data"), shown_dir="data"))
jobs = hook.jobs(config, state)[:most]
base = site.as_uri() + "/"
hook.render_pdf(jobs[0], base)  # WeasyPrint loaded and warm before timing
times = {True: [], False: []}
for _ in range(runs):
    for tagged in (False, True):
        start = time.perf_counter()
        for job in jobs:
            hook.render_pdf(job, base, tagged=tagged)
        times[tagged].append(time.perf_counter() - start)
print(json.dumps({"files": len(jobs), "tagged": statistics.median(times[True]),
                  "untagged": statistics.median(times[False])}))
"""


def tagging_cost(project: Path, site: Path, runs: int, most: int = 6) -> dict[str, float]:
    """PDFs rendered tagged (as the build does) and untagged, in one process, interleaved."""
    result = subprocess.run(
        [sys.executable, "-c", TAGGING_COST, str(site), str(runs), str(most)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"timing tagged PDFs failed in {project}:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(n: int, runs: int, base: Path, pdf: bool) -> dict[str, float | int]:
    data = synthetic_data(n)
    ours = our_project(base, data)
    no_pdf = {**ENV, "HANDOUT_PDFS": "0"}
    # The first build starts with an empty .cache/ (compiled templates, QR codes), as in a fresh
    # clone or on CI; the later ones reuse it, as an editor's builds do.
    english_only = {**no_pdf, "BUILD_ONLY_LOCALE": "en"}
    ours_times = [timed_build(ours, base / f"site-ours-{r}", english_only) for r in range(runs + 1)]
    # English and Spanish from one build, interleaved with English-only builds of the same content.
    both_times, alone_times = [], []
    for r in range(runs):
        both_times.append(timed_build(ours, base / f"site-both-{r}", no_pdf))
        alone_times.append(timed_build(ours, base / f"site-alone-{r}", english_only))
    anchor = anchor_project(base, data, base / "site-ours-0")
    anchor_times = [timed_build(anchor, base / f"site-anchor-{r}") for r in range(runs)]
    pages = sum(1 for p in (base / "site-ours-0").rglob("*.html") if p.name != "404.html")
    row: dict[str, float | int] = {
        "n": n,
        "pages": pages,
        "ours": median(ours_times[1:]),
        "ours_cold": ours_times[0],
        "anchor": median(anchor_times),
        "both": median(both_times),
        "alone": median(alone_times),
    }
    if pdf:
        # PDFs on their own, as the PDF hook times them (its log line), in one folder so that the
        # second build can reuse the cache of the first.
        with_pdf = {**ENV, "HANDOUT_PDFS": "1"}
        site = base / "site-pdf"
        shutil.rmtree(ours / ".cache" / "handout-pdfs", ignore_errors=True)
        row["pdf_files"], _, row["pdf_first"] = pdf_build(ours, site, with_pdf)
        made, reused, row["pdf_second"] = pdf_build(ours, site, with_pdf)
        if made or reused != row["pdf_files"]:
            raise SystemExit(f"the unchanged rebuild made {made} PDFs and reused {reused}: the cache missed")
        cost = tagging_cost(ours, site, runs)
        row["tag_files"], row["tagged"], row["untagged"] = cost["files"], cost["tagged"], cost["untagged"]
    return row


# What a plain Material build imports, and what ours must import on top: the libraries the
# project is built on (mkdocs-macros-plugin, pydantic, ruamel.yaml, phonenumbers, pymdown-extensions).
PLAIN_IMPORTS = (
    "import mkdocs.commands.build, material.plugins.search.plugin, "
    "markdown.extensions.admonition, markdown.extensions.toc"
)
REQUIRED_IMPORTS = (
    "import mkdocs_macros.plugin, pydantic, ruamel.yaml, phonenumbers, "
    "pymdownx.superfences, pymdownx.details, markdown.extensions.md_in_html; "
    "from pydantic import BaseModel, TypeAdapter"
)
# The two the architecture decides on by name (the macros plugin and a pydantic content model).
DECIDED_IMPORTS = "import mkdocs_macros.plugin, pydantic; from pydantic import BaseModel, TypeAdapter"


def import_floor(runs: int) -> dict[str, float]:
    """Start-up time libraries add to a plain Material process (median of interleaved runs).

    Returns the cost of all required libraries ("required") and of the two the architecture
    names ("decided"): our build cannot be faster than the anchor plus these, whatever our code does."""
    codes = {
        "plain": PLAIN_IMPORTS,
        "required": f"{PLAIN_IMPORTS}; {REQUIRED_IMPORTS}",
        "decided": f"{PLAIN_IMPORTS}; {DECIDED_IMPORTS}",
    }
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
            times[name].append(time.perf_counter() - start)
    plain = median(times["plain"])
    return {name: max(0.0, median(times[name]) - plain) for name in ("required", "decided")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_loop(base: Path, tries: int) -> list[float]:
    """Seed-size site under `mkdocs serve`: time from saving a data edit to the page showing it."""
    folder = base / "serve"
    folder.mkdir()
    project = our_project(folder, synthetic_data(6))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/drills/drill-0005/"
    drills_file = project / "data" / "drills.yml"
    times = []
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"mkdocs serve did not answer on {url} within 60 s")
        time.sleep(1.5)  # let the first build settle
        for attempt in range(tries):
            marker = f"Edited summary number {attempt} for the benchmark."
            drills = json.loads(drills_file.read_text(encoding="utf-8"))
            drills[5]["summary"] = marker
            write_yaml(drills_file, drills)
            start = time.perf_counter()
            while time.perf_counter() - start < 30:
                try:
                    if marker in urllib.request.urlopen(url, timeout=2).read().decode():
                        break
                except OSError:
                    pass
                time.sleep(0.02)
            else:
                raise SystemExit(
                    f"the served page never showed edit {attempt} within 30 s: the edit loop is broken"
                )
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[6, 60, 600])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--markdown-out", type=Path)
    parser.add_argument("--edits", type=int, default=5, help="edits timed in the edit loop")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in args.sizes:
            base = Path(tmp) / f"n{n}"
            base.mkdir()
            rows.append(bench_size(n, args.runs, base, pdf=not args.no_pdf))
            print(f"  N={n}: done", file=sys.stderr)
        loop = edit_loop(Path(tmp), tries=args.edits)
    floor = import_floor(runs=max(9, 3 * args.runs))
    lines = [
        f"Machine: {os.cpu_count()} cores; median of {args.runs} runs per figure (ours: after a first build "
        "that fills .cache/, shown on its own); times in seconds.",
        "",
    ]
    head = (
        "| N drills | pages | ours (no PDF) | plain Material | ours / plain "
        "| ours, first build (empty .cache/) | first / plain |"
    )
    sep = "|---:|---:|---:|---:|---:|---:|---:|"
    if not args.no_pdf:
        head += (
            " PDFs, first build | PDFs, unchanged rebuild | rebuild / first "
            "| PDFs tagged (PDF/UA-1, as built) | same PDFs untagged | tagged / untagged |"
        )
        sep += "---:|---:|---:|---:|---:|---:|"
    lines += [head, sep]
    for r in rows:
        line = (
            f"| {r['n']} | {r['pages']} | {r['ours']:.2f} | {r['anchor']:.2f} | "
            f"{r['ours'] / r['anchor']:.2f} "
            f"| {r['ours_cold']:.2f} | {r['ours_cold'] / r['anchor']:.2f} |"
        )
        if "pdf_first" in r:
            ratio = r["pdf_second"] / r["pdf_first"] if r["pdf_first"] else float("nan")
            line += f" {r['pdf_first']:.2f} ({r['pdf_files']} files) | {r['pdf_second']:.3f} | {ratio:.3f} |"
            line += (
                f" {r['tagged']:.2f} ({r['tag_files']} files) | {r['untagged']:.2f} "
                f"| {r['tagged'] / r['untagged']:.2f} |"
            )
        lines.append(line)
    lines += [
        "",
        "English and Spanish from one build, against English only, same content, interleaved "
        "(budget: 2.1 ×):",
        "",
        "| N drills | English only | English + Spanish | ratio |",
        "|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['n']} | {r['alone']:.2f} | {r['both']:.2f} | {r['both'] / r['alone']:.2f} |" for r in rows
    ]
    by_n = {r["n"]: r for r in rows}
    if 60 in by_n and 600 in by_n:
        lines += [
            "",
            f"Growth t(600)/t(60): ours {by_n[600]['ours'] / by_n[60]['ours']:.1f}, "
            f"plain Material {by_n[600]['anchor'] / by_n[60]['anchor']:.1f}.",
        ]
    if 6 in by_n:
        anchor = by_n[6]["anchor"]
        lines += [
            "",
            f"Required libraries (mkdocs-macros-plugin, pydantic, ruamel.yaml, phonenumbers, "
            f"pymdown-extensions) add {floor['required']:.2f} s to start-up on their own: at N=6 no "
            f"build that uses them can be below {(anchor + floor['required']) / anchor:.2f} × plain "
            f"Material (ours: {by_n[6]['ours'] / anchor:.2f}). mkdocs-macros-plugin and pydantic "
            f"alone add {floor['decided']:.2f} s, {(anchor + floor['decided']) / anchor:.2f} ×.",
        ]
    lines += [
        "",
        f"Edit loop (seed site, `mkdocs serve`, one drill summary changed): median {median(loop):.2f} s "
        f"over {len(loop)} edits (min {min(loop):.2f}, max {max(loop):.2f}).",
    ]
    report = "\n".join(lines)
    print(report)
    if args.markdown_out:
        args.markdown_out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
