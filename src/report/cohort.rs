//! What a batch looks like as a whole, for the coach's views (the human summary,
//! `--summary`, `--statistics` and the HTML page): the exact score distribution, every rule
//! that fired with the answers it fired on and its findings in all, and breakdowns of the
//! verdicts by Leadership Principle and by level.
//!
//! It is accumulated one report at a time by [`super::SummaryBuilder`], in memory that
//! grows with the number of rules and groups, never with the number of answers. It is not
//! part of the JSON document (the contract fixes that summary's shape).
//!
//! A breakdown is a titled list of groups; which groups an answer belongs to is decided in
//! one place, [`groups_of`]. A breakdown by a JSON-lines extra column (a cohort, a tutor)
//! is one more entry there, and every view shows it without further change.

use super::{AnswerReport, ByVerdict, Severity};
use crate::ids::{Level, Lp, Verdict};
use std::collections::HashMap;

/// The cohort's shape; see the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    /// `scores[s]`: scored answers whose score is `s` (0-100).
    pub scores: [u64; 101],
    /// Every rule that fired, in the order each first fired.
    pub rules: Vec<RuleTally>,
    /// The breakdowns, in the order [`groups_of`] names them.
    pub breakdowns: Vec<Breakdown>,
    /// Rule name → index in `rules`.
    rule_at: HashMap<String, usize>,
}

impl Default for Cohort {
    fn default() -> Self {
        Cohort {
            scores: [0; 101],
            rules: Vec::new(),
            breakdowns: Vec::new(),
            rule_at: HashMap::new(),
        }
    }
}

/// One rule's part in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTally {
    /// Its code (`A001`).
    pub code: String,
    /// Its name (`we-language`).
    pub name: String,
    /// The most severe of its findings.
    pub severity: Severity,
    /// Answers it fired on.
    pub answers: usize,
    /// Its findings in all.
    pub findings: usize,
}

/// Answers split by one property (their LP, their level).
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// What the groups are, for people, as it reads after "By" ("Leadership Principle",
    /// "level").
    pub title: String,
    /// The groups, in display order.
    pub groups: Vec<Group>,
}

/// The answers of one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// The group's id (`think-big`).
    pub id: String,
    /// Its name for people ("Think Big").
    pub label: String,
    /// Where it sorts among its breakdown's groups.
    order: usize,
    /// Answers in the group, including those that could not be read.
    pub answers: usize,
    /// Answers that could not be read.
    pub errors: usize,
    /// Answers per verdict.
    pub by_verdict: ByVerdict,
    /// The sum of the scores, for the mean.
    score_total: u64,
}

impl Group {
    /// The mean score of the group's scored answers, to one decimal.
    pub fn mean_score(&self) -> Option<f64> {
        let scored = self.answers - self.errors;
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (scored > 0).then(|| (self.score_total as f64 / scored as f64).round() / 10.0)
    }
}

/// One group an answer belongs to: the breakdown's title, the group's id, its label and
/// its place among the breakdown's groups.
pub struct GroupKey {
    /// The breakdown ("Leadership Principle", or an extra column's key).
    pub breakdown: String,
    /// The group's id.
    pub id: String,
    /// The group's name for people.
    pub label: String,
    /// Its sort position.
    pub order: usize,
}

/// Groups a breakdown by an extra JSON-lines column keeps; later values are counted in
/// one "other values" group, so a column of student ids cannot grow the summary without
/// bound.
const MAX_EXTRA_GROUPS: usize = 40;

/// The groups `r` belongs to, one per breakdown: its LP, its level, and its value in each
/// extra JSON-lines column that holds a short string or a number (a cohort, a tutor). This
/// is the one place a breakdown is defined.
pub fn groups_of(r: &AnswerReport) -> Vec<GroupKey> {
    let mut keys = vec![
        GroupKey {
            breakdown: "Leadership Principle".into(),
            id: r.lp.id().to_string(),
            label: r.lp.human().to_string(),
            order: Lp::ALL
                .iter()
                .position(|l| *l == r.lp)
                .unwrap_or(usize::MAX),
        },
        GroupKey {
            breakdown: "level".into(),
            id: r.level.id().to_string(),
            label: r.level_name.to_string(),
            order: Level::ALL
                .iter()
                .position(|l| *l == r.level)
                .unwrap_or(usize::MAX),
        },
    ];
    for (key, value) in r.extra.iter().flat_map(|e| &e.0) {
        let text = match serde_json::from_str::<serde_json::Value>(value.get()) {
            Ok(serde_json::Value::String(s)) if s.chars().count() <= 60 => s,
            Ok(serde_json::Value::Number(_)) => value.get().to_string(),
            _ => continue,
        };
        keys.push(GroupKey {
            breakdown: key.clone(),
            id: text.clone(),
            label: text,
            order: 0,
        });
    }
    keys
}

