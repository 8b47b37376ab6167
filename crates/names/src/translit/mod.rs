//! Transliteration of non-Latin scripts to the Latin spellings people actually write.
