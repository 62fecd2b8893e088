//! The rule kinds, a closed set, each with the parameters it takes.
//!
//! Vale and Harper keep check *types* in code and rules as data naming one; so does
//! starlint. A kind takes the keys every rule takes (code, name, section, scope, severity,
//! prose …) and its own ([`Kind::keys`]); a key of another kind is an error at the place it
//! was written, so a `match` rule with `coordinated` or `min` cannot pass `rubric check`
//! while silently ignoring them. Once checked, a rule's parameters live in its [`Check`],
//! where the check code reads them.

use crate::matcher::Re;

/// How a rule checks an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Each match of a phrase or pattern in the scope is a finding.
    Match,
    /// One finding when nothing in the scope matches.
    Require,
    /// Too few sentences in the scope match (per-level minimum).
    Count,
    /// Speaking time well over target (a section's, or the level's for the whole answer).
    Duration,
    /// A section cannot be found.
    Structure,
    /// Too many matches before the first `before` match (e.g. components before the problem).
    Density,
    /// Never a finding: each counted match earns credit for its dimension (evidence for).
    Credit,
    /// The answer is not one lived story: most of what the candidate tells is a
    /// hypothetical, a habit or a belief rather than something they did.
    Story,
}

/// The keys of the kinds that look for phrases and patterns and count their matches
/// (`match`; `require` and `count` add their own, `density` takes only the first three).
const MATCH_KEYS: &[&str] = &[
    "phrases",
    "patterns",
    "clause",
    "voids-credit",
    "case-sensitive",
    "sentence-start",
    "skip-quoted",
    "unless-before",
    "unless-sentence",
    "unless-after",
    "unless-later",
    "exclude-captures",
];
const REQUIRE_KEYS: &[&str] = &[
    "baseline",
    "phrases",
    "patterns",
    "clause",
    "credit",
    "unrelated-credit",
    "case-sensitive",
    "sentence-start",
    "skip-quoted",
    "unless-before",
    "unless-sentence",
    "unless-after",
    "unless-later",
    "exclude-captures",
    "when",
];
const COUNT_KEYS: &[&str] = &[
    "phrases",
    "patterns",
    "clause",
    "credit",
    "credit-max",
    "unrelated-credit",
    "case-sensitive",
    "sentence-start",
    "skip-quoted",
    "unless-before",
    "unless-sentence",
    "unless-after",
    "unless-later",
    "exclude-captures",
    "coordinated",
    "thin-credit-max",
    "min",
];
const CREDIT_KEYS: &[&str] = &[
    "phrases",
    "patterns",
    "clause",
    "credit",
    "credit-max",
    "unrelated-credit",
    "case-sensitive",
    "sentence-start",
    "skip-quoted",
    "unless-before",
    "unless-sentence",
    "unless-after",
    "unless-later",
    "exclude-captures",
];
const STORY_KEYS: &[&str] = &["story", "min"];
const DENSITY_KEYS: &[&str] = &["phrases", "patterns", "case-sensitive", "before", "min"];

impl Kind {
    /// Every kind, in the order the rubric documents them.
    pub const ALL: [Kind; 8] = [
        Kind::Match,
        Kind::Require,
        Kind::Count,
        Kind::Duration,
        Kind::Structure,
        Kind::Density,
        Kind::Credit,
        Kind::Story,
    ];

    /// The id as written in the rubric.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Match => "match",
            Kind::Require => "require",
            Kind::Count => "count",
            Kind::Duration => "duration",
            Kind::Structure => "structure",
            Kind::Density => "density",
            Kind::Credit => "credit",
            Kind::Story => "story",
        }
    }

    /// The kind an id names (`phrase` and `pattern` are old names of `match`).
    pub fn parse(id: &str) -> Option<Kind> {
        match id {
            "match" | "phrase" | "pattern" => Some(Kind::Match),
            "require" => Some(Kind::Require),
            "count" => Some(Kind::Count),
            "duration" => Some(Kind::Duration),
            "structure" => Some(Kind::Structure),
            "density" => Some(Kind::Density),
            "credit" => Some(Kind::Credit),
            "story" => Some(Kind::Story),
            _ => None,
        }
    }

    /// The keys this kind takes besides those every rule takes.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Match => MATCH_KEYS,
            Kind::Require => REQUIRE_KEYS,
            Kind::Count => COUNT_KEYS,
            Kind::Density => DENSITY_KEYS,
            Kind::Credit => CREDIT_KEYS,
            Kind::Story => STORY_KEYS,
            Kind::Duration | Kind::Structure => &[],
        }
    }

    /// Does a rule of this kind look for phrases or patterns (and need some)?
    pub fn has_triggers(self) -> bool {
        !matches!(self, Kind::Duration | Kind::Structure | Kind::Story)
    }

    /// Does a rule of this kind report findings (a `credit` rule only earns credit)?
    pub fn reports(self) -> bool {
        self != Kind::Credit
    }

    /// True when `key` belongs to some kind but not every kind: whether a rule may carry
    /// it depends on the rule's kind.
    pub fn is_kind_key(key: &str) -> bool {
        Kind::ALL.iter().any(|k| k.keys().contains(&key))
    }
}

