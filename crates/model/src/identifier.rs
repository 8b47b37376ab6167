//! Identifiers normalised per kind, for exact lookup: an IMO number with its check digit, a
//! SWIFT/BIC of 8 or 11 characters, an LEI with its ISO 17442 checksum, crypto wallet
//! addresses, and the numbers of passports, national ids, tax and company registers.
//!
//! Every kind but wallets is compared as upper-case letters and digits, with what people
//! write around a number dropped: spaces, dashes, dots, slashes, an `IMO`, `LEI` or `BIC`
//! prefix, leading zeros of an all-digit number, the `XXX` branch of a BIC (a BIC8 names the
//! same institution). A wallet address keeps its case (Base58 addresses are case-sensitive),
//! except hexadecimal (`0x…`) and Bech32 (`bc1…`) addresses, which are case-free.
//!
//! ```
//! use zeef_model::Prop;
//! use zeef_model::identifier::{Check, IdKind, normalise};
//! let imo = normalise(Prop::ImoNumber, "IMO 7406784").unwrap();
//! assert_eq!((imo.kind, imo.key.as_str(), imo.check), (IdKind::Imo, "7406784", Check::Valid));
//! assert_eq!(normalise(Prop::IdNumber, "imo-7406784").unwrap().key, "7406784");
//! assert_eq!(normalise(Prop::ImoNumber, "7406785").unwrap().check, Check::Invalid);
//! ```

use crate::Prop;

/// The kind of an identifier: how it is normalised and how much an exact match says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// IMO ship identification number (7 digits, the last a check digit).
    Imo,
    /// Maritime Mobile Service Identity (9 digits).
    Mmsi,
    /// SWIFT/BIC (ISO 9362): 8 or 11 characters.
    Bic,
    /// Legal Entity Identifier (ISO 17442): 20 characters, the last two check digits.
    Lei,
    /// A digital currency (crypto wallet) address.
    Wallet,
    Passport,
    NationalId,
    Tax,
    Registration,
    CallSign,
}

/// What an identifier's own check says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Its check digits or format are right.
    Valid,
    /// Its check digits or format are wrong: likely mistyped (it is still looked up as given).
    Invalid,
    /// Its kind has no check zeef knows.
    None,
}

/// An identifier normalised for lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: IdKind,
    /// What lookups compare (see the module documentation).
    pub key: String,
    pub check: Check,
}

/// Keys shorter than this identify nothing (`12`, `A1`).
pub const MIN_KEY_LEN: usize = 4;
/// Longest value read: longer input is no identifier (the longest addresses are ~100).
pub const MAX_VALUE_LEN: usize = 200;

impl IdKind {
    /// The kind of the numbers a property holds (`None` for properties that hold no
    /// identifier).
    pub fn of(prop: Prop) -> Option<IdKind> {
        Some(match prop {
            Prop::ImoNumber => IdKind::Imo,
            Prop::Mmsi => IdKind::Mmsi,
            Prop::SwiftBic => IdKind::Bic,
            Prop::LeiCode => IdKind::Lei,
            Prop::PublicKey => IdKind::Wallet,
            Prop::PassportNumber => IdKind::Passport,
            Prop::IdNumber => IdKind::NationalId,
            Prop::TaxNumber => IdKind::Tax,
            Prop::RegistrationNumber => IdKind::Registration,
            Prop::CallSign => IdKind::CallSign,
            _ => return None,
        })
    }

    /// True for kinds whose exact match is an alert on its own: one number names one ship,
    /// bank, legal entity or wallet worldwide. Passport, national id, tax and registration
    /// numbers are unique only within their issuing country or register.
    pub fn is_strong(self) -> bool {
        matches!(
            self,
            IdKind::Imo | IdKind::Mmsi | IdKind::Bic | IdKind::Lei | IdKind::Wallet
        )
    }

    /// The kind in words, as explanations name it.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Imo => "IMO number",
            IdKind::Mmsi => "MMSI",
            IdKind::Bic => "SWIFT/BIC",
            IdKind::Lei => "LEI",
            IdKind::Wallet => "wallet address",
            IdKind::Passport => "passport number",
            IdKind::NationalId => "id number",
            IdKind::Tax => "tax number",
            IdKind::Registration => "registration number",
            IdKind::CallSign => "call sign",
        }
    }
}