impl ByVerdict {
    /// The count for `v`.
    pub fn get(&self, v: Verdict) -> usize {
        match v {
            Verdict::StrongHire => self.strong_hire,
            Verdict::Hire => self.hire,
            Verdict::LeaningNoHire => self.leaning_no_hire,
            Verdict::NoHire => self.no_hire,
        }
    }

    /// Count one answer with verdict `v`.
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::StrongHire => self.strong_hire += 1,
            Verdict::Hire => self.hire += 1,
            Verdict::LeaningNoHire => self.leaning_no_hire += 1,
            Verdict::NoHire => self.no_hire += 1,
        }
    }
}

impl Cohort {
    /// Count one report.
    pub fn add(&mut self, r: &AnswerReport) {
        if let (Some(score), Some(_)) = (r.score, r.verdict) {
            self.scores[score.whole().min(100) as usize] += 1;
        }
        self.add_findings(r);
        for key in groups_of(r) {
            let group = self.group(key);
            group.answers += 1;
            if r.error.is_some() {
                group.errors += 1;
            }
            if let Some(v) = r.verdict {
                group.by_verdict.add(v);
                group.score_total += u64::from(r.score.unwrap_or_default().tenths());
            }
        }
    }

    fn add_findings(&mut self, r: &AnswerReport) {
        // Rules this answer has already been counted for: answers are small, so a short
        // list beats a set.
        let mut counted: Vec<usize> = Vec::new();
        for f in &r.findings {
            let at = match self.rule_at.get(&f.name) {
                Some(&at) => at,
                None => {
                    self.rules.push(RuleTally {
                        code: f.code.clone(),
                        name: f.name.clone(),
                        severity: f.severity,
                        answers: 0,
                        findings: 0,
                    });
                    self.rule_at.insert(f.name.clone(), self.rules.len() - 1);
                    self.rules.len() - 1
                }
            };
            let tally = &mut self.rules[at];
            tally.findings += 1;
            tally.severity = tally.severity.max(f.severity);
            if !counted.contains(&at) {
                counted.push(at);
                tally.answers += 1;
            }
        }
    }

    fn group(&mut self, mut key: GroupKey) -> &mut Group {
        let b = match self
            .breakdowns
            .iter()
            .position(|b| b.title == key.breakdown)
        {
            Some(b) => b,
            None => {
                self.breakdowns.push(Breakdown {
                    title: key.breakdown.clone(),
                    groups: Vec::new(),
                });
                self.breakdowns.len() - 1
            }
        };
        let groups = &mut self.breakdowns[b].groups;
        let known = groups
            .iter()
            .any(|g| g.order == key.order && g.id == key.id);
        if !known && groups.len() >= MAX_EXTRA_GROUPS && key.order == 0 && b >= 2 {
            key = GroupKey {
                breakdown: key.breakdown,
                id: String::new(),
                label: "(other values)".into(),
                order: 1,
            };
        }
        let at = match groups.binary_search_by(|g| (g.order, &g.id).cmp(&(key.order, &key.id))) {
            Ok(at) => at,
            Err(at) => {
                groups.insert(
                    at,
                    Group {
                        id: key.id,
                        label: key.label,
                        order: key.order,
                        ..Group::default()
                    },
                );
                at
            }
        };
        &mut groups[at]
    }

