//! The JSON type of a `meta` field's value, read from its Rust type where that type says it
//! plainly, for the catalogue (`MetaSpec::json_type`, `MetaSpec::nullable`) and the OpenAPI
//! schema.
//!
//! Only the last segment of a path is read (`String`, `std::string::String` and
//! `alloc::string::String` alike): a derive sees names, not types, so a user's own type named
//! `String` (or `Option`) would be taken for the standard one. Anything the table does not
//! name (a struct of the user's, a type parameter, `serde_json::Value`) has no type: its value
//! may be anything.

use syn::{GenericArgument, PathArguments, Type};

/// What a field's Rust type tells of its JSON value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct JsonType {
    /// The JSON Schema type name of the value: `"string"`, `"integer"`, `"number"`,
    /// `"boolean"`, `"array"` or `"object"`; `None` when the type does not tell.
    pub(crate) name: Option<&'static str>,
    /// The type is an `Option` (possibly behind `&`, `Box`, `Rc`, `Arc` or `Cow`), so its
    /// value may also be `null`, whether `name` is known or not.
    pub(crate) nullable: bool,
}

impl JsonType {
    const fn named(name: &'static str) -> Self {
        Self {
            name: Some(name),
            nullable: false,
        }
    }
}

/// The JSON type of `ty`'s serde form, and whether it may be `null`.
///
/// Wrappers that serialize as what they hold (`&T`, `Box`, `Rc`, `Arc`, `Cow`, `Option`)
/// take the type of what they hold: an `Option<T>` is `T`'s type, and nullable.
pub(crate) fn json_type(ty: &Type) -> JsonType {
    match ty {
        Type::Group(group) => json_type(&group.elem),
        Type::Paren(paren) => json_type(&paren.elem),
        Type::Reference(reference) => json_type(&reference.elem),
        Type::Array(_) | Type::Slice(_) => JsonType::named("array"),
        // `()` is `null`; a tuple of one or more is an array.
        Type::Tuple(tuple) if !tuple.elems.is_empty() => JsonType::named("array"),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return JsonType::default();
            };
            let name = last.ident.to_string();
            let inner = || {
                first_type(&last.arguments)
                    .map(json_type)
                    .unwrap_or_default()
            };
            match name.as_str() {
                "String" | "str" | "char" => JsonType::named("string"),
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                | "u128" | "usize" | "NonZero" | "NonZeroI8" | "NonZeroI16" | "NonZeroI32"
                | "NonZeroI64" | "NonZeroI128" | "NonZeroIsize" | "NonZeroU8" | "NonZeroU16"
                | "NonZeroU32" | "NonZeroU64" | "NonZeroU128" | "NonZeroUsize" => {
                    JsonType::named("integer")
                }
                "f32" | "f64" => JsonType::named("number"),
                "bool" => JsonType::named("boolean"),
                "Vec" | "VecDeque" | "LinkedList" | "BinaryHeap" | "HashSet" | "BTreeSet" => {
                    JsonType::named("array")
                }
                "HashMap" | "BTreeMap" => JsonType::named("object"),
                // `None` is `null`, even when what it holds has no type the table knows.
                "Option" => JsonType {
                    nullable: true,
                    ..inner()
                },
                "Box" | "Rc" | "Arc" | "Cow" => inner(),
                _ => JsonType::default(),
            }
        }
        _ => JsonType::default(),
    }
}