/// `raw`, a value of identifier property `prop`, normalised; `None` when `prop` holds no
/// identifier or the value is too short or long to identify anything. A value of a generic
/// property (`idNumber`, `registrationNumber`) that is an LEI, or carries an `IMO` prefix,
/// is read as one.
pub fn normalise(prop: Prop, raw: &str) -> Option<Identifier> {
    let kind = IdKind::of(prop)?;
    if raw.len() > MAX_VALUE_LEN {
        return None;
    }
    if kind == IdKind::Wallet {
        let key = wallet_key(raw);
        return (key.len() >= MIN_KEY_LEN).then_some(Identifier {
            kind,
            key,
            check: Check::None,
        });
    }
    let plain = alphanumeric(raw);
    let (kind, body) = match strip_prefix(&plain, "IMO") {
        Some(rest) if kind == IdKind::Imo || rest.len() == 7 => (IdKind::Imo, rest),
        _ => match strip_prefix(&plain, "LEI") {
            Some(rest) if rest.len() == 20 => (IdKind::Lei, rest),
            _ if kind != IdKind::Bic && plain.len() == 20 && lei_valid(&plain) => {
                (IdKind::Lei, plain.as_str())
            }
            _ if kind == IdKind::Bic => (
                kind,
                strip_prefix(&plain, "SWIFT")
                    .or_else(|| strip_prefix(&plain, "BIC"))
                    .filter(|rest| rest.len() == 8 || rest.len() == 11)
                    .unwrap_or(&plain),
            ),
            _ => (kind, plain.as_str()),
        },
    };
    let key = match kind {
        IdKind::Bic if body.len() == 11 && body.ends_with("XXX") => body[..8].to_string(),
        _ if body.bytes().all(|b| b.is_ascii_digit()) => body.trim_start_matches('0').to_string(),
        _ => body.to_string(),
    };
    let check = match kind {
        IdKind::Imo => verdict(imo_valid(&key)),
        IdKind::Lei => verdict(lei_valid(body)),
        IdKind::Bic => verdict(bic_valid(body)),
        IdKind::Mmsi => verdict(body.len() == 9 && body.bytes().all(|b| b.is_ascii_digit())),
        _ => Check::None,
    };
    (key.len() >= MIN_KEY_LEN).then_some(Identifier { kind, key, check })
}

/// The lookup key of a wallet address: white space dropped; hexadecimal (`0x…`) and Bech32
/// (`bc1…`, `ltc1…`) addresses in lower case, others as written.
pub fn wallet_key(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_ascii_lowercase();
    let hex = lower
        .strip_prefix("0x")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit()));
    let bech32 = ["bc1", "tb1", "ltc1", "bcrt1"]
        .iter()
        .any(|p| lower.starts_with(p));
    if hex || bech32 { lower } else { compact }
}

/// A currency code as written in lists (`XBT`, `ETH`, `USDT`): trimmed, upper case, with
/// `BTC` read as OFAC's `XBT`.
pub fn currency(raw: &str) -> String {
    let code = raw.trim().to_ascii_uppercase();
    match code.as_str() {
        "BTC" | "BITCOIN" => "XBT".to_string(),
        _ => code,
    }
}

fn verdict(ok: bool) -> Check {
    if ok { Check::Valid } else { Check::Invalid }
}

/// Upper-case ASCII letters and digits of `raw`, in order.
fn alphanumeric(raw: &str) -> String {
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn strip_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.strip_prefix(prefix).filter(|rest| !rest.is_empty())
}

/// IMO: seven digits, the last being the sum of the first six weighted 7 to 2, modulo 10.
pub fn imo_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 7 || digits.len() != 7 {
        return false;
    }
    let sum: u32 = d[..6].iter().zip((2..=7).rev()).map(|(x, w)| x * w).sum();
    sum % 10 == d[6]
}