    /// The rules that fired, most frequent first: by answers, then findings, then code.
    pub fn rules_by_frequency(&self) -> Vec<&RuleTally> {
        let mut rules: Vec<&RuleTally> = self.rules.iter().collect();
        rules.sort_by(|a, b| {
            b.answers
                .cmp(&a.answers)
                .then(b.findings.cmp(&a.findings))
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.name.cmp(&b.name))
        });
        rules
    }

    /// Scored answers in each of `bins` equal bins over 0-100 (the last bin includes 100).
    pub fn histogram(&self, bins: usize) -> Vec<u64> {
        let bins = bins.clamp(1, 101);
        let mut out = vec![0; bins];
        for (score, &n) in self.scores.iter().enumerate() {
            out[(score * bins / 100).min(bins - 1)] += n;
        }
        out
    }

    /// The score range of bin `i` of `bins`, inclusive (`70, 74`; the last ends at 100).
    pub fn bin_range(i: usize, bins: usize) -> (usize, usize) {
        let bins = bins.clamp(1, 101);
        let from = (i * 100).div_ceil(bins);
        let to = if i + 1 >= bins {
            100
        } else {
            ((i + 1) * 100).div_ceil(bins) - 1
        };
        (from, to)
    }

    /// Scored answers in all.
    pub fn scored(&self) -> u64 {
        self.scores.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SectionKind;
    use crate::report::{Finding, SpanOut};

    fn finding(code: &str, name: &str, severity: Severity) -> Finding {
        Finding {
            code: code.into(),
            name: name.into(),
            severity,
            section: Some(SectionKind::Action),
            message: String::new(),
            help: String::new(),
            span: SpanOut {
                start: 0,
                end: 0,
                line: 1,
                column: 1,
            },
            rule: 0,
        }
    }

    fn report(lp: Lp, level: Level, score: Option<u32>, findings: Vec<Finding>) -> AnswerReport {
        let mut r = AnswerReport::failed("x".into(), lp, level, "empty".into());
        if let Some(s) = score {
            r.error = None;
            r.score = Some(crate::ids::Score::points(s));
            r.verdict = Some(if s >= 70 {
                Verdict::Hire
            } else {
                Verdict::NoHire
            });
        }
        r.findings = findings;
        r
    }

    #[test]
    fn rules_count_answers_and_findings() {
        let mut c = Cohort::default();
        let we = || finding("A001", "we-language", Severity::Warning);
        let delta = || finding("R001", "missing-metric-delta", Severity::Error);
        c.add(&report(
            Lp::Ownership,
            Level::Sde2,
            Some(40),
            vec![we(), we(), we()],
        ));
        c.add(&report(
            Lp::Ownership,
            Level::Sde2,
            Some(80),
            vec![delta(), we()],
        ));
        c.add(&report(Lp::ThinkBig, Level::Sde1, Some(30), vec![delta()]));
        let got: Vec<(&str, usize, usize)> = c
            .rules_by_frequency()
            .iter()
            .map(|r| (r.code.as_str(), r.answers, r.findings))
            .collect();
        assert_eq!(got, [("A001", 2, 4), ("R001", 2, 2)]);
    }

    #[test]
    fn breakdowns_follow_the_contract_order_and_count_verdicts() {
        let mut c = Cohort::default();
        c.add(&report(Lp::ThinkBig, Level::Senior, Some(90), vec![]));
        c.add(&report(Lp::Ownership, Level::Sde1, Some(20), vec![]));
        c.add(&report(Lp::Ownership, Level::Sde1, None, vec![]));
        c.add(&report(Lp::Ownership, Level::Sde1, Some(75), vec![]));
        assert_eq!(c.breakdowns.len(), 2);
        let lp = &c.breakdowns[0];
        assert_eq!(lp.title, "Leadership Principle");
        assert_eq!(c.breakdowns[1].title, "level");
        let ids: Vec<&str> = lp.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ownership", "think-big"],
            "contract order, not input order"
        );
        let own = &lp.groups[0];
        assert_eq!((own.answers, own.errors), (3, 1));
        assert_eq!((own.by_verdict.hire, own.by_verdict.no_hire), (1, 1));
        assert_eq!(own.mean_score(), Some(47.5));
        let levels: Vec<&str> = c.breakdowns[1]
            .groups
            .iter()
            .map(|g| g.label.as_str())
            .collect();
        assert_eq!(levels, ["junior", "senior"]);
    }

    #[test]
    fn histogram_bins_cover_every_score_once() {
        let mut c = Cohort::default();
        for s in [0, 4, 5, 49, 50, 99, 100, 100] {
            c.add(&report(Lp::General, Level::Sde2, Some(s), vec![]));
        }
        assert_eq!(c.scored(), 8);
        let h20 = c.histogram(20);
        assert_eq!(h20.len(), 20);
        assert_eq!(h20.iter().sum::<u64>(), 8);
        assert_eq!((h20[0], h20[1], h20[9], h20[10], h20[19]), (2, 1, 1, 1, 3));
        let h10 = c.histogram(10);
        assert_eq!(h10, [3, 0, 0, 0, 1, 1, 0, 0, 0, 3]);
        assert_eq!(Cohort::bin_range(0, 20), (0, 4));
        assert_eq!(Cohort::bin_range(14, 20), (70, 74));
        assert_eq!(Cohort::bin_range(19, 20), (95, 100));
        assert_eq!(Cohort::bin_range(9, 10), (90, 100));
        // Every score falls in the bin whose range holds it.
        for bins in [7, 10, 20] {
            for s in 0..=100usize {
                let i = (s * bins / 100).min(bins - 1);
                let (from, to) = Cohort::bin_range(i, bins);
                assert!(
                    from <= s && s <= to,
                    "{s} in bin {i} of {bins}: {from}..={to}"
                );
            }
        }
    }
}
