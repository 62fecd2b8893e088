//! The human report's palette, in one place so that colour stays decoration: every
//! coloured thing is also written in words (the verdict, "error", "missing", "over"), and
//! with colour off [`Paint`] returns the text untouched, so no escape code is written.

use crate::ids::Verdict;
use crate::report::Severity;
use anstyle::{AnsiColor, Style};

/// Applies styles when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Write ANSI colour.
    pub color: bool,
}

impl Paint {
    /// `s` in `style`, or `s` itself with colour off.
    pub fn paint(self, style: Style, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }
}

/// Bold.
pub const BOLD: Style = Style::new().bold();
/// Dimmed, for labels that repeat what the layout already says.
pub const DIM: Style = Style::new().dimmed();

/// The colour of a verdict (no verdict is an error).
pub fn verdict_color(v: Option<Verdict>) -> AnsiColor {
    match v {
        Some(Verdict::StrongHire) => AnsiColor::BrightGreen,
        Some(Verdict::Hire) => AnsiColor::Green,
        Some(Verdict::LeaningNoHire) => AnsiColor::Yellow,
        Some(Verdict::NoHire) | None => AnsiColor::Red,
    }
}

/// A verdict's text style.
pub fn verdict(v: Option<Verdict>) -> Style {
    Style::new().bold().fg_color(Some(verdict_color(v).into()))
}

/// The frame around the verdict.
pub fn frame(v: Option<Verdict>) -> Style {
    Style::new().fg_color(Some(verdict_color(v).into()))
}

/// A severity's style, matching annotate-snippets' own for titles.
pub fn severity(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::BrightRed.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::BrightBlue.on_default().bold(),
    }
}

/// "missing" in the section table.
pub const MISSING: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
