#!/usr/bin/env python3
"""Generates a synthetic health knowledge base of N articles, twice: once in healthkb's format and
once for Hugo, with the same titles, tags, bodies and links, for benches/compare.py.

Python 3.11 standard library only. Deterministic: the same N and --seed give the same bytes.

    python3 benches/gen_corpus.py --n 10000 --out /dev/shm/hkb-bench/n10000
    python3 benches/gen_corpus.py --n 10000 --vocab zipf --out /dev/shm/hkb-search/n10000

writes
    OUT/ours/   site.toml, articles/*.md, articles/symptoms.toml, templates/, static/
                (site.toml, templates/ and static/ are copied from the repository)
    OUT/hugo/   hugo.toml, content/articles/*.md, layouts/ (minimal: home, article, tag list,
                tag pages, section list, 404)
    OUT/corpus.json   what was generated (counts, bytes, expected page counts)

The corpus:
- N articles, each 4-6 KB of Markdown: an intro, 4-7 `##` sections with paragraphs, bullet lists,
  now and then a `###` subsection, a GitHub alert and bold text; TOML front matter with title,
  description, updated, aliases, 1-3 references (ids in articles/references.toml) and sometimes care lists.
- 200 symptoms in articles/symptoms.toml; each article has 2-6 of them, drawn from a Zipf law
  (exponent 1), so a few symptoms are on about half the articles and most on few. Every symptom is
  used at least once, so both generators make one page per symptom.
- Body words (`--vocab`): `small` (the default, as in every earlier result) draws sentences
  from 60 words, so every word is in every article and no search index can be small; `zipf`
  draws every word from a Zipf-Mandelbrot law (p ~ 1/(rank + 2.7)) over 50,000 word forms: 62
  function words first, then about 400 real health words (UK and US spellings) mixed into the top
  ranks with pronounceable made-up words and their inflected forms (-s, -ing, -ed, -ness, -itis,
  ...). At 1,000 articles the bodies hold about 43,700 distinct words; the most common is in
  every article, the median one in 3. corpus.json records `vocab`, `distinct_body_words`,
  `articles_of_top_word` and `articles_of_median_word`.
- 3-8 inline links per article to other articles (`[x](other.md)`), about a third to a heading
  that exists (`other.md#heading-id`). For Hugo the same links point at the built page
  (`../other/#heading-id`), so Hugo needs no link render hook.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import zlib
from collections import Counter
from pathlib import Path

SYMPTOM_COUNT = 200
ZIPF_EXPONENT = 1.0
REGIONS = ["neck", "upper-back", "middle-back", "lower-back", "buttocks-hips", "legs"]

WORDS = """
pain ache muscle nerve spine disc back neck shoulder hip leg foot arm hand joint bone tissue
swelling stiffness numbness tingling weakness burning cramp spasm strain sprain injury fall
rest exercise stretch posture sleep work lifting bending twisting sitting standing walking
doctor nurse clinic physiotherapist scan test blood result treatment medicine dose tablet
heat ice massage therapy surgery recovery week day month morning evening night symptom sign
cause risk factor age weight habit stress vitamin diet water movement balance strength
""".split()
VERBS = """
helps eases causes worsens follows affects reduces starts spreads settles returns improves
changes protects supports limits triggers relieves weakens strengthens
""".split()
ADJECTIVES = """
mild sharp dull sudden slow steady common rare gentle strong painful tight weak sore tired
stiff swollen numb tender chronic acute short long regular light heavy simple careful
""".split()
CONNECTORS = ["Often", "Sometimes", "Usually", "In most people", "For some", "Over time",
              "At first", "Later", "Rarely", "In many cases", "After a while", "Most days"]

HEADINGS = [
    "What it is", "What it feels like", "How long it lasts", "Common causes", "Who gets it",
    "Risk factors", "How it is diagnosed", "Tests you may have", "Treatment at home",
    "Medical treatment", "Exercises that help", "When to see a doctor", "When it is an emergency",
    "Living with it", "Preventing it", "Outlook", "Related conditions", "Questions to ask",
    "Work and daily life", "Sleep and rest", "Pain relief", "Physical therapy",
    "Warning signs", "In children", "In older adults", "During pregnancy", "After surgery",
    "Medicines", "Self care", "Myths and facts", "Getting support", "Follow up care",
]
SUBHEADINGS = ["In short", "What to expect", "Tips", "Good to know", "Before you go"]


# --vocab zipf: bodies drawn from a Zipf law over tens of thousands of word forms, as in real text
# (issue 15), instead of the 60 words above, in which every word is in every article.
ZIPF_VOCAB_SIZE = 50_000
# Zipf-Mandelbrot: p(rank r) ~ 1 / (r + 2.7)^1.0, the usual fit for English word counts.
ZIPF_WORD_EXPONENT = 1.0
ZIPF_WORD_OFFSET = 2.7
# The most frequent forms, in rank order: function words first, as in English.
FUNCTION_WORDS = """
the of and to a in is it you that for on are with as be this can or your at by not have from
may if but more some when most they which will their one about other any what who than also
into after before over all many no so often do should these them its there been has very
""".split()
HEALTH_WORDS = """
pain ache muscle nerve spine disc back neck shoulder hip leg foot arm hand joint bone tissue
swelling stiffness numbness tingling weakness burning cramp spasm strain sprain injury fall
rest exercise stretch posture sleep work lifting bending twisting sitting standing walking
doctor nurse clinic physiotherapist scan test blood result treatment medicine dose tablet
heat ice massage therapy surgery recovery week day month morning evening night symptom sign
cause risk factor age weight habit stress vitamin diet water movement balance strength
anaemia anemia oesophagus esophagus haemorrhage hemorrhage oedema edema paediatric pediatric
sciatica paraesthesia paresthesia arthritis osteoarthritis rheumatoid inflammation infection
fever headache migraine dizziness nausea vomiting fatigue tiredness breathlessness cough
asthma diabetes insulin glucose cholesterol hypertension pressure heart stroke kidney liver
lung stomach bowel bladder skin rash itching allergy antibiotic paracetamol ibuprofen
codeine naproxen steroid injection physiotherapy osteopath chiropractor surgeon consultant
referral appointment pharmacist prescription diagnosis prognosis mri xray ultrasound biopsy
fracture dislocation tendon ligament cartilage vertebra lumbar cervical thoracic sacrum
coccyx pelvis femur tibia knee ankle wrist elbow jaw rib skull brain spinal cord root
compression stenosis herniation degeneration scoliosis kyphosis whiplash bursitis tendinitis
neuropathy radiculopathy myelopathy osteoporosis gout lupus fibromyalgia cancer tumour tumor
pregnancy menopause childbirth infant child adult elderly smoking alcohol obesity exercise
walking swimming cycling yoga pilates breathing relaxation anxiety depression mood memory
""".split()
SYLLABLE_ONSETS = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l",
                   "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v",
                   "w", "z", ""]
SYLLABLE_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ie", "ou", "y"]
SYLLABLE_CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "st", "x"]
# Endings that make families of forms from one stem, as English does (a stemmer's job).
WORD_SUFFIXES = ["", "", "", "s", "ing", "ed", "ly", "ness", "ation", "al", "ic", "itis", "osis"]


class ZipfVocabulary:
    """ZIPF_VOCAB_SIZE distinct lower-case word forms in rank order (function words, real health
    words, then pronounceable made-up words and their inflected forms), and their cumulative Zipf
    weights for `rng.choices`."""

    def __init__(self, seed: int, size: int = ZIPF_VOCAB_SIZE):
        rng = random.Random(f"zipf-vocabulary-{seed}")
        words: list[str] = []
        seen: set[str] = set()

        def add(word: str) -> None:
            if word not in seen:
                seen.add(word)
                words.append(word)

        for w in FUNCTION_WORDS:
            add(w)
        real = HEALTH_WORDS + [w for w in WORDS + VERBS + ADJECTIVES if w not in HEALTH_WORDS]
        made: list[str] = []
        while len(seen) + len(made) < size * 2:
            stem = "".join(rng.choice(SYLLABLE_ONSETS) + rng.choice(SYLLABLE_VOWELS) + rng.choice(SYLLABLE_CODAS)
                           for _ in range(rng.choice([1, 2, 2, 2, 2, 3, 3])))
            if len(stem) < 3:
                continue
            for suffix in rng.sample(WORD_SUFFIXES, rng.randint(1, 3)):
                made.append(stem + suffix)
        # Real words spread over the top few thousand ranks, made-up ones everywhere after the
        # function words.
        tail = [w for w in made if w not in seen]
        rng.shuffle(tail)  # a stem's forms at unrelated ranks
        mixed: list[str] = []
        real_left = list(real)
        rng.shuffle(real_left)
        for w in tail:
            if real_left and rng.random() < 0.25:
                mixed.append(real_left.pop())
            mixed.append(w)
        for w in mixed:
            if len(seen) >= size:
                break
            add(w)
        self.words = words
        acc = 0.0
        self.cum: list[float] = []
        for r in range(len(words)):
            acc += 1.0 / (r + 1 + ZIPF_WORD_OFFSET) ** ZIPF_WORD_EXPONENT
            self.cum.append(acc)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def sentence(self, rng: random.Random) -> str:
        words = self.draw(rng, rng.randint(6, 17))
        if rng.random() < 0.15:
            i = rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        if rng.random() < 0.3:
            i = rng.randint(2, len(words) - 2)
            words[i] += ","
        text = " ".join(words)
        if rng.random() < 0.25:
            text = f"{rng.choice(CONNECTORS)}, {text}"
        return text[0].upper() + text[1:] + "."

    def item(self, rng: random.Random) -> str:
        return " ".join(self.draw(rng, rng.randint(3, 8)))

TITLE_A = """
Acute Chronic Sudden Recurring Mild Severe Lower Upper Middle Left Right Deep Sharp Dull Burning
Morning Night Postural Sports Work Childhood Adult Late Early Nerve Muscle Joint Disc Spinal
Seasonal Persistent Intermittent Radiating Localized Diffuse Traumatic Occupational Inflammatory
Degenerative Mechanical Positional Reactive Referred Nocturnal Exertional Static Dynamic Minor
""".split()
TITLE_B = """
back pain, neck pain, hip pain, leg pain, shoulder pain, muscle spasm, nerve pain, stiffness,
numbness, tingling, weakness, sciatica, disc bulge, disc herniation, muscle strain, ligament sprain,
joint pain, spinal stenosis, arthritis, bursitis, tendinitis, fatigue, cramps, posture problems,
rib pain, tailbone pain, knee pain, ankle pain, foot pain, arm pain, wrist pain, jaw pain,
headache, dizziness, balance problems, sleep problems, swelling, bruising, inflammation,
scoliosis, kyphosis, whiplash, nerve irritation, muscle knots, trigger points, spine injury,
vitamin deficiency, bone loss, poor circulation, restless legs, cold feet, hot flushes,
skin sensitivity, pins and needles, loss of reflexes, back cramps, hip stiffness, neck strain,
shoulder stiffness, leg heaviness
""".replace("\n", " ").split(",")
TITLE_B = [t.strip() for t in TITLE_B if t.strip()]
TITLE_C = [
    "in adults", "in children", "in older adults", "after exercise", "after lifting",
    "at night", "in the morning", "during pregnancy", "after a fall", "at work",
    "when sitting", "when standing", "when walking", "in athletes", "after surgery",
    "in winter", "with fever", "with numbness", "with weakness", "explained",
    "causes and care", "signs and tests", "home care", "treatment options", "recovery",
    "and sleep", "and stress", "and diet", "and weight", "and posture", "in teens",
    "questions and answers", "self checks", "when to worry", "first steps", "long term",
    "basics", "a guide", "facts", "overview",
]

SYMPTOM_PARTS = ["neck", "upper back", "middle back", "lower back", "buttock", "hip", "thigh",
                 "knee", "calf", "foot", "shoulder", "arm", "rib", "spine", "tailbone", "side",
                 "groin", "ankle", "toe", "jaw"]
SYMPTOM_KINDS = ["pain", "stiffness", "numbness", "tingling", "weakness", "burning", "cramp",
                 "swelling", "tenderness", "spasm"]


def slugify(text: str) -> str:
    """The same rule as healthkb's `markdown::slugify` and Hugo's GitHub-style heading ids, for
    the plain ASCII text this generator writes."""
    out = []
    for c in text.strip():
        if c.isalnum() or c in "-_":
            out.append(c.lower())
        elif c.isspace():
            out.append("-")
    return "".join(out)


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


class Sentences:
    """A fixed pool of sentences, so bodies are cheap to assemble even for 100,000 articles."""

    def __init__(self, rng: random.Random, count: int = 6000):
        self.pool = [self._sentence(rng) for _ in range(count)]
        self.items = [self._item(rng) for _ in range(1500)]

    @staticmethod
    def _sentence(rng: random.Random) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        words.insert(rng.randint(1, 3), rng.choice(VERBS))
        words.insert(rng.randint(0, 2), rng.choice(ADJECTIVES))
        if rng.random() < 0.15:
            i = rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        text = " ".join(words)
        if rng.random() < 0.5:
            text = f"{rng.choice(CONNECTORS)}, {text}"
        return text[0].upper() + text[1:] + "."

    @staticmethod
    def _item(rng: random.Random) -> str:
        return " ".join([rng.choice(ADJECTIVES)] + [rng.choice(WORDS) for _ in range(rng.randint(2, 7))])


def make_symptoms(rng: random.Random) -> list[dict]:
    combos = [(p, k) for p in SYMPTOM_PARTS for k in SYMPTOM_KINDS]
    rng.shuffle(combos)
    symptoms = []
    for part, kind in combos[:SYMPTOM_COUNT]:
        name = f"{part.capitalize()} {kind}"
        level = rng.choices(["routine", "urgent", "emergency"], weights=[75, 20, 5])[0]
        symptoms.append({
            "slug": slugify(name),
            "name": name,
            "aka": [f"{kind} in the {part}", f"{part} {rng.choice(ADJECTIVES)} {kind}"][: rng.randint(0, 2)],
            "description": f"{kind.capitalize()} felt in the {part}. "
                           "It can be {} or {}, and it may come and go.".format(*rng.sample(ADJECTIVES, 2)),
            "level": level,
            "regions": sorted(rng.sample(REGIONS, rng.randint(0, 3)), key=REGIONS.index),
        })
    symptoms.sort(key=lambda s: s["slug"])
    return symptoms


def make_titles(n: int, rng: random.Random) -> list[str]:
    total = len(TITLE_A) * len(TITLE_B) * len(TITLE_C)
    picks = rng.sample(range(total), min(n, total))
    titles = []
    for i in range(n):
        if i < len(picks):
            x = picks[i]
            a, x = divmod(x, len(TITLE_B) * len(TITLE_C))
            b, c = divmod(x, len(TITLE_C))
            titles.append(f"{TITLE_A[a]} {TITLE_B[b]} {TITLE_C[c]}")
        else:  # more articles than combinations: number the rest
            titles.append(f"{titles[i % len(picks)]} part {i // len(picks) + 1}")
    return titles


def zipf_tags(n: int, rng: random.Random) -> list[list[int]]:
    """2-6 distinct symptom indexes per article, Zipf-distributed over a shuffled rank order;
    article i < 200 always has symptom i, so every symptom is used."""
    rank_to_symptom = list(range(SYMPTOM_COUNT))
    rng.shuffle(rank_to_symptom)
    weights = [1.0 / (r + 1) ** ZIPF_EXPONENT for r in range(SYMPTOM_COUNT)]
    cum = []
    acc = 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    tags = []
    for i in range(n):
        k = rng.randint(2, 6)
        chosen: list[int] = [i] if i < SYMPTOM_COUNT else []
        while len(chosen) < k:
            s = rank_to_symptom[rng.choices(range(SYMPTOM_COUNT), cum_weights=cum)[0]]
            if s not in chosen:
                chosen.append(s)
        tags.append(chosen)
    return tags


class Plan:
    """Everything about the articles except their bodies, decided before any body is written so
    links can point at headings that exist."""

    def __init__(self, n: int, seed: int, vocab: str = "small"):
        rng = random.Random(seed)
        self.n = n
        self.vocab = ZipfVocabulary(seed) if vocab == "zipf" else None
        self.symptoms = make_symptoms(rng)
        self.titles = make_titles(n, rng)
        self.slugs = [slugify(t) for t in self.titles]
        assert len(set(self.slugs)) == n, "article slugs must be unique"
        self.tags = zipf_tags(n, rng)
        self.headings = [rng.sample(HEADINGS, rng.randint(4, 7)) for _ in range(n)]
        self.sentences = Sentences(rng)


def article_parts(i: int, plan: Plan, rng: random.Random) -> tuple[dict, str, str]:
    """(front matter fields, our body, Hugo body) of article i."""
    n = plan.n
    title = plan.titles[i]
    pool = plan.sentences.pool
    items = plan.sentences.items
    # Links: 3-8 per article (when there are other articles), a third of them to a heading.
    links = []
    if n > 1:
        for _ in range(rng.randint(3, 8)):
            j = rng.randrange(n - 1)
            j = j + 1 if j >= i else j
            anchor = slugify(rng.choice(plan.headings[j])) if rng.random() < 0.33 else None
            links.append((j, anchor))
    target = rng.randint(4000, 6000)

    ours: list[str] = []
    hugo: list[str] = []
    size = 0

    def add(our_text: str, hugo_text: str | None = None) -> None:
        nonlocal size
        ours.append(our_text)
        hugo.append(our_text if hugo_text is None else hugo_text)
        size += len(our_text) + 2

    zipf = plan.vocab

    def paragraph(k: int) -> str:
        if zipf is not None:
            return " ".join(zipf.sentence(rng) for _ in range(k))
        return " ".join(rng.choice(pool) for _ in range(k))

    def item() -> str:
        return zipf.item(rng) if zipf is not None else rng.choice(items)

    def sentence() -> str:
        return zipf.sentence(rng) if zipf is not None else rng.choice(pool)

    def link_sentence() -> tuple[str, str]:
        j, anchor = links.pop()
        text = plan.titles[j].lower()
        frag = f"#{anchor}" if anchor else ""
        lead = rng.choice(["See", "Read more in", "Compare with", "This is covered in", "Also see"])
        return (f"{lead} [{text}]({plan.slugs[j]}.md{frag}).",
                f"{lead} [{text}](../{plan.slugs[j]}/{frag}).")

    add(paragraph(rng.randint(2, 4)))
    headings = plan.headings[i]
    for h_index, heading in enumerate(headings):
        add(f"## {heading}")
        for _ in range(rng.randint(1, 2)):
            p = paragraph(rng.randint(2, 4))
            if links and rng.random() < 0.6:
                o, g = link_sentence()
                add(f"{p} {o}", f"{p} {g}")
            else:
                add(p)
        if rng.random() < 0.6:
            lst = "\n".join(f"- {item()}" for _ in range(rng.randint(3, 6)))
            add(lst)
        if rng.random() < 0.2:
            add(f"### {rng.choice(SUBHEADINGS)}")
            add(paragraph(rng.randint(1, 3)))
        if rng.random() < 0.08:
            add(f"> [!WARNING]\n> {sentence()}", f"> **Warning:** {sentence()}")
    # Pad to the target size with paragraphs under the last section; put remaining links there.
    while size < target or links:
        p = paragraph(rng.randint(2, 4))
        if links:
            o, g = link_sentence()
            add(f"{p} {o}", f"{p} {g}")
        else:
            add(p)

    year = rng.randint(2018, 2025)  # never in the future: Hugo skips future pages
    front = {
        "title": title,
        "description": f"About {title.lower()}: what it is, what causes it, and when to get help.",
        "updated": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "reviewed": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.3 else None,
        "aliases": [f"{title.split(' ', 1)[1]} ({rng.choice(ADJECTIVES)})" for _ in range(rng.randint(0, 2))],
        "symptoms": [plan.symptoms[s]["slug"] for s in plan.tags[i]],
        "sources": [(f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(WORDS)} guide",
                     rng.choice(["Health Service", "Spine Society", "Clinic Press", "Nerve Foundation"]),
                     f"https://example.org/{rng.randrange(10**6)}" if rng.random() < 0.5 else None,
                     f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if rng.random() < 0.7 else None)
                    for _ in range(rng.randint(1, 3))],
        "care": {
            "emergency": [rng.choice(items) for _ in range(rng.randint(1, 2))] if rng.random() < 0.05 else [],
            "urgent": [rng.choice(items) for _ in range(rng.randint(1, 3))] if rng.random() < 0.3 else [],
            "routine": [rng.choice(items) for _ in range(rng.randint(1, 3))] if rng.random() < 0.5 else [],
        },
    }
    return front, "\n\n".join(ours) + "\n", "\n\n".join(hugo) + "\n"


def source_id(source: tuple) -> str:
    """A stable id for one generated source, the same wherever it is cited."""
    return f"src-{zlib.crc32(repr(source).encode()):08x}"


def references_toml(sources: dict) -> str:
    """articles/references.toml: every source the articles cite, once (format: docs/writing.md)."""
    lines = []
    for key in sorted(sources):
        title, publisher, url, date = sources[key]
        lines += [f"[{key}]", f"title = {toml_str(title)}", f"publisher = {toml_str(publisher)}",
                  'kind = "government"']
        if url:
            lines.append(f"url = {toml_str(url)}")
        else:
            lines.append("print_only = true")
        if date:
            lines.append(f"date = {date}")
        lines.append("")
    return "\n".join(lines)


def our_front_matter(f: dict) -> str:
    lines = [
        "+++",
        f"title = {toml_str(f['title'])}",
        f"description = {toml_str(f['description'])}",
        f"symptoms = {toml_list(f['symptoms'])}",
        f"updated = {f['updated']}",
    ]
    # No `reviewed`: a review needs a named reviewer (articles/reviewers.toml), and this corpus
    # has none to name.
    if f["aliases"]:
        lines.append(f"aliases = {toml_list(f['aliases'])}")
    lines.append(f"references = {toml_list([source_id(s) for s in f['sources']])}")
    care = f["care"]
    if any(care.values()):
        lines += ["", "[care]"]
        for key in ("emergency", "urgent", "routine"):
            if care[key]:
                lines.append(f"{key} = {toml_list(care[key])}")
    lines += ["+++", "", ""]
    return "\n".join(lines)


def hugo_front_matter(f: dict) -> str:
    return "\n".join([
        "+++",
        f"title = {toml_str(f['title'])}",
        f"description = {toml_str(f['description'])}",
        f"date = {f['updated']}",
        f"tags = {toml_list(f['symptoms'])}",
        "+++",
        "",
        "",
    ])


def symptoms_toml(symptoms: list[dict]) -> str:
    out = ["# Synthetic symptom vocabulary (benches/gen_corpus.py).", ""]
    for s in symptoms:
        out += [
            f"[{s['slug']}]",
            f"name = {toml_str(s['name'])}",
            f"aka = {toml_list(s['aka'])}",
            f"description = {toml_str(s['description'])}",
            f"level = {toml_str(s['level'])}",
            f"regions = {toml_list(s['regions'])}",
            "",
        ]
    return "\n".join(out)


HUGO_CONFIG = """\
baseURL = "https://example.org/"
languageCode = "en"
title = "Synthetic health knowledge base"
# Only HTML pages, like healthkb without base_url: no RSS feeds, no sitemap.
disableKinds = ["rss", "sitemap"]

