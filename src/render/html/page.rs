//! The page itself, written once the batch is done: the head with the inline stylesheet
//! and the verdict patterns, the overview (headline numbers, charts, breakdowns), the
//! table of every answer, the answers in full, and the inline sorting script. It is
//! built in a buffer that goes to the writer every [`FLUSH_AT`] bytes, so a 10,000-row
//! table is never held whole.

use super::escape::Esc;
use super::{answer, charts, rank, verdict_order, HtmlEmitter, Kept};
use crate::ids::{Level, Verdict};
use crate::report::Summary;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Bytes of page built before they are written out.
const FLUSH_AT: usize = 1 << 16;

/// The page being written: a buffer flushed to the writer every [`FLUSH_AT`] bytes.
pub(super) struct Page<'e, 'a, 'w> {
    emitter: &'e HtmlEmitter<'a>,
    summary: &'e Summary,
    w: &'w mut dyn Write,
    buf: String,
}

impl<'e, 'a, 'w> Page<'e, 'a, 'w> {
    /// The page of `emitter`'s answers, with `summary`'s totals, for `w`.
    pub(super) fn new(
        emitter: &'e HtmlEmitter<'a>,
        summary: &'e Summary,
        w: &'w mut dyn Write,
    ) -> Self {
        Page {
            emitter,
            summary,
            w,
            buf: String::with_capacity(FLUSH_AT + 4096),
        }
    }

