//! Which `Content-Type` a JSON extractor accepts: `application/json`, or any
//! `application/…+json`, with any parameters.

use super::Rejection;
use crate::CommonError;

/// `Ok` for a JSON media type, else [`unsupported`]. `content_type` is the raw header, `None`
/// when absent.
pub(crate) fn require_json(content_type: Option<&[u8]>) -> Result<(), Rejection> {
    match content_type {
        Some(value) if is_json(value) => Ok(()),
        _ => Err(unsupported(content_type)),
    }
}

/// `Ok` for `application/x-www-form-urlencoded` (with any parameters), else 415.
#[cfg(feature = "axum")]
pub(crate) fn require_form(content_type: Option<&[u8]>) -> Result<(), Rejection> {
    let is_form = content_type
        .and_then(|value| std::str::from_utf8(value).ok())
        .is_some_and(|text| {
            let essence = text.split(';').next().unwrap_or_default().trim();
            essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if is_form {
        Ok(())
    } else {
        Err(unsupported_expecting(
            content_type,
            "application/x-www-form-urlencoded",
        ))
    }
}

/// 415 `unsupported_media_type`, the header's value (not a secret, and escaped) in the cause.
pub(crate) fn unsupported(content_type: Option<&[u8]>) -> Rejection {
    unsupported_expecting(content_type, "application/json")
}

/// 415 `unsupported_media_type` for an endpoint that takes `expected`.
fn unsupported_expecting(content_type: Option<&[u8]>, expected: &str) -> Rejection {
    let cause = match content_type {
        None => format!("no Content-Type; expected {expected}"),
        Some(value) => {
            let shown = String::from_utf8_lossy(value);
            format!("Content-Type {shown:?}; expected {expected}")
        }
    };
    Rejection::new(CommonError::UnsupportedMediaType, cause)
}

/// Whether a `Content-Type` value is `application/problem+json` (RFC 9457), ignoring case
/// and parameters.
pub(crate) fn is_problem_json(value: &[u8]) -> bool {
    std::str::from_utf8(value).is_ok_and(|text| {
        let essence = text.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/problem+json")
    })
}

/// Whether a `Content-Type` value names JSON, ignoring case and parameters.
pub(crate) fn is_json(value: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(value) else {
        return false;
    };
    let essence = text.split(';').next().unwrap_or_default().trim();
    essence.split_once('/').is_some_and(|(kind, subtype)| {
        kind.eq_ignore_ascii_case("application")
            && (subtype.eq_ignore_ascii_case("json")
                || subtype
                    .rsplit_once('+')
                    .is_some_and(|(_, suffix)| suffix.eq_ignore_ascii_case("json")))
    })
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn json_and_json_suffixes_with_any_parameters() {
        for value in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "application/vnd.api+json",
            "application/problem+JSON ;x=y",
        ] {
            assert!(is_json(value.as_bytes()), "{value}");
        }
        for value in [
            "text/plain",
            "application/jsonp",
            "json",
            "text/json",
            "application/x-www-form-urlencoded",
            "",
        ] {
            assert!(!is_json(value.as_bytes()), "{value}");
        }
        assert!(!is_json(b"application/\xffjson"));
    }
}