/// Which counted hits a rule keeps: the parameters of `match`, `require` and `count`.
#[derive(Debug, Clone, Default)]
pub struct Counting {
    /// A match counts only at the start of its sentence or clause.
    pub sentence_start: bool,
    /// Matches inside quoted speech do not count.
    pub skip_quoted: bool,
    /// Negation before the match.
    pub unless_before: Option<Re>,
    /// Contrast anywhere in the sentence.
    pub unless_sentence: Option<Re>,
    /// Qualification after the match.
    pub unless_after: Option<Re>,
    /// What the answer says next, after the match's sentence too (the story goes beyond
    /// an assignment).
    pub unless_later: Option<Re>,
    /// Captured words (lowercase) that do not count.
    pub exclude_captures: Vec<String>,
}

/// A rule's kind with the parameters only that kind reads (the counting parameters boxed:
/// they hold three regexes, and most rules have none).
#[derive(Debug, Clone)]
pub enum Check {
    /// Each counted match is a finding.
    Match(Box<Counting>),
    /// One finding when nothing counts; `when`: only where a `when` pattern matches.
    Require {
        /// Which matches count.
        counting: Box<Counting>,
        /// The rule has `when` patterns (their hits are the precondition).
        when: bool,
    },
    /// Too few sentences (or actions) with a counted match.
    Count {
        /// Which matches count.
        counting: Box<Counting>,
        /// Fewest per level (index by `Level as usize`).
        min: [f64; 3],
        /// Further actions coordinated with a counted match in its sentence.
        coordinated: Option<Box<Re>>,
    },
    /// Speaking time well over target.
    Duration,
    /// A section cannot be found.
    Structure,
    /// Too many matches before the first `before` match.
    Density {
        /// Fewest matches that fire, per level.
        min: [f64; 3],
    },
    /// Each counted match earns credit.
    Credit(Box<Counting>),
    /// Too much of the answer is one kind of not-an-event.
    Story {
        /// Which kind.
        flag: StoryFlag,
        /// Fewest such clauses that fire, per level.
        min: [f64; 3],
    },
}

/// What a `story` rule counts: clauses that tell no event of the candidate's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryFlag {
    /// "I would …", "I'll …": what the candidate would do.
    Hypothetical,
    /// "I always …", "each month I …": what the candidate usually does.
    Habitual,
    /// Present-tense statements: beliefs, definitions, descriptions of how things are.
    Beliefs,
    /// No event at all: too few words, or nothing the candidate did in the past (the
    /// contract's `not-an-answer`).
    NotAnAnswer,
}

impl StoryFlag {
    /// Every flag, in the rubric's spelling.
    pub const ALL: [(&'static str, StoryFlag); 4] = [
        ("hypothetical", StoryFlag::Hypothetical),
        ("habitual", StoryFlag::Habitual),
        ("beliefs", StoryFlag::Beliefs),
        ("not-an-answer", StoryFlag::NotAnAnswer),
    ];
}

impl Check {
    /// The kind this check is.
    pub fn kind(&self) -> Kind {
        match self {
            Check::Match(_) => Kind::Match,
            Check::Require { .. } => Kind::Require,
            Check::Count { .. } => Kind::Count,
            Check::Duration => Kind::Duration,
            Check::Structure => Kind::Structure,
            Check::Density { .. } => Kind::Density,
            Check::Credit(_) => Kind::Credit,
            Check::Story { .. } => Kind::Story,
        }
    }

    /// Which matches count, for the kinds that count matches.
    pub fn counting(&self) -> Option<&Counting> {
        match self {
            Check::Match(c)
            | Check::Credit(c)
            | Check::Require { counting: c, .. }
            | Check::Count { counting: c, .. } => Some(c),
            _ => None,
        }
    }

    /// Every regex the check itself runs (negations, coordination).
    pub fn regexes(&self) -> impl Iterator<Item = &Re> {
        let counting = self.counting().into_iter().flat_map(|c| {
            [
                &c.unless_before,
                &c.unless_sentence,
                &c.unless_after,
                &c.unless_later,
            ]
            .into_iter()
            .flatten()
        });
        let coordinated = match self {
            Check::Count { coordinated, .. } => coordinated.as_deref(),
            _ => None,
        };
        counting.chain(coordinated)
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn each_kind_takes_its_own_keys() {
        assert!(Kind::Match.keys().contains(&"unless-before"));
        assert!(!Kind::Match.keys().contains(&"coordinated"));
        assert!(!Kind::Match.keys().contains(&"min"));
        assert!(Kind::Count.keys().contains(&"min"));
        assert!(Kind::Density.keys().contains(&"before"));
        assert!(!Kind::Density.keys().contains(&"unless-before"));
        assert!(Kind::Duration.keys().is_empty());
        assert!(Kind::is_kind_key("when") && !Kind::is_kind_key("severity"));
        let every: Vec<&str> = Kind::ALL.iter().flat_map(|k| k.keys()).copied().collect();
        assert!(every.iter().all(|k| Kind::is_kind_key(k)));
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.id()), Some(k));
        }
    }
}
