//! The label-free properties of `../shared/JUDGEMENT.md`, over every fixture answer.
//!
//! None of these needs a label or a rating, so none can be tuned to an answer: the same
//! answer with its section labels removed, as one bullet per sentence, or wrapped in
//! quotation marks or a `>` block quote gets the same verdict; adding a concrete metric or
//! a stated scope boundary never lowers the score; removing the Result, or blanking every
//! concrete noun and number, lowers it (strictly, unless it is already 0); filler and
//! repeated sentences never raise it, nor does a tour of the setting; rubric phrases
//! appended to a weak answer do not make it pass.
//!
//! Every variant of every answer goes through the real binary in two JSON-lines batches
//! (one to learn where each answer's sections are, one for the variants), so the whole
//! table costs two runs.

use crate::common::{root, run};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One fixture answer: an id, its LP and its text (front matter removed).
struct Answer {
    id: String,
    lp: String,
    text: String,
}

fn strip_front_matter(text: &str) -> (&str, Option<String>) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (text, None);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (text, None);
    };
    let lp = rest[..end]
        .lines()
        .find_map(|l| l.strip_prefix("lp:"))
        .map(|s| s.trim().to_string());
    (&rest[end + 5..], lp)
}

/// Every answer under `fixtures/` that is meant to be judged (not the broken inputs).
fn answers() -> Vec<Answer> {
    let mut out = Vec::new();
    let fixtures = root().join("fixtures");
    for dir in ["seeds", "stories", "calibration", "holdout", "holdout2"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixtures.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let (body, lp) = strip_front_matter(&text);
            out.push(Answer {
                id: format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()),
                lp: lp.unwrap_or_else(|| "general".into()),
                text: body.to_string(),
            });
        }
    }
    for dir in ["pairs", "corpus", "gaming"] {
        let index: toml::Table = toml::from_str(
            &std::fs::read_to_string(fixtures.join(dir).join("index.toml")).unwrap(),
        )
        .unwrap();
        let entries = index
            .get("answer")
            .or_else(|| index.get("text"))
            .and_then(|v| v.as_array())
            .unwrap();
        for e in entries {
            let file = e["file"].as_str().unwrap();
            out.push(Answer {
                id: format!("{dir}/{file}"),
                lp: e["lp"].as_str().unwrap().to_string(),
                text: std::fs::read_to_string(fixtures.join(dir).join(file)).unwrap(),
            });
        }
    }
    out
}

/// A judged variant: verdict rank (0 = no_hire), score and the sections found.
#[derive(Debug, Clone)]
struct Judged {
    verdict: usize,
    score: f64,
    sections: Vec<(String, usize, usize)>,
}

const ORDER: [&str; 4] = ["no_hire", "leaning_no_hire", "hire", "strong_hire"];

/// Judge every `(id, lp, text)` in one run of the binary.
fn judge(items: &[(String, String, String)]) -> BTreeMap<String, Judged> {
    let mut input = String::new();
    for (id, lp, text) in items {
        writeln!(input, "{}", json!({"id": id, "lp": lp, "answer": text})).unwrap();
    }
    // A file, not standard input: the batch is megabytes, more than a pipe holds while the
    // binary is already writing its answers back.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.jsonl");
    std::fs::write(&path, input).unwrap();
    let out = run(
        &[
            "check",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--fail-under",
            "no_hire",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.code == 0, "exit {}: {}", out.code, out.stderr);
    out.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let verdict = ORDER
                .iter()
                .position(|o| Some(*o) == v["verdict"].as_str())
                .unwrap_or_else(|| panic!("no verdict: {l}"));
            let sections = v["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["name"].as_str().unwrap().to_string(),
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            (
                v["source"].as_str().unwrap().to_string(),
                Judged {
                    verdict,
                    score: v["score"].as_f64().unwrap(),
                    sections,
                },
            )
        })
        .collect()
}

