//! A `serde::Serializer` that writes compact JSON into a `Vec<u8>`, byte for byte as serde_json's
//! `to_writer` does for the same value: numbers through `itoa` and `zmij` (serde_json's own), a
//! non-finite float as `null`, enum variants as serde_json encodes them. Map keys must be strings;
//! any other key, and `i128`/`u128`, is an [`Unsupported`] error for the caller to fall back on.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::escape::write_str;

/// Something this serializer leaves to serde_json (a non-string map key, a 128-bit integer), or a
/// `Serialize` impl's own error.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

type Done = Result<(), Unsupported>;

/// Compact JSON appended to `out`.
pub struct Json<'a> {
    /// The buffer the JSON is appended to.
    pub out: &'a mut Vec<u8>,
}

impl<'a> Json<'a> {
    fn int(&mut self, v: impl itoa::Integer) -> Done {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    fn float(&mut self, v: impl zmij::Float, finite: bool) -> Done {
        if finite {
            self.out
                .extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    /// Opens `{"variant":` for an enum variant that carries data.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }

    fn open<'b>(&'b mut self, open: &'static [u8], close: &'static [u8]) -> Compound<'a, 'b> {
        self.out.extend_from_slice(open);
        Compound {
            json: self,
            first: true,
            close,
        }
    }
}

/// An array, object or variant being written: commas between its members, `close` at its end.
pub struct Compound<'a, 'b> {
    json: &'b mut Json<'a>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.json.out.push(b',');
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        self.comma();
        value.serialize(&mut *self.json)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Done {
        self.comma();
        write_str(self.json.out, key);
        self.json.out.push(b':');
        value.serialize(&mut *self.json)
    }

    fn close(self) -> Done {
        self.json.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// `fn method(self, v: T) -> Done { self.int(v) }` for each integer type.
macro_rules! integers {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Done {
            self.int(v)
        }
    )*};
}

/// What both serializers here (values and map keys) do alike: a unit variant is its name as a
/// string, and a newtype struct is the value it wraps.
macro_rules! unit_variant_and_newtype_struct {
    () => {
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Done {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Done {
            value.serialize(self)
        }
    };
}

/// The methods that open an array or an object: `fn method(self, ...) -> Compound` writes `open`
/// and closes with `close`.
macro_rules! compounds {
    ($($method:ident($($arg:ident: $t:ty),*) => $open:literal $close:literal;)*) => {$(
        fn $method(self, $($arg: $t),*) -> Result<Compound<'a, 'b>, Unsupported> {
            Ok(self.open($open, $close))
        }
    )*};
}

/// The same for an enum variant's tuple or struct: `{"Variant":` first, and one more `}` to close.
macro_rules! variant_compounds {
    ($($method:ident => $open:literal $close:literal;)*) => {$(
        fn $method(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Compound<'a, 'b>, Unsupported> {
            self.open_variant(variant);
            Ok(self.open($open, $close))
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'b mut Json<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Done {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.float(v, v.is_finite())
    }
    fn serialize_char(self, v: char) -> Done {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        let mut seq = self.open(b"[", b"]");
        for byte in v {
            seq.element(byte)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    unit_variant_and_newtype_struct!();
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    compounds! {
        serialize_seq(_len: Option<usize>) => b"[" b"]";
        serialize_tuple(_len: usize) => b"[" b"]";
        serialize_tuple_struct(_name: &'static str, _len: usize) => b"[" b"]";
        serialize_map(_len: Option<usize>) => b"{" b"}";
        serialize_struct(_name: &'static str, _len: usize) => b"{" b"}";
    }
    variant_compounds! {
        serialize_tuple_variant => b"[" b"]}";
        serialize_struct_variant => b"{" b"}}";
    }
}

/// The four ways serde writes an array's members, and the two ways it writes a struct's fields:
/// each is [`Compound::element`] or [`Compound::field`], then [`Compound::close`].
macro_rules! members {
    ($($trait:ident :: $method:ident;)*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
                self.element(value)
            }
            fn end(self) -> Done {
                self.close()
            }
        }
    )*};
}

macro_rules! fields {
    ($($trait:ident;)*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Done {
                self.field(key, value)
            }
            fn end(self) -> Done {
                self.close()
            }
        }
    )*};
}

members! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

fields! {
    SerializeStruct;
    SerializeStructVariant;
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Done {
        self.comma();
        key.serialize(MapKey(&mut *self.json))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        self.json.out.push(b':');
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Done {
        self.close()
    }
}

/// `fn method(self, _: T) -> Done { not_a_string_key() }` for each scalar a key may not be.
macro_rules! refuse_scalars {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, _v: $t) -> Done {
            not_a_string_key()
        }
    )*};
}

/// A map key: a string is written as one; anything else is left to serde_json.
struct MapKey<'a, 'b>(&'b mut Json<'a>);

fn not_a_string_key<T>() -> Result<T, Unsupported> {
    Err(Unsupported("a map key that is not a string".into()))
}

impl ser::Serializer for MapKey<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Done {
        write_str(self.0.out, v);
        Ok(())
    }
    unit_variant_and_newtype_struct!();
    refuse_scalars! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64,
    }
    fn serialize_char(self, _v: char) -> Done {
        not_a_string_key()
    }
    fn serialize_bytes(self, _v: &[u8]) -> Done {
        not_a_string_key()
    }
    fn serialize_none(self) -> Done {
        not_a_string_key()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Done {
        not_a_string_key()
    }
    fn serialize_unit(self) -> Done {
        not_a_string_key()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        not_a_string_key()
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Done {
        not_a_string_key()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        not_a_string_key()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        not_a_string_key()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        not_a_string_key()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        not_a_string_key()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        not_a_string_key()
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        not_a_string_key()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        not_a_string_key()
    }
}
