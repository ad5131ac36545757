//! A query string, deserialised as `serde_urlencoded` does (flat `key=value` pairs,
//! percent-decoded, `+` as a space; or a list of pairs), and on failure the rejection naming
//! the parameter.
//!
//! Values are text, so each is offered to the type as what it can be read as: `2` as an
//! integer, `1.5` as a number, `true` as a boolean, anything else as a string. The type's own
//! visitor then refuses with serde's usual messages (`invalid type: string "x", expected
//! u32`), which read the same as a JSON body's, so a query and a body that fail alike are
//! answered alike.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde::forward_to_deserialize_any;

use super::Rejection;
use super::mismatch::{Input, Mismatch};

/// Deserialises `query` (without the `?`) as `T`.
pub(crate) fn deserialize<T: DeserializeOwned>(query: &str) -> Result<T, Rejection> {
    deserialize_pairs(Input::QueryString, query.as_bytes())
}

/// Deserialises a form body (`application/x-www-form-urlencoded`, the query string's
/// format) as `T`.
#[cfg(feature = "axum")]
pub(crate) fn deserialize_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    deserialize_pairs(Input::FormBody, body)
}

/// For a query string (`form` false) or a form body with the `validator` rules `T` breaks:
/// every value that did not fit and every rule broken elsewhere, in declaration order;
/// `None` when all fit and no rule is broken, or when the input cannot be read so.
#[cfg(all(feature = "axum", feature = "validator"))]
pub(crate) fn rejection_with_rules<T: DeserializeOwned>(
    encoded: &[u8],
    form: bool,
    broken: impl FnOnce(&T) -> Option<crate::Details>,
) -> Option<Rejection> {
    let input = if form {
        Input::FormBody
    } else {
        Input::QueryString
    };
    super::collect::read_pairs::<T>(input, &pairs(encoded))?.rejection(broken)
}

/// Deserialises `encoded` pairs as `T`, a failure named as part of `input`.
fn deserialize_pairs<T: DeserializeOwned>(input: Input, encoded: &[u8]) -> Result<T, Rejection> {
    let pairs = pairs(encoded);
    let mut failed_key = None;
    T::deserialize(Query {
        pairs: &pairs,
        failed_key: &mut failed_key,
    })
    .map_err(|error| {
        // Read again to name every parameter that does not fit, as a JSON body's are.
        if let Some(reading) = super::collect::read_pairs::<T>(input, &pairs)
            && reading.mismatches.len() > 1
        {
            return Mismatch::into_rejection_all(&reading.mismatches, None);
        }
        let path = failed_key.into_iter().collect();
        Mismatch::from_message(input, path, &error.to_string()).into_rejection()
    })
}

/// The `key=value` pairs of a query string, decoded as `application/x-www-form-urlencoded`
/// by `form_urlencoded` (what `serde_urlencoded` uses): `+` as a space, `%XX` as its byte,
/// bad UTF-8 replaced.
fn pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// The whole query: a map of its pairs, or a list of them. `failed_key` gets the key whose
/// value the type refused.
struct Query<'q> {
    pairs: &'q [(String, String)],
    failed_key: &'q mut Option<String>,
}

impl<'de> Deserializer<'de> for Query<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Entries {
            pairs: self.pairs.iter(),
            value: None,
            failed_key: self.failed_key,
        })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Pairs(self.pairs.iter()))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The pairs as a map, remembering the key of the value being read.
struct Entries<'q> {
    pairs: std::slice::Iter<'q, (String, String)>,
    value: Option<&'q (String, String)>,
    failed_key: &'q mut Option<String>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(pair) = self.pairs.next() else {
            return Ok(None);
        };
        self.value = Some(pair);
        seed.deserialize(Text(&pair.0)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was read before its key"))?;
        seed.deserialize(Text(value)).inspect_err(|_| {
            *self.failed_key = Some(key.clone());
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// The pairs as a list of `(key, value)` tuples.
struct Pairs<'q>(std::slice::Iter<'q, (String, String)>);

impl<'de> SeqAccess<'de> for Pairs<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((key, value)) = self.0.next() else {
            return Ok(None);
        };
        let pair = [Text(key), Text(value)].into_iter();
        seed.deserialize(de::value::SeqDeserializer::new(pair))
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// `deserialize_*` methods that offer the text as a number.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.visit_number(visitor)
        }
    )*};
}

/// One key or value: text, offered as what it can be read as.
#[derive(Clone, Copy)]
struct Text<'q>(&'q str);

