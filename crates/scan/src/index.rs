//! The index of listed names the scanner runs over documents: every name and alias of every
//! entity, tokenised as documents are ([`crate::tokens`]), stored in a token trie; with what
//! the scanner needs to judge a hit: how distinctive each name is, and which words, countries
//! and topics support a short or generic name when they appear near it.

use crate::lexicon;
use crate::tokens::normalise_word;
use foldhash::{HashMap, HashSet};
use zeef_model::{Entity, Prop, Schema};

/// Most token sequences one listed name is indexed under (transliteration variants multiply).
const MAX_VARIANTS_PER_NAME: usize = 16;

/// Which name property a listed name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    Primary,
    Alias,
    Weak,
    Previous,
    /// An acronym the list gives in brackets after a name: "TEYREBAZEN AZADIYA KURDISTAN (TAK)".
    Bracketed,
    /// A person's name as documents write it: given name and surname without the middle
    /// names or patronymic ("Vladimir PUTIN"), or surname first ("KIM Jong Un").
    ShortForm,
    /// An organisation's name without its legal form, as documents write it: "Avtomatika"
    /// for "JOINT STOCK COMPANY AVTOMATIKA", "Lakhta Park" for "LAKHTA PARK, OOO".
    WithoutLegalForm,
}

/// Whether a hit on a name counts by itself or only with support nearby.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameClass {
    /// Distinctive enough to count alone.
    Strong,
    /// Counts only with supporting context; the text says why ("acronym", "weak alias"...).
    NeedsContext(&'static str),
}

/// One listed name of one entity.
#[derive(Debug, Clone)]
pub struct ListedName {
    pub entity: u32,
    pub text: String,
    pub source: NameSource,
    pub class: NameClass,
    /// Short all-letter tokens ("PKK", "ISIS-K"): the document must write them in capitals.
    pub acronym: bool,
    /// One significant word only ("Hezbollah"): the document must capitalise it.
    pub single_word: bool,
    /// One distinctive word only, beside common ones ("Vladimir PUTIN").
    pub one_distinctive: bool,
    /// Written with punctuation that ends a phrase inside it ("YAMAKI, K.K.", "PUBLIC
    /// MOVEMENT “NOVOROSSIYA”"): a document may write it so too.
    pub inner_punctuation: bool,
}

/// What the scanner keeps of a listed entity.
#[derive(Debug, Clone)]
pub struct ListedEntity {
    pub id: String,
    pub caption: String,
    pub schema: Schema,
    pub datasets: Vec<String>,
    /// Distinctive tokens of all its names (sorted ids): naming one near a short alias supports it.
    pub name_tokens: Vec<u32>,
    /// Countries it is tied to (ISO codes), from its properties and names.
    pub countries: Vec<&'static str>,
    /// Listed for terrorism: terrorism words nearby support its acronyms.
    pub terror: bool,
}

/// The token trie over all listed names.
#[derive(Debug, Default)]
pub struct ScanIndex {
    vocab: HashMap<Box<str>, u32>,
    /// (node << 32 | token) -> child node; node 0 is the root.
    edges: HashMap<u64, u32>,
    node_count: u32,
    /// Node -> the listed names that end there.
    terminals: HashMap<u32, Vec<u32>>,
    pub(crate) names: Vec<ListedName>,
    pub(crate) entities: Vec<ListedEntity>,
    /// Per token id: true when the word does not identify by itself.
    generic: Vec<bool>,
}

