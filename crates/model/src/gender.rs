//! Gender as FtM writes it (`male`, `female`, `other`), and the words people use for it.
//! The one place that reads gender words: query normalisation and scoring both use it.

/// FtM's gender values.
pub const MALE: &str = "male";
pub const FEMALE: &str = "female";
pub const OTHER: &str = "other";

/// The FtM gender a word stands for (`M`, `Mrs`, `woman`, `diverse`...), case and surrounding
/// space ignored; `None` for a word that names no gender.
pub fn normalize(word: &str) -> Option<&'static str> {
    match word.trim().to_lowercase().as_str() {
        "m" | "male" | "man" | "mr" => Some(MALE),
        "f" | "female" | "woman" | "ms" | "mrs" => Some(FEMALE),
        "other" | "x" | "diverse" => Some(OTHER),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_ftm_values() {
        assert_eq!(normalize(" Mrs "), Some(FEMALE));
        assert_eq!(normalize("M"), Some(MALE));
        assert_eq!(normalize("diverse"), Some(OTHER));
        assert_eq!(normalize("unknown"), None);
        assert_eq!(normalize(""), None);
    }
}
