//! The `#[api(...)]` keys: one table of names, the places each may stand and the value each
//! takes. The parser, the "expected one of" lists, "given twice" and the transparent rule all
//! read it, so they cannot drift apart.

/// Every key of `#[api(...)]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Key {
    Status,
    Code,
    Message,
    Expose,
    Retry,
    RetryAfter,
    WwwAuthenticate,
    Solution,
    Transparent,
    CodeEnum,
    Crate,
    Details,
    Log,
    Meta,
    ProblemType,
    Alias,
    Exhaustive,
}

/// Where an `#[api(...)]` stands, which decides the keys it may hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Place {
    Enum,
    Variant,
    Struct,
    Field,
}

/// What a key describes, which decides the places it may stand.
#[derive(Clone, Copy)]
enum Subject {
    /// One error: a variant, or a struct (which is its own single variant).
    Error,
    /// One error, or on an enum the default of its variants.
    ErrorOrDefault,
    /// The type as a whole: an enum or a struct.
    Type,
    /// A field of an error.
    Field,
}

/// What a key's value is, as the error about a value of the wrong kind describes it.
#[derive(Clone, Copy)]
enum Takes {
    /// A flag: the key alone.
    Nothing,
    /// `key = value`, the value described as in "code takes a string".
    Value(&'static str),
    /// The key alone, or `key = value`: `meta`, or `meta = "invoice_id"`.
    FlagOrValue(&'static str),
}

/// One row of the table.
struct Spec {
    name: &'static str,
    subject: Subject,
    takes: Takes,
    example: &'static str,
}

impl Key {
    /// Every key, in the order the "expected one of" lists show them.
    pub(crate) const ALL: [Key; 17] = [
        Key::Status,
        Key::Code,
        Key::Message,
        Key::Expose,
        Key::Retry,
        Key::RetryAfter,
        Key::WwwAuthenticate,
        Key::Solution,
        Key::Transparent,
        Key::CodeEnum,
        Key::Crate,
        Key::Details,
        Key::Log,
        Key::Meta,
        Key::ProblemType,
        Key::Alias,
        Key::Exhaustive,
    ];

    /// The table: one arm per key, and no wildcard, so a new key must fill in its row.
    const fn spec(self) -> Spec {
        const fn row(
            name: &'static str,
            subject: Subject,
            takes: Takes,
            example: &'static str,
        ) -> Spec {
            Spec {
                name,
                subject,
                takes,
                example,
            }
        }
        const STRING: Takes = Takes::Value("a string");
        use Subject::{Error, ErrorOrDefault, Field, Type};
        use Takes::{FlagOrValue, Nothing, Value};
        match self {
            Key::Status => row(
                "status",
                ErrorOrDefault,
                Value("a number from 400 to 599 or an http::StatusCode constant"),
                "status = NOT_FOUND",
            ),
            Key::Code => row("code", Error, STRING, r#"code = "permission_denied""#),
            Key::Message => row(
                "message",
                Error,
                STRING,
                r#"message = "Invoice {0} not found""#,
            ),
            Key::Expose => row("expose", Error, Nothing, "expose"),
            Key::Retry => row(
                "retry",
                Error,
                Value("a retry class as a string"),
                r#"retry = "already_exists""#,
            ),
            Key::RetryAfter => row(
                "retry_after",
                Error,
                Value("whole seconds as a number"),
                "retry_after = 30",
            ),
            Key::WwwAuthenticate => row(
                "www_authenticate",
                ErrorOrDefault,
                Value("the whole header value as a string"),
                r#"www_authenticate = "Bearer realm=\"api\"""#,
            ),
            Key::Solution => row(
                "solution",
                Error,
                STRING,
                r#"solution = "Refresh the token""#,
            ),
            Key::Transparent => row("transparent", Error, Nothing, "transparent"),
            Key::CodeEnum => row(
                "code_enum",
                Type,
                Value("the code enum's name, without quotes"),
                "code_enum = PlatformErrorCode",
            ),
            Key::Crate => row(
                "crate",
                Type,
                Value("the path of the error-contract crate"),
                "crate = facade::contract",
            ),
            Key::Details => row("details", Field, Nothing, "details"),
            Key::Log => row(
                "log",
                ErrorOrDefault,
                Value("a log level as a string"),
                r#"log = "warn""#,
            ),
            Key::Meta => row(
                "meta",
                Field,
                FlagOrValue("its key in `meta` as a string"),
                r#"meta = "invoice_id""#,
            ),
            Key::ProblemType => row(
                "problem_type",
                Type,
                Value("a URI as a string, `{code}` standing for each code"),
                r#"problem_type = "https://docs.example.com/errors/{code}""#,
            ),
            Key::Alias => row(
                "alias",
                Error,
                Value("a former code as a string (repeat the key for more)"),
                r#"alias = "old_code""#,
            ),
            Key::Exhaustive => row("exhaustive", Type, Nothing, "exhaustive"),
        }
    }

    pub(crate) const fn name(self) -> &'static str {
        self.spec().name
    }

    /// The key with a value, as a user writes it: quoted by the errors about a wrong value,
    /// and parsed at every place by the tests.
    pub(crate) const fn example(self) -> &'static str {
        self.spec().example
    }

    /// The error for a value missing or of the wrong kind: what the key takes, and how to
    /// write it.
    pub(crate) fn wrong_value_message(self) -> String {
        let Spec {
            name,
            takes,
            example,
            ..
        } = self.spec();
        match takes {
            Takes::Nothing => format!("`{name}` takes no value: write `{example}`"),
            Takes::Value(what) => format!("{name} takes {what}, such as `{example}`"),
            Takes::FlagOrValue(what) => {
                format!("{name} takes nothing or {what}: write `{name}` or `{example}`")
            }
        }
    }

    /// Whether the key is a flag, written alone.
    pub(crate) const fn is_flag(self) -> bool {
        matches!(self.spec().takes, Takes::Nothing)
    }

    pub(crate) const fn allowed_on(self, place: Place) -> bool {
        match self.spec().subject {
            Subject::Error => matches!(place, Place::Variant | Place::Struct),
            Subject::ErrorOrDefault => {
                matches!(place, Place::Enum | Place::Variant | Place::Struct)
            }
            Subject::Type => matches!(place, Place::Enum | Place::Struct),
            Subject::Field => matches!(place, Place::Field),
        }
    }

    /// Whether `transparent` excludes this key: the variant forwards what it would set.
    pub(crate) const fn forwarded_by_transparent(self) -> bool {
        !matches!(self, Key::Transparent) && self.allowed_on(Place::Variant)
    }

    /// The key `path` names, if it may stand at `place`.
    pub(crate) fn at(place: Place, path: &syn::Path) -> Option<Key> {
        Key::ALL
            .into_iter()
            .find(|key| key.allowed_on(place) && path.is_ident(key.name()))
    }
}

// `ALL` lists each key once, in declaration order (checked when the crate compiles).
const _: () = {
    let mut index = 0;
    while index < Key::ALL.len() {
        assert!(Key::ALL[index] as usize == index);
        index += 1;
    }
};

impl Place {
    /// The error for a key that may not stand here, listing the keys that may.
    pub(crate) fn unknown_key_message(self) -> String {
        let mut names = String::new();
        let mut count = 0;
        for key in Key::ALL.into_iter().filter(|key| key.allowed_on(self)) {
            if count > 0 {
                names.push_str(", ");
            }
            names.push_str(key.name());
            count += 1;
        }
        let expected = if count == 1 {
            format!("expected: {names}")
        } else {
            format!("expected one of: {names}")
        };
        let (place, hint) = match self {
            Place::Enum => (
                "an enum",
                format!(
                    " (keys such as `{}` or `{}` go on a variant)",
                    Key::Code.name(),
                    Key::Message.name()
                ),
            ),
            Place::Variant => ("a variant", String::new()),
            Place::Struct => ("a struct", String::new()),
            Place::Field => ("a field", String::new()),
        };
        format!("unknown key in #[api(...)] on {place}; {expected}{hint}")
    }
}

#[cfg(test)]
mod tests {
    use super::{Key, Place};