impl ScanIndex {
    /// Builds the index from the entities of a snapshot (all schemata).
    pub fn build(entities: Vec<Entity>) -> ScanIndex {
        let mut index = ScanIndex {
            node_count: 1,
            ..ScanIndex::default()
        };
        let person_words = person_words(&entities);
        for e in &entities {
            index.add_entity(e, &person_words);
        }
        index
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    pub fn entity(&self, i: u32) -> Option<&ListedEntity> {
        self.entities.get(i as usize)
    }

    pub fn name(&self, i: u32) -> Option<&ListedName> {
        self.names.get(i as usize)
    }

    /// The id of a normalised token, if some listed name uses it.
    pub fn token(&self, form: &str) -> Option<u32> {
        self.vocab.get(form).copied()
    }

    pub fn is_generic(&self, token: u32) -> bool {
        self.generic.get(token as usize).copied().unwrap_or(true)
    }

    /// The child of `node` by `token`.
    pub fn step(&self, node: u32, token: u32) -> Option<u32> {
        self.edges.get(&edge_key(node, token)).copied()
    }

    /// Names ending at `node`.
    pub fn ending_at(&self, node: u32) -> &[u32] {
        self.terminals.get(&node).map(Vec::as_slice).unwrap_or(&[])
    }

    pub const ROOT: u32 = 0;

    fn add_entity(&mut self, e: &Entity, person_words: &HashSet<String>) {
        let entity_idx = self.entities.len() as u32;
        let mut listed = ListedEntity {
            id: e.id.clone(),
            caption: e.caption().to_string(),
            schema: e.schema,
            datasets: e.datasets(),
            name_tokens: Vec::new(),
            countries: Vec::new(),
            terror: lexicon::is_terror_listing(e.get(Prop::Program), e.get(Prop::Topics)),
        };
        for prop in [
            Prop::Country,
            Prop::Nationality,
            Prop::Citizenship,
            Prop::Jurisdiction,
        ] {
            for c in e.get(prop) {
                if let Some(code) = zeef_model::country::code(c)
                    && !listed.countries.contains(&code)
                {
                    listed.countries.push(code);
                }
            }
        }
        // Given names of syllables ("Ryong Sun") are the rule in East and Southeast Asia.
        let syllabic = listed
            .countries
            .iter()
            .any(|c| SYLLABIC_NAME_COUNTRIES.contains(c));
        let mut forms: Vec<(String, NameSource)> = Vec::new();
        for (prop, raw) in e.names() {
            let source = match prop {
                Prop::Name => NameSource::Primary,
                Prop::WeakAlias => NameSource::Weak,
                Prop::PreviousName => NameSource::Previous,
                _ => NameSource::Alias,
            };
            forms.extend(name_forms(raw, source, e.schema, syllabic));
        }
        if e.schema.is_a(Schema::Person) {
            let (mut first, last) = (e.get(Prop::FirstName).to_vec(), e.get(Prop::LastName));
            // A first name that is only the head of a compound ("Abdul" + middle name "Reza")
            // goes on into the middle name; so does a syllable of a given name of syllables
            // ("Rak" + "Kyom"), written whole.
            let middle = e.get(Prop::MiddleName).join(" ");
            if let [given] = first.as_mut_slice()
                && !middle.trim().is_empty()
                && (syllabic || is_compound_head(given))
            {
                *given = format!("{given} {}", middle.trim());
            }
            if !first.is_empty() && !last.is_empty() {
                forms.extend(short_forms(&first, last, syllabic));
            } else if let Some(name) = e.first(Prop::Name)
                && !name.contains(',')
                && let Some((given, surname)) = split_surname(name)
            {
                // The list gives the name whole (or only its first part): its last word, with
                // an article before it ("al-Zawahiri", "al Zawahiri"), is the surname.
                let given = first.first().map_or(given, String::as_str);
                forms.extend(short_forms(&[given], &[surname], syllabic));
            }
        } else if e.schema.is_a(Schema::LegalEntity) {
            let mut bare = Vec::new();
            for (text, src) in &forms {
                if matches!(src, NameSource::Primary | NameSource::Alias)
                    && let Some(b) = lexicon::without_legal_form(text)
                {
                    bare.push((b, NameSource::WithoutLegalForm));
                }
            }
            forms.extend(bare);
        }
        let mut seen: Vec<String> = Vec::with_capacity(forms.len());
        for (text, src) in forms {
            // A short form the list also gives in full (an alias "Sergey LAVROV") is that name.
            let folded = text.to_lowercase();
            if seen.contains(&folded) {
                continue;
            }
            // One word left of a company's name ("Karst" of "KARST, OOO") is as often a
            // person's name or an ordinary word ("Forum", "Denise", "Yildiz", "Tochka"): it
            // is a name only when of seven letters or more and no listed person's name has it.
            if src == NameSource::WithoutLegalForm {
                let words = crate::tokens::words(&text);
                if let [w] = words.as_slice() {
                    let word = crate::tokens::primary_forms(&text[w.start..w.end]).concat();
                    if word.chars().count() < 7 || person_words.contains(&word) {
                        continue;
                    }
                }
            }
            seen.push(folded);
            self.add_name(entity_idx, &text, src, &mut listed);
        }
        listed.name_tokens.sort_unstable();
        listed.name_tokens.dedup();
        self.entities.push(listed);
    }

    fn add_name(&mut self, entity: u32, text: &str, source: NameSource, listed: &mut ListedEntity) {
        let tokens: Vec<Vec<String>> = crate::tokens::words(text)
            .iter()
            .flat_map(|w| normalise_word(&text[w.start..w.end]))
            .collect();
        if tokens.is_empty() {
            return;
        }
        let primary: Vec<&str> = tokens
            .iter()
            .filter_map(|t| t.first())
            .map(String::as_str)
            .collect();
        let person = listed.schema.is_a(Schema::Person);
        let significant: Vec<&str> = primary
            .iter()
            .copied()
            .filter(|t| {
                if person {
                    !lexicon::is_name_particle(t)
                } else {
                    !lexicon::is_stop(t)
                }
            })
            .collect();
        // The "Abdul" of "Abdul Rahman" starts a compound given name: it tells nobody apart.
        let distinctive: Vec<&str> = significant
            .iter()
            .copied()
            .filter(|t| !lexicon::is_generic(t) && !zeef_names::lexicon::ABD_HEADS.contains(t))
            .collect();
        let acronym = is_acronym(text, &primary);
        let class = classify(source, listed.schema, acronym, &significant, &distinctive);
        for t in &distinctive {
            let id = self.intern(t);
            listed.name_tokens.push(id);
        }
        for t in &primary {
            if let Some(code) = lexicon::country_code(t)
                && !listed.countries.contains(&code)
            {
                listed.countries.push(code);
            }
        }
        let name_idx = self.names.len() as u32;
        self.names.push(ListedName {
            entity,
            text: text.to_string(),
            source,
            class,
            acronym,
            single_word: significant.len() == 1,
            one_distinctive: distinctive.len() == 1,
            inner_punctuation: crate::tokens::words(text)
                .iter()
                .skip(1)
                .any(|w| w.gap_before != crate::tokens::Gap::Soft),
        });
        for seq in variants(&tokens) {
            self.insert(&seq, name_idx);
        }
        // "Jabhat al-Nusra" is also written "Jabhat Nusra": index the name without articles.
        let without_articles: Vec<Vec<String>> = tokens
            .iter()
            .filter(|t| !t.first().is_some_and(|f| is_article(f)))
            .cloned()
            .collect();
        if without_articles.len() != tokens.len()
            && significant.len() >= 2
            && without_articles.len() >= 2
        {
            for seq in variants(&without_articles) {
                self.insert(&seq, name_idx);
            }
        }
    }

    fn intern(&mut self, form: &str) -> u32 {
        if let Some(&id) = self.vocab.get(form) {
            return id;
        }
        let id = self.generic.len() as u32;
        self.vocab.insert(form.into(), id);
        self.generic.push(lexicon::is_generic(form));
        id
    }

    fn insert(&mut self, seq: &[&str], name: u32) {
        let mut node = Self::ROOT;
        for form in seq {
            let token = self.intern(form);
            let key = edge_key(node, token);
            node = match self.edges.get(&key) {
                Some(&child) => child,
                None => {
                    let child = self.node_count;
                    self.node_count += 1;
                    self.edges.insert(key, child);
                    child
                }
            };
        }
        let ends = self.terminals.entry(node).or_default();
        if !ends.contains(&name) {
            ends.push(name);
        }
    }
}

/// The normalised words of every listed person's names.
fn person_words(entities: &[Entity]) -> HashSet<String> {
    let mut out = HashSet::default();
    for e in entities.iter().filter(|e| e.schema.is_a(Schema::Person)) {
        for (_, name) in e.names() {
            for w in crate::tokens::words(name) {
                out.extend(crate::tokens::primary_forms(&name[w.start..w.end]));
            }
        }
    }
    out
}

fn edge_key(node: u32, token: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(token)
}

fn is_article(form: &str) -> bool {
    zeef_names::lexicon::ARTICLES.contains(form)
}

/// Token sequences of one name: the cartesian product of each token's spellings, most usual
/// first, capped.
fn variants(tokens: &[Vec<String>]) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::with_capacity(tokens.len())];
    for spellings in tokens {
        let mut next = Vec::with_capacity(out.len() * spellings.len());
        for seq in &out {
            for sp in spellings {
                if next.len() >= MAX_VARIANTS_PER_NAME {
                    break;
                }
                let mut s = seq.clone();
                s.push(sp.as_str());
                next.push(s);
            }
        }
        out = next;
    }
    out
}

