//! `--jobs N`, kept to what the machine can use.
//!
//! Scoring is CPU work: threads beyond the cores only wait for them, each holds an answer
//! in memory, and starting 100,000 of them took a minute before the first answer was
//! scored. So N is capped at [`PER_CORE`] threads per core (room for slow disks and
//! network file systems), with a note on standard error saying what was used; 0 means one
//! thread per core.

/// Threads allowed per core.
pub const PER_CORE: usize = 4;

/// The cores this process may use (at least 1).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// The threads to start for `requested` (0: one per core), and a note when the request
/// was capped; `asked` says where it was asked for (`--jobs 100000`, or the config
/// file's `file:line:column: jobs = 100000`).
pub fn threads(requested: usize, asked: &str) -> (usize, Option<String>) {
    capped(requested, cores(), asked)
}

fn capped(requested: usize, cores: usize, asked: &str) -> (usize, Option<String>) {
    let max = cores.saturating_mul(PER_CORE).max(1);
    if requested > max {
        let note = format!(
            "{asked} is more than this machine can use ({cores} {}); using {max}",
            if cores == 1 { "core" } else { "cores" }
        );
        (max, Some(note))
    } else {
        (requested, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_beyond_four_per_core_are_capped_with_a_note() {
        assert_eq!(capped(0, 2, "--jobs 0"), (0, None));
        assert_eq!(capped(8, 2, "--jobs 8"), (8, None));
        assert_eq!(
            capped(100_000, 2, "--jobs 100000"),
            (
                8,
                Some("--jobs 100000 is more than this machine can use (2 cores); using 8".into())
            )
        );
        assert_eq!(
            capped(5, 1, "s.toml:1:8: jobs = 5"),
            (
                4,
                Some(
                    "s.toml:1:8: jobs = 5 is more than this machine can use (1 core); using 4"
                        .into()
                )
            )
        );
    }
}
