//! Scanning one document: its words are normalised to token ids of the index vocabulary, the
//! name trie is walked from every token, and each hit is judged: distinctive names count
//! alone; acronyms, weak aliases and generic names count only with support near them (another
//! part of the entity's names, its country, terrorism words for a terrorism listing) or when
//! the entity is named outright elsewhere in the document.

use crate::index::{ListedName, NameClass, NameSource, ScanIndex};
use crate::lexicon;
use crate::tokens::{self, Gap, Word};
use std::cell::RefCell;

/// How many tokens either side of a hit are searched for support (within its paragraph).
const CONTEXT_TOKENS: usize = 40;

/// One mention of a listed entity in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span in the scanned text.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of the first character.
    pub line: usize,
    pub column: usize,
    /// 1-based line and column of the last character (inclusive).
    pub end_line: usize,
    pub end_column: usize,
    /// The text as written (line breaks folded to spaces).
    pub text: String,
    /// Index of the entity in [`ScanIndex::entity`].
    pub entity: u32,
    /// The listed name that matched.
    pub name: u32,
    pub score: f64,
    pub reason: String,
}

/// A token of the document: one normalised word (an Arabic word may give two).
#[derive(Debug, Clone, Copy)]
struct Tok {
    word: u32,
    /// Range into `Doc::ids`: the vocabulary ids of the token's spellings.
    ids_start: u32,
    ids_len: u8,
    /// Id of this word joined with the next (line-end hyphenation), if the index knows it.
    joined: Option<u32>,
    /// Id of the word without an inflection ending ("Hezbollahs"), if the index knows it,
    /// and whether the ending is -s (one-word names take only a genitive or plural -s).
    stem: Option<(u32, bool)>,
    gap_before: Gap,
}

struct Doc<'t> {
    text: &'t str,
    words: Vec<Word>,
    toks: Vec<Tok>,
    ids: Vec<u32>,
    /// Per word, what it says as context, computed when first needed (hits share windows).
    features: RefCell<Vec<Option<WordFeatures>>>,
}

/// What a word of the document says as context.
#[derive(Debug, Clone, Copy, Default)]
struct WordFeatures {
    /// The country a capitalised word names ("Irak", "Syrische").
    country: Option<&'static str>,
    /// A terrorism word ("terroristische").
    terror: bool,
}

impl Doc<'_> {
    fn features(&self, word: u32) -> WordFeatures {
        let cached = self.features.borrow().get(word as usize).copied().flatten();
        if let Some(f) = cached {
            return f;
        }
        let Some(w) = self.words.get(word as usize) else {
            return WordFeatures::default();
        };
        let raw = &self.text[w.start..w.end];
        let form = tokens::primary_forms(raw);
        let first = form.first().map(String::as_str).unwrap_or("");
        let f = WordFeatures {
            country: if raw.chars().next().is_some_and(char::is_uppercase) {
                lexicon::country_code(first)
            } else {
                None
            },
            terror: raw.len() > 5 && lexicon::is_terror_word(first),
        };
        if let Some(slot) = self.features.borrow_mut().get_mut(word as usize) {
            *slot = Some(f);
        }
        f
    }
}

/// A trie hit before judging.
#[derive(Debug, Clone, Copy)]
struct Hit {
    first: usize,
    last: usize,
    node: u32,
    inflected: bool,
    /// The hit runs across punctuation that ends a phrase (",", "(", a quote): it stands only
    /// for a listed name written with punctuation inside ("YAMAKI, K.K.").
    crossed: bool,
}

impl ScanIndex {
    /// Finds the mentions of listed entities in `text`, in order of position.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        let doc = self.tokenise(text);
        let hits = self.walk(&doc);
        let mut accepted: Vec<Mention> = Vec::new();
        let mut pending: Vec<(Mention, &'static str)> = Vec::new();
        for hit in &hits {
            for &name_idx in self.ending_at(hit.node) {
                let Some(name) = self.name(name_idx) else {
                    continue;
                };
                self.judge(&doc, hit, name_idx, name, &mut accepted, &mut pending);
            }
        }
        let lines = LineIndex::new(text);
        self.confirm_by_document(&mut accepted, pending, |at| lines.position(text, at).0);
        let mut mentions = drop_nested(accepted);
        for m in &mut mentions {
            (m.line, m.column) = lines.position(text, m.start);
            let last = text[..m.end]
                .char_indices()
                .last()
                .map_or(m.start, |(i, _)| i);
            (m.end_line, m.end_column) = lines.position(text, last.max(m.start));
        }
        mentions.sort_by(|a, b| a.start.cmp(&b.start).then(a.entity.cmp(&b.entity)));
        mentions
    }

