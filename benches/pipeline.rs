//! placeholder (criterion benches come later; `harness = false` needs a `main`)

fn main() {}
