//! The corpus tripwire (Harper snapshots whole books): every fixture answer through the
//! whole pipeline, its report snapshotted as JSON. Any change in what fires on real
//! answers from any field, in a score, a verdict, a section or a probe, shows up here in
//! review, so a rule tuned for one answer cannot quietly change another.

use starlint::input::{Origin, Source};
use starlint::rubric::default_rubric;
use starlint::{check_answer, Context};

#[test]
fn every_fixture_answer() {
    let cx = Context::new(default_rubric().unwrap());
    let root = crate::common::root();
    insta::glob!(
        "../../fixtures",
        "{calibration,holdout,holdout2,seeds,stories}/*.md",
        |path| {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(path).unwrap();
            let src = Source::from_text(Origin(name), text).unwrap();
            let report = check_answer(&src, &cx);
            insta::assert_compact_json_snapshot!(report);
        }
    );
}
