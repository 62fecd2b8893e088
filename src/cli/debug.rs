//! `starlint debug FILE` (hidden): what the segmenter saw, as Harper's `spans` shows what
//! its tokenizer saw. Each sentence is printed with the section it landed in and the cue
//! evidence it carried for each section, so a mis-segmented answer can be diagnosed from
//! the rubric's cue lists rather than by guessing.

use super::{error_line, load_rubric, ExitStatus};
use crate::ids::SectionKind;
use crate::input::{self, Origin, Source};
use std::io::{self, Write};
use std::path::Path;

/// Print every sentence of `path` with its section and evidence.
pub fn segments(path: &Path) -> io::Result<ExitStatus> {
    let Some(rubric) = load_rubric(None) else {
        return Ok(ExitStatus::Error);
    };
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        input::read_limited(io::stdin().lock())
    } else {
        input::read_file(path)
    };
    let src = match bytes
        .and_then(input::decode)
        .and_then(|t| Source::from_text(Origin(name.clone()), t))
    {
        Ok(s) => s,
        Err(e) => {
            error_line(&format!("{name}: {e}"));
            return Ok(ExitStatus::Error);
        }
    };
    let hay = crate::matcher::Haystack::new(&src.text);
    let hits = rubric.scan(&hay, src.body).hits;
    let doc = crate::segment::document(&src.text, src.body, &rubric, &hits);
    let ev = crate::segment::cue_scores(&src.text, &doc.sentences, &hits);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "evidence columns: S T A R L (situation, task, action, result, reflection)"
    )?;
    for (sentence, e) in doc.sentences.iter().zip(&ev) {
        let section = doc.section_at(sentence.start);
        let tag = section.map_or_else(
            || "-".to_string(),
            |s| format!("{}{}", s.kind.id(), if s.labelled { "" } else { "?" }),
        );
        let text: String = sentence.slice(&src.text).chars().take(90).collect();
        let text = text.replace(['\n', '\r'], " ");
        writeln!(
            out,
            "{tag:<12} {:>4.1} {:>4.1} {:>4.1} {:>4.1} {:>4.1}  {text}",
            e[0], e[1], e[2], e[3], e[4]
        )?;
    }
    for kind in SectionKind::ALL {
        if doc.section(*kind).is_none() {
            writeln!(out, "missing: {}", kind.id())?;
        }
    }
    let (_, story) = crate::story::read_document(&doc, &rubric.lexicon);
    writeln!(
        out,
        "story: {} own actions ({} with a concrete object), {} different concrete nouns",
        story.actions.len(),
        story.concrete_actions().count(),
        story.nouns.distinct()
    )?;
    writeln!(
        out,
        "also: {} concrete details after own verbs, {} actions of others, {} of \"we\", {} habits, {} hypotheticals, {} present-tense statements; {} words, {} past clauses",
        story.actions.iter().map(|a| u32::from(a.details)).sum::<u32>(),
        story.others_actions.len(),
        story.we_actions.len(),
        story.habitual.len(),
        story.hypothetical.len(),
        story.present.len(),
        story.words,
        story.past_clauses.len()
    )?;
    Ok(ExitStatus::Success)
}
