//! `sarif`: one SARIF 2.1.0 log, for code-scanning dashboards and editor viewers.
//!
//! Hand-written serde structs, as ruff does: the dozen objects starlint fills are easier
//! to read here than a crate covering the whole standard. The log is streamed: its head
//! (the tool and its rules) goes out with the first answer and each result as its answer
//! arrives, while the artifacts and notifications, which SARIF lists beside the results,
//! wait in a [`Spill`] (memory, then an anonymous temporary file) until `finish`. So
//! memory stays flat however many answers there are; the log reads as one result, one
//! artifact, one notification per line.
//! The driver lists every rule of the rubric (so `ruleIndex` is the rule's position in
//! the rubric), columns count Unicode code points as the contract's columns do
//! (`columnKind`), and the end of each region comes from the answer's text through one
//! `LineIndex` per answer. Each answer is an artifact carrying its verdict; an answer that
//! could not be read is a tool-execution notification and makes the run unsuccessful.

use super::location::{self, Region};
use super::spill::Spill;
use super::Emitter;
use crate::report::{AnswerReport, Severity, Summary};
use crate::rubric::{CompiledRubric, Rule};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// The schema URI written in `$schema`.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Artifacts whose URIs are remembered, so that an answer named twice is one artifact;
/// past this many, a repeated URI gets an artifact of its own (memory stays bounded).
const REMEMBERED_URIS: usize = 1_000_000;

/// Indentation of the elements of `results` and `artifacts`.
const ITEM: &str = "\n        ";

/// Indentation of the elements of `toolExecutionNotifications`.
const NOTE: &str = "\n            ";

/// The SARIF emitter.
#[derive(Debug)]
pub struct SarifEmitter {
    rules: Vec<ReportingDescriptor>,
    /// Rule code → index in `rules`.
    rule_index: HashMap<String, usize>,
    cwd: Option<PathBuf>,
    /// The log's head has been written.
    started: bool,
    results: usize,
    artifacts: Spill,
    artifact_count: usize,
    /// A hash of each artifact URI → its index in `artifacts`.
    artifact_index: HashMap<u64, usize>,
    notifications: Spill,
}

impl SarifEmitter {
    /// An emitter listing `rubric`'s rules, resolving paths against the working directory.
    pub fn new(rubric: &CompiledRubric) -> SarifEmitter {
        SarifEmitter::with_cwd(rubric, std::env::current_dir().ok())
    }

    /// An emitter resolving paths against `cwd` (`None`: keep relative paths, and write
    /// absolute ones as `file://` URIs).
    pub fn with_cwd(rubric: &CompiledRubric, cwd: Option<PathBuf>) -> SarifEmitter {
        let rules: Vec<ReportingDescriptor> = rubric.rules.iter().map(descriptor).collect();
        let rule_index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        SarifEmitter {
            rules,
            rule_index,
            cwd,
            started: false,
            results: 0,
            artifacts: Spill::new(),
            artifact_count: 0,
            artifact_index: HashMap::new(),
            notifications: Spill::new(),
        }
    }

    /// The artifact for `report`, added on first sight; returns its location.
    fn artifact(&mut self, report: &AnswerReport) -> io::Result<ArtifactLocation> {
        use std::hash::BuildHasher;
        let uri = location::artifact_uri(&report.source, self.cwd.as_deref());
        let key = rustc_hash::FxBuildHasher.hash_one(&uri);
        if let Some(&index) = self.artifact_index.get(&key) {
            return Ok(ArtifactLocation {
                uri,
                index: Some(index),
            });
        }
        let index = self.artifact_count;
        let artifact = Artifact {
            location: ArtifactLocation {
                uri: uri.clone(),
                index: None,
            },
            properties: ArtifactProperties {
                source: report.source.to_string(),
                lp: report.lp.id(),
                level: report.level.id(),
                verdict: report.verdict.map(|v| v.id()),
                score: report.score,
                bar_raiser: report.bar_raiser.clone(),
                error: report.error.clone(),
            },
        };
        push_item(&mut self.artifacts, ITEM, index == 0, &artifact)?;
        self.artifact_count += 1;
        if self.artifact_index.len() < REMEMBERED_URIS {
            self.artifact_index.insert(key, index);
        }
        Ok(ArtifactLocation {
            uri,
            index: Some(index),
        })
    }

