//! Fuzz the whole pipeline from raw bytes: decode (BOMs, NULs, invalid UTF-8), front
//! matter, segmentation, every rule, suppression, scoring, and both the JSON and the human
//! renderings. Any panic is a bug (the contract: never a panic, whatever the input); the
//! report's invariants are asserted too, so a silent wrong result fails as loudly: spans
//! inside the text on character boundaries, sections disjoint and in text order, and each
//! finding's line and column those of its start.
//!
//! The first byte picks the level and the LP, so every profile is explored.

#![no_main]

use libfuzzer_sys::fuzz_target;
use starlint::ids::{Level, Lp};
use starlint::input::{decode, Origin, Source};
use starlint::render::human::{HumanEmitter, HumanOptions};
use starlint::render::Emitter;
use starlint::Context;
use std::sync::OnceLock;

fn context() -> &'static Context {
    static CX: OnceLock<Context> = OnceLock::new();
    CX.get_or_init(|| Context::new(starlint::rubric::default_rubric().expect("default rubric")))
}

fn line_col(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let breaks =
        before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count();
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count();
    ((breaks + 1) as u32, (column + 1) as u32)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = decode(bytes.to_vec()) else {
        return;
    };
    let Ok(src) = Source::from_text(Origin("fuzz".into()), text) else {
        return;
    };
    let mut cx = context().clone();
    cx.flag_level = Some(Level::ALL[usize::from(pick) % Level::ALL.len()]);
    cx.flag_lp = Some(Lp::ALL[usize::from(pick / 3) % Lp::ALL.len()]);
    let report = starlint::check_answer(&src, &cx);
    let text = src.text.as_str();
    assert!(report.verdict.is_some());
    let mut last_end = 0;
    for s in &report.sections {
        assert!(s.start <= s.end && s.end as usize <= text.len());
        assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
        assert!(s.start >= last_end, "sections overlap: {:?}", report.sections);
        last_end = s.end;
    }
    for f in &report.findings {
        let (start, end) = (f.span.start as usize, f.span.end as usize);
        assert!(start <= end && end <= text.len(), "{f:?}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{f:?}");
        assert_eq!((f.span.line, f.span.column), line_col(text, start), "{f:?}");
    }
    serde_json::to_vec(&report).expect("report serialises");
    let mut out = Vec::new();
    let mut human = HumanEmitter::new(HumanOptions::default(), &cx.rubric);
    human.answer(&mut out, &report).expect("human render");
});
