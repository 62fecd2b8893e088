//! Integration tests: one test binary (ripgrep's layout) that drives the real `starlint`
//! binary through `std::process::Command` and reads the library where a test needs to.
//! Each module covers one area; `common` holds the helpers they share.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod batch;
mod cohort;
mod common;
mod config;
mod corpus;
mod docs;
mod faults;
mod fields;
mod fixtures;
mod formats;
mod habits;
mod hostile_rubrics;
mod human;
mod practice;
mod probes;
mod properties;
mod props;
mod robust;
mod rubric;
mod rules;
mod seed_lines;
mod serve;
mod snapshots;