impl Text<'_> {
    /// An integer, else a number, else the string, for the type's visitor to accept or refuse.
    fn visit_number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Ok(unsigned) = self.0.parse::<u64>() {
            visitor.visit_u64(unsigned)
        } else if let Ok(signed) = self.0.parse::<i64>() {
            visitor.visit_i64(signed)
        } else if let Ok(float) = self.0.parse::<f64>() {
            visitor.visit_f64(float)
        } else {
            visitor.visit_str(self.0)
        }
    }
}

impl IntoDeserializer<'_, Error> for Text<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Text<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => visitor.visit_str(self.0),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let variant: StrDeserializer<'_, Error> = self.0.into_deserializer();
        visitor.visit_enum(variant)
    }

    // Every width of integer and float reads the text the same way.
    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{deserialize, pairs};
    use crate::ApiError;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Listing {
        page: u32,
        per_page: Option<u8>,
        q: Option<String>,
        desc: Option<bool>,
        sort: Option<Sort>,
        min: Option<f64>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Sort {
        Date,
    }

    fn details(query: &str) -> String {
        let rejection = deserialize::<Listing>(query).unwrap_err();
        serde_json::to_string(&rejection.details()).unwrap()
    }

    #[test]
    fn each_value_is_read_as_its_type_wants_it() {
        let listing: Listing =
            deserialize("page=2&per_page=50&q=a+b%26c&desc=true&sort=date&min=-1.5").unwrap();
        assert_eq!(
            listing,
            Listing {
                page: 2,
                per_page: Some(50),
                q: Some("a b&c".to_owned()),
                desc: Some(true),
                sort: Some(Sort::Date),
                min: Some(-1.5),
            }
        );
        let pairs: Vec<(String, u8)> = deserialize("a=1&&a=2").unwrap();
        assert_eq!(pairs, [("a".to_owned(), 1), ("a".to_owned(), 2)]);
    }

    #[test]
    fn every_parameter_that_does_not_fit_is_named_at_once() {
        assert_eq!(
            details("per_page=300&desc=yes&sort=size&min=low"),
            concat!(
                r#"{"per_page":["Ensure this value is less than or equal to 255."],"#,
                r#""desc":["Must be a valid boolean."],"#,
                r#""sort":["\"size\" is not a valid choice. Must be one of: date"],"#,
                r#""min":["A valid number is required."],"#,
                r#""page":["This field is required."]}"#,
            )
        );
    }

    #[test]
    fn failures_name_the_parameter_in_the_words_of_a_json_body() {
        for (query, expected) in [
            ("", r#"{"page":["This field is required."]}"#),
            ("page=x", r#"{"page":["A valid integer is required."]}"#),
            ("page=1.5", r#"{"page":["A valid integer is required."]}"#),
            ("page=", r#"{"page":["A valid integer is required."]}"#),
            (
                "page=-1",
                r#"{"page":["Ensure this value is greater than or equal to 0."]}"#,
            ),
            (
                "page=1&per_page=300",
                r#"{"per_page":["Ensure this value is less than or equal to 255."]}"#,
            ),
            (
                "page=1&desc=yes",
                r#"{"desc":["Must be a valid boolean."]}"#,
            ),
            (
                "page=1&min=low",
                r#"{"min":["A valid number is required."]}"#,
            ),
            (
                "page=1&sort=size",
                r#"{"sort":["\"size\" is not a valid choice. Must be one of: date"]}"#,
            ),
            (
                "page=1&page=2",
                r#"{"page":["This field is given more than once."]}"#,
            ),
        ] {
            assert_eq!(details(query), expected, "{query}");
        }
    }

    #[test]
    fn the_cause_names_the_parameter_never_its_value() {
        let rejection = deserialize::<Listing>("page=sk_live_42").unwrap_err();
        assert_eq!(
            rejection.cause(),
            "query string at page: expected u32, got a string"
        );
    }

    #[test]
    fn text_is_decoded_as_forms_are() {
        let decoded = |query: &str| pairs(query.as_bytes()).into_iter().next().unwrap().1;
        assert_eq!(decoded("q=a+b%20c"), "a b c");
        assert_eq!(decoded("q=caf%C3%A9"), "café");
        assert_eq!(decoded("q=100%"), "100%");
        assert_eq!(decoded("q=%zz%4"), "%zz%4");
        assert_eq!(decoded("q=%FF"), "\u{fffd}");
        assert_eq!(
            pairs(b"a=1&&b&c="),
            [
                ("a".into(), "1".into()),
                ("b".into(), String::new()),
                ("c".into(), String::new())
            ]
        );
    }
}