[taxonomies]
tag = "tags"
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="{{ "tags/" | relURL }}">Symptoms</a></nav></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>General information only.</p></footer>
</body>
</html>
""",
    "home.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Articles</h2>
<ul>
{{ range site.RegularPages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Description }}</li>
{{ end }}</ul>
{{ end }}
""",
    "page.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<p>Last updated <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>.</p>
{{ with .GetTerms "tags" }}<p>Symptoms: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
<div class="body">
{{ .Content }}
</div>
</article>
{{ end }}
""",
    "section.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>Symptoms</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Description }}</li>
{{ end }}</ul>
{{ end }}
""",
    "404.html": """{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ site.Home.RelPermalink }}">Go to the home page</a></p>
{{ end }}
""",
}


# Body regions healthkb makes a page for (the repository's articles/regions.toml, copied into the
# corpus): all of them, whichever the corpus's symptoms name.
REGION_PAGES = 8


def expected_pages_ours(n: int) -> int:
    """Home, symptoms index, A to Z, emergency, references, 404, one page per article, per symptom
    and per body region. Later pages of split lists (`.../page/N/`) are counted apart
    (benches/compare.py), since how many there are depends on `page_size`."""
    return n + SYMPTOM_COUNT + REGION_PAGES + 6


def write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


WORD_RE = re.compile(r"[a-z]+")


