//! The contract's identifiers: verdicts, sections, levels and Leadership Principles.
//!
//! Each is a closed enum with the contract's snake/kebab-case id for serde and the CLI,
//! and a display name for people. Parsing an unknown id is an error that lists the valid
//! ones, because the contract requires the message to name the value and the choices.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An id that was not one of the valid values; `Display` lists them.
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
        write!(
            f,
            "unknown {} `{}` (valid: {})",
            self.what,
            self.value,
            self.valid.join(", ")
        )
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
    fn alias(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "sde-1" | "sde 1" | "junior" => Some(Level::Sde1),
            "sde-2" | "sde 2" | "mid" => Some(Level::Sde2),
            "sde3" | "sde-3" | "senior sde" | "staff" => Some(Level::Senior),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_aliases() {
        assert_eq!("think-big".parse::<Lp>(), Ok(Lp::ThinkBig));
        assert_eq!("Disagree-and-Commit".parse::<Lp>(), Ok(Lp::HaveBackbone));
        assert_eq!("SDE2".parse::<Level>(), Ok(Level::Sde2));
        assert_eq!(
            "leaning-no-hire".parse::<Verdict>(),
            Ok(Verdict::LeaningNoHire)
        );
        assert!(Verdict::NoHire < Verdict::StrongHire);
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