    /// The log up to the opening of `results`, written once.
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let tool = Tool {
            driver: Driver {
                name: "starlint",
                version: env!("CARGO_PKG_VERSION"),
                rules: &self.rules,
            },
        };
        let tool = serde_json::to_string_pretty(&tool).map_err(io::Error::other)?;
        let schema = serde_json::to_string(SCHEMA).map_err(io::Error::other)?;
        write!(
            w,
            "{{\n  \"$schema\": {schema},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
             \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            tool.replace('\n', "\n      ")
        )
    }
}

/// One array element on a line of its own (`indent` is a newline and spaces), after a
/// comma unless it is the first.
fn item(w: &mut dyn Write, indent: &str, first: bool, value: &impl Serialize) -> io::Result<()> {
    if !first {
        w.write_all(b",")?;
    }
    w.write_all(indent.as_bytes())?;
    serde_json::to_writer(&mut *w, value).map_err(io::Error::other)
}

/// [`item`], into a spill.
fn push_item(
    spill: &mut Spill,
    indent: &str,
    first: bool,
    value: &impl Serialize,
) -> io::Result<()> {
    let mut buf = Vec::new();
    item(&mut buf, indent, first, value)?;
    spill.push(&buf)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A message or help template as a rule description: `{section}` becomes the rule's own
/// section when it has one, and every other `{placeholder}` an ellipsis, since only a
/// finding knows what fills it (`“{match}” hides what you did` → `“…” hides what you did`).
pub fn tidy_template(template: &str, rule: &Rule) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        let key = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push('{');
            rest = &rest[open + 1..];
            continue;
        }
        match (key, rule.section) {
            ("section", Some(s)) => out.push_str(s.human()),
            _ => out.push('…'),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let text = |s: &str| {
        (!s.trim().is_empty()).then(|| Message {
            text: tidy_template(s, rule),
        })
    };
    let mut tags: Vec<String> = vec![rule
        .section
        .map_or_else(|| "answer".to_string(), |s| s.id().to_string())];
    tags.extend(rule.lps.iter().map(|lp| format!("lp:{}", lp.id())));
    ReportingDescriptor {
        id: rule.code.clone(),
        name: rule.name.clone(),
        short_description: text(&rule.message),
        full_description: text(&rule.why),
        help: text(&rule.help),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            section: rule.section.map(|s| s.id()),
            tags,
        },
    }
}

impl Emitter for SarifEmitter {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        self.start(w)?;
        let artifact = self.artifact(report)?;
        if let Some(reason) = &report.error {
            let note = Notification {
                level: "error",
                message: Message {
                    text: reason.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact,
                        region: None,
                    },
                }],
            };
            let first = self.notifications.is_empty();
            return push_item(&mut self.notifications, NOTE, first, &note);
        }
        for (f, region) in report.findings.iter().zip(location::regions(report)) {
            let Region {
                start_line,
                start_column,
                end_line,
                end_column,
            } = region;
            let result = SarifResult {
                rule_id: f.code.clone(),
                rule_index: self.rule_index.get(&f.code).copied(),
                level: level(f.severity),
                message: Message {
                    text: f.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: Some(SarifRegion {
                            start_line,
                            start_column,
                            end_line,
                            end_column,
                        }),
                    },
                }],
                properties: ResultProperties {
                    name: f.name.clone(),
                    section: f.section.map(|s| s.id()),
                    help: f.help.clone(),
                },
            };
            item(w, ITEM, self.results == 0, &result)?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(w)?;
        let close =
            |w: &mut dyn Write, empty: bool| w.write_all(if empty { b"]" } else { b"\n      ]" });
        close(w, self.results == 0)?;
        w.write_all(b",\n      \"artifacts\": [")?;
        let no_artifacts = self.artifacts.is_empty();
        self.artifacts.drain_into(w)?;
        close(w, no_artifacts)?;
        let successful = self.notifications.is_empty();
        write!(
            w,
            ",\n      \"invocations\": [\n        {{\n          \"executionSuccessful\": \
             {successful},\n          \"toolExecutionNotifications\": ["
        )?;
        self.notifications.drain_into(w)?;
        w.write_all(if successful { b"]" } else { b"\n          ]" })?;
        w.write_all(b"\n        }\n      ]\n    }\n  ]\n}\n")
    }
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: &'a [ReportingDescriptor],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Message>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
struct RuleProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'static str>,
    tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Message {
    text: String,
}

#[derive(Debug, Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Debug, Serialize)]
struct Artifact {
    location: ArtifactLocation,
    properties: ArtifactProperties,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactProperties {
    source: String,
    lp: &'static str,
    level: &'static str,
    verdict: Option<&'static str>,
    score: Option<crate::ids::Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bar_raiser: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    properties: ResultProperties,
}

#[derive(Debug, Serialize)]
struct ResultProperties {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'static str>,
    help: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;
    use crate::report::Summary;
    use serde_json::Value;

