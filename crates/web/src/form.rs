//! A form's fields as a POST body sends them (`application/x-www-form-urlencoded`).

/// The fields of one form, in order; a field given twice keeps both.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn parse(body: &[u8]) -> Fields {
        Fields(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_decoded() {
        let f = Fields::parse(b"user=anna+lind&next=%2Fui%2Fscreen&user=x");
        assert_eq!(f.get("user"), Some("anna lind"));
        assert_eq!(f.get("next"), Some("/ui/screen"));
        assert_eq!(f.get("none"), None);
    }
}
