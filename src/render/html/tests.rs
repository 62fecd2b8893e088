//! The page on the fixed reports (snapshotted without its stylesheet and script), its
//! escaping, its counts, and the switch to the worst answers past the limit.

use super::page::group_digits;
use super::*;
use crate::render::testdata;

fn render(emitter: &mut HtmlEmitter, reports: &[AnswerReport]) -> String {
    let mut out = Vec::new();
    for r in reports {
        emitter.answer(&mut out, r).unwrap();
    }
    emitter.finish(&mut out, &Summary::of(reports)).unwrap();
    String::from_utf8(out).unwrap()
}

/// The page with the stylesheet and script bodies left out (they are static).
fn without_assets(page: &str) -> String {
    let mut out = page.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(a), Some(b)) = (out.find(open), out.find(close)) {
            out.replace_range(a + open.len()..b, "…");
        }
    }
    out
}

/// A scored copy of the fixed report with another source, score and verdict.
fn variant(base: &AnswerReport, source: &str, score: u32, verdict: Verdict) -> AnswerReport {
    let mut r = base.clone();
    r.source = source.into();
    r.score = Some(crate::ids::Score::points(score));
    r.verdict = Some(verdict);
    r
}

#[test]
fn the_fixture_page() {
    let rubric = testdata::rubric();
    let reports = testdata::reports(&rubric);
    let page = render(
        &mut HtmlEmitter::new(&rubric, FailUnder::Verdict(Verdict::Hire)),
        &reports,
    );
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.ends_with("</html>\n"));
    insta::assert_snapshot!(without_assets(&page));
}

#[test]
fn everything_from_the_input_is_escaped() {
    let rubric = testdata::rubric();
    let mut reports = testdata::reports(&rubric);
    let evil = "<script>alert(1)</script>";
    let r = &mut reports[0];
    r.source = format!("{evil}.md").into();
    r.text = r.text.replacen("Our café", "<script>x", 1);
    r.bar_raiser = Some(format!("{evil} thinks"));
    r.question = Some(evil.into());
    for f in &mut r.findings {
        f.message = format!("{evil} {}", f.message);
        f.help = evil.into();
        f.code = format!("{}\"><script>", f.code);
    }
    for p in &mut r.probes {
        p.question = evil.into();
    }
    reports[1].source = evil.into();
    reports[1].error = Some(evil.into());
    let page = render(
        &mut HtmlEmitter::new(&rubric, FailUnder::Verdict(Verdict::Hire)),
        &reports,
    );
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.md"));
    assert!(page.contains("&lt;script&gt;x"));
    assert!(
        !page.contains("\"><script>"),
        "no attribute is broken out of"
    );
    assert!(page.contains("A901&quot;&gt;&lt;script&gt;"));
}

#[test]
fn counts_in_the_charts_are_the_summarys() {
    let rubric = testdata::rubric();
    let base = testdata::reports(&rubric);
    let mut reports = vec![base[1].clone()];
    for (i, (score, v)) in [
        (90, Verdict::StrongHire),
        (72, Verdict::Hire),
        (74, Verdict::Hire),
        (30, Verdict::NoHire),
    ]
    .into_iter()
    .enumerate()
    {
        reports.push(variant(&base[0], &format!("s{i}.md"), score, v));
    }
    let page = render(
        &mut HtmlEmitter::new(&rubric, FailUnder::Verdict(Verdict::Hire)),
        &reports,
    );
    for (verdict, n) in [
        ("strong_hire", 1),
        ("hire", 2),
        ("leaning_no_hire", 0),
        ("no_hire", 1),
        ("error", 1),
    ] {
        assert!(
            page.contains(&format!(
                r#"class="verdict-bar" data-verdict="{verdict}" data-count="{n}""#
            )),
            "{verdict}"
        );
    }
    assert!(page.contains(r#"data-from="70" data-to="74" data-count="2""#));
    assert!(page.contains(r#"data-rule="A901" data-count="4" data-findings="4""#));
    assert!(page.contains(r#"<div class="kpi" id="kpi-below"><span class="n">1</span>"#));
    // The table: every answer, worst first (the unreadable one, then No Hire, …).
    let rows: Vec<&str> = page
        .split("<tr data-verdict=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect();
    assert_eq!(rows, ["error", "no_hire", "hire", "hire", "strong_hire"]);
}

#[test]
fn past_the_limit_only_the_worst_are_shown_in_full() {
    let rubric = testdata::rubric();
    let base = testdata::reports(&rubric).remove(0);
    let scores = [80, 12, 95, 40, 66, 33, 71, 5];
    let reports: Vec<AnswerReport> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| variant(&base, &format!("n{i}.md"), s, Verdict::LeaningNoHire))
        .collect();
    let mut small = HtmlEmitter::with_limits(&rubric, FailUnder::Verdict(Verdict::Hire), 8, 3);
    let all = render(&mut small, &reports);
    assert_eq!(
        all.matches("<article ").count(),
        8,
        "at the limit, all in full"
    );
    assert!(!all.contains(r#"id="truncated""#));

    let mut small = HtmlEmitter::with_limits(&rubric, FailUnder::Verdict(Verdict::Hire), 7, 3);
    let page = render(&mut small, &reports);
    assert_eq!(
        page.matches("<tr data-verdict=").count(),
        8,
        "the table has all"
    );
    assert!(page.contains(r#"id="truncated""#), "and a note says why");
    let articles: Vec<&str> = page
        .split(r#"<article class="answer" id=""#)
        .skip(1)
        .map(|a| &a[..a.find('"').unwrap()])
        .collect();
    // The worst three (scores 5, 12, 33: answers 8, 2 and 6), worst first.
    assert_eq!(articles, ["a8", "a2", "a6"]);
    // Only those rows link to a full answer.
    assert_eq!(page.matches(r#"<td class="src"><a href="#).count(), 3);
}

#[test]
fn digits_are_grouped() {
    assert_eq!(group_digits(0), "0");
    assert_eq!(group_digits(999), "999");
    assert_eq!(group_digits(2_000), "2,000");
    assert_eq!(group_digits(1_234_567), "1,234,567");
}
