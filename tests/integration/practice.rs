//! `starlint practice` with piped input: the answer, then each reply, separated by lines
//! holding only `---` (contract), and `--quiz`.

use crate::common;

const ANSWER: &str =
    "Situation: I was the charge nurse on a 28-bed ward. Discharges were taking four hours \
and beds were blocked. It was pharmacy's process, not mine, and nobody had asked me.\n\
Action: I timed forty discharges. I found the wait came before pharmacy saw the prescription. \
I escalated it to the pharmacy manager and they fixed it.\n\
Result: Things got better and the team was happy.\n";

fn round(replies: &[&str], extra: &[&str]) -> common::Run {
    let mut input = String::from(ANSWER);
    for r in replies {
        input.push_str("---\n");
        input.push_str(r);
        input.push('\n');
    }
    let mut args = vec![
        "practice",
        "--lp",
        "ownership",
        "--question",
        "0",
        "--color",
        "never",
    ];
    args.extend_from_slice(extra);
    common::run(&args, Some(input.as_bytes()))
}

#[test]
fn a_piped_round_asks_each_follow_up_and_judges_each_reply() {
    let r = round(
        &[
            "I did escalate it - I sent them a Slack message and they handled it.",
            "I pulled the discharge times from the ward's electronic records for the four weeks before and after, and the median wait fell from 3.5 hours to 1.2.",
            "I would communicate more with pharmacy.",
        ],
        &["--field", "healthcare"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("Practice: Ownership, mid-level, healthcare\n"),
        "{out}"
    );
    assert!(out.contains("Question: Tell me about a time you fixed a problem that was outside your team or your role."));
    // The report, as check prints it, then the follow-ups in order.
    assert!(out.contains("Bar Raiser thinks:"), "{out}");
    let one = out
        .find("Follow-up 1 of 3: After you raised it with the people responsible")
        .expect("follow-up 1");
    let two = out
        .find("Follow-up 2 of 3: How would you show that this worked?")
        .expect("follow-up 2");
    let three = out.find("Follow-up 3 of 3:").expect("follow-up 3");
    assert!(one < two && two < three);
    let first = &out[one..two];
    assert!(first.contains("Weak: the problem was routed"), "{first}");
    assert!(
        first.contains("(“I did escalate it”)"),
        "the reply is quoted: {first}"
    );
    assert!(
        first.contains("Strong: I told the pharmacy lead"),
        "a healthcare example: {first}"
    );
    assert!(
        out[two..three].contains("Strong: you measured it yourself"),
        "{}",
        &out[two..three]
    );
    assert!(out[three..].contains("Weak: a generic lesson"));
    let summary = &out[out.find("\nSummary\n").expect("a summary")..];
    assert!(
        summary.contains("Follow-ups: 3 replies: 1 strong, 0 adequate, 2 weak."),
        "{summary}"
    );
    assert!(
        summary.contains("Work on: Ownership beyond raising the problem"),
        "{summary}"
    );
}

#[test]
fn missing_and_extra_replies_are_said_so() {
    let r = round(
        &["I rebuilt the discharge checklist myself and checked every discharge for two weeks."],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("  (no reply)"), "{}", r.stdout);
    assert!(r.stdout.contains("Follow-ups: 1 reply:"), "{}", r.stdout);
    let r = round(
        &["a reply", "b reply", "c reply", "d reply", "e reply"],
        &[],
    );
    assert!(
        r.stderr
            .contains("starlint: note: 2 more replies than there were follow-ups; not judged"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_and_empty_input_exit_2() {
    let r = common::run(&["practice", "--field", "nursing"], Some(b"x"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown field `nursing`"), "{}", r.stderr);
    let r = common::run(&["practice", "--lp", "ownershp"], Some(b"x"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `ownership`"),
        "{}",
        r.stderr
    );
    let r = common::run(&["practice"], Some(b"   \n---\nreply\n"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the answer: empty"), "{}", r.stderr);
    let r = common::run(&["practice", "--lp", "general"], Some(b"\xff\xfe"));
    assert_eq!(r.code, 2);
    // A one-word answer is still an answer to judge (no follow-ups are invented for it).
    let r = common::run(&["practice", "--question", "1"], Some(b"Yes."));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\nSummary\n"));
}

#[test]
fn the_quiz_takes_one_letter_a_line() {
    let r = common::run(&["practice", "--quiz"], Some(b"b\nz\n\nc\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("1. Which phrase best demonstrates ownership in the Action step?"),
        "{out}"
    );
    assert!(
        out.contains("   Right: First person, a specific action"),
        "{out}"
    );
    assert!(out.contains("(no answer)"), "a letter out of range: {out}");
    assert!(out.trim_end().ends_with("right."), "{out}");
}