    fn tokenise<'t>(&self, text: &'t str) -> Doc<'t> {
        let words = tokens::words(text);
        let mut toks = Vec::with_capacity(words.len());
        let mut ids: Vec<u32> = Vec::with_capacity(words.len());
        let mut buf = String::with_capacity(32);
        for (wi, w) in words.iter().enumerate() {
            let raw = &text[w.start..w.end];
            if raw.is_ascii() {
                ascii_form(raw, &mut buf);
                let ids_start = ids.len() as u32;
                let id = self.token(&buf);
                ids.extend(id);
                let joined = if w.hyphenated_next {
                    words
                        .get(wi + 1)
                        .and_then(|next| self.joined_id(&buf, &text[next.start..next.end]))
                } else {
                    None
                };
                let stem = if id.is_none() {
                    self.stem_id(raw, &buf)
                } else {
                    None
                };
                toks.push(Tok {
                    word: wi as u32,
                    ids_start,
                    ids_len: u8::from(id.is_some()),
                    joined,
                    stem,
                    gap_before: w.gap_before,
                });
                continue;
            }
            let forms = tokens::normalise_word(raw);
            let n = forms.len();
            for (k, spellings) in forms.iter().enumerate() {
                let ids_start = ids.len() as u32;
                let mut len = 0u8;
                for sp in spellings.iter().take(8) {
                    if let Some(id) = self.token(sp) {
                        ids.push(id);
                        len += 1;
                    }
                }
                let joined = if w.hyphenated_next && k + 1 == n {
                    let first = spellings.first().map(String::as_str).unwrap_or("");
                    words
                        .get(wi + 1)
                        .and_then(|next| self.joined_id(first, &text[next.start..next.end]))
                } else {
                    None
                };
                let stem = match spellings.first() {
                    Some(first) if len == 0 && k + 1 == n => self.stem_id(raw, first),
                    _ => None,
                };
                toks.push(Tok {
                    word: wi as u32,
                    ids_start,
                    ids_len: len,
                    joined,
                    stem,
                    gap_before: if k == 0 { w.gap_before } else { Gap::Soft },
                });
            }
        }
        let features = RefCell::new(vec![None; words.len()]);
        Doc {
            text,
            words,
            toks,
            ids,
            features,
        }
    }

    /// The id of `head` + the next word, for "Jab-\nhat" -> "jabhat".
    fn joined_id(&self, head: &str, next_raw: &str) -> Option<u32> {
        let tail = tokens::primary_forms(next_raw);
        let tail = tail.first()?;
        let mut joined = String::with_capacity(head.len() + tail.len());
        joined.push_str(head);
        joined.push_str(tail);
        self.token(&tokens::canonical(joined))
    }

    /// The id of a capitalised word without an inflection ending (English/Dutch/German
    /// genitive and plural -s, Dutch/German -en/-e/-n), when the stem is a listed word.
    fn stem_id(&self, raw: &str, form: &str) -> Option<(u32, bool)> {
        if !raw.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        ["s", "es", "en", "e", "n"].iter().find_map(|suffix| {
            let stem = form.strip_suffix(suffix)?;
            if stem.len() < 4 {
                return None;
            }
            self.token(stem)
                .or_else(|| self.token(&tokens::canonical(stem.to_string())))
                .map(|id| (id, *suffix == "s"))
        })
    }

    /// Every trie path through consecutive tokens not separated by phrase punctuation.
    fn walk(&self, doc: &Doc) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut stack: Vec<(usize, u32, bool)> = Vec::new();
        for first in 0..doc.toks.len() {
            stack.clear();
            stack.push((first, Self::ROOT, false));
            while let Some((pos, node, crossed)) = stack.pop() {
                let Some(tok) = doc.toks.get(pos) else {
                    continue;
                };
                if pos > first && tok.gap_before == Gap::Paragraph {
                    continue;
                }
                let crossed = crossed || (pos > first && tok.gap_before == Gap::Phrase);
                let ids = tok_ids(doc, tok);
                for &id in ids {
                    if let Some(child) = self.step(node, id) {
                        if !self.ending_at(child).is_empty() {
                            hits.push(Hit {
                                first,
                                last: pos,
                                node: child,
                                inflected: false,
                                crossed,
                            });
                        }
                        stack.push((pos + 1, child, crossed));
                    }
                }
                if let Some(id) = tok.joined
                    && let Some(child) = self.step(node, id)
                    && doc.toks.get(pos + 1).is_some()
                {
                    if !self.ending_at(child).is_empty() {
                        hits.push(Hit {
                            first,
                            last: pos + 1,
                            node: child,
                            inflected: false,
                            crossed,
                        });
                    }
                    stack.push((pos + 2, child, crossed));
                }
                if let Some((id, ends_in_s)) = tok.stem
                    && let Some(child) = self.step(node, id)
                    && !self.ending_at(child).is_empty()
                    && (pos > first || ends_in_s)
                {
                    hits.push(Hit {
                        first,
                        last: pos,
                        node: child,
                        inflected: true,
                        crossed,
                    });
                }
            }
        }
        hits
    }

    /// Accepts a hit, keeps it pending (needs the entity confirmed elsewhere), or drops it.
    fn judge(
        &self,
        doc: &Doc,
        hit: &Hit,
        name_idx: u32,
        name: &ListedName,
        accepted: &mut Vec<Mention>,
        pending: &mut Vec<(Mention, &'static str)>,
    ) {
        let (Some(first), Some(last)) = (doc.toks.get(hit.first), doc.toks.get(hit.last)) else {
            return;
        };
        let (Some(w0), Some(w1)) = (
            doc.words.get(first.word as usize),
            doc.words.get(last.word as usize),
        ) else {
            return;
        };
        if hit.crossed && !name.inner_punctuation {
            return;
        }
        let written = &doc.text[w0.start..w1.end];
        let letters = || written.chars().filter(|c| c.is_alphabetic());
        // "PKK" but not "pkk" or "Pkk"; "tak" (Dutch: branch) is not TAK.
        if name.acronym && letters().any(char::is_lowercase) {
            return;
        }
        let mut class = name.class;
        // "Hezbollah" is a name, "unity" in lower case is a word.
        if name.single_word
            && class == NameClass::Strong
            && !letters().any(|c| c.is_uppercase() || !c.is_lowercase())
        {
            class = NameClass::NeedsContext("single word in lower case");
        }
        // A given name and a surname of which only the surname tells people apart ("Mohammad
        // NOURI"), written in another script: transliteration gives each word several Latin
        // spellings, and common given names and surnames meet far more often.
        if name.source == NameSource::ShortForm
            && name.one_distinctive
            && class == NameClass::Strong
            && letters().any(|c| !c.is_ascii() && !('\u{00C0}'..='\u{024F}').contains(&c))
        {
            class = NameClass::NeedsContext("given name and surname in another script");
        }
        let mut mention = Mention {
            start: w0.start,
            end: w1.end,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            text: written.split_whitespace().collect::<Vec<_>>().join(" "),
            entity: name.entity,
            name: name_idx,
            score: 0.0,
            reason: String::new(),
        };
        let inflection = if hit.inflected {
            "; inflected form"
        } else {
            ""
        };
        match class {
            NameClass::Strong => {
                let (what, score) = match name.source {
                    NameSource::Primary => ("full name match", 1.0),
                    NameSource::Previous => ("former name match", 0.9),
                    NameSource::ShortForm => ("given name and surname", 0.9),
                    NameSource::WithoutLegalForm => ("name without legal form", 0.9),
                    _ => ("alias match", 0.95),
                };
                let single = if name.single_word { 0.05 } else { 0.0 };
                mention.score = score - single - if hit.inflected { 0.1 } else { 0.0 };
                mention.reason = format!("{what}: \"{}\"{inflection}", name.text);
                accepted.push(mention);
            }
            NameClass::NeedsContext(why) => {
                if let Some(support) = self.support(doc, hit, name) {
                    mention.score = if support.strong { 0.8 } else { 0.75 }
                        - if name.source == NameSource::Weak {
                            0.1
                        } else {
                            0.0
                        }
                        - if hit.inflected { 0.1 } else { 0.0 };
                    mention.reason = format!(
                        "{why} \"{}\" with context: {}{inflection}",
                        name.text, support.what
                    );
                    accepted.push(mention);
                } else {
                    mention.score = 0.7 - if hit.inflected { 0.1 } else { 0.0 };
                    mention.reason = format!("{why} \"{}\"{inflection}", name.text);
                    pending.push((mention, why));
                }
            }
        }
    }

    /// Words near a hit that tie it to its entity.
    fn support(&self, doc: &Doc, hit: &Hit, name: &ListedName) -> Option<Support> {
        let entity = self.entity(name.entity)?;
        let person = entity.schema.is_a(zeef_model::Schema::Person);
        let (lo, hi) = paragraph_window(doc, hit.first, hit.last);
        let mut found: Vec<String> = Vec::new();
        let mut strong = false;
        // The hit's own words elsewhere ("ISIS" near "ISIS") support nothing.
        let own: Vec<u32> = (hit.first..=hit.last)
            .filter_map(|p| doc.toks.get(p))
            .flat_map(|t| tok_ids(doc, t).iter().copied())
            .collect();
        for pos in (lo..=hi).filter(|p| *p < hit.first || *p > hit.last) {
            let Some(tok) = doc.toks.get(pos) else {
                continue;
            };
            let Some(w) = doc.words.get(tok.word as usize) else {
                continue;
            };
            let raw = &doc.text[w.start..w.end];
            let ids = tok_ids(doc, tok);
            if ids.iter().any(|id| own.contains(id)) {
                continue;
            }
            if ids
                .iter()
                .any(|id| !self.is_generic(*id) && entity.name_tokens.binary_search(id).is_ok())
            {
                found.push(format!("\"{raw}\" (part of its names)"));
                strong = true;
            } else if !person
                && let Some(code) = doc.features(tok.word).country
                && entity.countries.contains(&code)
            {
                found.push(format!("\"{raw}\" (country {code})"));
                strong = true;
            }
            if !person && entity.terror && doc.features(tok.word).terror {
                found.push(format!("\"{raw}\" (terrorism listing)"));
            }
            if found.len() >= 3 {
                break;
            }
        }
        if !person && !strong {
            // A country named in several words ("North Korea", "Central African Republic").
            if let Some((raw, code)) = self.country_phrase(doc, (lo, hi), hit, &entity.countries) {
                found.push(format!("\"{raw}\" (country {code})"));
                strong = true;
            }
        }
        if found.is_empty() {
            return None;
        }
        found.dedup();
        Some(Support {
            what: found.join(", "),
            strong,
        })
    }

    /// A country of `countries` named in two to five capitalised words within the window,
    /// outside the hit: its text and code.
    fn country_phrase<'d>(
        &self,
        doc: &'d Doc,
        (lo, hi): (usize, usize),
        hit: &Hit,
        countries: &[&'static str],
    ) -> Option<(&'d str, &'static str)> {
        let word_of = |pos: usize| {
            doc.toks
                .get(pos)
                .and_then(|t| doc.words.get(t.word as usize))
        };
        for start in lo..=hi {
            if (hit.first..=hit.last).contains(&start) {
                continue;
            }
            let Some(w0) = word_of(start) else { continue };
            let first = &doc.text[w0.start..w0.end];
            if !first.chars().next().is_some_and(char::is_uppercase)
                || !country_phrase_heads().contains(&first.to_lowercase())
            {
                continue;
            }
            for n in (2..=5).rev() {
                let end = start + n - 1;
                if end > hi
                    || (start..=end).any(|p| (hit.first..=hit.last).contains(&p))
                    || (start + 1..=end)
                        .any(|p| doc.toks.get(p).is_none_or(|t| t.gap_before != Gap::Soft))
                {
                    continue;
                }
                let Some(w1) = word_of(end) else { continue };
                let raw = &doc.text[w0.start..w1.end];
                if let Some(code) = zeef_model::country::code(raw)
                    && countries.contains(&code)
                {
                    return Some((raw, code));
                }
            }
        }
        None
    }

    /// Pending hits of entities that the document names outright (an accepted mention) count.
    fn confirm_by_document(
        &self,
        accepted: &mut Vec<Mention>,
        pending: Vec<(Mention, &'static str)>,
        line_of: impl Fn(usize) -> usize,
    ) {
        let mut first_line_of: Vec<(u32, usize)> = Vec::new();
        for m in accepted.iter() {
            if !first_line_of.iter().any(|(e, _)| *e == m.entity) {
                first_line_of.push((m.entity, m.start));
            }
        }
        for (mut m, _) in pending {
            if let Some((_, at)) = first_line_of.iter().find(|(e, _)| *e == m.entity) {
                m.score -= 0.05;
                m.reason = format!(
                    "{}; entity named with support at line {}",
                    m.reason,
                    line_of(*at)
                );
                accepted.push(m);
            }
        }
    }
}

struct Support {
    what: String,
    strong: bool,
}

/// First words of the countries named in several words ("north", "united", "central"): a
/// phrase is looked up only from one of these.
fn country_phrase_heads() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        zeef_model::country::all_codes()
            .filter_map(zeef_model::country::name)
            .filter(|n| n.contains(' '))
            .filter_map(|n| n.split_whitespace().next())
            .map(str::to_lowercase)
            .collect()
    })
}

