//! `--format html` through the real binary: one self-contained page whose counts are the
//! JSON report's, whose every input string is escaped, and which shows the worst 500
//! answers in full (and says so) once a batch has more than 2,000.

use super::{check, cohort_dirs, cohort_json};
use crate::common::{run_in, write};
use serde_json::Value;
use std::path::Path;

/// The value of `attr="…"` in the first tag that has `marker`.
fn attr_after<'a>(page: &'a str, marker: &str, attr: &str) -> &'a str {
    let at = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &page[at..];
    let key = format!("{attr}=\"");
    let start = rest.find(&key).unwrap() + key.len();
    &rest[start..start + rest[start..].find('"').unwrap()]
}

#[test]
fn the_page_is_self_contained_and_its_counts_are_the_reports() {
    let doc = cohort_json();
    let run = check(&["--format", "html"], &cohort_dirs());
    assert_eq!(run.code, 1, "exit codes as for check");
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    for external in [
        "http://", "https://", "src=", "<link", "@import", "url(http",
    ] {
        assert!(!page.contains(external), "nothing fetched: {external}");
    }
    let answers = doc["answers"].as_array().unwrap();
    for verdict in ["strong_hire", "hire", "leaning_no_hire", "no_hire"] {
        let marker = format!(r#"class="verdict-bar" data-verdict="{verdict}""#);
        assert_eq!(
            attr_after(page, &marker, "data-count"),
            doc["summary"]["by_verdict"][verdict].to_string(),
            "{verdict}"
        );
        let rows = page
            .matches(&format!(r#"<tr data-verdict="{verdict}">"#))
            .count();
        assert_eq!(
            rows.to_string(),
            doc["summary"]["by_verdict"][verdict].to_string()
        );
    }
    assert_eq!(page.matches("<tr data-verdict=").count(), answers.len());
    assert_eq!(
        page.matches(r#"<article class="answer""#).count(),
        answers.len()
    );
    assert!(!page.contains(r#"id="truncated""#));
    // Findings by rule: how many answers each rule fired on.
    let mut fired = std::collections::BTreeMap::<String, usize>::new();
    for a in answers {
        let mut codes: Vec<&str> = a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for c in codes {
            *fired.entry(c.to_string()).or_default() += 1;
        }
    }
    assert_eq!(page.matches(r#"<g class="rule" "#).count(), fired.len());
    for (code, n) in &fired {
        let marker = format!(r#"<g class="rule" data-rule="{code}""#);
        assert_eq!(
            attr_after(page, &marker, "data-count"),
            n.to_string(),
            "{code}"
        );
    }
    // Breakdowns: one table by LP, one by level, each group's answers counted.
    for (breakdown, key) in [("Leadership Principle", "lp"), ("level", "level")] {
        let table = &page[page
            .find(&format!(r#"data-breakdown="{breakdown}""#))
            .unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        let mut want = std::collections::BTreeMap::<&str, usize>::new();
        for a in answers {
            *want.entry(a[key].as_str().unwrap()).or_default() += 1;
        }
        assert_eq!(table.matches("<tr data-group=").count(), want.len());
        for (id, n) in want {
            let row = &table[table.find(&format!(r#"<tr data-group="{id}">"#)).unwrap()..];
            let cells: Vec<&str> = row.split(r#"<td class="num">"#).skip(1).take(1).collect();
            assert!(cells[0].starts_with(&format!("{n}<")), "{id}: {row}");
        }
    }
    // Each finding about words is marked in its answer's text.
    let marks = page.matches("<mark ").count();
    assert!(marks > 50, "{marks} marks");
}

#[test]
fn every_text_id_and_path_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let story = std::fs::read_to_string(crate::common::fixture("seeds/000-weak.md")).unwrap();
    write(
        dir.path(),
        "<script>dir</script>x/<img src=x onerror=alert(1)>.md",
        &format!("{story}\n<script>alert('text')</script> & \"quoted\"\n"),
    );
    let line = serde_json::json!({
        "id": "<script>alert(\"id\")</script>",
        "answer": format!("{story}\n<b onclick=alert(2)>bold</b>"),
    });
    write(dir.path(), "in.jsonl", &line.to_string());
    let files = run_in(
        dir.path(),
        &["check", "--isolated", "--format", "html", "."],
        None,
    );
    let lines = run_in(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--format",
            "html",
            "--input",
            "jsonl",
            "in.jsonl",
        ],
        None,
    );
    for (run, escaped) in [
        (
            &files,
            &[
                "&lt;script&gt;dir&lt;/script&gt;x/&lt;img src=x onerror=alert(1)&gt;.md",
                "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;",
            ][..],
        ),
        (
            &lines,
            &[
                "&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;",
                "&lt;b onclick=alert(2)&gt;bold&lt;/b&gt;",
            ][..],
        ),
    ] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let page = &run.stdout;
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(!page.contains("<img") && !page.contains("<b onclick"));
        for e in escaped {
            assert!(page.contains(e), "{e} not in the page");
        }
    }
}

#[test]
fn past_two_thousand_answers_the_worst_500_are_shown_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    write_jsonl(&path, 2_100);
    let args = [
        "check",
        "--isolated",
        "--input",
        "jsonl",
        "--jobs",
        "2",
        "big.jsonl",
    ];
    let json = run_in(
        dir.path(),
        &[&args[..], &["--format", "json"]].concat(),
        None,
    );
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let answers = doc["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 2_100);
    let html = run_in(
        dir.path(),
        &[&args[..], &["--format", "html"]].concat(),
        None,
    );
    assert_eq!(html.code, json.code);
    let page = &html.stdout;
    assert_eq!(
        page.matches("<tr data-verdict=").count(),
        2_100,
        "every answer in the table"
    );
    assert!(page.contains(r#"id="truncated""#));
    assert!(page.contains("This batch has 2100 answers, more than the 2,000 shown in full"));
    // The articles are the worst 500, worst first: by verdict, then score, then input order.
    let order = ["no_hire", "leaning_no_hire", "hire", "strong_hire"];
    let mut ranked: Vec<(usize, u64, usize)> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let v = order
                .iter()
                .position(|o| a["verdict"] == *o)
                .expect("every answer scored");
            // Scores are in tenths: 72.4 ranks above 72.
            (v, (a["score"].as_f64().unwrap() * 10.0).round() as u64, i)
        })
        .collect();
    ranked.sort_unstable();
    let want: Vec<String> = ranked[..500]
        .iter()
        .map(|r| answers[r.2]["source"].as_str().unwrap().to_string())
        .collect();
    let shown: Vec<String> = page
        .split(r#"<article class="answer" id=""#)
        .skip(1)
        .map(|a| {
            let src = a.find(r#"<span class="src">"#).unwrap() + r#"<span class="src">"#.len();
            a[src..src + a[src..].find('<').unwrap()].to_string()
        })
        .collect();
    assert_eq!(shown.len(), 500);
    assert_eq!(shown, want);
}

/// Write `n` JSON lines cycling through the fixture answers, ids `s0000`…, to `path`.
fn write_jsonl(path: &Path, n: usize) {
    let bodies = crate::batch::bodies();
    let lines: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("s{i:04}"), "answer": bodies[i % bodies.len()]})
                .to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n")).unwrap();
}
