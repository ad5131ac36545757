//! A value that does not fit the handler's type, and where it is: the `details` a client
//! reads (Django REST Framework's tree and words) and the cause the log gets (the place and
//! the kind of failure, never the value).

use super::Rejection;
use super::problem::{Got, Kind, Problem};
use crate::server::wording;
use crate::{CommonError, Details, NON_FIELD_ERRORS};

/// The part of the request that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// A JSON body: 400 `validation_error`.
    JsonBody,
    /// A query string: 400 `validation_error`.
    QueryString,
    /// A form body (`application/x-www-form-urlencoded`): 400 `validation_error`.
    #[cfg(feature = "axum")]
    FormBody,
    /// The path parameters: 404 `not_found`, since no resource has that name.
    PathParams,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Self::JsonBody => "JSON body",
            Self::QueryString => "query string",
            #[cfg(feature = "axum")]
            Self::FormBody => "form body",
            Self::PathParams => "path parameters",
        }
    }
}

/// The longest rejected choice a client is shown again, in bytes.
const MAX_QUOTED_CHOICE: usize = 64;

/// A value of `input` that does not fit, at `path`: keys from the outside in, list items as
/// their decimal index (`["items", "1", "amount"]`), empty when the framework gives none.
#[derive(Debug)]
pub(crate) struct Mismatch {
    input: Input,
    path: Vec<String>,
    problem: Problem,
}

impl Mismatch {
    pub(super) fn new(input: Input, path: Vec<String>, problem: Problem) -> Self {
        Self {
            input,
            path,
            problem,
        }
    }

    /// The value at `path` that serde refused with `message` (its text is read, not kept).
    pub(crate) fn from_message(input: Input, path: Vec<String>, message: &str) -> Self {
        Self::new(input, path, Problem::from_message(message))
    }

    /// A parameter that does not parse as the type serde calls `expected` (`u64`), as axum
    /// reports a path parameter.
    #[cfg(feature = "axum")]
    pub(crate) fn unparsable(input: Input, path: Vec<String>, expected: &str) -> Self {
        let problem = Problem::WrongType {
            expected: super::problem::Expected::from_serde(expected),
            got: Got::String,
        };
        Self::new(input, path, problem)
    }

    /// The rejection: the [`Input`]'s error, and the cause.
    pub(crate) fn into_rejection(self) -> Rejection {
        let error = match self.input {
            Input::PathParams => CommonError::NotFound,
            Input::JsonBody | Input::QueryString => CommonError::ValidationError(self.details()),
            #[cfg(feature = "axum")]
            Input::FormBody => CommonError::ValidationError(self.details()),
        };
        Rejection::new(error, self.cause())
    }

    /// The rejection of several values of one JSON body: every field's message in one
    /// tree, each cause in the log; then the rules `broken` on the values that fit (those
    /// at a path that did not fit are left out: that field reports its type only).
    pub(super) fn into_rejection_all(
        mismatches: &[Mismatch],
        broken: Option<Details>,
    ) -> Rejection {
        let mut details = Details::new();
        let mut causes = Vec::with_capacity(mismatches.len() + 1);
        for mismatch in mismatches {
            details.merge(mismatch.details());
            causes.push(mismatch.cause());
        }
        if let Some(broken) = broken {
            let typed: Vec<String> = details
                .flatten()
                .map(|(path, _)| path.to_string())
                .collect();
            let mut rules = Vec::new();
            for (path, messages) in broken.flatten() {
                let dotted = path.to_string();
                if typed.contains(&dotted) {
                    continue;
                }
                if let Some((last, outer)) = path.segments().split_last() {
                    let mut inner = Details::new();
                    for message in messages {
                        inner.push(*last, message.clone());
                    }
                    let tree = outer
                        .iter()
                        .rev()
                        .fold(inner, |inner, key| Details::new().with_nested(*key, inner));
                    details.merge(tree);
                }
                rules.push(dotted);
            }
            if !rules.is_empty() {
                causes.push(format!("validation failed at {}", rules.join(", ")));
            }
        }
        Rejection::new(CommonError::ValidationError(details), causes.join("; "))
    }

    /// The failing field: the path, then the field a field problem names (serde_json's
    /// position already ends at an unknown or repeated key).
    fn field(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.path.iter().map(String::as_str).collect();
        match &self.problem {
            Problem::Missing(field) => keys.push(field),
            Problem::Unknown(field) | Problem::Repeated(field)
                if keys.last() != Some(&field.as_str()) =>
            {
                keys.push(field);
            }
            _ => {}
        }
        keys
    }