    #[test]
    fn what_a_wrong_value_is_told() {
        let messages: Vec<String> = Key::ALL.into_iter().map(Key::wrong_value_message).collect();
        assert_eq!(
            messages,
            [
                "status takes a number from 400 to 599 or an http::StatusCode constant, such as \
                 `status = NOT_FOUND`",
                r#"code takes a string, such as `code = "permission_denied"`"#,
                r#"message takes a string, such as `message = "Invoice {0} not found"`"#,
                "`expose` takes no value: write `expose`",
                r#"retry takes a retry class as a string, such as `retry = "already_exists"`"#,
                "retry_after takes whole seconds as a number, such as `retry_after = 30`",
                r#"www_authenticate takes the whole header value as a string, such as `www_authenticate = "Bearer realm=\"api\""`"#,
                r#"solution takes a string, such as `solution = "Refresh the token"`"#,
                "`transparent` takes no value: write `transparent`",
                "code_enum takes the code enum's name, without quotes, such as \
                 `code_enum = PlatformErrorCode`",
                "crate takes the path of the error-contract crate, such as \
                 `crate = facade::contract`",
                "`details` takes no value: write `details`",
                r#"log takes a log level as a string, such as `log = "warn"`"#,
                r#"meta takes nothing or its key in `meta` as a string: write `meta` or `meta = "invoice_id"`"#,
                r#"problem_type takes a URI as a string, `{code}` standing for each code, such as `problem_type = "https://docs.example.com/errors/{code}"`"#,
                r#"alias takes a former code as a string (repeat the key for more), such as `alias = "old_code"`"#,
                "`exhaustive` takes no value: write `exhaustive`",
            ]
        );
    }

    #[test]
    fn the_lists_users_see() {
        assert_eq!(
            Place::Enum.unknown_key_message(),
            "unknown key in #[api(...)] on an enum; expected one of: status, www_authenticate, \
             code_enum, crate, log, problem_type, exhaustive (keys such as `code` or `message` go on a \
             variant)"
        );
        assert_eq!(
            Place::Variant.unknown_key_message(),
            "unknown key in #[api(...)] on a variant; expected one of: status, code, message, expose, \
             retry, retry_after, www_authenticate, solution, transparent, log, alias"
        );
        assert_eq!(
            Place::Struct.unknown_key_message(),
            "unknown key in #[api(...)] on a struct; expected one of: status, code, message, expose, \
             retry, retry_after, www_authenticate, solution, transparent, code_enum, crate, log, \
             problem_type, alias, exhaustive"
        );
        assert_eq!(
            Place::Field.unknown_key_message(),
            "unknown key in #[api(...)] on a field; expected one of: details, meta"
        );
    }
}
