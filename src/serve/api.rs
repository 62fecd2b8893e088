//! The contract's API handlers: `/api/check` and the ids the page's pickers offer
//! (`/api/rules` is built once at start; `/healthz` is a constant).

use super::check::{check_document, CheckRequest};
use super::http::{self, Resp};
use super::App;
use crate::field::FIELDS;
use crate::ids::{Level, Lp};
use hyper::StatusCode;
use serde::Serialize;

/// `POST /api/check`.
pub fn check(app: &App, body: &[u8]) -> Resp {
    let req = match CheckRequest::parse(body) {
        Ok(r) => r,
        Err(e) => return http::error(StatusCode::BAD_REQUEST, &e),
    };
    match check_document(&app.cx, &req) {
        Ok(doc) => http::json(doc),
        Err(e) => http::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("could not write the report: {e}"),
        ),
    }
}

#[derive(Serialize)]
struct Named {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Ids {
    lps: Vec<Named>,
    levels: Vec<Named>,
    fields: Vec<Named>,
}

/// `GET /api/ids`: the LPs, levels and fields, with the names people read.
pub fn ids() -> Resp {
    let lps = Lp::ALL
        .iter()
        .map(|l| Named {
            id: l.id(),
            name: l.human(),
        })
        .collect();
    // The page offers levels in plain words (`mid` is read as `sde2`), so a nurse never
    // sees "SDE2"; reports name the level as it was given (contract).
    let levels = Level::ALL
        .iter()
        .map(|l| Named {
            id: match l {
                Level::Sde1 => "junior",
                Level::Sde2 => "mid",
                Level::Senior => "senior",
            },
            name: match l {
                Level::Sde1 => "Junior",
                Level::Sde2 => "Mid-level",
                Level::Senior => "Senior",
            },
        })
        .collect();
    let fields = FIELDS
        .iter()
        .map(|f| Named {
            id: f,
            name: field_name(f),
        })
        .collect();
    http::json_value(&Ids {
        lps,
        levels,
        fields,
    })
}

fn field_name(id: &str) -> &'static str {
    match id {
        "software" => "Software",
        "healthcare" => "Healthcare",
        "education" => "Education",
        "retail" => "Retail",
        "logistics" => "Logistics",
        "hospitality" => "Hospitality",
        "finance" => "Finance",
        "public-service" => "Public service",
        "manufacturing" => "Manufacturing",
        "military" => "Military",
        "student" => "Student",
        _ => "General",
    }
}
