//! The contract's identifiers: verdicts, sections, levels and Leadership Principles.
//!
//! Each is a closed enum with the contract's snake/kebab-case id for serde and the CLI,
//! and a display name for people. Parsing an unknown id is an error that lists the valid
//! ones, because the contract requires the message to name the value and the choices.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An id that was not one of the valid values; `Display` suggests the closest one and
/// lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// What kind of id (`LP`, `level`, `verdict`, `section`).
    pub what: &'static str,
    /// The value that was given.
    pub value: String,
    /// Every valid value.
    pub valid: Vec<&'static str>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::suggest::unknown(
            self.what,
            &self.value,
            &self.valid,
            None,
        ))
    }
}

impl std::error::Error for UnknownId {}

macro_rules! id_enum {
    ($(#[$m:meta])* $name:ident, $what:literal, [$($var:ident = $id:literal / $human:literal),+ $(,)?]) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $id)] #[doc = $human] $var),+ }

        impl $name {
            /// Every value, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The contract's id.
            pub fn id(self) -> &'static str { match self { $($name::$var => $id),+ } }
            /// The name people read.
            pub fn human(self) -> &'static str { match self { $($name::$var => $human),+ } }
            /// Every valid id, for error messages.
            pub fn ids() -> Vec<&'static str> { vec![$($id),+] }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.human()) }
        }

        impl FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, UnknownId> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($id) { return Ok($name::$var); })+
                Self::alias(t).ok_or_else(|| UnknownId { what: $what, value: s.to_string(), valid: Self::ids() })
            }
        }
    };
}

id_enum!(
    /// A Bar Raiser verdict; `Ord` runs from the lowest to the highest, which drives `--fail-under`.
    Verdict, "verdict", [
        NoHire = "no_hire" / "No Hire",
        LeaningNoHire = "leaning_no_hire" / "Leaning No Hire",
        Hire = "hire" / "Hire",
        StrongHire = "strong_hire" / "Strong Hire",
    ]
);

id_enum!(
    /// A STAR section (plus the Reflection), in the contract's order.
    SectionKind, "section", [
        Situation = "situation" / "Situation",
        Task = "task" / "Task",
        Action = "action" / "Action",
        Result = "result" / "Result",
        Reflection = "reflection" / "Reflection",
    ]
);

id_enum!(
    /// The seniority the answer is judged at.
    Level, "level", [
        Sde1 = "sde1" / "SDE1",
        Sde2 = "sde2" / "SDE2",
        Senior = "senior" / "Senior",
    ]
);

id_enum!(
    /// An Amazon Leadership Principle, or `general` when none is named.
    Lp, "LP", [
        CustomerObsession = "customer-obsession" / "Customer Obsession",
        Ownership = "ownership" / "Ownership",
        InventAndSimplify = "invent-and-simplify" / "Invent and Simplify",
        AreRightALot = "are-right-a-lot" / "Are Right, A Lot",
        LearnAndBeCurious = "learn-and-be-curious" / "Learn and Be Curious",
        HireAndDevelop = "hire-and-develop-the-best" / "Hire and Develop the Best",
        HighestStandards = "insist-on-the-highest-standards" / "Insist on the Highest Standards",
        ThinkBig = "think-big" / "Think Big",
        BiasForAction = "bias-for-action" / "Bias for Action",
        Frugality = "frugality" / "Frugality",
        EarnTrust = "earn-trust" / "Earn Trust",
        DiveDeep = "dive-deep" / "Dive Deep",
        HaveBackbone = "have-backbone" / "Have Backbone; Disagree and Commit",
        DeliverResults = "deliver-results" / "Deliver Results",
        EarthsBestEmployer = "strive-to-be-earths-best-employer" / "Strive to be Earth's Best Employer",
        SuccessAndScale = "success-and-scale-bring-broad-responsibility" / "Success and Scale Bring Broad Responsibility",
        General = "general" / "General",
    ]
);

id_enum!(
    /// A dimension a Bar Raiser rates (contract order).
    DimensionId, "dimension", [
        Ownership = "ownership" / "Ownership",
        Action = "action" / "Action",
        Depth = "depth" / "Depth",
        Result = "result" / "Result",
        Reflection = "reflection" / "Reflection",
        Lp = "lp" / "Leadership Principle",
        Delivery = "delivery" / "Delivery",
    ]
);

id_enum!(
    /// How a dimension is rated; `Ord` runs from the worst to the best.
    Rating, "rating", [
        RedFlag = "red_flag" / "red flag",
        Missing = "missing" / "missing",
        Weak = "weak" / "weak",
        Adequate = "adequate" / "adequate",
        Strong = "strong" / "strong",
    ]
);

