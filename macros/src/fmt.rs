//! `message = "…"` templates: thiserror-style placeholders over a variant's fields.

use syn::{Ident, LitStr, Member};

use crate::binding;

/// What joins a template's texts in the table of codes, as the runtime's
/// `CodeTable::write_parts` splits them (`SEPARATOR_BYTE` in `contract/code.rs`).
pub(crate) const PART_SEPARATOR: char = '\u{1f}';
use crate::ctxt::Ctxt;

/// A parsed message template.
pub(crate) struct Template {
    /// What the user wrote, for the catalogue and for spans.
    pub(crate) original: LitStr,
    /// The format string with each field placeholder renamed to its binding:
    /// `"Invoice {0} not found"` → `"Invoice {__field_0} not found"`.
    pub(crate) format: String,
    /// The fields the placeholders use, once each, in order of first use.
    pub(crate) uses: Vec<FieldUse>,
    /// The template cut at its placeholders, when every placeholder is a plain `{field}`.
    pub(crate) pieces: Option<Pieces>,
}

/// A template whose placeholders are all plain `{field}`: its text with each placeholder
/// replaced by [`PART_SEPARATOR`] (braces unescaped), and the field of each placeholder, in
/// order (a field used twice is listed twice). The text goes in the table of codes, and the
/// variant's arm is only the list of values: rustc checks that at a fraction of a
/// `format_args!`'s cost.
#[derive(Default)]
pub(crate) struct Pieces {
    pub(crate) text: String,
    pub(crate) fields: Vec<usize>,
}

/// A field a template formats, and the trait its placeholders need.
pub(crate) struct FieldUse {
    pub(crate) index: usize,
    pub(crate) display: bool,
    pub(crate) debug: bool,
}

impl Template {
    /// Parses `lit` against the variant's fields, given by their members; errors go to `cx`,
    /// spanned on the literal (stable Rust cannot point inside a string), naming the
    /// placeholder.
    pub(crate) fn parse(
        cx: &Ctxt,
        lit: &LitStr,
        variant: &Ident,
        fields: &[&Member],
    ) -> Option<Template> {
        let text = lit.value();
        let mut template = Template {
            original: lit.clone(),
            format: String::with_capacity(text.len() + 16),
            uses: Vec::new(),
            pieces: Some(Pieces::default()),
        };
        // The text for `Pieces`: placeholders as the separator, braces unescaped.
        let mut cut = String::new();
        let mut ok = true;
        let mut rest = text.as_str();
        while let Some(position) = rest.find(['{', '}']) {
            template.format.push_str(&rest[..position]);
            cut.push_str(&rest[..position]);
            let brace = &rest[position..];
            if let Some(after) = brace
                .strip_prefix("{{")
                .or_else(|| brace.strip_prefix("}}"))
            {
                template.format.push_str(&brace[..2]);
                cut.push_str(&brace[..1]);
                rest = after;
            } else if brace.starts_with('}') {
                cx.error_spanned_by(
                    lit,
                    "unmatched `}` in the message; write `}}` for a literal brace",
                );
                return None;
            } else if let Some(end) = brace.find('}') {
                ok &= template.placeholder(cx, lit, variant, fields, &brace[1..end]);
                cut.push(PART_SEPARATOR);
                rest = &brace[end + 1..];
            } else {
                cx.error_spanned_by(
                    lit,
                    "unclosed `{` in the message; write `{{` for a literal brace",
                );
                return None;
            }
        }
        template.format.push_str(rest);
        cut.push_str(rest);
        // The separator in the text itself would cut it in the wrong place.
        if text.contains(PART_SEPARATOR) {
            template.pieces = None;
        }
        if let Some(pieces) = &mut template.pieces {
            pieces.text = cut;
        }
        ok.then_some(template)
    }

    /// Adds one `{argument:spec}`; false (and an error in `cx`) if it names no field.
    fn placeholder(
        &mut self,
        cx: &Ctxt,
        lit: &LitStr,
        variant: &Ident,
        fields: &[&Member],
        inner: &str,
    ) -> bool {
        let (argument, spec) = inner
            .split_once(':')
            .map_or((inner, None), |(argument, spec)| (argument, Some(spec)));
        let Some(index) = fields.iter().position(|field| names(field, argument)) else {
            cx.error_spanned_by(lit, unknown_argument(argument, variant, fields));
            return false;
        };
        let binding = binding::of(fields[index]);
        match (&mut self.pieces, spec) {
            (Some(pieces), None) => pieces.fields.push(index),
            // A spec (`{0:?}`, `{0:>8}`) is formatted by `format_args!`.
            _ => self.pieces = None,
        }
        let debug = spec.is_some_and(|spec| spec.ends_with('?'));
        let display =
            spec.is_none_or(|spec| !spec.ends_with(|c: char| c.is_ascii_alphabetic() || c == '?'));
        match self.uses.iter_mut().find(|used| used.index == index) {
            Some(used) => {
                used.debug |= debug;
                used.display |= display;
            }
            None => self.uses.push(FieldUse {
                index,
                display,
                debug,
            }),
        }
        self.format.push('{');
        self.format.push_str(&binding.to_string());
        if let Some(spec) = spec {
            self.format.push(':');
            self.format.push_str(spec);
        }
        self.format.push('}');
        true
    }

    /// The text itself when no placeholder uses a field (`{{` unescaped).
    pub(crate) fn static_text(&self) -> Option<String> {
        self.uses
            .is_empty()
            .then(|| self.format.replace("{{", "{").replace("}}", "}"))
    }
}

/// Whether `{argument}` names `field`: `{0}` a tuple field, `{name}` a named one.
fn names(field: &Member, argument: &str) -> bool {
    match field {
        Member::Unnamed(index) => argument
            .parse::<u32>()
            .is_ok_and(|argument| argument == index.index),
        Member::Named(ident) => {
            let name = ident.to_string();
            argument.strip_prefix("r#").unwrap_or(argument)
                == name.strip_prefix("r#").unwrap_or(&name)
        }
    }
}

fn unknown_argument(argument: &str, variant: &Ident, fields: &[&Member]) -> String {
    if argument.is_empty() {
        return format!(
            "`{{}}` in the message must name a field of `{variant}`: write `{{0}}` for a tuple field or `{{name}}` for a named one"
        );
    }
    let mut available = String::new();
    for field in fields {
        if !available.is_empty() {
            available.push_str(", ");
        }
        let name = match field {
            Member::Named(ident) => ident.to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        };
        available.push_str("`{");
        available.push_str(&name);
        available.push_str("}`");
    }
    if available.is_empty() {
        format!(
            "`{{{argument}}}` in the message names no field: `{variant}` has no fields; remove the placeholder"
        )
    } else {
        format!(
            "`{{{argument}}}` in the message names no field of `{variant}`; use one of: {available}"
        )
    }
}
