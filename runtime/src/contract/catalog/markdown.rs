//! The Markdown rendering of a catalogue, grouped as the guide's "Common Error Codes".

use std::fmt::Write as _;

use super::{ErrorSpec, MetaSpec};

/// A heading and the statuses it takes.
type Group = (&'static str, fn(u16) -> bool);

/// The guide's groups, in its order.
const GROUPS: [Group; 7] = [
    ("Authentication Errors", |status| status == 401),
    ("Authorization Errors", |status| status == 403),
    ("Validation Errors", |status| matches!(status, 400 | 422)),
    ("Resource Errors", |status| {
        matches!(status, 404 | 409 | 410)
    }),
    ("Rate Limiting Errors", |status| status == 429),
    ("Client Errors", |status| {
        (400..500).contains(&status)
            && !matches!(status, 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429)
    }),
    ("Server Errors", |status| status >= 500),
];

pub(super) fn render(specs: &[ErrorSpec]) -> String {
    let mut out = String::from("# Error codes\n");
    for (title, holds) in GROUPS {
        let mut members = specs.iter().filter(|spec| holds(spec.status)).peekable();
        if members.peek().is_none() {
            continue;
        }
        let _ = write!(out, "\n## {title}\n");
        for spec in members {
            write_spec(&mut out, spec);
        }
    }
    out
}

fn write_spec(out: &mut String, spec: &ErrorSpec) {
    let cause = if spec.description.is_empty() {
        spec.message.as_deref().unwrap_or("Not documented")
    } else {
        &spec.description
    };
    let _ = write!(
        out,
        "\n### `{code}`\n\n- Status: {status}\n- Cause: {cause}\n- Solution: {solution}\n- Retry: {retry}",
        code = spec.code,
        status = spec.status,
        solution = spec.solution.as_deref().unwrap_or("Not documented"),
        retry = spec.retry.advice(),
    );
    if let Some(seconds) = spec.retry_after {
        let _ = write!(out, " (Retry-After: {seconds} s)");
    }
    if let Some(challenge) = &spec.www_authenticate {
        let _ = write!(out, "\n- Challenge: `WWW-Authenticate: {challenge}`");
    }
    write_meta(out, &spec.meta);
    out.push('\n');
}

/// The Meta line, the keys of `"meta"` each with its JSON type when it is known, "or null"
/// when its value may be `null` (``- Meta: `external_id` (string), `note` (string or null),
/// `owner` ``); nothing for a code without meta. A key whose type is not known says nothing
/// of `null`: its value may be anything.
fn write_meta(out: &mut String, meta: &[MetaSpec]) {
    for (index, field) in meta.iter().enumerate() {
        out.push_str(if index == 0 { "\n- Meta: " } else { ", " });
        let _ = write!(out, "`{}`", field.name);
        if let Some(json_type) = field.json_type {
            let or_null = if field.nullable { " or null" } else { "" };
            let _ = write!(out, " ({json_type}{or_null})");
        }
    }
}
