//! The page's charts, as inline SVG: nothing to fetch, nothing to run, and they print.
//!
//! Each verdict has a colour *and* a fill pattern (solid, stripes, dots, cross-hatch;
//! plain lines for unreadable inputs), defined once in [`pattern_defs`] and used by every
//! chart, and every bar carries its number as text and its meaning in a `<title>` (the
//! tooltip, and what a screen reader says). Bars also carry their counts in `data-*`
//! attributes, which is how the browser test checks them against the table.
//!
//! The SVGs have a fixed view box and scale down (never up) with the page, so their text
//! stays the size it was drawn at on a desktop and shrinks only on a narrow screen.

use super::escape::Esc;
use crate::ids::Verdict;
use crate::report::cohort::{Cohort, RuleTally};
use crate::report::{ByVerdict, Summary};
use crate::rubric::CompiledRubric;
use std::fmt::Write as _;

/// Verdicts as the charts list them: best first, as the summary line reads.
pub const VERDICTS: [Verdict; 4] = [
    Verdict::StrongHire,
    Verdict::Hire,
    Verdict::LeaningNoHire,
    Verdict::NoHire,
];

/// The fill for a verdict (`None`: could not be read).
pub fn fill(v: Option<Verdict>) -> String {
    format!("url(#pat-{})", v.map_or("error", Verdict::id))
}

/// The patterns, once per page, in an SVG that takes no room.
pub fn pattern_defs(out: &mut String) {
    out.push_str(
        r##"<svg class="defs" aria-hidden="true" focusable="false"><defs>
<pattern id="pat-strong_hire" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="#009e73"/></pattern>
<pattern id="pat-hire" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="#56b4e9"/><rect width="3" height="8" fill="#ffffff" fill-opacity="0.55"/></pattern>
<pattern id="pat-leaning_no_hire" patternUnits="userSpaceOnUse" width="7" height="7"><rect width="7" height="7" fill="#e69f00"/><circle cx="3.5" cy="3.5" r="1.6" fill="#ffffff" fill-opacity="0.75"/></pattern>
<pattern id="pat-no_hire" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="#d55e00"/><path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-opacity="0.6" stroke-width="1.4"/></pattern>
<pattern id="pat-error" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#b9bdc6"/><path d="M0 3H6" stroke="#ffffff" stroke-width="1.5"/></pattern>
</defs></svg>
"##,
    );
}

/// A small swatch of a verdict's fill, for legends.
pub fn swatch(out: &mut String, v: Option<Verdict>) {
    let _ = write!(
        out,
        r#"<svg width="16" height="16" aria-hidden="true"><rect class="bar" x="0.5" y="0.5" width="15" height="15" fill="{}" stroke="rgba(0,0,0,.55)"/></svg>"#,
        fill(v)
    );
}