/// A name of at most two short tokens, none longer than 4 letters: "PKK", "ISIS-K", "AQAP".
fn is_acronym(text: &str, primary: &[&str]) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    primary.len() <= 2
        && letters <= 7
        && primary.iter().all(|t| t.len() <= 4)
        && primary
            .first()
            .is_some_and(|t| t.len() >= 2 || primary.len() == 1)
        && text.is_ascii()
}

/// Decides whether a name counts alone (see [`NameClass`]).
fn classify(
    source: NameSource,
    schema: Schema,
    acronym: bool,
    significant_words: &[&str],
    distinctive: &[&str],
) -> NameClass {
    let significant = significant_words.len();
    // The words beside the one distinctive part are given names: "Abu HAMZA" and "Abdul
    // HAKIM" are one name each, of which the distinctive part is the second half; but in
    // "Abdul Rahman HOTTAK" the compound given name stands beside the surname.
    let given_beside = || {
        significant_words.iter().enumerate().all(|(i, t)| {
            let head = zeef_names::lexicon::KUNYA_HEADS.contains(t)
                || zeef_names::lexicon::ABD_HEADS.contains(t);
            !head
                || significant_words
                    .get(i + 1)
                    .is_some_and(|next| !distinctive.contains(next))
        })
    };
    if matches!(source, NameSource::Weak) {
        return NameClass::NeedsContext("weak alias");
    }
    if acronym || matches!(source, NameSource::Bracketed) {
        return NameClass::NeedsContext("acronym");
    }
    let person = schema.is_a(Schema::Person);
    let craft = matches!(schema, Schema::Vessel | Schema::Airplane);
    match distinctive.len() {
        0 if significant <= 1 => NameClass::NeedsContext("common word"),
        0 => NameClass::NeedsContext("generic words only"),
        // "Sergey LAVROV": a given name with a surname of five letters or more that is no
        // common name identifies as documents name people; "Abu HAMZA" or "Ali SAID" does not.
        1 if person
            && significant >= 2
            && distinctive.iter().all(|t| t.chars().count() >= 5)
            && given_beside() =>
        {
            NameClass::Strong
        }
        1 if person => NameClass::NeedsContext("one distinctive name part"),
        1 if craft => NameClass::NeedsContext("vessel or aircraft name"),
        1 if significant == 1 && distinctive.first().is_some_and(|t| t.len() < 5) => {
            NameClass::NeedsContext("short single word")
        }
        _ => NameClass::Strong,
    }
}