    fn render(reports: &[AnswerReport], rubric: &CompiledRubric) -> String {
        let mut e = SarifEmitter::with_cwd(rubric, Some(PathBuf::from("/work/repo")));
        let mut out = Vec::new();
        for r in reports {
            e.answer(&mut out, r).unwrap();
        }
        if reports.iter().any(|r| !r.findings.is_empty()) {
            // Streamed: the results are out before the run ends.
            assert!(String::from_utf8_lossy(&out).contains("\"ruleId\""));
        }
        e.finish(&mut out, &Summary::of(reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every schema violation in `log`, checked against the official schema copied into
    /// `fixtures/schemas/`, string formats (such as `uri-reference`) included.
    fn schema_errors(log: &Value) -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/schemas/sarif-2.1.0.json"
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        validator
            .iter_errors(log)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect()
    }

    fn assert_valid_sarif(log: &Value) {
        let errors = schema_errors(log);
        assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    }

    #[test]
    fn the_schema_check_catches_broken_logs() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let good: Value = serde_json::from_str(&render(&reports, &rubric)).unwrap();
        let mut bad_level = good.clone();
        bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!schema_errors(&bad_level).is_empty());
        let mut bad_uri = good.clone();
        bad_uri["runs"][0]["artifacts"][0]["location"]["uri"] = "café rota, v2.md".into();
        assert!(!schema_errors(&bad_uri).is_empty());
        let mut bad_line = good;
        bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
            ["startLine"] = 0.into();
        assert!(!schema_errors(&bad_line).is_empty());
    }

    #[test]
    fn snapshot_and_schema() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let out = render(&reports, &rubric);
        insta::assert_snapshot!(out);
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_valid_sarif(&log);

        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 5);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 5);
        for r in results {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(run["tool"]["driver"]["rules"][i]["id"], r["ruleId"]);
        }
        // The "we" after multi-byte letters on the line after a CRLF.
        let we = &results[1]["locations"][0]["physicalLocation"];
        assert_eq!(
            we["artifactLocation"]["uri"],
            "stories/caf%C3%A9%20rota%2C%20v2.md"
        );
        assert_eq!(we["region"]["startLine"], 2);
        assert_eq!(we["region"]["startColumn"], 26);
        assert_eq!(we["region"]["endColumn"], 28);
        // The empty span ends where it starts.
        let empty = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(empty["startColumn"], empty["endColumn"]);
        assert_eq!(empty["startLine"], empty["endLine"]);
        // The Result across two lines.
        let result = &results[3]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&result["startLine"], &result["endLine"]),
            (&3.into(), &4.into())
        );
        // The unreadable answer is a notification and the run did not succeed.
        let inv = &run["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false);
        let note = &inv["toolExecutionNotifications"][0];
        assert_eq!(note["message"]["text"], "binary");
        assert_eq!(
            note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "stories/binary.md"
        );
    }

    #[test]
    fn stdin_absolute_paths_and_no_answers() {
        let rubric = testdata::rubric();
        let mut reports = testdata::reports(&rubric);
        reports[0].source = location::STDIN_SOURCE.into();
        reports[1].source = "/elsewhere/gone.md".into();
        let log: Value = serde_json::from_str(&render(&reports, &rubric)).unwrap();
        assert_valid_sarif(&log);
        let run = &log["runs"][0];
        assert_eq!(run["artifacts"][0]["location"]["uri"], "stdin");
        assert_eq!(
            run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "stdin"
        );
        assert_eq!(
            run["artifacts"][1]["location"]["uri"],
            "file:///elsewhere/gone.md"
        );

        let empty: Value = serde_json::from_str(&render(&[], &rubric)).unwrap();
        assert_valid_sarif(&empty);
        assert_eq!(
            empty["runs"][0]["invocations"][0]["executionSuccessful"],
            true
        );
        assert_eq!(empty["runs"][0]["results"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn templates_lose_their_placeholders() {
        let rubric = testdata::rubric();
        let result = &rubric.rules[3];
        let whole = &rubric.rules[0];
        assert_eq!(
            tidy_template("“{match}” hides what you did", result),
            "“…” hides what you did"
        );
        assert_eq!(
            tidy_template("the {section} runs {seconds} s, not {target} s", result),
            "the Result runs … s, not … s"
        );
        assert_eq!(
            tidy_template("no {missing} in the {section}", whole),
            "no … in the …"
        );
        assert_eq!(
            tidy_template("odd {brace and {}", whole),
            "odd {brace and {}"
        );
    }
}
