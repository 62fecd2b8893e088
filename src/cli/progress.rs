//! The batch progress bar (indicatif), on standard error for a person watching a terminal:
//! `████████░░░░ 1500/10000 answers · 15% · 1928/s · ETA 4s`.
//!
//! The rate is a whole number of answers a second (indicatif's own `{per_sec}` prints
//! `1,927.8199/s`). The total is known for files and directories; for JSON lines read
//! from files it is counted first (non-blank lines, a byte scan of files the run is about
//! to read anyway), so a coach scoring a JSON-lines export also sees a percentage and an
//! ETA. Only standard input has no total: a spinner with the count and the rate.
//! Whether a bar is drawn at all is [`super::batch::progress_wanted`]'s call.

use crate::input::InputItem;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::fmt;
use std::io::{BufRead, BufReader};

/// The bar when the total is known.
pub const TEMPLATE: &str = "{bar:30} {pos}/{len} answers · {percent}% · {rate} · ETA {eta}";

/// The spinner when it is not.
pub const SPINNER_TEMPLATE: &str = "{spinner} {pos} answers · {rate}";

/// Answers a second as a whole number: `1928/s`.
pub fn rate_text(per_sec: f64) -> String {
    let rate = if per_sec.is_finite() && per_sec > 0.0 {
        // Rounded and non-negative; answers a second stay far below 2^53.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let r = per_sec.round() as u64;
        r
    } else {
        0
    };
    format!("{rate}/s")
}

/// The style for a bar with a known total, or a spinner.
pub fn style(total_known: bool) -> Option<ProgressStyle> {
    let template = if total_known {
        TEMPLATE
    } else {
        SPINNER_TEMPLATE
    };
    let style = ProgressStyle::with_template(template).ok()?;
    Some(
        style
            .with_key("rate", |s: &ProgressState, w: &mut dyn fmt::Write| {
                let _ = w.write_str(&rate_text(s.per_sec()));
            })
            .progress_chars("█▉▊▋▌▍▎▏░"),
    )
}

/// A bar drawing on `target`.
pub fn bar_on(total: Option<usize>, target: ProgressDrawTarget) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(total.map(|n| n as u64), target);
    if let Some(style) = style(total.is_some()) {
        bar.set_style(style);
    }
    bar
}

/// A bar on standard error.
pub fn bar(total: Option<usize>) -> ProgressBar {
    bar_on(total, ProgressDrawTarget::stderr())
}

/// How many answers JSON-lines inputs hold (their non-blank lines; an input that cannot
/// be opened counts as the one error it reports), or `None` when one is standard input.
pub fn count_json_lines(items: &[InputItem]) -> Option<usize> {
    let mut total = 0;
    for item in items {
        total += match item {
            InputItem::Stdin => return None,
            InputItem::Error(..) => 1,
            InputItem::File(p) => match std::fs::File::open(p) {
                Ok(f) => non_blank_lines(BufReader::new(f)).unwrap_or(1),
                Err(_) => 1,
            },
        };
    }
    Some(total)
}

/// Lines holding anything but whitespace.
fn non_blank_lines(mut r: impl BufRead) -> std::io::Result<usize> {
    let mut count = 0;
    let mut blank = true;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        for &b in chunk {
            if b == b'\n' {
                count += usize::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
        let n = chunk.len();
        r.consume(n);
    }
    Ok(count + usize::from(!blank))
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::TermLike;
    use std::io;
    use std::sync::{Arc, Mutex};

    /// A terminal that keeps what is written to it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            100
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.write_str(s)?;
            self.write_str("\n")
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.0.lock().unwrap().clear();
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    fn drawn(total: Option<usize>, pos: u64) -> String {
        let screen = Screen::default();
        let bar = bar_on(
            total,
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
        );
        bar.set_position(pos);
        bar.tick();
        let text = screen.0.lock().unwrap().clone();
        text
    }

    #[test]
    fn the_bar_shows_total_percentage_whole_rate_and_eta() {
        let line = drawn(Some(10_000), 1_500);
        let tail = line.trim_start_matches(|c: char| "█▉▊▋▌▍▎▏░".contains(c));
        let fields: Vec<&str> = tail.split(" · ").collect();
        assert_eq!(fields.len(), 4, "{line}");
        assert_eq!(fields[0].trim(), "1500/10000 answers", "{line}");
        assert_eq!(fields[1], "15%", "{line}");
        let rate = fields[2].strip_suffix("/s").unwrap();
        assert!(rate.parse::<u64>().is_ok(), "a whole number: {line}");
        assert!(fields[3].starts_with("ETA "), "{line}");
        // 15% of a 30-cell bar is four and a half cells: four full, one partial.
        assert!(line.starts_with("████▌░"), "{line}");
    }

    #[test]
    fn without_a_total_a_spinner_counts() {
        let line = drawn(None, 42);
        assert!(line.contains(" 42 answers · "), "{line}");
        assert!(line.trim_end().ends_with("/s"), "{line}");
        assert!(!line.contains('%'));
    }

    #[test]
    fn rates_are_whole_numbers() {
        assert_eq!(rate_text(1927.8199), "1928/s");
        assert_eq!(rate_text(0.4), "0/s");
        assert_eq!(rate_text(f64::NAN), "0/s");
        assert_eq!(rate_text(f64::INFINITY), "0/s");
        assert_eq!(rate_text(-3.0), "0/s");
    }

    #[test]
    fn json_lines_are_counted_without_blank_ones() {
        assert_eq!(non_blank_lines(&b"{}\n\n  \n{}\n{}"[..]).unwrap(), 3);
        assert_eq!(non_blank_lines(&b""[..]).unwrap(), 0);
        assert_eq!(non_blank_lines(&b"{}\r\n{}\r\n"[..]).unwrap(), 2);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "{}\n{}\n").unwrap();
        let items = [InputItem::File(path.clone()), InputItem::File(path)];
        assert_eq!(count_json_lines(&items), Some(4));
        assert_eq!(count_json_lines(&[InputItem::Stdin]), None);
    }
}
