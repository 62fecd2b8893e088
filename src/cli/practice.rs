//! `starlint practice`: an interview round in the terminal (contract).
//!
//! On a terminal: the question, then the answer pasted and ended with Ctrl-D, its report
//! (as `check` prints it), then each likely follow-up in turn, its reply ended with
//! Ctrl-D and judged, and a summary. With standard input not a terminal, the input is the
//! answer and then each reply, separated by lines holding only `---`, and the output is
//! the same (without the typing hints, which go to standard error anyway). A piped round
//! asks the LP's first question unless `--question N` picks another, so its output can be
//! compared from run to run; on a terminal the question is picked at random.
//!
//! `--quiz` runs the quick quiz instead: each question with lettered options, one letter
//! per line (or per Enter on a terminal), the right answer and why after each.

use super::args::{ColorChoice, PracticeArgs};
use super::{error_line, load_rubric, note_line, ExitStatus};
use crate::ids::{Level, Lp};
use crate::input::MAX_INPUT_BYTES;
use crate::practice::model::ReplyVerdict;
use crate::practice::reply::Judgement;
use crate::practice::{self, Practice};
use crate::render::human::{HumanEmitter, HumanOptions};
use crate::render::Emitter;
use crate::serve::CheckRequest;
use crate::Context;
use std::io::{self, BufRead, IsTerminal, Read, Write};

/// Where the answer and replies come from.
enum Replies {
    /// Typed at a terminal, each piece ended with Ctrl-D.
    Terminal,
    /// Piped: the pieces, in order.
    Piped(std::vec::IntoIter<String>),
}

impl Replies {
    /// The next piece, or `None` when the input is over.
    fn next(&mut self, hint: &str) -> io::Result<Option<String>> {
        match self {
            Replies::Piped(pieces) => Ok(pieces.next()),
            Replies::Terminal => {
                let mut e = io::stderr().lock();
                writeln!(e, "{hint} (then Ctrl-D on a line of its own):")?;
                drop(e);
                let mut buf = Vec::new();
                io::stdin()
                    .lock()
                    .take(MAX_INPUT_BYTES)
                    .read_to_end(&mut buf)?;
                let text = String::from_utf8_lossy(&buf).into_owned();
                Ok((!text.trim().is_empty()).then_some(text))
            }
        }
    }
}

/// Split piped input into the answer and the replies: lines holding only `---` separate
/// them (a Windows line ending is allowed).
pub fn split_pieces(input: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for line in input.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']).trim() == "---" {
            pieces.push(String::new());
        } else if let Some(last) = pieces.last_mut() {
            last.push_str(line);
        }
    }
    pieces
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100)
        .clamp(40, 200)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Wrap `text` to `width` columns, every line after the first indented by `indent`.
fn wrap(text: &str, width: usize, indent: &str, first: &str) -> String {
    let mut out = String::from(first);
    let mut col = first.chars().count();
    let mut line_start = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !line_start && col + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            col = indent.chars().count();
            line_start = true;
        }
        if !line_start {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
        line_start = false;
    }
    out
}