/// The forms a list name is indexed under: the name itself, with a trailing "(ACRONYM)"
/// split off as its own name, "Last, First" of persons turned around, and boilerplate tails
/// ("and any successor, sub-unit, or subsidiary thereof") dropped.
fn name_forms(
    raw: &str,
    source: NameSource,
    schema: Schema,
    syllabic: bool,
) -> Vec<(String, NameSource)> {
    let mut out = Vec::new();
    let mut name = raw.trim().to_string();
    if let Some(i) = name.to_ascii_lowercase().find(" and any successor") {
        name.truncate(i);
    }
    if let Some(open) = name.rfind('(')
        && name.trim_end().ends_with(')')
        && open > 0
    {
        let inner = name[open + 1..name.trim_end().len() - 1].to_string();
        name = name[..open].trim().to_string();
        // Only acronyms: other bracketed text is a description ("BRANCH LOCATED IN ...").
        for part in inner.split(',') {
            let part = part.trim();
            let forms: Vec<String> = crate::tokens::words(part)
                .iter()
                .flat_map(|w| crate::tokens::primary_forms(&part[w.start..w.end]))
                .collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            if !forms.is_empty()
                && is_acronym(part, &forms)
                && !part.chars().any(char::is_lowercase)
            {
                out.push((part.to_string(), NameSource::Bracketed));
            }
        }
    }
    if schema.is_a(Schema::Person)
        && let Some((last, first)) = name.split_once(',')
        && !first.contains(',')
        && (1..=3).contains(&first.split_whitespace().count())
    {
        let (first, last) = (first.trim(), last.trim());
        if source != NameSource::Weak {
            out.extend(short_forms(&[first], &[last], syllabic));
        }
        name = format!("{first} {last}");
    }
    if !name.is_empty() {
        out.insert(0, (name, source));
    }
    out
}

