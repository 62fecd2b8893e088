//! Batch-scoring benches, reported as ratios within one run (`cargo bench --bench pipeline`).
//!
//! Absolute times drift by ±25 % on a shared 2-core machine, so every figure that matters
//! is a ratio of two benches measured in the same process: (a) the engine's own limit,
//! only the compiled rubric's automata (the phrase automaton, then every regex it does not rule
//! out, once over each whole answer; also without that gate, every regex); (b) the full `check_answer` pipeline on one thread over the same corpus;
//! (c) the pipeline on every core with rayon; (d) start-up, parsing and compiling the
//! embedded rubric; (e) two pathological inputs, a 20 MB answer and a 5 MB line with no
//! punctuation. The corpus is generated from the fixtures by `corpus.rs` (seeded,
//! never written to disk). After criterion has run, the ratios are printed from its
//! `estimates.json` files, for the benches this run measured.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_precision_loss)]

use criterion::{black_box, BenchmarkId, Criterion, SamplingMode, Throughput};
use rayon::prelude::*;
mod corpus;

use corpus::{Pool, Rng};
use starlint::input::{Origin, Source};
use starlint::rubric::{default_rubric, CompiledRubric};
use starlint::{check_answer, Context};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Answers in the corpus and the seed that generates them.
const ANSWERS: usize = 2000;
const SEED: u64 = 0x5EED_57A2;

fn corpus() -> Vec<Source> {
    let pool = Pool::from_fixtures(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    pool.generate(ANSWERS, SEED)
        .into_iter()
        .map(|a| {
            Source::with_meta(
                Origin(a.id),
                a.text,
                a.lp.parse().ok(),
                a.level.parse().ok(),
            )
            .unwrap()
        })
        .collect()
}

/// One answer of about `bytes`, made of corpus answers one after another.
fn big_answer(corpus: &[Source], bytes: usize) -> Source {
    let mut text = String::with_capacity(bytes + 4096);
    for s in corpus.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(&s.text);
        text.push('\n');
    }
    Source::from_text(Origin("big".into()), text).unwrap()
}

/// One line of about `bytes` of corpus words, with no punctuation and no line break.
fn long_line(corpus: &[Source], bytes: usize) -> Source {
    let mut rng = Rng::new(SEED);
    let words: Vec<String> = corpus
        .iter()
        .take(200)
        .flat_map(|s| s.text.split_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut text = String::with_capacity(bytes + 64);
    while text.len() < bytes {
        text.push_str(&words[rng.below(words.len())]);
        text.push(' ');
    }
    Source::from_text(Origin("line".into()), text).unwrap()
}

fn criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
            PathBuf::from,
        )
        .join("criterion")
}

fn benches(c: &mut Criterion, cx: &Context, corpus: &[Source], threads: usize) {
    let bytes: usize = corpus.iter().map(|s| s.body.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(bytes as u64));
    let rubric: &CompiledRubric = &cx.rubric;
    g.bench_function("engine_limit", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|s| rubric.matcher().count_matches(s.body.slice(&s.text), true))
                .sum::<usize>()
        });
    });
    g.bench_function("engine_every_regex", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|s| rubric.matcher().count_matches(s.body.slice(&s.text), false))
                .sum::<usize>()
        });
    });
    g.bench_function("pipeline_1_thread", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|s| check_answer(s, cx).findings.len())
                .sum::<usize>()
        });
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    g.bench_function("pipeline_all_cores", |b| {
        b.iter(|| {
            pool.install(|| {
                corpus
                    .par_iter()
                    .map(|s| check_answer(s, cx).findings.len())
                    .sum::<usize>()
            })
        });
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    g.bench_function("default_rubric", |b| {
        b.iter(|| black_box(default_rubric().unwrap()));
    });
    g.finish();

    let mut g = c.benchmark_group("pathological");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    for (name, src) in [
        ("answer_20mb", big_answer(corpus, 20_000_000)),
        ("line_5mb", long_line(corpus, 5_000_000)),
    ] {
        g.throughput(Throughput::Bytes(src.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &src, |b, s| {
            b.iter(|| check_answer(s, cx).findings.len());
        });
    }
    g.finish();
}

/// The median time (ns) of `group/bench`, if this run measured it.
fn median_ns(dir: &Path, id: &str, since: SystemTime) -> Option<f64> {
    let path = dir.join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn report(dir: &Path, since: SystemTime, bytes: usize, answers: usize, threads: usize) {
    let t = |id: &str| median_ns(dir, id, since);
    let mbs = |ns: f64| bytes as f64 / ns * 1e3;
    println!(
        "\nstarlint pipeline, {answers} answers, {bytes} bytes, ratios from this run (medians):"
    );
    let engine = t("corpus/engine_limit");
    let one = t("corpus/pipeline_1_thread");
    let all = t("corpus/pipeline_all_cores");
    if let Some(e) = engine {
        println!("  (a) engine limit            {:8.1} MB/s", mbs(e));
    }
    if let Some(e) = t("corpus/engine_every_regex") {
        println!("      (no literal gates)      {:8.1} MB/s", mbs(e));
    }
    if let Some(o) = one {
        print!("  (b) pipeline, 1 thread      {:8.1} MB/s", mbs(o));
        if let Some(e) = engine {
            print!("   = {:.2}x the engine limit (target >= 0.6)", e / o);
        }
        println!();
    }
    if let Some(a) = all {
        print!("  (c) pipeline, {threads} threads     {:8.1} MB/s", mbs(a));
        if let Some(o) = one {
            print!("   = {:.2}x one thread (target >= 1.6)", o / a);
        }
        println!();
    }
    if let Some(s) = t("startup/default_rubric") {
        print!(
            "  (d) start-up (parse + compile the rubric) {:.2} ms",
            s / 1e6
        );
        if let Some(o) = one {
            print!(
                "   = {:.1} answers' worth of pipeline",
                s / (o / answers as f64)
            );
        }
        println!();
    }
    for id in ["answer_20mb", "line_5mb"] {
        if let Some(p) = t(&format!("pathological/{id}")) {
            println!("  (e) {id:<24}{:8.2} s", p / 1e9);
        }
    }
}

fn main() {
    let since = SystemTime::now() - Duration::from_secs(1);
    let dir = criterion_dir();
    let mut c = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    let cx = Context::new(default_rubric().unwrap());
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|s| s.body.len()).sum();
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    benches(&mut c, &cx, &corpus, threads);
    c.final_summary();
    report(&dir, since, bytes, corpus.len(), threads);
}