impl DimensionId {
    fn alias(_: &str) -> Option<Self> {
        None
    }
    /// Position in the contract's order (ownership = 0).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Rating {
    fn alias(s: &str) -> Option<Self> {
        (s.eq_ignore_ascii_case("red-flag") || s.eq_ignore_ascii_case("red flag"))
            .then_some(Rating::RedFlag)
    }
}

impl Verdict {
    fn alias(s: &str) -> Option<Self> {
        let norm = s.to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL.iter().copied().find(|v| v.id() == norm)
    }
}

impl SectionKind {
    fn alias(_: &str) -> Option<Self> {
        None
    }
    /// Position in the contract's order (situation = 0).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Level {
    /// The level in plain words ("mid-level"), for people who did not name an SDE level:
    /// the contract's default, so a nurse is not told about SDE2.
    pub fn plain(self) -> &'static str {
        match self {
            Level::Sde1 => "junior",
            Level::Sde2 => "mid-level",
            Level::Senior => "senior",
        }
    }

    fn alias(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "sde-1" | "sde 1" | "junior" => Some(Level::Sde1),
            "sde-2" | "sde 2" | "mid" => Some(Level::Sde2),
            "sde3" | "sde-3" | "senior sde" | "staff" => Some(Level::Senior),
            _ => None,
        }
    }
}

/// A level as the user wrote it: the level it is judged at, and the name people-facing
/// text gives it (contract: "mid-level" for `mid`, "SDE2" only when the user said `sde2`).
/// JSON keeps the canonical id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenLevel {
    /// What the answer is judged at.
    pub level: Level,
    /// How reports name it.
    pub name: &'static str,
}

impl FromStr for GivenLevel {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<GivenLevel, UnknownId> {
        let level = s.parse::<Level>()?;
        let spelled: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let name = match spelled.as_str() {
            "sde1" => "SDE1",
            "sde2" => "SDE2",
            "sde3" => "SDE3",
            "seniorsde" => "Senior SDE",
            "staff" => "staff",
            _ => level.plain(),
        };
        Ok(GivenLevel { level, name })
    }
}

impl Lp {
    /// `disagree-and-commit` is accepted and reported as `have-backbone` (contract).
    fn alias(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "disagree-and-commit" | "have-backbone-disagree-and-commit" => Some(Lp::HaveBackbone),
            _ => None,
        }
    }
}

/// A score from 0 to 100, kept in tenths so that two answers a whole point apart in a band
/// are not forced to tie: serialised as a number (`72`, or `72.4`), ordered, shown the same
/// way to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Score(u16);

impl Score {
    /// The score `tenths` tenths of a point (at most 100).
    pub fn from_tenths(tenths: u32) -> Score {
        Score(u16::try_from(tenths.min(1000)).unwrap_or(1000))
    }

    /// A score of `points` whole points.
    pub fn points(points: u32) -> Score {
        Score::from_tenths(points.saturating_mul(10))
    }

    /// The score as a number (72.4).
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    /// The whole points (72 for 72.4): the histogram's bin, the band it falls in.
    pub fn whole(self) -> u32 {
        u32::from(self.0 / 10)
    }

    /// Tenths of a point.
    pub fn tenths(self) -> u32 {
        u32::from(self.0)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = if self.0 % 10 == 0 {
            (self.0 / 10).to_string()
        } else {
            format!("{}.{}", self.0 / 10, self.0 % 10)
        };
        f.pad(&s)
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 10 == 0 {
            s.serialize_u32(self.whole())
        } else {
            s.serialize_f64(self.value())
        }
    }
}

/// `--fail-under`: an answer fails below a verdict, or below a score from 0 to 100
/// (contract, second round). The default is the verdict `hire`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailUnder {
    /// Fail below this verdict.
    Verdict(Verdict),
    /// Fail below this score.
    Score(Score),
}

impl Default for FailUnder {
    fn default() -> Self {
        FailUnder::Verdict(Verdict::Hire)
    }
}

impl FailUnder {
    /// True when an answer with this verdict and score is below the bar. An answer with
    /// neither (it could not be read) is not below it: it is an error, not a failure.
    pub fn fails(self, verdict: Option<Verdict>, score: Option<Score>) -> bool {
        match self {
            FailUnder::Verdict(bar) => verdict.is_some_and(|v| v < bar),
            FailUnder::Score(bar) => score.is_some_and(|s| s < bar),
        }
    }

    /// As written in `starlint.toml` and `--show-config`: `hire`, or `70`.
    pub fn id(self) -> String {
        match self {
            FailUnder::Verdict(v) => v.id().to_string(),
            FailUnder::Score(s) => s.to_string(),
        }
    }
}

impl fmt::Display for FailUnder {
    /// For people: `Hire`, or `a score of 70`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailUnder::Verdict(v) => f.write_str(v.human()),
            FailUnder::Score(s) => write!(f, "a score of {s}"),
        }
    }
}

