//! The lenient reading of `meta`: an object is kept as the JSON text it was sent as, read
//! into keys only when a program asks for one ([`Meta`]'s first-wins and key-count rules
//! apply then); anything else is no `meta`, and never fails the body.

use serde::de::{Deserialize, DeserializeSeed, Deserializer};
use serde_json::value::RawValue;

use crate::Meta;

/// Reads one `meta` value into its [`Meta`]: a repeated `meta` adds the keys it lacks.
pub(crate) struct MetaSeed<'a>(pub(crate) &'a mut Meta);

impl<'de> DeserializeSeed<'de> for MetaSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // The value's text, from its first byte: an object starts with `{`.
        let value = Box::<RawValue>::deserialize(deserializer)?;
        if value.get().starts_with('{') {
            self.0.add_sent(value);
        }
        Ok(())
    }
}
