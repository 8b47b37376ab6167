//! Canonical JSON (sorted keys, no whitespace) and the SHA-256 helpers used by the hash chain.
//!
//! Entries are serialized straight from their structs (fields in declaration order) with every
//! caller-given JSON value written canonically, so the same entry always gives the same bytes.
//!
//! Keys are sorted here explicitly so the bytes do not depend on serde_json's `preserve_order`
//! feature, which another crate in the build could switch on.

// SHA-256 from ring, not the sha2 crate: its assembly is ~1.8x faster on CPUs without SHA
// instructions (hashing was half of what recording costs per row there).
use ring::digest::{Context, SHA256, digest};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// Writes `value` as canonical JSON: object keys sorted by their UTF-8 bytes, no whitespace.
pub fn canonical_json(value: &Value) -> String {
    // Serializing plain JSON values into a String cannot fail.
    serde_json::to_string(&Canonical(value)).unwrap_or_default()
}

/// Serializes a JSON value with its object keys sorted, at any depth.
pub struct Canonical<'a>(pub &'a Value);

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                let mut m = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    m.serialize_entry(k, &Canonical(v))?;
                }
                m.end()
            }
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Canonical(item))?;
                }
                seq.end()
            }
            other => other.serialize(s),
        }
    }
}

/// `serialize_with` helper: a `Value` field written canonically.
pub(crate) fn serialize_canonical<S: Serializer>(value: &Value, s: S) -> Result<S::Ok, S::Error> {
    Canonical(value).serialize(s)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(digest(&SHA256, bytes).as_ref())
}

/// Lower-case hex SHA-256 of several pieces joined with `|` (no joined copy is made).
pub(crate) fn sha256_hex_joined(pieces: &[&[u8]]) -> String {
    let mut h = Context::new(&SHA256);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            h.update(b"|");
        }
        h.update(piece);
    }
    to_hex(h.finish().as_ref())
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Appends the canonical JSON of `value` to `out`.
pub(crate) fn write_canonical(out: &mut Vec<u8>, value: &Value) {
    // Serializing plain JSON values into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &Canonical(value));
}

/// The fingerprint of a JSON document: SHA-256 of its canonical JSON.
///
/// Use it for a subject's fields (`ScreeningRecord` computes the subject fingerprint this way)
/// and, if the caller has nothing better, for a listed entity's record.
pub fn fingerprint(value: &Value) -> String {
    let mut bytes = Vec::with_capacity(256);
    write_canonical(&mut bytes, value);
    sha256_hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_and_nested() {
        let v = json!({"b": [1, {"z": true, "a": null}], "a": "x\"y"});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":"x\"y","b":[1,{"a":null,"z":true}]}"#
        );
    }

    #[test]
    fn hex_and_joined_hashes_agree_with_the_plain_form() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_hex_joined(&[b"a", b"", b"bc"]), sha256_hex(b"a||bc"));
    }

    #[test]
    fn fingerprint_ignores_key_order() {
        let a: Value = serde_json::from_str(r#"{"x":1,"y":[2,3]}"#).unwrap_or_default();
        let b: Value = serde_json::from_str(r#"{"y":[2,3],"x":1}"#).unwrap_or_default();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&json!({"x": 1, "y": [3, 2]})));
    }

    proptest::proptest! {
        #[test]
        fn canonical_json_round_trips(s in ".*", n in proptest::num::i64::ANY, f in -1e9f64..1e9) {
            let v = json!({"s": s, "n": n, "f": f, "a": [s.clone()]});
            let text = canonical_json(&v);
            let back: Value = serde_json::from_str(&text).unwrap_or_default();
            proptest::prop_assert_eq!(canonical_json(&back), text);
        }
    }
}