/// The first type argument of `<…>` (`Cow<'a, str>` gives `str`).
fn first_type(arguments: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(arguments) = arguments else {
        return None;
    };
    arguments.args.iter().find_map(|argument| match argument {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use syn::{Type, parse_quote};

    use super::{JsonType, json_type};

    /// The type name alone, for the cases where `null` is not in question.
    fn name(ty: &Type) -> Option<&'static str> {
        json_type(ty).name
    }

    #[test]
    fn strings() {
        assert_eq!(name(&parse_quote!(String)), Some("string"));
        assert_eq!(name(&parse_quote!(std::string::String)), Some("string"));
        assert_eq!(name(&parse_quote!(&'static str)), Some("string"));
        assert_eq!(name(&parse_quote!(Cow<'a, str>)), Some("string"));
        assert_eq!(
            name(&parse_quote!(std::borrow::Cow<'static, str>)),
            Some("string")
        );
        assert_eq!(name(&parse_quote!(Box<str>)), Some("string"));
        assert_eq!(name(&parse_quote!(char)), Some("string"));
    }

    #[test]
    fn numbers_and_booleans() {
        for ty in [
            parse_quote!(u8),
            parse_quote!(i32),
            parse_quote!(u64),
            parse_quote!(i128),
            parse_quote!(usize),
            parse_quote!(core::primitive::u32),
            parse_quote!(std::num::NonZeroU32),
            parse_quote!(NonZero<u16>),
        ] {
            assert_eq!(name(&ty), Some("integer"), "{}", quote::quote!(#ty));
        }
        assert_eq!(name(&parse_quote!(f32)), Some("number"));
        assert_eq!(name(&parse_quote!(f64)), Some("number"));
        assert_eq!(name(&parse_quote!(bool)), Some("boolean"));
    }

    #[test]
    fn collections() {
        for ty in [
            parse_quote!(Vec<String>),
            parse_quote!([u8; 4]),
            parse_quote!(&'a [u32]),
            parse_quote!(Box<[u8]>),
            parse_quote!(Cow<'a, [u8]>),
            parse_quote!(std::collections::HashSet<String>),
            parse_quote!(BTreeSet<u32>),
            parse_quote!(VecDeque<u32>),
            parse_quote!((u32, String)),
        ] {
            assert_eq!(name(&ty), Some("array"), "{}", quote::quote!(#ty));
        }
        assert_eq!(name(&parse_quote!(HashMap<String, u32>)), Some("object"));
        assert_eq!(
            name(&parse_quote!(std::collections::BTreeMap<String, Vec<u8>>)),
            Some("object")
        );
    }

    #[test]
    fn wrappers_take_the_type_they_hold() {
        assert_eq!(name(&parse_quote!(Option<String>)), Some("string"));
        assert_eq!(name(&parse_quote!(Option<Vec<u8>>)), Some("array"));
        assert_eq!(name(&parse_quote!(&'a Option<u64>)), Some("integer"));
        assert_eq!(name(&parse_quote!(Arc<String>)), Some("string"));
        assert_eq!(name(&parse_quote!(std::rc::Rc<bool>)), Some("boolean"));
        assert_eq!(name(&parse_quote!(Option<Owner>)), None);
        assert_eq!(name(&parse_quote!(Option)), None, "no argument to read");
    }

    #[test]
    fn options_are_nullable() {
        let nullable = |name| JsonType {
            name,
            nullable: true,
        };
        assert_eq!(
            json_type(&parse_quote!(Option<String>)),
            nullable(Some("string"))
        );
        assert_eq!(
            json_type(&parse_quote!(std::option::Option<u32>)),
            nullable(Some("integer"))
        );
        assert_eq!(
            json_type(&parse_quote!(&'a Option<u64>)),
            nullable(Some("integer"))
        );
        assert_eq!(
            json_type(&parse_quote!(Box<Option<bool>>)),
            nullable(Some("boolean"))
        );
        assert_eq!(
            json_type(&parse_quote!(Option<Option<f64>>)),
            nullable(Some("number"))
        );
        assert_eq!(
            json_type(&parse_quote!(Option<Cow<'a, str>>)),
            nullable(Some("string"))
        );
        // `null` whatever it holds, even a type of the user's.
        assert_eq!(json_type(&parse_quote!(Option<Owner>)), nullable(None));
        assert_eq!(json_type(&parse_quote!(Option)), nullable(None));
    }

    #[test]
    fn only_options_are_nullable() {
        for ty in [
            parse_quote!(String),
            parse_quote!(u32),
            parse_quote!(Arc<String>),
            parse_quote!(Vec<Option<String>>),
            parse_quote!(HashMap<String, Option<u32>>),
            parse_quote!([Option<u8>; 2]),
            parse_quote!((Option<u32>, String)),
            parse_quote!(Owner),
            parse_quote!(serde_json::Value),
        ] {
            assert!(!json_type(&ty).nullable, "{}", quote::quote!(#ty));
        }
        assert_eq!(
            json_type(&parse_quote!(String)),
            JsonType {
                name: Some("string"),
                nullable: false
            }
        );
    }

    #[test]
    fn anything_else_is_not_known() {
        for ty in [
            parse_quote!(Owner),
            parse_quote!(T),
            parse_quote!(serde_json::Value),
            parse_quote!(<T as Trait>::String),
            parse_quote!(()),
            parse_quote!(PhantomData<String>),
        ] {
            assert_eq!(name(&ty), None, "{}", quote::quote!(#ty));
        }
    }
}