fn tok_ids<'d>(doc: &'d Doc, tok: &Tok) -> &'d [u32] {
    let start = tok.ids_start as usize;
    doc.ids
        .get(start..start + tok.ids_len as usize)
        .unwrap_or(&[])
}

/// Tokens around a hit, not crossing a paragraph break.
fn paragraph_window(doc: &Doc, first: usize, last: usize) -> (usize, usize) {
    let mut lo = first;
    while lo > 0 && first - lo < CONTEXT_TOKENS {
        if doc
            .toks
            .get(lo)
            .is_some_and(|t| t.gap_before == Gap::Paragraph)
        {
            break;
        }
        lo -= 1;
    }
    let mut hi = last;
    while hi + 1 < doc.toks.len() && hi - last < CONTEXT_TOKENS {
        if doc
            .toks
            .get(hi + 1)
            .is_some_and(|t| t.gap_before == Gap::Paragraph)
        {
            break;
        }
        hi += 1;
    }
    (lo, hi)
}

/// Lower-case ASCII letters and digits of a word, possessive dropped, canonicalised: the
/// allocation-free twin of [`tokens::normalise_word`] for ASCII words.
fn ascii_form(raw: &str, buf: &mut String) {
    buf.clear();
    let raw = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("'S"))
        .or_else(|| raw.strip_suffix('\''))
        .filter(|s| !s.is_empty())
        .unwrap_or(raw);
    let bytes = raw.as_bytes();
    let long = bytes.iter().filter(|b| b.is_ascii_alphanumeric()).count() >= 5;
    let mut prev = 0u8;
    for &b in bytes {
        if !b.is_ascii_alphanumeric() {
            continue;
        }
        let c = b.to_ascii_lowercase();
        if long && c == prev && c.is_ascii_alphabetic() {
            continue;
        }
        buf.push(c as char);
        prev = c;
    }
    let b = buf.as_bytes();
    if long
        && b.len() >= 5
        && b[b.len() - 1] == b'h'
        && matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u')
    {
        buf.pop();
    }
}

