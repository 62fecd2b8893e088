//! The "Bar Raiser thinks" paragraph, in the seeds' voice, composed from this answer's
//! findings: what sank it (each fired rule's `summary` phrase, most serious first), what
//! carried it (each clean rule's `praise` phrase), and the verdict for the LP. It states
//! only what the findings show: "'We' throughout the Action" only when "we" is the actor
//! in at least half the Action's sentences.

use crate::check::{ActionCounts, Profile, RawFinding};
use crate::ids::{Lp, SectionKind, Verdict};
use crate::judge::Stance;
use crate::rubric::{CompiledRubric, Kind};
use crate::score::Assessment;
use crate::segment::Document;

const MAX_FAULTS: usize = 4;
const MAX_PRAISE: usize = 5;

pub(crate) fn number_word(n: usize) -> String {
    const W: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    W.get(n).map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// "only three" - or "no" when there are none ("only no first-person actions" reads badly).
fn only(n: usize) -> String {
    if n == 0 {
        "no".to_string()
    } else {
        format!("only {}", number_word(n))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// Compose the paragraph.
pub fn compose(
    doc: &Document,
    findings: &[RawFinding],
    evidence: &ActionCounts,
    rubric: &CompiledRubric,
    profile: &Profile,
    assessment: &Assessment,
) -> String {
    let text = doc.text;
    let who = if profile.lp == Lp::General {
        format!("at {}", profile.level_name)
    } else {
        format!("for {}", profile.lp.human())
    };
    // A text that tells no event gets what the Bar Raiser hears and nothing else: there is
    // nothing to praise or weigh.
    if let Some(f) = findings
        .iter()
        .find(|f| rubric.rules[f.rule].is_not_an_answer())
    {
        let hears = &rubric.rules[f.rule].hears;
        return format!("{} {} {who}.", hears.trim(), assessment.verdict.human());
    }
    let mut count = vec![0usize; rubric.rules.len()];
    let mut first = vec![None; rubric.rules.len()];
    for f in findings {
        count[f.rule] += 1;
        first[f.rule].get_or_insert(f);
    }
    // Faults: one phrase per fired rule, most serious (and costly) first. A combined
    // phrase ("Zero quantification") stands in for all of its rules at the place of the
    // costliest of them.
    let mut faults: Vec<(f64, String)> = Vec::new();
    let combined: Vec<&crate::rubric::CombinedSummary> = rubric
        .combined_summaries
        .iter()
        .filter(|c| !c.rules.is_empty() && c.rules.iter().all(|r| count[*r] > 0))
        .collect();
    for (id, cost) in &assessment.costs {
        if let Some(c) = combined.iter().find(|c| c.rules.contains(id)) {
            if !faults.iter().any(|(_, p)| *p == c.text) {
                faults.push((*cost, c.text.clone()));
            }
            continue;
        }
        let rule = &rubric.rules[*id];
        let Some(f) = first[*id] else { continue };
        if rule.summary.is_empty() {
            continue;
        }
        let n = count[*id];
        let extent = if n >= 2 && n * 2 >= evidence.action_sentences.max(1) {
            "throughout".to_string()
        } else if n == 1 {
            "once in".to_string()
        } else {
            format!("{} times in", number_word(n))
        };
        let (start, end) = crate::text::whole(text, f.span.start as usize, f.span.end as usize);
        let matched = crate::text::shorten(text[start..end].trim(), 60);
        let section = f.section.map_or("answer", |s| s.id());
        let phrase = rule
            .summary
            .replace("{match}", &matched)
            .replace("{count}", &n.to_string())
            .replace("{extent}", &extent)
            .replace("{only_i_actions}", &only(evidence.i_actions))
            .replace("{i_actions}", &number_word(evidence.i_actions))
            .replace("{section}", section);
        // A rule's own values ("a {which} answer for the level") were filled in its note.
        let phrase = if phrase.contains('{') {
            f.note.clone()
        } else {
            phrase
        };
        if !faults.iter().any(|(_, p)| *p == phrase) {
            faults.push((*cost, phrase));
        }
    }
    // Praise: what the answer earned credit for, most weighty first (each rule once).
    let mut earned: Vec<(f64, usize)> = Vec::new();
    for d in &assessment.dimensions {
        for e in d.evidence.iter().filter(|e| e.stance == Stance::For) {
            let Some(rule) = e.rule else { continue };
            match earned.iter_mut().find(|(_, r)| *r == rule) {
                Some((w, _)) => *w += e.points * d.weight,
                None => earned.push((e.points * d.weight, rule)),
            }
        }
    }
    earned.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut praise: Vec<String> = Vec::new();
    for (w, id) in earned {
        let text = rubric.rules[id]
            .praise
            .replace("{i_actions}", &number_word(evidence.i_actions));
        if w <= 0.0 || text.is_empty() || praise.contains(&text) {
            continue;
        }
        praise.push(text);
        if praise.len() == MAX_PRAISE {
            break;
        }
    }
    let content_faults = assessment.costs.iter().any(|(id, _)| {
        let r = &rubric.rules[*id];
        !matches!(r.kind, Kind::Duration) && r.severity == crate::report::Severity::Error
    });
    // "Sounds competent" is earned by fluency: a whole story (a Situation, an Action and a
    // Result; a Task is often folded into the Situation), told at no less than half the
    // level's length, with first-person actions. A fragment that fails is simply not at
    // the bar.
    let words: u32 = doc.sections.iter().map(|s| s.words).sum();
    let [lo, _] = rubric.level(profile.level).answer_seconds;
    let fluent = !findings.iter().any(|f| {
        rubric.rules[f.rule].kind == Kind::Structure
            && matches!(
                f.section,
                Some(SectionKind::Situation | SectionKind::Action | SectionKind::Result)
            )
    }) && f64::from(words) * 60.0 / rubric.wpm >= lo / 2.0
        && evidence.i_actions >= 2;
    let mut out = Vec::new();
    out.push(
        match assessment.verdict {
            Verdict::StrongHire => "Raises the bar.",
            Verdict::Hire if faults.is_empty() => "Clears the bar.",
            Verdict::Hire => "Clears the bar, with gaps a Bar Raiser will probe.",
            _ if content_faults && fluent => "Sounds competent but fails on content.",
            _ => "Not yet at the bar.",
        }
        .to_string(),
    );
    if !praise.is_empty() && assessment.verdict >= Verdict::Hire {
        out.push(format!("{}.", capitalise(&join_and(&praise))));
    }
    for (_, p) in faults.iter().take(MAX_FAULTS) {
        out.push(format!("{}.", capitalise(p.trim_end_matches('.'))));
    }
    if !praise.is_empty() && assessment.verdict < Verdict::Hire && praise.len() >= 2 {
        out.push(format!("Has {}.", join_and(&praise[..2])));
    }
    match assessment.capped_by {
        Some(id) => out.push(format!(
            "{} {who}: {} caps the verdict.",
            assessment.verdict.human(),
            rubric.rules[id].name
        )),
        None => out.push(format!("{} {who}.", assessment.verdict.human())),
    }
    out.join(" ")
}
