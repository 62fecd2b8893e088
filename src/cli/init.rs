//! `starlint init`: a commented starter `starlint.toml` in the current directory.
//!
//! The file is created with `create_new`, so an existing `starlint.toml` (a file, a
//! directory, even a broken link by that name) is never replaced: that is a usage error
//! (exit 2), as the contract says. Every key is written commented out with its default
//! and what it means, so the file changes nothing until a line is uncommented; a unit
//! test parses it with the real config parser, so the starter can never be invalid.

use super::config::CONFIG_FILE;
use super::{error_line, ExitStatus};
use std::io::{self, Write};

/// The starter file.
pub const STARTER: &str = r#"# starlint.toml: defaults for `starlint check` in this directory and below.
#
# Precedence: command-line flags > a story's front matter (for lp and level) > this file
# > built-in defaults. Every key is optional; uncomment a line to use it.
# `starlint check --show-config` prints the settings a run would use, and where each
# came from.

# The Leadership Principle a story is judged for when its front matter names none,
# e.g. "ownership", "customer-obsession", "think-big", "dive-deep" (`starlint --help`).
# lp = "general"

# The level a story is judged at when its front matter names none: sde1, sde2, senior.
# level = "sde2"

# Exit 1 when an answer is below this: a verdict (no_hire, leaning_no_hire, hire,
# strong_hire) or a score from 0 to 100.
# fail-under = "hire"

# The report format: human, json, jsonl, sarif, github, junit, csv, concise.
# format = "human"

# Rules to run (select) or to leave out (ignore): codes ("A001"), code prefixes ("A",
# "R0") or names ("we-language"). `starlint rules` lists them.
# select = ["A", "R"]
# ignore = ["answer-length"]

# A rubric file layered over the embedded one (relative to this file);
# `starlint rubric dump` prints the embedded one as a starting point.
# rubric = "rubric.toml"

# Worker threads for a batch (0: one per core).
# jobs = 0
"#;

/// Write the starter file, unless one is already there.
pub fn run() -> io::Result<ExitStatus> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(CONFIG_FILE);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            error_line(&format!(
                "{CONFIG_FILE} already exists; not overwriting it (edit it, or remove it first)"
            ));
            return Ok(ExitStatus::Error);
        }
        Err(e) => {
            error_line(&format!(
                "writing {CONFIG_FILE}: {}",
                crate::input::io_reason(&e)
            ));
            return Ok(ExitStatus::Error);
        }
    };
    if let Err(e) = file
        .write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
    {
        error_line(&format!(
            "writing {CONFIG_FILE}: {}",
            crate::input::io_reason(&e)
        ));
        let _ = std::fs::remove_file(CONFIG_FILE);
        return Ok(ExitStatus::Error);
    }
    let mut e = io::stderr().lock();
    let _ = writeln!(
        e,
        "starlint: wrote {CONFIG_FILE}; uncomment the settings you want"
    );
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::config::{parse, Settings, KEYS};
    use std::path::Path;

    #[test]
    fn the_starter_parses_and_sets_nothing_until_uncommented() {
        assert_eq!(
            parse(Path::new(CONFIG_FILE), STARTER).unwrap(),
            Settings::default()
        );
        // Every key, uncommented, is valid as written.
        let live: String = STARTER
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| KEYS.iter().any(|k| l.starts_with(&format!("{k} = "))))
            .map(|l| format!("{l}\n"))
            .collect();
        let s = parse(Path::new(CONFIG_FILE), &live).unwrap();
        for key in KEYS {
            assert!(live.contains(&format!("{key} = ")), "{key} missing");
        }
        assert!(s.lp.is_some() && s.jobs.is_some() && s.select.is_some());
    }
}