/// Of mentions whose span lies strictly inside another's, keeps the longer; of the same span
/// and entity, the best scored.
fn drop_nested(mut ms: Vec<Mention>) -> Vec<Mention> {
    ms.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.entity.cmp(&b.entity))
            .then(b.score.total_cmp(&a.score))
    });
    ms.dedup_by(|later, earlier| {
        later.start == earlier.start && later.end == earlier.end && later.entity == earlier.entity
    });
    // Sorted by start, longest first: a span is nested when an earlier, different span
    // reaches at least as far. Equal spans (several entities) are judged together.
    let mut out = Vec::with_capacity(ms.len());
    let mut reach_before_group = 0usize;
    let mut group: Option<(usize, usize)> = None;
    let mut group_nested = false;
    for m in ms {
        let span = (m.start, m.end);
        if group != Some(span) {
            if let Some((_, end)) = group {
                reach_before_group = reach_before_group.max(end);
            }
            group = Some(span);
            group_nested = reach_before_group >= m.end && reach_before_group > 0;
        }
        if !group_nested {
            out.push(m);
        }
    }
    out
}

/// Byte offsets of line starts, for line and column numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `at`.
    fn position(&self, text: &str, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_form_matches_normalise_word() {
        let mut buf = String::new();
        for w in [
            "ISIS's",
            "Hizballah",
            "Nusrah",
            "Da'esh",
            "all",
            "F16",
            "Workers'",
        ] {
            ascii_form(w, &mut buf);
            let want = tokens::primary_forms(w);
            assert_eq!(vec![buf.clone()], want, "{w}");
        }
    }

    #[test]
    fn line_index_positions() {
        let text = "ab\ncdé\nf";
        let li = LineIndex::new(text);
        assert_eq!(li.position(text, 0), (1, 1));
        assert_eq!(li.position(text, 4), (2, 2));
        assert_eq!(li.position(text, 8), (3, 1));
    }
}