/// The legend of verdict fills.
pub fn legend(out: &mut String, with_errors: bool) {
    out.push_str(r#"<div class="legend">"#);
    for v in VERDICTS {
        out.push_str("<span>");
        swatch(out, Some(v));
        out.push_str(v.human());
        out.push_str("</span>");
    }
    if with_errors {
        out.push_str("<span>");
        swatch(out, None);
        out.push_str("Could not read</span>");
    }
    out.push_str("</div>");
}

/// `n` of `total` as a whole percentage.
pub fn percent(n: usize, total: usize) -> usize {
    (n * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// Pixels for `n` of `max` over `room` (at least one for anything above zero).
fn length(n: usize, max: usize, room: f64) -> f64 {
    if n == 0 || max == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let l = room * n as f64 / max as f64;
    l.max(1.5)
}

/// Answers per verdict (and unreadable inputs, when there are any): one bar each.
pub fn verdicts(out: &mut String, s: &Summary) {
    let mut rows: Vec<(Option<Verdict>, &str, usize)> = VERDICTS
        .iter()
        .map(|&v| (Some(v), v.human(), s.by_verdict.get(v)))
        .collect();
    if s.errors > 0 {
        rows.push((None, "Could not read", s.errors));
    }
    let max = rows.iter().map(|r| r.2).max().unwrap_or(0);
    let (label_w, room, row_h) = (124.0, 270.0, 50.0);
    #[allow(clippy::cast_precision_loss)]
    let height = rows.len() as f64 * row_h + 8.0;
    let _ = write!(
        out,
        r#"<svg class="chart" id="chart-verdicts" width="480" height="{height}" viewBox="0 0 480 {height}" role="img" aria-labelledby="chart-verdicts-t"><title id="chart-verdicts-t">Answers per verdict</title>"#
    );
    for (i, (v, label, n)) in rows.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = i as f64 * row_h + 6.0;
        let w = length(*n, max, room);
        let id = v.map_or("error", Verdict::id);
        let pct = percent(*n, s.answers);
        let _ = writeln!(
            out,
            r#"<g class="verdict-bar" data-verdict="{id}" data-count="{n}"><title>{label}: {n} of {total} answers ({pct}%)</title><text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="bar" x="{bx}" y="{y}" width="{w:.1}" height="32" rx="2" fill="{fill}"/><text class="value" x="{vx:.1}" y="{ty}">{n} · {pct}%</text></g>"#,
            total = s.answers,
            lx = label_w - 10.0,
            ty = y + 21.0,
            bx = label_w,
            fill = fill(*v),
            vx = label_w + w + 8.0,
        );
    }
    out.push_str("</svg>");
}

/// The score distribution: twenty five-point bins, each filled with the verdict band its
/// scores fall in, over a strip that names the bands.
pub fn histogram(out: &mut String, c: &Cohort, rubric: &CompiledRubric) {
    const BINS: usize = 20;
    let bins = c.histogram(BINS);
    let max = usize::try_from(bins.iter().copied().max().unwrap_or(0)).unwrap_or(usize::MAX);
    let (x0, plot_w, top, plot_h) = (34.0, 424.0, 22.0, 170.0);
    let bin_w = plot_w / BINS as f64;
    let bands = &rubric.bands;
    let band_of = |score: f64| {
        if score >= bands.strong_hire {
            Verdict::StrongHire
        } else if score >= bands.hire {
            Verdict::Hire
        } else if score >= bands.leaning_no_hire {
            Verdict::LeaningNoHire
        } else {
            Verdict::NoHire
        }
    };
    let x_of = |score: f64| x0 + plot_w * score / 100.0;
    let base = top + plot_h;
    let _ = write!(
        out,
        r#"<svg class="chart" id="chart-scores" width="480" height="254" viewBox="0 0 480 254" role="img" aria-labelledby="chart-scores-t"><title id="chart-scores-t">Score distribution: answers per five points</title>"#
    );
    // Axes: counts on the left (0, half, max), scores underneath every ten points.
    out.push_str(r#"<g class="axis">"#);
    let _ = write!(
        out,
        r#"<line x1="{x0}" y1="{base}" x2="{x1}" y2="{base}"/>"#,
        x1 = x0 + plot_w
    );
    let mut ticks = vec![0, max];
    if max >= 4 {
        ticks.insert(1, max / 2);
    }
    for t in ticks {
        let y = base - length(t, max, plot_h);
        let _ = write!(
            out,
            r#"<text x="{tx}" y="{ty:.1}" text-anchor="end">{t}</text>"#,
            tx = x0 - 6.0,
            ty = y + 4.0
        );
    }
    for s in (0..=100).step_by(10) {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y}" text-anchor="middle">{s}</text>"#,
            x = x_of(f64::from(s)),
            y = base + 16.0
        );
    }
    out.push_str("</g>\n");
    for (i, &n) in bins.iter().enumerate() {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        let (from, to) = Cohort::bin_range(i, BINS);
        #[allow(clippy::cast_precision_loss)]
        let x = x0 + i as f64 * bin_w;
        let h = length(n, max, plot_h);
        #[allow(clippy::cast_precision_loss)]
        let v = band_of(from as f64);
        let _ = write!(
            out,
            r#"<g class="score-bin" data-from="{from}" data-to="{to}" data-count="{n}"><title>Scores {from}–{to}: {n} answers ({band} band)</title><rect class="bin" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"/>"#,
            band = v.human(),
            y = base - h,
            w = bin_w - 2.0,
            fill = fill(Some(v)),
        );
        if n > 0 {
            let _ = write!(
                out,
                r#"<text class="value" x="{cx:.1}" y="{cy:.1}" text-anchor="middle">{n}</text>"#,
                cx = x + bin_w / 2.0 - 1.0,
                cy = base - h - 5.0
            );
        }
        out.push_str("</g>\n");
    }
    // The band strip: each verdict's score range, named inside it.
    let strip = [
        (Verdict::NoHire, 0.0, bands.leaning_no_hire),
        (Verdict::LeaningNoHire, bands.leaning_no_hire, bands.hire),
        (Verdict::Hire, bands.hire, bands.strong_hire),
        (Verdict::StrongHire, bands.strong_hire, 100.0),
    ];
    let y = base + 26.0;
    for (v, from, to) in strip {
        let (from, to) = (from.clamp(0.0, 100.0), to.clamp(0.0, 100.0));
        if to <= from {
            continue;
        }
        let (xa, xb) = (x_of(from), x_of(to));
        let _ = write!(
            out,
            r#"<g class="band"><title>{name}: {from}–{to}</title><rect class="seg" x="{xa:.1}" y="{y}" width="{w:.1}" height="8" fill="{fill}"/>"#,
            name = v.human(),
            w = xb - xa,
            fill = fill(Some(v)),
        );
        // The name goes under the strip when it fits; a narrow band gets its short form.
        #[allow(clippy::cast_precision_loss)]
        let name = if (xb - xa) > 6.5 * v.human().len() as f64 {
            v.human()
        } else {
            match v {
                Verdict::LeaningNoHire => "Leaning",
                Verdict::StrongHire => "Strong",
                Verdict::Hire => "Hire",
                Verdict::NoHire => "No",
            }
        };
        let _ = writeln!(
            out,
            r#"<text x="{cx:.1}" y="{ty}" text-anchor="middle">{name}</text></g>"#,
            cx = (xa + xb) / 2.0,
            ty = y + 22.0
        );
    }
    out.push_str("</svg>");
}

/// How many answers each rule fired on, most frequent first, as a share of the scored
/// answers.
pub fn rules(out: &mut String, rules: &[&RuleTally], scored: usize) {
    let (label_w, room, row_h) = (290.0, 560.0, 24.0);
    #[allow(clippy::cast_precision_loss)]
    let height = rules.len() as f64 * row_h + 8.0;
    let _ = write!(
        out,
        r#"<svg class="chart" id="chart-rules" width="960" height="{height}" viewBox="0 0 960 {height}" role="img" aria-labelledby="chart-rules-t"><title id="chart-rules-t">Findings by rule: answers each rule fired on</title>"#
    );
    for (i, r) in rules.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = i as f64 * row_h + 5.0;
        let w = length(r.answers, scored, room);
        let pct = percent(r.answers, scored);
        let _ = writeln!(
            out,
            r#"<g class="rule" data-rule="{code}" data-count="{n}" data-findings="{f}"><title>{code} {name}: fired on {n} of {scored} answers ({pct}%), {f} findings in all</title><text x="{lx}" y="{ty}" text-anchor="end"><tspan class="code">{code}</tspan> {name}</text><rect class="rule-bar" x="{label_w}" y="{y}" width="{w:.1}" height="18" rx="2"/><text class="value" x="{vx:.1}" y="{ty}">{n} · {pct}%</text></g>"#,
            code = Esc(&r.code),
            name = Esc(&r.name),
            n = r.answers,
            f = r.findings,
            lx = label_w - 10.0,
            ty = y + 14.0,
            vx = label_w + w + 8.0,
        );
    }
    out.push_str("</svg>");
}

/// A group's verdicts as one stacked bar (the breakdown tables' "verdicts" column).
pub fn stacked(out: &mut String, by: &ByVerdict, errors: usize) {
    let total = VERDICTS.iter().map(|&v| by.get(v)).sum::<usize>() + errors;
    let width = 180.0;
    let _ = write!(
        out,
        r#"<svg class="chart" width="{width}" height="16" viewBox="0 0 {width} 16" role="img" aria-label="verdicts">"#
    );
    let mut x = 0.0;
    let parts = VERDICTS
        .iter()
        .map(|&v| (Some(v), by.get(v)))
        .chain(std::iter::once((None, errors)));
    for (v, n) in parts.filter(|p| p.1 > 0) {
        let w = length(n, total, width);
        let label = v.map_or("Could not read", Verdict::human);
        let _ = write!(
            out,
            r#"<rect class="seg" x="{x:.1}" y="1" width="{w:.1}" height="14" fill="{fill}"><title>{label}: {n}</title></rect>"#,
            fill = fill(v)
        );
        x += w;
    }
    out.push_str("</svg>");
}