/// How documents write a listed person whose given names and surname the list gives apart:
/// the first given name and the surname ("Vladimir Vladimirovich" + "PUTIN": "Vladimir
/// PUTIN"; "Vladislav" with middle name "Feliksovich" + "FILEV": "Vladislav FILEV"), and the
/// surname before the given names ("Jong Un" + "KIM": "KIM Jong Un").
fn short_forms<S: AsRef<str>>(
    given: &[S],
    surnames: &[S],
    syllabic: bool,
) -> Vec<(String, NameSource)> {
    let mut out = Vec::new();
    for last in surnames.iter().map(|s| s.as_ref().trim()) {
        for first in given.iter().map(|s| s.as_ref().trim()) {
            if first.is_empty() || last.is_empty() {
                continue;
            }
            out.push((format!("{last} {first}"), NameSource::ShortForm));
            match first_given_name(first, syllabic) {
                Some(head) => out.push((format!("{head} {last}"), NameSource::ShortForm)),
                // Syllables are also written as one word: "Chuen Fat" -> "Chuenfat".
                None => {
                    let joined: String = first
                        .split(|c: char| c.is_whitespace() || c == '-')
                        .collect();
                    if joined != first {
                        out.push((format!("{last} {joined}"), NameSource::ShortForm));
                    }
                }
            }
        }
    }
    out
}

/// Countries whose people's given names are written as syllables ("Ryong Sun", "Xiao Ming").
const SYLLABIC_NAME_COUNTRIES: &[&str] = &["kp", "kr", "cn", "tw", "hk", "mo", "vn", "mm"];

fn is_compound_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    zeef_names::lexicon::ABD_HEADS.contains(&lower)
        || zeef_names::lexicon::KUNYA_HEADS.contains(&lower)
}

/// The first of a person's given names: one word, or the words of a compound ("Abd
/// al-Rahman", "Abdul Rahman", "Abu Bakr"), after a title ("Haji"). None where the given
/// name is syllables ("Jong Un", "Min Jun", "Tin Aung": every part of four letters or fewer
/// and one of three or fewer, none an initial; every part of six or fewer for a person of a
/// country where given names are syllables): that is one name, written whole.
fn first_given_name(given: &str, syllabic: bool) -> Option<String> {
    let mut words: Vec<&str> = given.split_whitespace().collect();
    while words.len() >= 2
        && zeef_names::lexicon::TITLES.contains(&words[0].to_lowercase().replace('.', ""))
    {
        words.remove(0);
    }
    let head = words.first()?;
    if is_compound_head(head) {
        let next = words.get(1)?;
        let mut n = 2;
        if is_article(&next.to_lowercase()) && words.len() >= 3 {
            n = 3;
        }
        return Some(words[..n].join(" "));
    }
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let initial = |w: &str| letters(w) == 1;
    let most = if syllabic { 6 } else { 4 };
    // "Kwai-wah" is syllables too.
    let parts: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|p| !p.is_empty())
        .collect();
    // Elsewhere one part is of three letters or fewer: "Jong Un" and "Tin Aung", but not
    // "Jose Omar".
    let syllables = parts.len() >= 2
        && parts.iter().all(|w| letters(w) <= most && !initial(w))
        && (syllabic || parts.iter().any(|w| letters(w) <= 3));
    (!syllables).then(|| (*head).to_string())
}