    fn flush(&mut self, force: bool) -> io::Result<()> {
        if force || self.buf.len() >= FLUSH_AT {
            self.w.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    pub(super) fn write(mut self, mut shown: Vec<Kept>, truncated: bool) -> io::Result<()> {
        shown.sort();
        let e = self.emitter;
        let s = self.summary;
        let mut order: Vec<usize> = (0..e.rows.len()).collect();
        order.sort_by_key(|&i| rank(e.rows[i].verdict, e.rows[i].score, i));
        let mut in_full = vec![false; e.rows.len()];
        for k in &shown {
            if let Some(slot) = in_full.get_mut(k.rank.3) {
                *slot = true;
            }
        }
        self.head();
        self.overview();
        self.flush(true)?;
        self.table(&order, &in_full)?;
        self.buf
            .push_str(r#"<section id="answers"><h2>Answers in full</h2>"#);
        if truncated {
            let _ = write!(
                self.buf,
                r#"<p class="note" id="truncated">This batch has {} answers, more than the {} shown in full on one page: below are the worst {} in full. The table above lists every answer; <code>--format json</code> or <code>jsonl</code> has every report.</p>"#,
                e.rows.len(),
                group_digits(e.full_limit),
                shown.len()
            );
        } else {
            self.buf.push_str(
                r#"<p class="lede">Worst first. Highlighted words are findings: hover over one, or focus it with the keyboard, for the rule and its message.</p>"#,
            );
        }
        for k in &shown {
            answer::write(&mut self.buf, &k.report, &format!("a{}", k.rank.3 + 1));
            self.flush(false)?;
        }
        let _ = writeln!(
            self.buf,
            r#"</section><footer>Made by starlint {} from {} answers. Scores and verdicts follow the Bar Raiser rubric; <code>starlint explain CODE</code> says why each rule matters.</footer></main><script>{}</script></body></html>"#,
            env!("CARGO_PKG_VERSION"),
            s.answers,
            include_str!("sort.js")
        );
        self.flush(true)
    }

    fn head(&mut self) {
        let s = self.summary;
        let _ = writeln!(
            self.buf,
            r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="starlint {version}"><title>Cohort report: {n} {answers} · starlint</title><style>{css}</style></head><body>"#,
            version = env!("CARGO_PKG_VERSION"),
            n = s.answers,
            answers = if s.answers == 1 { "answer" } else { "answers" },
            css = include_str!("page.css"),
        );
        charts::pattern_defs(&mut self.buf);
        let _ = write!(
            self.buf,
            r##"<header class="top"><div><h1>Cohort report</h1><p class="lede">{} {} judged as a Bar Raiser would, for the Leadership Principle and level each was given.</p>
<nav><a href="#overview">Overview</a><a href="#rules">Findings by rule</a><a href="#breakdown">By LP and level</a><a href="#table">Every answer</a><a href="#answers">Answers in full</a></nav></div></header>
<main>
"##,
            group_digits(s.answers),
            if s.answers == 1 { "answer" } else { "answers" }
        );
    }

    fn overview(&mut self) {
        let e = self.emitter;
        let s = self.summary;
        let below = e
            .rows
            .iter()
            .filter(|r| e.fail_under.fails(r.verdict, r.score))
            .count();
        let scored = s.answers - s.errors;
        self.buf
            .push_str(r#"<section id="overview"><div class="kpis">"#);
        let mean = s
            .mean_score
            .map_or_else(|| "–".into(), |m| format!("{m:.1}"));
        let median = s
            .median_score
            .map_or_else(|| "–".into(), |m| format!("{m:.0}"));
        let cards: [(&str, String, String); 5] = [
            ("answers", group_digits(s.answers), "answers".into()),
            ("mean", mean, "mean score".into()),
            ("median", median, "median score".into()),
            (
                "below",
                group_digits(below),
                format!("below {} (the bar)", e.fail_under),
            ),
            ("errors", group_digits(s.errors), "could not be read".into()),
        ];
        for (id, n, label) in cards {
            let _ = writeln!(
                self.buf,
                r#"<div class="kpi" id="kpi-{id}"><span class="n">{n}</span><span class="l">{label}</span></div>"#
            );
        }
        self.buf
            .push_str(r#"</div><div class="grid" style="margin-top:1rem">"#);
        self.buf.push_str(
            r#"<div class="card"><figure><figcaption>Verdicts <span class="muted">· answers per verdict</span></figcaption>"#,
        );
        charts::verdicts(&mut self.buf, s);
        self.buf.push_str(
            r#"</figure></div><div class="card"><figure><figcaption>Score distribution <span class="muted">· answers per five points, filled by verdict band</span></figcaption>"#,
        );
        charts::histogram(&mut self.buf, &s.cohort, e.rubric);
        self.buf.push_str("</figure></div></div>\n");
        let rules = s.cohort.rules_by_frequency();
        self.buf.push_str(
            r#"<div class="card" id="rules"><figure><figcaption>Findings by rule <span class="muted">· how many answers each rule fired on, most common first</span></figcaption>"#,
        );
        if rules.is_empty() {
            self.buf.push_str("<p>No rule fired on any answer.</p>");
        } else {
            charts::rules(&mut self.buf, &rules, scored);
        }
        self.buf.push_str("</figure></div>\n");
        self.breakdowns();
        self.buf.push_str("</section>\n");
    }

    /// One table per breakdown: each group's answers, mean score and verdicts.
    fn breakdowns(&mut self) {
        let s = self.summary;
        self.buf.push_str(r#"<div id="breakdown">"#);
        for (bi, b) in s.cohort.breakdowns.iter().enumerate() {
            let errors = b.groups.iter().any(|g| g.errors > 0);
            let _ = write!(
                self.buf,
                r#"<div class="card"><h3>By {title}</h3>"#,
                title = Esc(&b.title)
            );
            if bi == 0 {
                charts::legend(&mut self.buf, s.errors > 0);
            }
            let _ = write!(
                self.buf,
                r#"<table class="breakdown" data-breakdown="{}"><thead><tr><th>{}</th><th class="num">Answers</th><th class="num">Mean score</th><th>Verdicts</th>"#,
                Esc(&b.title),
                Esc(&capitalised(&b.title))
            );
            for v in charts::VERDICTS {
                let _ = write!(self.buf, r#"<th class="num">{}</th>"#, v.human());
            }
            if errors {
                self.buf.push_str(r#"<th class="num">Could not read</th>"#);
            }
            self.buf.push_str("</tr></thead><tbody>");
            for g in &b.groups {
                let mean = g
                    .mean_score()
                    .map_or_else(|| "–".into(), |m| format!("{m:.1}"));
                let _ = write!(
                    self.buf,
                    r#"<tr data-group="{}"><td>{}</td><td class="num">{}</td><td class="num">{mean}</td><td>"#,
                    Esc(&g.id),
                    Esc(&g.label),
                    g.answers
                );
                charts::stacked(&mut self.buf, &g.by_verdict, g.errors);
                self.buf.push_str("</td>");
                for v in charts::VERDICTS {
                    let _ = write!(
                        self.buf,
                        r#"<td class="num" data-verdict="{}">{}</td>"#,
                        v.id(),
                        g.by_verdict.get(v)
                    );
                }
                if errors {
                    let _ = write!(self.buf, r#"<td class="num">{}</td>"#, g.errors);
                }
                self.buf.push_str("</tr>\n");
            }
            self.buf.push_str("</tbody></table></div>\n");
        }
        self.buf.push_str("</div>");
    }

    /// Every answer, worst first, in a table any column of which sorts it.
    fn table(&mut self, order: &[usize], in_full: &[bool]) -> io::Result<()> {
        let e = self.emitter;
        self.buf.push_str(
            r#"<section id="table"><h2>Every answer, worst first</h2><p class="lede" id="sort-hint">Click a column heading to sort by it; click again to reverse. An answer's name links to it in full.</p><div class="table-wrap"><table id="answers-table"><thead><tr>"#,
        );
        let heads = [
            ("num", "#", true),
            ("text", "Answer", false),
            ("text", "LP", false),
            ("num", "Level", false),
            ("num", "Verdict", false),
            ("num", "Score", true),
            ("num", "Findings", true),
            ("text", "Top findings", false),
        ];
        for (i, (kind, label, right)) in heads.iter().enumerate() {
            let _ = write!(
                self.buf,
                r#"<th data-type="{kind}"{}{}><button type="button">{label}</button></th>"#,
                if *right { r#" class="num""# } else { "" },
                if i == 0 {
                    r#" aria-sort="ascending""#
                } else {
                    ""
                }
            );
        }
        self.buf.push_str("</tr></thead><tbody>\n");
        for (pos, &i) in order.iter().enumerate() {
            let r = &e.rows[i];
            let verdict_id = r.verdict.map_or("error", Verdict::id);
            let _ = write!(
                self.buf,
                r#"<tr data-verdict="{verdict_id}"><td class="num">{}</td><td class="src">"#,
                pos + 1
            );
            if in_full.get(i).copied().unwrap_or(false) {
                let _ = write!(
                    self.buf,
                    r##"<a href="#a{}">{}</a>"##,
                    i + 1,
                    Esc(&r.source)
                );
            } else {
                let _ = write!(self.buf, "{}", Esc(&r.source));
            }
            let _ = write!(
                self.buf,
                r#"</td><td>{}</td><td data-sort="{}">{}</td><td data-sort="{}"><span class="verdict v-{verdict_id}">{}</span></td>"#,
                r.lp.human(),
                Level::ALL.iter().position(|l| *l == r.level).unwrap_or(0),
                r.level_name,
                r.verdict.map_or(-1, |v| i32::from(verdict_order(v))),
                r.verdict.map_or("Could not read", Verdict::human),
            );
            match r.score {
                Some(score) => {
                    let _ = write!(self.buf, r#"<td class="num">{score}</td>"#);
                }
                None => self
                    .buf
                    .push_str(r#"<td class="num" data-sort="-1">–</td>"#),
            }
            let _ = write!(
                self.buf,
                r#"<td class="num">{}</td><td class="tops">"#,
                r.findings
            );
            if let Some(err) = &r.error {
                let _ = write!(self.buf, "{}", Esc(err));
            }
            for (k, &n) in r.top[..usize::from(r.top_len)].iter().enumerate() {
                if k > 0 {
                    self.buf.push_str(", ");
                }
                let name = e.names.get(n as usize).map_or("", String::as_str);
                let _ = write!(self.buf, "{}", Esc(name));
            }
            if r.rules > u32::from(r.top_len) {
                let _ = write!(self.buf, " +{}", r.rules - u32::from(r.top_len));
            }
            self.buf.push_str("</td></tr>\n");
            self.flush(false)?;
        }
        self.buf.push_str("</tbody></table></div></section>");
        Ok(())
    }
}

/// `s` with its first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `12345` as `12,345`.
pub(super) fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
