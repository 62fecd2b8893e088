//! The practice data held to its own examples and to the main rubric.

use super::model::{PracticeFile, ReplyVerdict};
use super::*;
use crate::ids::{Level, SectionKind};

fn practice() -> Practice {
    Practice::embedded().unwrap()
}

fn file() -> PracticeFile {
    toml::from_str(PRACTICE_TOML).unwrap()
}

fn rubric() -> CompiledRubric {
    crate::rubric::build(None).unwrap()
}

#[test]
fn the_embedded_data_loads_with_three_questions_for_every_lp() {
    let p = practice();
    for lp in Lp::ALL {
        assert!(p.questions(*lp).len() >= MIN_QUESTIONS_PER_LP, "{lp:?}");
    }
    // Wrapping round the bank never runs off its end.
    let qs = p.questions(Lp::ThinkBig);
    assert_eq!(p.question(Lp::ThinkBig, qs.len()), Some(qs[0]));
}

#[test]
fn every_reply_in_the_data_gets_its_verdict() {
    let p = practice();
    let mut wrong = Vec::new();
    let mut n = 0;
    for spec in file().criteria {
        let c = p.criteria.iter().find(|c| c.id == spec.id).unwrap();
        for t in &spec.test {
            n += 1;
            let j = p.judge_with(c, &t.reply);
            if j.verdict != t.verdict {
                wrong.push(format!(
                    "[{}] {:?} for {:?} ({}): {}\n    {:?}",
                    c.id, j.verdict, t.verdict, t.source, t.reply, j.why
                ));
            }
        }
    }
    assert!(n >= 40, "only {n} test replies");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_probe_group_of_the_rubric_has_its_own_criteria() {
    let p = practice();
    let r = rubric();
    for probe in &r.probes {
        let c = p.criteria_for(&probe.id, &r);
        assert_ne!(c.id, GENERAL, "probe `{}` falls back to general", probe.id);
        // The rubric's own weak reply is never judged strong.
        let j = c.judge(&probe.weak, &p.lexicon, None);
        assert_ne!(
            j.verdict,
            ReplyVerdict::Strong,
            "{}: {}",
            probe.id,
            probe.weak
        );
    }
}

#[test]
fn every_link_to_the_rubric_resolves() {
    let p = practice();
    let r = rubric();
    // Criteria name the rubric's probes by id and by group: a name that no probe has
    // (a probe renamed or regrouped in rubrics/default.toml) is a dead link.
    let mut dead = Vec::new();
    for c in &p.criteria {
        for g in &c.groups {
            if !r
                .probes
                .iter()
                .any(|x| x.group.as_deref() == Some(g.as_str()))
            {
                dead.push(format!("criteria `{}`: no probe is in group `{g}`", c.id));
            }
        }
        for id in &c.probes {
            if !r.probes.iter().any(|x| &x.id == id) {
                dead.push(format!("criteria `{}`: no probe has the id `{id}`", c.id));
            }
        }
    }
    assert!(dead.is_empty(), "{}", dead.join("\n"));
    // A follow-up in a report is linked back to its rubric probe by id, whatever words
    // the question was put in.
    for probe in &r.probes {
        let shown = ProbeReport {
            id: probe.id.clone(),
            question: "In a nurse's words".into(),
            probes: probe.tests.clone(),
            strong: "A ward's strong reply".into(),
        };
        let linked = follow_up(&shown, &r).map(|f| f.id);
        assert_eq!(
            linked.as_deref(),
            Some(probe.id.as_str()),
            "probe `{}` does not link back to itself",
            probe.id
        );
    }
}

#[test]
fn every_follow_up_a_report_offers_is_linked() {
    let p = practice();
    let r = rubric();
    let cx = crate::Context::new(r.clone());
    let mut offered = 0;
    for text in [
        include_str!("../../fixtures/seeds/000-weak.md"),
        include_str!("../../fixtures/sample.md"),
        "Situation: Our ward's discharges took four hours. It was pharmacy's process, not mine.\n\
         Action: We looked at it together. I escalated it to the pharmacy manager and they fixed it.\n\
         Result: Things got better.\nReflection: I learned communication is important.",
    ] {
        let job = crate::input::Job::Bytes(
            crate::input::Origin("<test>".into()),
            Ok(text.as_bytes().to_vec()),
        );
        let report = crate::check_answer(&job.read().unwrap(), &cx);
        let linked = p.follow_ups(&report, &r);
        assert_eq!(linked.len(), report.probes.len(), "{text}");
        offered += linked.len();
    }
    assert!(offered > 0, "no answer offered a follow-up");
}

#[test]
fn a_quiz_agrees_with_the_rules_it_names() {
    let r = rubric();
    let names: Vec<&str> = r.rules.iter().map(|x| x.name.as_str()).collect();
    for q in &practice().quiz {
        let section = q
            .section
            .as_deref()
            .map(|s| s.parse::<SectionKind>().unwrap());
        let lp = q.lp.as_deref().map_or(Lp::General, |l| l.parse().unwrap());
        for rule in &q.rules {
            assert!(
                names.contains(&rule.as_str()),
                "{}: unknown rule {rule}",
                q.id
            );
        }
        for o in &q.option {
            let section = o
                .section
                .as_deref()
                .map(|s| s.parse::<SectionKind>().unwrap())
                .or(section);
            let fired = crate::check_snippet(&o.text, section, lp, Level::Sde2, &r);
            if o.correct {
                let bad: Vec<&String> = fired.iter().filter(|f| q.rules.contains(f)).collect();
                assert!(bad.is_empty(), "{}: the right option fires {bad:?}", q.id);
            } else {
                let rule = o.fires.as_ref().unwrap();
                assert!(
                    q.rules.contains(rule),
                    "{}: {rule} is not one of its rules",
                    q.id
                );
                assert!(
                    fired.contains(rule),
                    "{}: `{}` fires {fired:?}, not {rule}",
                    q.id,
                    o.text
                );
            }
        }
        assert!(quiz::answer(q).is_some());
    }
}

#[test]
fn broken_data_is_reported_all_at_once() {
    let text = r#"
version = 2
vague = []
[[question]]
lp = "ownershp"
text = "x"
source = "y"
[[criteria]]
id = "a"
title = "t"
strong-at = 1
adequate-at = 3
example = "e"
source = "s"
[[criteria.signal]]
id = "s"
stance = "against"
note = "n"
unless = ["nothing"]
[[quiz]]
id = "q"
question = "?"
rules = []
explanation = "e"
source = "s"
[[quiz.option]]
text = "a"
why = "w"
"#;
    let errors = Practice::parse(text).unwrap_err().join("\n");
    for says in [
        "version 2",
        "did you mean `ownership`",
        "LP `think-big` has 0 questions",
        "adequate-at (3) <= strong-at (1)",
        "has no clauses, phrases or number",
        "`unless` names `nothing`",
        "no `general` criteria",
        "0 right options",
        "at least three options",
    ] {
        assert!(errors.contains(says), "{says}\n{errors}");
    }
    assert!(Practice::parse("version = ").unwrap_err()[0].starts_with("practice.toml:"));
}

#[test]
fn a_negated_routing_verb_is_not_routing_but_a_negated_phrase_is_still_giving_up() {
    let p = practice();
    let authority = p.criteria.iter().find(|c| c.id == "authority").unwrap();
    let j = p.judge_with(
        authority,
        "I didn't just escalate it; I wrote the fix and checked it live.",
    );
    assert!(j.why.iter().all(|r| r.signal != "routed"), "{:?}", j.why);
    let backbone = p.criteria.iter().find(|c| c.id == "backbone").unwrap();
    let j = p.judge_with(
        backbone,
        "I said so, but it was not my call, so I let it go.",
    );
    assert_eq!(j.verdict, ReplyVerdict::Weak);
    assert!(j.why.iter().any(|r| r.signal == "gave-up"), "{:?}", j.why);
}

#[test]
fn why_quotes_the_reply_and_says_what_is_missing() {
    let p = practice();
    let r = rubric();
    let j = p.judge(
        "handoff-follow-up",
        "I did escalate it - I sent them a Slack message and they handled it.",
        &r,
        Some("healthcare"),
    );
    assert_eq!(j.verdict, ReplyVerdict::Weak);
    assert!(j.headline.starts_with("Weak: "), "{}", j.headline);
    let against: Vec<&str> = j
        .why
        .iter()
        .filter(|w| w.kind == "against")
        .filter_map(|w| w.quote.as_deref())
        .collect();
    assert!(
        against.iter().any(|q| q.contains("escalate")),
        "{against:?}"
    );
    assert!(
        against.iter().any(|q| q.contains("they handled it")),
        "{against:?}"
    );
    assert!(j
        .why
        .iter()
        .any(|w| w.kind == "missing" && w.signal == "own-solution"));
    assert!(
        j.example.contains("discharge"),
        "the healthcare example: {}",
        j.example
    );
    let short = p.judge("handoff-follow-up", "Yes.", &r, None);
    assert_eq!(short.verdict, ReplyVerdict::Weak);
    assert!(short.headline.contains("too short"), "{}", short.headline);
}