    /// The tree with the one message, nested as DRF nests it: an object's own error (a
    /// string where a struct was wanted) under its `non_field_errors`, as is a whole body's.
    fn details(&self) -> Details {
        let mut keys = self.field();
        let object_error = matches!(
            &self.problem,
            Problem::WrongType { expected, got } if expected.kind == Kind::Object && *got != Got::Null
        );
        if object_error || keys.is_empty() {
            keys.push(NON_FIELD_ERRORS);
        }
        let Some((last, outer)) = keys.split_last() else {
            return Details::new();
        };
        outer
            .iter()
            .rev()
            .fold(Details::new().with(*last, self.message()), |inner, key| {
                Details::new().with_nested(*key, inner)
            })
    }

    /// What the client reads: one wording per kind of failure.
    fn message(&self) -> String {
        match &self.problem {
            Problem::Missing(_) => wording::REQUIRED.to_owned(),
            Problem::Unknown(_) => wording::UNKNOWN_FIELD.to_owned(),
            Problem::Repeated(_) => wording::REPEATED_FIELD.to_owned(),
            Problem::WrongType { got: Got::Null, .. } => wording::NULL.to_owned(),
            Problem::WrongType { expected, got } => wrong_type(&expected.kind, *got),
            Problem::OutOfRange { expected, below } => match (&expected.kind, below) {
                (
                    Kind::Integer {
                        range: Some((min, _)),
                    },
                    true,
                ) => wording::value_is(&format!("{} {min}", wording::AT_LEAST)),
                (
                    Kind::Integer {
                        range: Some((_, max)),
                    },
                    false,
                ) => wording::value_is(&format!("{} {max}", wording::AT_MOST)),
                _ => wording::NOT_AN_INTEGER.to_owned(),
            },
            // Quoted back as Django REST Framework does, but never under a secret-looking key,
            // and not when it is long enough to be something other than a mistyped choice.
            Problem::InvalidChoice { value, choices } => {
                let quoted = value.len() <= MAX_QUOTED_CHOICE
                    && !self.path.iter().any(|key| crate::is_sensitive_key(key));
                let sentence = if quoted {
                    wording::invalid_choice(value)
                } else {
                    wording::NOT_A_CHOICE.to_owned()
                };
                wording::with_choices(sentence, choices)
            }
            Problem::TooFew { needed, .. } => {
                wording::field_has_at_least(&wording::count(*needed, "element"))
            }
            Problem::Other => wording::INVALID.to_owned(),
        }
    }

    /// What the log reads: where, and what kind of failure, in this crate's words; serde's
    /// text quotes values, so none of it is kept.
    fn cause(&self) -> String {
        let what = match &self.problem {
            Problem::Missing(_) => "required field missing".to_owned(),
            Problem::Unknown(_) => "unknown field".to_owned(),
            Problem::Repeated(_) => "field given more than once".to_owned(),
            Problem::WrongType { expected, got } => {
                format!("expected {}, got {}", expected.name, got.json_name())
            }
            Problem::OutOfRange { expected, below } => {
                let side = if *below { "below" } else { "above" };
                format!("integer {side} the range of {}", expected.name)
            }
            Problem::InvalidChoice { .. } => "not one of the enum's variants".to_owned(),
            Problem::TooFew { expected, .. } => format!("fewer items than {}", expected.name),
            Problem::Other => "a value its type does not accept".to_owned(),
        };
        let field = self.field();
        if field.is_empty() {
            format!("{}: {what}", self.input.name())
        } else {
            format!("{} at {}: {what}", self.input.name(), field.join("."))
        }
    }
}

/// The message for a value of the wrong kind (never `null`).
fn wrong_type(expected: &Kind, got: Got) -> String {
    match expected {
        Kind::Integer { .. } => wording::NOT_AN_INTEGER.to_owned(),
        Kind::Number => wording::NOT_A_NUMBER.to_owned(),
        Kind::String => wording::NOT_A_STRING.to_owned(),
        Kind::Boolean => wording::NOT_A_BOOLEAN.to_owned(),
        Kind::List => wording::not_a_list(got.python_name()),
        Kind::Dict => wording::not_a_dict(got.python_name()),
        Kind::Object => wording::not_an_object(got.python_name()),
        Kind::Choice => wording::NOT_A_CHOICE.to_owned(),
        Kind::Other => wording::INVALID.to_owned(),
    }
}
