//! Query-string parameters as yente reads them: repeated keys make lists
//! (`include_dataset=a&include_dataset=b`), and a value of the wrong type is a 422.

use crate::error::ApiError;

/// All `key=value` pairs of a query string, in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The last value of `key`, if given and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of `key`, as given.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The one value of `key` as given, blank too: a typed parameter sent empty (`limit=`)
    /// is a value that cannot be read, not an absent one; sent twice, it is ambiguous.
    fn given(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self.0.iter().filter(|(k, _)| k == key);
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(ApiError::invalid(
                "value_error",
                &["query", key],
                "Input should be given once",
            ));
        }
        Ok(first)
    }

    /// Every value of `key`, blank ones too.
    pub fn every(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every value of `key`; values with commas are split too (`source=un,uk`).
    pub fn list(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// A number in `[min, max]`, or `default` when absent.
    pub fn f64_in(&self, key: &str, default: f64, min: f64, max: f64) -> Result<f64, ApiError> {
        let Some(v) = self.given(key)? else {
            return Ok(default);
        };
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && (min..=max).contains(&x) => Ok(x),
            Ok(_) => Err(ApiError::invalid(
                "value_error",
                &["query", key],
                format!("Input should be between {min} and {max}"),
            )),
            Err(_) => Err(ApiError::invalid(
                "float_parsing",
                &["query", key],
                "Input should be a valid number",
            )),
        }
    }

    /// A whole number in `[min, max]`, or `default` when absent.
    pub fn usize_in(
        &self,
        key: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let Some(v) = self.given(key)? else {
            return Ok(default);
        };
        match v.parse::<i64>() {
            Ok(x) if x >= min as i64 && x <= max as i64 => Ok(x as usize),
            Ok(_) => Err(ApiError::invalid(
                "value_error",
                &["query", key],
                format!("Input should be between {min} and {max}"),
            )),
            Err(_) => Err(ApiError::invalid(
                "int_parsing",
                &["query", key],
                "Input should be a valid integer",
            )),
        }
    }

    /// A boolean (`true/false/1/0/yes/no`), or `default` when absent.
    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, ApiError> {
        match self.given(key)?.map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(_) => Err(ApiError::invalid(
                "bool_parsing",
                &["query", key],
                "Input should be a valid boolean",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_comma_separated_keys_make_lists() {
        let p = Params::parse(Some("a=1&a=2,3&b=&limit=7&t=x"));
        assert_eq!(p.list("a"), ["1", "2", "3"]);
        assert_eq!(p.get("b"), None);
        assert_eq!(p.usize_in("limit", 5, 1, 10).ok(), Some(7));
        assert_eq!(p.usize_in("none", 5, 1, 10).ok(), Some(5));
        assert!(p.usize_in("t", 5, 1, 10).is_err());
        assert!(p.usize_in("limit", 5, 1, 6).is_err());
        let twice = Params::parse(Some("offset=1&offset=2&fuzzy=true&fuzzy=true"));
        assert!(twice.usize_in("offset", 0, 0, 10).is_err());
        assert!(twice.bool_or("fuzzy", false).is_err());
        assert!(p.f64_in("t", 0.7, 0.0, 1.0).is_err());
        // Sent empty is not absent.
        assert!(p.usize_in("b", 5, 1, 10).is_err());
        assert!(p.f64_in("b", 0.7, 0.0, 1.0).is_err());
        assert!(p.bool_or("b", false).is_err());
    }
}