impl FromStr for FailUnder {
    type Err = String;
    /// A verdict id (or its aliases), or a score from 0 to 100 with at most one decimal
    /// (scores are reported in tenths: `--fail-under 72.5`).
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        if t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
            let (whole, tenth) = t.split_once('.').unwrap_or((t, "0"));
            let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
            let tenths = match (whole.parse::<u32>(), tenth.len() == 1 && digits(tenth)) {
                (Ok(n), true) if digits(whole) && n <= 100 => {
                    Some(n * 10 + u32::from(tenth.as_bytes()[0] - b'0'))
                }
                _ => None,
            };
            return match tenths.filter(|t| *t <= 1000) {
                Some(t) => Ok(FailUnder::Score(Score::from_tenths(t))),
                None => Err(format!(
                    "`{s}` is not a verdict or a score (a score is a number from 0 to 100, at most one decimal)"
                )),
            };
        }
        t.parse::<Verdict>().map(FailUnder::Verdict).map_err(|_| {
            let ids = Verdict::ids();
            let mut m = format!("unknown verdict `{s}`");
            if let Some(c) = crate::suggest::closest(t, ids.iter().copied()) {
                m.push_str(&format!("; did you mean `{c}`?"));
            }
            m.push_str(&format!(
                " (valid: {}, or a score from 0 to 100)",
                ids.join(", ")
            ));
            m
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_aliases() {
        assert_eq!("think-big".parse::<Lp>(), Ok(Lp::ThinkBig));
        assert_eq!("Disagree-and-Commit".parse::<Lp>(), Ok(Lp::HaveBackbone));
        assert_eq!("SDE2".parse::<Level>(), Ok(Level::Sde2));
        let name = |s: &str| s.parse::<GivenLevel>().map(|g| (g.level, g.name));
        assert_eq!(name("mid"), Ok((Level::Sde2, "mid-level")));
        assert_eq!(name("sde2"), Ok((Level::Sde2, "SDE2")));
        assert_eq!(name("SDE 1"), Ok((Level::Sde1, "SDE1")));
        assert_eq!(name("junior"), Ok((Level::Sde1, "junior")));
        assert_eq!(name("Senior"), Ok((Level::Senior, "senior")));
        assert_eq!(name("staff"), Ok((Level::Senior, "staff")));
        assert!("sde9".parse::<GivenLevel>().is_err());
        assert_eq!(
            "leaning-no-hire".parse::<Verdict>(),
            Ok(Verdict::LeaningNoHire)
        );
        assert!(Verdict::NoHire < Verdict::StrongHire);
    }

    #[test]
    fn fail_under_is_a_verdict_or_a_score() {
        assert_eq!("hire".parse(), Ok(FailUnder::Verdict(Verdict::Hire)));
        assert_eq!(" 70 ".parse(), Ok(FailUnder::Score(Score::points(70))));
        assert_eq!("0".parse(), Ok(FailUnder::Score(Score::points(0))));
        assert!("101".parse::<FailUnder>().is_err());
        assert!("-1".parse::<FailUnder>().is_err());
        assert_eq!(
            "70.5".parse(),
            Ok(FailUnder::Score(Score::from_tenths(705)))
        );
        assert_eq!("100.0".parse(), Ok(FailUnder::Score(Score::points(100))));
        for bad in ["100.1", "70.55", "70.", ".5", "4294967296", "1e2", "7 0"] {
            assert!(bad.parse::<FailUnder>().is_err(), "{bad}");
        }
        assert_eq!(
            "hier".parse::<FailUnder>(),
            Err(
                "unknown verdict `hier`; did you mean `hire`? (valid: no_hire, \
                 leaning_no_hire, hire, strong_hire, or a score from 0 to 100)"
                    .to_string()
            )
        );
        let bar = FailUnder::Score(Score::points(70));
        assert!(bar.fails(Some(Verdict::StrongHire), Some(Score::points(69))));
        assert!(!bar.fails(Some(Verdict::NoHire), Some(Score::points(70))));
        assert!(!bar.fails(None, None));
        let bar = FailUnder::Verdict(Verdict::Hire);
        assert!(bar.fails(Some(Verdict::LeaningNoHire), Some(Score::points(99))));
        assert!(!bar.fails(Some(Verdict::Hire), Some(Score::points(0))));
    }

    #[test]
    fn unknown_id_suggests_and_lists_valid_values() {
        let err = "senoir".parse::<Level>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown level `senoir`; did you mean `senior`? (valid: sde1, sde2, senior)"
        );
        let err = "ownershp".parse::<Lp>().unwrap_err();
        assert!(err.to_string().starts_with(
            "unknown LP `ownershp`; did you mean `ownership`? (valid: customer-obsession, "
        ));
    }

    #[test]
    fn unknown_id_lists_valid_values() {
        let err = "sde4".parse::<Level>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown level `sde4` (valid: sde1, sde2, senior)"
        );
    }
}
