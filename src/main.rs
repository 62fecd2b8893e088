//! The `starlint` binary: everything lives in the library; this maps the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(starlint::cli::run().code())
}