/// A whole name of three words or more split into given names and surname: the last word,
/// with an article or connector before it ("AYMAN ... AL ZAWAHIRI"), is the surname.
fn split_surname(name: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    if words.len() < 3 {
        return None;
    }
    let mut cut = words.len() - 1;
    let before = words[cut - 1].1.to_lowercase();
    if cut >= 2
        && (is_article(&before)
            || zeef_names::lexicon::CONNECTORS.contains(&before)
            || zeef_names::lexicon::PARTICLES.contains(&before))
    {
        cut -= 1;
    }
    let at = words[cut].0;
    Some((name[..at].trim(), name[at..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_acronyms_become_names() {
        let forms = name_forms(
            "TEYREBAZEN AZADIYA KURDISTAN (TAK)",
            NameSource::Primary,
            Schema::Organization,
            false,
        );
        assert_eq!(forms[0].0, "TEYREBAZEN AZADIYA KURDISTAN");
        assert_eq!(forms[1], ("TAK".to_string(), NameSource::Bracketed));
    }

    #[test]
    fn a_given_name_and_a_rare_surname_identify_a_person() {
        let mut e = Entity::new("x-1", Schema::Person, "x");
        e.add(Prop::Name, "Ivan Petrovich ZOLOTAREV");
        e.add(Prop::FirstName, "Ivan Petrovich");
        e.add(Prop::LastName, "ZOLOTAREV");
        e.add(Prop::Alias, "Abdul Rahman");
        e.add(Prop::Alias, "Abu Hamza");
        e.add(Prop::Alias, "Ivan Ozol");
        let index = ScanIndex::build(vec![e]);
        let classes: Vec<(&str, NameSource, NameClass)> = index
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.source, n.class))
            .collect();
        let strong = NameClass::Strong;
        let one = NameClass::NeedsContext("one distinctive name part");
        assert_eq!(
            classes,
            [
                ("Ivan Petrovich ZOLOTAREV", NameSource::Primary, strong),
                (
                    "Abdul Rahman",
                    NameSource::Alias,
                    NameClass::NeedsContext("generic words only")
                ),
                ("Abu Hamza", NameSource::Alias, one),
                // Four letters: too short to identify with a common given name.
                ("Ivan Ozol", NameSource::Alias, one),
                ("ZOLOTAREV Ivan Petrovich", NameSource::ShortForm, strong),
                ("Ivan ZOLOTAREV", NameSource::ShortForm, strong),
            ]
        );
    }

    #[test]
    fn names_are_classified() {
        let mut e = Entity::new("x-1", Schema::Organization, "x");
        e.add(Prop::Name, "Hezbollah");
        e.add(Prop::Alias, "PKK");
        e.add(Prop::Alias, "Unity");
        e.add(Prop::Alias, "National Alliance");
        e.add(Prop::WeakAlias, "Al Hayat Media");
        let index = ScanIndex::build(vec![e]);
        let classes: Vec<NameClass> = index.names.iter().map(|n| n.class).collect();
        assert_eq!(
            classes,
            [
                NameClass::Strong,
                NameClass::NeedsContext("acronym"),
                NameClass::NeedsContext("common word"),
                NameClass::NeedsContext("generic words only"),
                NameClass::NeedsContext("weak alias"),
            ]
        );
    }
}