/// Section labels at the start of a line or after a sentence: "Situation:", "**Task**",
/// "## Action", "R:", "Lessons learned -".
fn strip_labels(text: &str) -> String {
    let re = regex::Regex::new(
        r"(?mi)(^[ \t>]*(?:#{1,6}[ \t]*)?(?:[-*+][ \t]+)?|(?:[.!?][ \t]+))(?:\*\*|__)?(?:situation|task|action|actions|result|results|reflection|reflections|context|background|outcome|impact|lessons?(?: learned| learnt)?|learnings?|what i learned|takeaways?|s|t|a|r|l)(?:\*\*|__)?[ \t]*(?:[:\-–—]|(?:\*\*|__)?[ \t]*$)[ \t]*(?:\*\*|__)?[ \t]*",
    )
    .unwrap();
    let out = re.replace_all(text, |c: &regex::Captures| c[1].to_string());
    // A heading line left empty joins the paragraph that follows.
    out.lines()
        .filter(|l| !l.trim().trim_start_matches('>').trim().is_empty() || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn sentences(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    starlint::segment::split_sentences(text, starlint::text::Span::new(0, text.len()), &mut spans);
    spans.iter().map(|s| s.slice(text).to_string()).collect()
}

fn bulletize(text: &str) -> String {
    sentences(text)
        .iter()
        .map(|s| format!("- {}\n", s.trim_start_matches(['-', '*', '•', ' '])))
        .collect()
}

fn quote(text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            let p = p.trim();
            if p.is_empty() {
                String::new()
            } else {
                format!("\u{201c}{p}\u{201d}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block_quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every concrete noun replaced by "it" and every number by "some".
fn blank_specifics(text: &str) -> String {
    let mut spans = Vec::new();
    starlint::segment::split_sentences(text, starlint::text::Span::new(0, text.len()), &mut spans);
    let lexicon = starlint::nlp::Lexicon::default();
    let a = starlint::nlp::analyse(text, &spans, &lexicon);
    let mut out = String::new();
    let mut at = 0;
    for (t, p) in a.tokens.iter().zip(&a.pos) {
        let r = t.span.start as usize..t.span.end as usize;
        let with = match p {
            starlint::nlp::Pos::Num => "some",
            starlint::nlp::Pos::Noun | starlint::nlp::Pos::Propn
                if !matches!(
                    &*t.lower,
                    "situation" | "task" | "action" | "result" | "reflection"
                ) =>
            {
                "it"
            }
            _ => continue,
        };
        out.push_str(&text[at..r.start]);
        out.push_str(with);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

fn section(j: &Judged, name: &str) -> Option<(usize, usize)> {
    j.sections
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, s, e)| (*s, *e))
}

const METRIC: &str = " Over the next month the number of repeat errors fell from 14 to 3.";
const SCOPE: &str = "It was not my team's job and nobody had asked me to look at it. ";
const FILLER: &str =
    "\n\nIt was a really valuable experience overall. Communication is key, and teamwork matters.";
const STUFFING: &str = "\n\nIt was not my team and nobody asked; I took ownership end to end. The error rate went from 30% to 5%, saving £40K a year, and it was adopted as the standard across all sites. I learned the real root cause was an organisational gap.";
/// Filler and tours in other words and fields, one per answer in turn: a property that
/// holds only for the wording above would be tuned to it.
const OTHER_FILLERS: &[&str] = &[
    "\n\nI think it shows that I am a hard-working team player who always gives 110%.",
    "\n\nOverall it was a great learning experience and I really grew as a person.",
];
const OTHER_TOURS: &[&str] = &[
    "A bit about the place first. The hospital has four wards on two floors, a day unit, an outpatient clinic and a pharmacy in the basement. Each ward has a matron, two sisters and a rota of staff nurses, and the bank office covers gaps from a pool that is shared with the community trust.\n\n",
    "For context, we run about forty microservices on Kubernetes across two regions, with Kafka between the order, payment and inventory services and a Postgres cluster behind each. Deploys go through a GitLab pipeline with canary stages, and observability is Prometheus, Grafana and a tracing layer.\n\n",
    "The school is a large comprehensive with about 1,400 pupils, split into five houses and three key stages. Each department has a head, a second in charge and a timetable that is built in the summer term, and the senior leadership team meets every Monday morning.\n\n",
    "Our depot runs 60 buses on 14 routes, seven days a week, with three shifts of drivers, a control room, a workshop and a small admin office that handles rotas and payroll.\n\n",
];
const TOUR: &str = "Some background first. Our organisation runs three divisions, each with its own regional managers, a central planning office, a shared services hub, and a reporting layer that feeds the monthly board pack. Every division has its own budget cycle and its own approval chain, and the systems that support them were bought at different times from different suppliers, so the structure is quite layered.\n\n";

/// The share of answers each property must hold for. The aim is all of them (JUDGEMENT.md);
/// these floors are what the judge achieves today less about one point (BENCHMARKS.md has
/// the counts), so a change that breaks a property on more answers fails here. Raise them as the judge gets
/// better; never lower one without saying why in BENCHMARKS.md.
const FLOORS: &[(&str, f64)] = &[
    ("labels", 0.98),
    ("bullets", 1.0),
    ("quoted", 1.0),
    ("blockquote", 1.0),
    ("blanked", 0.99),
    ("filler", 1.0),
    ("filler-other", 0.97),
    ("repeated", 1.0),
    ("tour", 0.97),
    ("tour-other", 0.97),
    ("metric", 0.98),
    ("no-result", 0.98),
    ("scope", 0.99),
    ("stuffed", 0.98),
];

#[test]
fn properties_hold_over_every_fixture() {
    let all = answers();
    assert!(all.len() >= 300, "only {} fixture answers", all.len());
    let base: Vec<(String, String, String)> = all
        .iter()
        .map(|a| (a.id.clone(), a.lp.clone(), a.text.clone()))
        .collect();
    let judged = judge(&base);

    let mut variants: Vec<(String, String, String)> = Vec::new();
    for (n, a) in all.iter().enumerate() {
        let j = &judged[&a.id];
        let mut add = |kind: &str, text: String| {
            variants.push((format!("{}#{kind}", a.id), a.lp.clone(), text));
        };
        add("labels", strip_labels(&a.text));
        add("bullets", bulletize(&a.text));
        add("quoted", quote(&a.text));
        add("blockquote", block_quote(&a.text));
        add("blanked", blank_specifics(&a.text));
        add("filler", format!("{}{FILLER}", a.text.trim_end()));
        let s = sentences(&a.text);
        if let Some(mid) = s.get(s.len() / 2) {
            add("repeated", format!("{}\n\n{mid} {mid}", a.text.trim_end()));
        }
        add("tour", format!("{TOUR}{}", a.text));
        add(
            "tour-other",
            format!("{}{}", OTHER_TOURS[n % OTHER_TOURS.len()], a.text),
        );
        add(
            "filler-other",
            format!(
                "{}{}",
                a.text.trim_end(),
                OTHER_FILLERS[n % OTHER_FILLERS.len()]
            ),
        );
        match section(j, "result") {
            Some((_, end)) => {
                // The whole Result: a headline told before the story and the Result after
                // it are both the Result.
                let mut cut = a.text.clone();
                for (n, s, e) in j.sections.iter().rev() {
                    if n == "result" {
                        cut.replace_range(*s..*e, "");
                    }
                }
                if cut.split_whitespace().count() >= 5 {
                    add("no-result", cut);
                }
                let mut more = a.text.clone();
                let at = a.text[..end].trim_end().len();
                more.insert_str(at, METRIC);
                add("metric", more);
            }
            None => add("metric", format!("{}{METRIC}", a.text.trim_end())),
        }
        let at = section(j, "action").map_or(0, |(start, _)| start);
        let mut scoped = a.text.clone();
        // A paragraph of its own before the Action (and its label, if it has one).
        scoped.insert_str(at, &format!("{SCOPE}\n\n"));
        add("scope", scoped);
        if j.verdict <= 1 {
            add("stuffed", format!("{}{STUFFING}", a.text.trim_end()));
        }
    }
    let v = judge(&variants);
    // A development aid: `STARLINT_PROPS_DUMP=dir` writes each failing variant there and
    // prints the failures.
    let dump = std::env::var_os("STARLINT_PROPS_DUMP").map(std::path::PathBuf::from);
    let texts: BTreeMap<&str, &str> = variants
        .iter()
        .map(|(id, _, t)| (id.as_str(), t.as_str()))
        .chain(base.iter().map(|(id, _, t)| (id.as_str(), t.as_str())))
        .collect();

    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for (id, got) in &v {
        let (orig, kind) = id.rsplit_once('#').unwrap();
        let was = &judged[orig];
        let ok = match kind {
            "labels" | "bullets" | "quoted" | "blockquote" => got.verdict == was.verdict,
            "metric" | "scope" => got.score >= was.score,
            "no-result" | "blanked" => got.score < was.score || was.score == 0.0,
            "filler" | "filler-other" | "repeated" | "tour" | "tour-other" => {
                got.score <= was.score
            }
            "stuffed" => got.verdict <= 1,
            _ => unreachable!(),
        };
        let e = counts.entry(kind_name(kind)).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            if let Some(dir) = &dump {
                let name = id.replace('/', "_");
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("{name}.variant")), texts[id.as_str()]).unwrap();
                std::fs::write(dir.join(format!("{name}.original")), texts[orig]).unwrap();
            }
            failures.push(format!(
                "{kind:10} {orig}: {} {} -> {} {}",
                ORDER[was.verdict], was.score, ORDER[got.verdict], got.score
            ));
        }
    }
    let mut table = String::new();
    for (k, (ok, n)) in &counts {
        writeln!(table, "  {k:12} {ok}/{n}").unwrap();
    }
    println!("properties over {} answers:\n{table}", all.len());
    if dump.is_some() {
        println!("failures:\n{}", failures.join("\n"));
    }
    let below: Vec<String> = FLOORS
        .iter()
        .filter_map(|(k, floor)| {
            let (ok, n) = counts.get(k).copied().unwrap_or((0, 0));
            (n == 0 || (ok as f64) < floor * n as f64)
                .then(|| format!("{k}: {ok}/{n} (floor {floor})"))
        })
        .collect();
    assert!(
        below.is_empty(),
        "properties below their floors: {}\n{table}failures:\n{}",
        below.join(", "),
        failures.join("\n")
    );
}

fn kind_name(k: &str) -> &'static str {
    match k {
        "labels" => "labels",
        "bullets" => "bullets",
        "quoted" => "quoted",
        "blockquote" => "blockquote",
        "blanked" => "blanked",
        "filler" => "filler",
        "filler-other" => "filler-other",
        "tour-other" => "tour-other",
        "repeated" => "repeated",
        "tour" => "tour",
        "no-result" => "no-result",
        "metric" => "metric",
        "scope" => "scope",
        _ => "stuffed",
    }
}

/// The contract's LP ids (`general` and the 16 principles).
const LPS: [&str; 17] = [
    "general",
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
];

/// JUDGEMENT.md: phrase salad, hypotheticals, padding, stuffing and the rest of the
/// gaming texts (`fixtures/gaming`, 85 texts in many fields, most written blind to the
/// engine) pass under no LP: none above Leaning No Hire.
#[test]
fn gaming_texts_pass_under_no_lp() {
    let dir = root().join("fixtures/gaming");
    let index: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("index.toml")).unwrap()).unwrap();
    let texts = index["text"].as_array().unwrap();
    assert!(texts.len() >= 20, "only {} gaming texts", texts.len());
    let mut items = Vec::new();
    for e in texts {
        let file = e["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for lp in LPS {
            items.push((format!("{file}#{lp}"), lp.to_string(), text.clone()));
        }
    }
    let judged = judge(&items);
    assert_eq!(judged.len(), items.len());
    let passed: Vec<String> = judged
        .iter()
        .filter(|(_, j)| j.verdict > 1)
        .map(|(id, j)| format!("{id}: {} {}", ORDER[j.verdict], j.score))
        .collect();
    assert!(
        passed.is_empty(),
        "{} of {} gaming runs pass:\n{}",
        passed.len(),
        judged.len(),
        passed.join("\n")
    );
}