/// Run `practice`.
pub fn run(args: &PracticeArgs) -> io::Result<ExitStatus> {
    let practice = match Practice::embedded() {
        Ok(p) => p,
        Err(errors) => {
            errors.iter().for_each(|e| error_line(e));
            return Ok(ExitStatus::Error);
        }
    };
    let terminal = io::stdin().is_terminal();
    if args.quiz {
        return quiz(&practice, terminal);
    }
    let Some(rubric) = load_rubric(None) else {
        return Ok(ExitStatus::Error);
    };
    let mut replies = if terminal {
        Replies::Terminal
    } else {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)?;
        if buf.len() as u64 > MAX_INPUT_BYTES {
            error_line("<stdin>: too large (the limit is 64 MiB)");
            return Ok(ExitStatus::Error);
        }
        let Ok(text) = String::from_utf8(buf) else {
            error_line("<stdin>: not valid UTF-8");
            return Ok(ExitStatus::Error);
        };
        Replies::Piped(split_pieces(&text).into_iter())
    };
    let lp = args.lp.unwrap_or(Lp::General);
    let n = args.question.unwrap_or_else(|| {
        if terminal {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_micros() as usize)
        } else {
            0
        }
    });
    let Some(question) = practice.question(lp, n) else {
        error_line(&format!("no practice question for `{}`", lp.id()));
        return Ok(ExitStatus::Error);
    };
    let width = width();
    let mut out = io::stdout().lock();
    let field = args.field.map(|f| format!(", {f}")).unwrap_or_default();
    writeln!(
        out,
        "Practice: {}, {}{field}",
        lp.human(),
        args.level.map_or(Level::Sde2.plain(), |l| l.name)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", wrap(&question.text, width, "  ", "Question: "))?;
    writeln!(out)?;
    out.flush()?;
    let Some(answer) = replies.next("Your answer")? else {
        error_line("no answer given (the answer is the first part of the input)");
        return Ok(ExitStatus::Error);
    };
    let cx = Context::new(rubric);
    let req = CheckRequest {
        answer,
        lp: Some(lp),
        level: args.level,
        field: args.field,
        question: Some(question.text.clone()),
    };
    let report = crate::serve::check_report(&cx, &req);
    if let Some(e) = &report.error {
        error_line(&format!("the answer: {e}"));
        return Ok(ExitStatus::Error);
    }
    let human = HumanOptions {
        color: use_color(args.color.unwrap_or(ColorChoice::Auto)),
        width,
        quiet_below: None,
    };
    HumanEmitter::new(human, &cx.rubric).answer(&mut out, &report)?;
    let followups = practice.follow_ups(&report, &cx.rubric);
    let mut judged: Vec<Judgement> = Vec::new();
    let total = followups.len();
    if total == 0 {
        writeln!(
            out,
            "\nNo follow-ups: an interviewer would ask for a real answer first."
        )?;
    }
    for (i, f) in followups.iter().enumerate() {
        writeln!(out)?;
        let head = format!("Follow-up {} of {total}: ", i + 1);
        writeln!(out, "{}", wrap(&f.question, width, "  ", &head))?;
        writeln!(out, "{}", wrap(&f.probes, width, "  ", "  It tests: "))?;
        out.flush()?;
        let Some(reply) = replies.next("Your reply")? else {
            writeln!(out, "  (no reply)")?;
            continue;
        };
        let j = practice.judge(&f.id, &reply, &cx.rubric, args.field.map(|f| f.id()));
        write_judgement(&mut out, &j, width)?;
        judged.push(j);
    }
    if let Replies::Piped(rest) = &mut replies {
        let extra = rest.filter(|r| !r.trim().is_empty()).count();
        if extra > 0 {
            note_line(&format!(
                "{extra} more {} than there were follow-ups; not judged",
                if extra == 1 { "reply" } else { "replies" }
            ));
        }
    }
    let s = practice::summary(&report, &judged);
    writeln!(out)?;
    writeln!(out, "Summary")?;
    writeln!(out, "{}", wrap(&s.text, width, "  ", "  "))?;
    for w in &s.work_on {
        writeln!(out, "{}", wrap(w, width, "    ", "  Work on: "))?;
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// A reply's verdict and why.
fn write_judgement(out: &mut dyn Write, j: &Judgement, width: usize) -> io::Result<()> {
    writeln!(out, "{}", wrap(&j.headline, width, "    ", "  "))?;
    for r in &j.why {
        let mark = match r.kind {
            "for" => "+ ",
            "against" => "- ",
            _ => "? ",
        };
        let text = match &r.quote {
            Some(q) => format!("{} (“{q}”)", r.note),
            None => r.note.clone(),
        };
        let first = format!("    {mark}");
        writeln!(out, "{}", wrap(&text, width, "      ", &first))?;
    }
    if j.verdict != ReplyVerdict::Strong {
        writeln!(out, "{}", wrap(&j.example, width, "      ", "    Strong: "))?;
    }
    Ok(())
}

/// `practice --quiz`.
fn quiz(practice: &Practice, terminal: bool) -> io::Result<ExitStatus> {
    let width = width();
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = io::stdout().lock();
    let mut right = 0;
    for (n, q) in practice.quiz.iter().enumerate() {
        writeln!(
            out,
            "{}",
            wrap(&q.question, width, "   ", &format!("{}. ", n + 1))
        )?;
        for (i, o) in q.option.iter().enumerate() {
            let letter = char::from(b'a' + u8::try_from(i).unwrap_or(25));
            writeln!(
                out,
                "{}",
                wrap(&o.text, width, "      ", &format!("   {letter}) "))
            )?;
        }
        if terminal {
            write!(
                out,
                "Your answer (a-{}): ",
                char::from(b'a' + u8::try_from(q.option.len().saturating_sub(1)).unwrap_or(25))
            )?;
        }
        out.flush()?;
        let picked = loop {
            let Some(line) = lines.next().transpose()? else {
                break None;
            };
            let t = line.trim().to_ascii_lowercase();
            if t.is_empty() {
                continue;
            }
            let index = t
                .bytes()
                .next()
                .filter(u8::is_ascii_lowercase)
                .map(|b| usize::from(b - b'a'))
                .filter(|i| *i < q.option.len());
            match index {
                Some(i) => break Some(i),
                None if terminal => write!(out, "A letter, please: ")?,
                None => break None,
            }
            out.flush()?;
        };
        let answer = practice::quiz::answer(q);
        match (picked, answer) {
            (Some(p), Some(a)) => {
                let o = &q.option[p];
                let verdict = if p == a { "Right" } else { "Not quite" };
                if p == a {
                    right += 1;
                }
                writeln!(
                    out,
                    "{}",
                    wrap(&o.why, width, "   ", &format!("   {verdict}: "))
                )?;
                if p != a {
                    let letter = char::from(b'a' + u8::try_from(a).unwrap_or(25));
                    writeln!(out, "   The answer is {letter}.")?;
                }
            }
            _ => writeln!(out, "   (no answer)")?,
        }
        writeln!(out, "{}", wrap(&q.explanation, width, "   ", "   "))?;
        writeln!(out)?;
    }
    writeln!(out, "{right} of {} right.", practice.quiz.len())?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_split_at_lines_holding_only_three_dashes() {
        let p = split_pieces("Situation: a --- b\n---\nreply one\r\n --- \nreply two\n---");
        assert_eq!(
            p,
            ["Situation: a --- b\n", "reply one\r\n", "reply two\n", ""]
        );
    }

    #[test]
    fn wrapping_keeps_words_whole_and_indents() {
        let w = wrap("one two three four", 12, "  ", "Q: ");
        assert_eq!(w, "Q: one two\n  three four");
    }
}