/// LEI (ISO 17442): 20 letters and digits whose ISO 7064 MOD 97-10 remainder is 1.
pub fn lei_valid(s: &str) -> bool {
    if s.len() != 20
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return false;
    }
    let mut rem: u32 = 0;
    for c in s.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// SWIFT/BIC (ISO 9362): 4 letters (the institution), a country code that exists, 2 letters
/// or digits (the location) and an optional branch of 3.
pub fn bic_valid(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric)
        && crate::country::code(&s[4..6]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(prop: Prop, raw: &str) -> Option<String> {
        normalise(prop, raw).map(|i| i.key)
    }

    #[test]
    fn imo_numbers_in_every_spelling() {
        for raw in [
            "IMO 7406784",
            "imo7406784",
            "7406784",
            "IMO: 740-6784",
            " 07406784 ",
        ] {
            let id = normalise(Prop::ImoNumber, raw).unwrap();
            assert_eq!(id.key, "7406784", "{raw}");
            assert_eq!(id.check, Check::Valid, "{raw}");
        }
        // An IMO prefix makes an IMO number of any property.
        assert_eq!(
            normalise(Prop::IdNumber, "IMO 7406784").unwrap().kind,
            IdKind::Imo
        );
        assert_eq!(
            normalise(Prop::ImoNumber, "7406785").unwrap().check,
            Check::Invalid
        );
        assert_eq!(normalise(Prop::ImoNumber, "IMO 123").map(|i| i.key), None);
    }

    #[test]
    fn bic_eight_and_eleven() {
        assert_eq!(key(Prop::SwiftBic, "BNCU CU HH"), Some("BNCUCUHH".into()));
        assert_eq!(key(Prop::SwiftBic, "bncucuhhxxx"), Some("BNCUCUHH".into()));
        assert_eq!(
            key(Prop::SwiftBic, "BNCUCUHH123"),
            Some("BNCUCUHH123".into())
        );
        assert_eq!(
            normalise(Prop::SwiftBic, "BNCUCUHH").unwrap().check,
            Check::Valid
        );
        assert_eq!(
            normalise(Prop::SwiftBic, "BNCU1UHH").unwrap().check,
            Check::Invalid
        );
        assert_eq!(
            normalise(Prop::SwiftBic, "BNCUQQHH").unwrap().check,
            Check::Invalid
        );
    }

    #[test]
    fn lei_checksum() {
        // GLEIF's own LEI.
        let lei = normalise(Prop::RegistrationNumber, "5067 00GE 1G29 325Q X363").unwrap();
        assert_eq!(lei.key, "506700GE1G29325QX363");
        assert!(!lei_valid("506700GE1G29325QX364"));
        assert_eq!(lei.kind, IdKind::Lei);
        assert_eq!(lei.check, Check::Valid);
        let typo = normalise(Prop::RegistrationNumber, "LEI 506700GE1G29325QX364").unwrap();
        assert_eq!((typo.kind, typo.check), (IdKind::Lei, Check::Invalid));
    }

    #[test]
    fn generic_numbers() {
        assert_eq!(
            key(Prop::PassportNumber, "a-12 345.6"),
            Some("A123456".into())
        );
        assert_eq!(key(Prop::TaxNumber, "000123456"), Some("123456".into()));
        assert_eq!(key(Prop::IdNumber, "12"), None);
        assert_eq!(key(Prop::Name, "12345"), None);
    }

    #[test]
    fn wallets_keep_case_unless_case_free() {
        let k = |raw| key(Prop::PublicKey, raw);
        assert_eq!(
            k(" 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h "),
            Some("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h".into())
        );
        assert_eq!(k("0xABCdef0123"), Some("0xabcdef0123".into()));
        assert_eq!(
            k("BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH"),
            Some("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh".into())
        );
        assert_eq!(currency(" btc "), "XBT");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            for &p in Prop::ALL {
                if let Some(id) = normalise(p, &s) {
                    proptest::prop_assert!(id.key.len() >= MIN_KEY_LEN);
                }
            }
            let _ = currency(&s);
            let _ = bic_valid(&s);
            let _ = lei_valid(&s);
            let _ = imo_valid(&s);
        }
    }
}
