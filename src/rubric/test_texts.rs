//! Real texts for the rubric's tests: every fixture answer and story in the repository.

/// Every `.md` and `.txt` file under `fixtures/`, read whole.
pub(crate) fn fixture_texts() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "md" || x == "txt") {
                out.extend(std::fs::read_to_string(&path).ok());
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out
}
