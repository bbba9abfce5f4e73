//! Reading JSON input into serde types: what the server's export input, its admin bodies and
//! the filters share. [`Object`] is a struct read only from a JSON object, and [`sentence`] puts
//! serde's messages in the order every fauxport error uses (`expected ..., found ...`).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};

/// A `T` read only from an object. Serde's derived structs also read a list, by position
/// (`["k", true]` as `{"a": "k", "b": true}`), which no input object of fauxport's is.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
    }
}

struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Object<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Object)
    }
}

/// For `#[serde(deserialize_with = "object")]`: the field's struct, read only from an object.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Object::deserialize(d).map(|Object(t)| t)
}

/// For `#[serde(deserialize_with = "objects")]`: a list of structs, each read only from an
/// object.
pub fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Vec::<Object<T>>::deserialize(d).map(|list| list.into_iter().map(|Object(t)| t).collect())
}

/// Serde's `invalid type: <found>, expected <what>` (or `invalid value: ...`) as
/// `expected <what>, found <found>`; other messages unchanged.
pub fn sentence(message: &str) -> String {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    match rest.and_then(|r| r.split_once(", expected ")) {
        Some((found, expected)) => format!("expected {expected}, found {found}"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Pair {
        a: String,
        b: bool,
    }

    #[test]
    fn objects_only() {
        let read = |v: serde_json::Value| {
            serde_json::from_value::<Object<Pair>>(v).map_err(|e| sentence(&e.to_string()))
        };
        assert_eq!(
            read(json!({"a": "k", "b": true})),
            Ok(Object(Pair {
                a: "k".into(),
                b: true
            }))
        );
        assert!(serde_json::from_value::<Pair>(json!(["k", true])).is_ok());
        assert_eq!(
            read(json!(["k", true])),
            Err("expected an object, found sequence".to_owned())
        );
        assert_eq!(
            read(json!({"a": 1, "b": true})),
            Err("expected a string, found integer `1`".to_owned())
        );
    }
}
