//! The Markdown rendering of a catalogue, grouped as the guide's "Common Error Codes".

use std::fmt::Write as _;

use super::ErrorSpec;

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
        spec.message.unwrap_or("Not documented")
    } else {
        spec.description
    };
    let _ = write!(
        out,
        "\n### `{code}`\n\n- Status: {status}\n- Cause: {cause}\n- Solution: {solution}\n- Retry: {retry}",
        code = spec.code,
        status = spec.status,
        solution = spec.solution.unwrap_or("Not documented"),
        retry = spec.retry.advice(),
    );
    if let Some(seconds) = spec.retry_after {
        let _ = write!(out, " (Retry-After: {seconds} s)");
    }
    if let Some(challenge) = spec.www_authenticate {
        let _ = write!(out, "\n- Challenge: `WWW-Authenticate: {challenge}`");
    }
    out.push('\n');
}