def corpus_site_toml(repo: Path) -> str:
    """The repository's site.toml for a corpus, which has no about page and is in one language:
    `about` (which names one) and `languages` (whose translations it has not) are left out."""
    site_toml = (repo / "site.toml").read_text(encoding="utf-8")
    site_toml = re.sub(r"(?ms)^languages = \[\n.*?^\]\n", "", site_toml)
    return re.sub(r"(?m)^about = .*\n", "", site_toml)


def generate(n: int, out: Path, repo: Path, seed: int, vocab: str = "small") -> dict:
    plan = Plan(n, seed, vocab)
    ours, hugo = out / "ours", out / "hugo"
    if out.exists():
        shutil.rmtree(out)
    (ours / "articles").mkdir(parents=True)
    (hugo / "content" / "articles").mkdir(parents=True)
    (hugo / "layouts").mkdir(parents=True)
    write(ours / "site.toml", corpus_site_toml(repo))
    shutil.copy(repo / "articles" / "regions.toml", ours / "articles" / "regions.toml")
    shutil.copytree(repo / "templates", ours / "templates")
    shutil.copytree(repo / "i18n", ours / "i18n")
    shutil.copytree(repo / "static", ours / "static")
    write(ours / "articles" / "symptoms.toml", symptoms_toml(plan.symptoms))
    write(hugo / "hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(hugo / "layouts" / name, text)
    write(hugo / "content" / "articles" / "_index.md", '+++\ntitle = "Articles"\n+++\n')

    our_bytes = hugo_bytes = body_bytes = links = anchors = 0
    tag_use = [0] * SYMPTOM_COUNT
    word_articles: Counter[str] = Counter()  # word -> how many article bodies have it
    sources = {}
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        front, body, hugo_body = article_parts(i, plan, rng)
        for source in front["sources"]:
            sources[source_id(source)] = source
        our_bytes += write(ours / "articles" / f"{plan.slugs[i]}.md", our_front_matter(front) + body)
        hugo_bytes += write(hugo / "content" / "articles" / f"{plan.slugs[i]}.md", hugo_front_matter(front) + hugo_body)
        body_bytes += len(body)
        word_articles.update(set(WORD_RE.findall(re.sub(r"\]\([^)]*\)", "]", body.lower()))))
        found = re.findall(r"\]\([a-z0-9-]+\.md(#[a-z0-9-]+)?\)", body)
        links += len(found)
        anchors += sum(1 for f in found if f)
        for s in plan.tags[i]:
            tag_use[s] += 1
    write(ours / "articles" / "references.toml", references_toml(sources))
    top = sorted(tag_use, reverse=True)
    by_articles = sorted(word_articles.values(), reverse=True)
    info = {
        "articles": n,
        "seed": seed,
        "vocab": vocab,
        # Words of the bodies (letters only, link targets left out) and the article counts of the
        # most common one and of the median one of those that occur.
        "distinct_body_words": len(by_articles),
        "articles_of_top_word": by_articles[0] if by_articles else 0,
        "articles_of_median_word": by_articles[len(by_articles) // 2] if by_articles else 0,
        "symptoms": SYMPTOM_COUNT,
        "ours_article_bytes": our_bytes,
        "hugo_article_bytes": hugo_bytes,
        "mean_body_bytes": body_bytes // max(n, 1),
        "links": links,
        "links_with_anchor": anchors,
        "tags_per_article": round(sum(tag_use) / max(n, 1), 2),
        "articles_of_top_5_symptoms": top[:5],
        "articles_of_median_symptom": top[SYMPTOM_COUNT // 2],
        "expected_pages_ours": expected_pages_ours(n),
        # home, articles section, tags list, 404 + one per article + one per tag
        "expected_pages_hugo": n + SYMPTOM_COUNT + 4,
    }
    write(out / "corpus.json", json.dumps(info, indent=2) + "\n")
    return info


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to create (replaced if it exists)")
    parser.add_argument("--repo", type=Path, default=here.parent,
                        help="repository whose site.toml, templates/ and static/ are copied (default: this one)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--vocab", choices=["small", "zipf"], default="small",
                        help="body words: 'small' (default), the 60 words of earlier results, in which "
                        "every word is in every article; 'zipf', a Zipf law over 50,000 word forms "
                        "(function words, real health words, made-up pronounceable words), like real text")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("--n must be at least 1")
    info = generate(args.n, args.out, args.repo, args.seed, args.vocab)
    json.dump(info, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
