//! Strategies for hostile text and for `details` trees built from it, shared by the property
//! tests that send values through the wire and back.
//!
//! [`details`]: messages or nested trees under each key, a few levels deep, list-like
//! decimal keys too, over [`text`] rather than `any::<String>()`, whose strings never hold a
//! control character.

use error_contract::Details;
use proptest::prelude::*;

/// Characters a JSON writer must escape or may get wrong: quotes, backslashes, every kind of
/// control character, the separators JavaScript treats as line ends, a replacement character,
/// the last code point, non-ASCII letters.
static AWKWARD: [char; 16] = [
    '"',
    '\\',
    '/',
    '\n',
    '\r',
    '\t',
    '\u{0}',
    '\u{8}',
    '\u{c}',
    '\u{1f}',
    '\u{7f}',
    '\u{2028}',
    '\u{2029}',
    '\u{fffd}',
    '\u{10ffff}',
    '\u{e9}',
];

/// Any Unicode text up to 24 characters (at most 96 bytes, within the client's limit on a
/// `details` key): arbitrary code points, control characters included, with the awkward ones
/// above often.
pub fn text() -> impl Strategy<Value = String> {
    let character = prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(&AWKWARD[..]),
        1 => prop::char::range('\u{0}', '\u{1f}'),
    ];
    prop_oneof![
        1 => Just(String::new()),
        8 => prop::collection::vec(character, 0..24).prop_map(String::from_iter),
        2 => any::<String>(),
    ]
}

/// One entry of a generated tree: messages, or a nested tree.
#[derive(Debug, Clone)]
enum Entry {
    Messages(Vec<String>),
    Nested(Details),
}

fn build(entries: Vec<(String, Entry)>) -> Details {
    let mut details = Details::new();
    for (key, entry) in entries {
        match entry {
            Entry::Messages(messages) => {
                for message in messages {
                    details.push(key.clone(), message);
                }
            }
            Entry::Nested(nested) => {
                details.nest(key, nested);
            }
        }
    }
    details
}

fn messages() -> impl Strategy<Value = Entry> {
    prop::collection::vec(text(), 1..4).prop_map(Entry::Messages)
}

/// Trees as the server's builder makes them: hostile keys and messages, any order, nested a
/// few levels (with list-like decimal keys too), empty trees included.
pub fn details() -> impl Strategy<Value = Details> {
    let key = prop_oneof![text(), (0_u32..20).prop_map(|i| i.to_string())];
    let leaf = prop::collection::vec((key.clone(), messages()), 0..5).prop_map(build);
    leaf.prop_recursive(4, 48, 5, move |inner| {
        prop::collection::vec(
            (
                key.clone(),
                prop_oneof![messages(), inner.prop_map(Entry::Nested)],
            ),
            0..5,
        )
        .prop_map(build)
    })
}
