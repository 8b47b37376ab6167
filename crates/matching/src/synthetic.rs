//! A synthetic list of any size (tests and examples only: the `test-support` feature): people
//! of six naming traditions (given and family names, family names made from syllables so that
//! a list of millions has hundreds of thousands of distinct ones, aliases, spelling variants
//! and typos, weak aliases, birth dates, nationalities) and 10 % companies. A fixed seed gives
//! the same list on every machine: `Synthetic::new(n)` yields entities `syn-0` … `syn-{n-1}`.
//!
//! ```
//! let first: Vec<_> = zeef_matching::synthetic::Synthetic::new(3).collect();
//! assert_eq!(first[0].id, "syn-0");
//! ```

use zeef_model::{Entity, Prop, Schema};

/// The seed of the list `Synthetic::new` makes.
pub const SEED: u64 = 0x5eed_2026;

/// The synthetic list, entity by entity (never held whole).
pub struct Synthetic {
    rng: Rng,
    next: usize,
    n: usize,
}

impl Synthetic {
    /// The first `n` entities of the list of [`SEED`].
    pub fn new(n: usize) -> Synthetic {
        Synthetic {
            rng: Rng(SEED),
            next: 0,
            n,
        }
    }
}

impl Iterator for Synthetic {
    type Item = Entity;

    fn next(&mut self) -> Option<Entity> {
        if self.next >= self.n {
            return None;
        }
        let e = entity(self.next, &mut self.rng);
        self.next += 1;
        Some(e)
    }
}

/// Entity `syn-{i}`: a person (90 %) or a company.
pub fn entity(i: usize, rng: &mut Rng) -> Entity {
    if rng.chance(90) {
        person(i, rng)
    } else {
        company(i, rng)
    }
}

/// Given names, family names and the nationalities of one naming tradition.
struct Culture {
    given: &'static [&'static str],
    family: &'static [&'static str],
    countries: &'static [&'static str],
    /// Family name placed first in the listed spelling (Chinese, Korean, Vietnamese).
    family_first: bool,
    /// Syllables and endings that make further family names (stem + stem + ending), so the
    /// list has hundreds of thousands of distinct names, not a few hundred repeated.
    stems: &'static [&'static str],
    endings: &'static [&'static str],
}

const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            "Mohammed",
            "Ahmed",
            "Ali",
            "Omar",
            "Khalid",
            "Youssef",
            "Hassan",
            "Hussein",
            "Ibrahim",
            "Abdullah",
            "Abdul Rahman",
            "Abu Bakr",
            "Mustafa",
            "Tariq",
            "Faisal",
            "Saad",
            "Hamza",
            "Bilal",
            "Karim",
            "Nasser",
            "Walid",
            "Jamal",
            "Samir",
            "Rashid",
            "Fatima",
            "Aisha",
            "Maryam",
            "Khadija",
            "Layla",
            "Noor",
            "Zainab",
            "Huda",
            "Salma",
        ],
        family: &[
            "al-Baghdadi",
            "al-Masri",
            "al-Rawi",
            "al-Tikriti",
            "Haddad",
            "Khoury",
            "Nasser",
            "al-Hashimi",
            "al-Qasimi",
            "Mansour",
            "Saleh",
            "al-Zahrani",
            "al-Otaibi",
            "Qureshi",
            "al-Shami",
            "Darwish",
            "Hamdan",
            "Yassin",
            "al-Amin",
            "Barakat",
            "al-Sudani",
            "al-Jubouri",
            "Awad",
            "al-Dulaimi",
            "Farouk",
            "Suleiman",
            "al-Harbi",
            "Aziz",
        ],
        countries: &["iq", "sy", "sa", "eg", "jo", "lb", "ye", "ae", "ly"],
        stems: &[
            "bar", "kat", "sul", "ham", "dan", "naj", "far", "jaz", "mal", "sab", "tah", "rad",
            "zub", "hil", "mur", "qad", "shar", "wah", "kaf", "lab",
        ],
        endings: &["i", "awi", "ani", "ari", "uri", "ati", "ali"],
        family_first: false,
    },
    Culture {
        given: &[
            "Sergey",
            "Vladimir",
            "Alexander",
            "Dmitry",
            "Andrey",
            "Alexey",
            "Mikhail",
            "Igor",
            "Nikolai",
            "Oleg",
            "Yuri",
            "Viktor",
            "Pavel",
            "Roman",
            "Artem",
            "Maxim",
            "Ivan",
            "Olga",
            "Elena",
            "Tatiana",
            "Natalia",
            "Irina",
            "Svetlana",
            "Anna",
            "Yulia",
        ],
        family: &[
            "Ivanov",
            "Smirnov",
            "Kuznetsov",
            "Popov",
            "Sokolov",
            "Lebedev",
            "Kozlov",
            "Novikov",
            "Morozov",
            "Petrov",
            "Volkov",
            "Solovyov",
            "Vasiliev",
            "Zaitsev",
            "Pavlov",
            "Semyonov",
            "Golubev",
            "Vinogradov",
            "Bogdanov",
            "Vorobyov",
            "Fyodorov",
            "Mikhailov",
            "Belyaev",
            "Tarasov",
            "Belov",
            "Komarov",
            "Orlov",
            "Kiselyov",
            "Makarov",
            "Andreev",
        ],
        countries: &["ru", "by", "ua", "kz"],
        stems: &[
            "bel", "kras", "dob", "zhur", "mel", "pol", "gor", "sem", "tar", "vol", "lis", "kol",
            "bor", "ryb", "shum", "ches", "dud", "kar", "lop", "zem",
        ],
        endings: &["ov", "ev", "in", "sky", "enko", "uk", "ovich"],
        family_first: false,
    },
    Culture {
        given: &[
            "Wei",
            "Fang",
            "Min",
            "Jing",
            "Li Na",
            "Xiu Ying",
            "Jun",
            "Yong",
            "Jie",
            "Tao",
            "Ming",
            "Chao",
            "Hui",
            "Lei",
            "Qiang",
            "Gang",
            "Ping",
            "Hua",
            "Xin",
            "Yan",
            "Jian Guo",
            "Zhi Qiang",
            "Hai Yan",
            "Guo Hua",
            "Xiao Ming",
            "Wen Jie",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie",
        ],
        countries: &["cn", "hk", "tw", "sg"],
        stems: &[
            "an", "bao", "chun", "de", "fu", "gui", "hong", "jia", "kai", "lan", "mei", "ning",
            "qing", "rui", "shu", "ting", "wen", "xiang", "yu", "zhen",
        ],
        endings: &[""],
        family_first: true,
    },
    Culture {
        given: &[
            "José",
            "Juan",
            "Carlos",
            "Luis",
            "Miguel",
            "Jorge",
            "Pedro",
            "Alejandro",
            "Fernando",
            "Ricardo",
            "Eduardo",
            "Javier",
            "Rafael",
            "Diego",
            "Andrés",
            "Sergio",
            "María",
            "Ana",
            "Carmen",
            "Lucía",
            "Sofía",
            "Isabel",
            "Gabriela",
            "Valentina",
        ],
        family: &[
            "García",
            "Rodríguez",
            "Martínez",
            "Hernández",
            "López",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Torres",
            "Flores",
            "Rivera",
            "Gómez",
            "Díaz",
            "Cruz",
            "Morales",
            "Reyes",
            "Gutiérrez",
            "Ortiz",
            "Chávez",
            "Ramos",
            "Castillo",
            "Vargas",
            "Mendoza",
            "Herrera",
            "Medina",
            "Aguilar",
            "Guzmán",
            "Salazar",
            "Cabello",
        ],
        countries: &["mx", "co", "ve", "es", "ar", "pe", "cu", "ni"],
        stems: &[
            "al", "bel", "cas", "dor", "es", "fer", "gal", "har", "lom", "mar", "nav", "or", "pal",
            "quin", "ros", "san", "tor", "val", "zam", "bar",
        ],
        endings: &["ez", "ero", "ado", "illo", "ano", "eda", "ona"],
        family_first: false,
    },
    Culture {
        given: &[
            "James",
            "John",
            "Robert",
            "Michael",
            "William",
            "David",
            "Richard",
            "Joseph",
            "Thomas",
            "Charles",
            "Christopher",
            "Daniel",
            "Matthew",
            "Anthony",
            "Mark",
            "Mary",
            "Patricia",
            "Jennifer",
            "Linda",
            "Elizabeth",
            "Barbara",
            "Susan",
            "Jessica",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
            "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
            "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
        ],
        countries: &["us", "gb", "ca", "au", "ie", "nz"],
        stems: &[
            "ash", "black", "brad", "car", "dun", "ell", "fair", "good", "hart", "kings", "lang",
            "mor", "new", "part", "ray", "stan", "thorn", "wel", "whit", "york",
        ],
        endings: &["ley", "ton", "field", "wood", "man", "son", "ford"],
        family_first: false,
    },
    Culture {
        given: &[
            "Oluwaseun",
            "Chukwuemeka",
            "Adebayo",
            "Ngozi",
            "Chinedu",
            "Babajide",
            "Kwame",
            "Kofi",
            "Ama",
            "Abena",
            "Yaw",
            "Kwabena",
            "Aminata",
            "Mamadou",
            "Ousmane",
            "Ibrahima",
            "Fatoumata",
            "Moussa",
            "Amadou",
            "Seydou",
            "Aliyu",
            "Usman",
            "Musa",
            "Abubakar",
            "Emeka",
            "Folake",
            "Yetunde",
            "Chiamaka",
        ],
        family: &[
            "Adeyemi",
            "Okafor",
            "Okonkwo",
            "Balogun",
            "Adewale",
            "Eze",
            "Nwosu",
            "Mensah",
            "Owusu",
            "Boateng",
            "Asante",
            "Diallo",
            "Traoré",
            "Keita",
            "Coulibaly",
            "Konaté",
            "Camara",
            "Sow",
            "Bello",
            "Abdullahi",
            "Danjuma",
            "Ogunleye",
            "Oyelaran",
            "Acheampong",
        ],
        countries: &["ng", "gh", "ml", "sn", "gn", "ci", "bf", "ne"],
        stems: &[
            "ade", "ba", "chi", "dan", "ebu", "fa", "gbe", "ike", "ko", "lu", "nna", "olu", "ra",
            "sa", "tun", "wu", "yo", "zi", "mbe", "kwa",
        ],
        endings: &["mi", "yemi", "nda", "ola", "ke", "chukwu", "ah"],
        family_first: false,
    },
];

const COMPANY_WORDS: &[&str] = &[
    "Global",
    "Trading",
    "Petro",
    "Star",
    "Ocean",
    "United",
    "Eastern",
    "Pacific",
    "Atlas",
    "Nova",
    "Delta",
    "Crescent",
    "Golden",
    "Silk",
    "Road",
    "Energy",
    "Shipping",
    "Metals",
    "Industrial",
    "Logistics",
    "Capital",
    "Holding",
    "Technologies",
    "Maritime",
    "Alliance",
];
const LEGAL_FORMS: &[&str] = &[
    "LLC",
    "Ltd",
    "GmbH",
    "SA",
    "FZE",
    "JSC",
    "Co., Ltd.",
    "Inc.",
];

/// splitmix64: small, fast and deterministic.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One of `items` ("" where there are none).
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A spelling variant of a name: one of a few common transliteration changes, else a typo.
pub fn variant(name: &str, rng: &mut Rng) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("ou", "u"),
        ("u", "o"),
        ("y", "i"),
        ("ee", "i"),
        ("kh", "h"),
        ("v", "w"),
        ("ph", "f"),
        ("ss", "s"),
        ("ie", "y"),
        ("a", "e"),
    ];
    let lower = name.to_string();
    for _ in 0..3 {
        let (from, to) = SWAPS[rng.below(SWAPS.len())];
        if lower.contains(from) {
            return lower.replacen(from, to, 1);
        }
    }
    let mut chars: Vec<char> = lower.chars().collect();
    if chars.len() > 3 {
        let i = 1 + rng.below(chars.len() - 2);
        chars.swap(i, i - 1);
    }
    chars.into_iter().collect()
}

/// Person `syn-{i}` of one of the traditions: a name, up to two aliases, perhaps a weak
/// alias, a birth date (70 %) and a nationality (80 %).
pub fn person(i: usize, rng: &mut Rng) -> Entity {
    let culture = &CULTURES[rng.below(CULTURES.len())];
    let given = rng.pick(culture.given);
    let made;
    let family = if rng.chance(75) {
        // stem + stem + ending, capitalised: "Belkolov", "Sulhamawi", "Baoning".
        let raw = format!(
            "{}{}{}",
            rng.pick(culture.stems),
            rng.pick(culture.stems),
            rng.pick(culture.endings)
        );
        let mut chars = raw.chars();
        made = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default();
        made.as_str()
    } else {
        rng.pick(culture.family)
    };
    let middle = rng.chance(30).then(|| rng.pick(culture.given));
    let mut e = Entity::new(format!("syn-{i}"), Schema::Person, "synthetic");
    let full = match (culture.family_first, middle) {
        (true, _) => format!("{family} {given}"),
        (false, Some(m)) if m != given => format!("{given} {m} {family}"),
        _ => format!("{given} {family}"),
    };
    e.add(Prop::Name, &full);
    for _ in 0..rng.below(3) {
        let alias = match rng.below(3) {
            0 => format!("{family}, {given}"),
            1 => format!("{} {}", variant(given, rng), variant(family, rng)),
            _ => format!("{given} {}", rng.pick(culture.family)),
        };
        e.add(Prop::Alias, alias);
    }
    if rng.chance(15) {
        e.add(
            Prop::WeakAlias,
            format!("Abu {}", rng.pick(CULTURES[0].given)),
        );
    }
    if rng.chance(70) {
        let year = 1940 + rng.below(66);
        let date = if rng.chance(60) {
            format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
        } else {
            year.to_string()
        };
        e.add(Prop::BirthDate, date);
    }
    if rng.chance(80) {
        e.add(Prop::Nationality, rng.pick(culture.countries));
    }
    e
}

/// Company `syn-{i}`: two words, a family name and a legal form, perhaps an alias, a country.
pub fn company(i: usize, rng: &mut Rng) -> Entity {
    let mut e = Entity::new(format!("syn-{i}"), Schema::Company, "synthetic");
    let culture = &CULTURES[rng.below(CULTURES.len())];
    let name = format!(
        "{} {} {} {}",
        rng.pick(COMPANY_WORDS),
        rng.pick(COMPANY_WORDS),
        rng.pick(culture.family),
        rng.pick(LEGAL_FORMS)
    );
    e.add(Prop::Name, name);
    if rng.chance(40) {
        e.add(
            Prop::Alias,
            format!("{} {}", rng.pick(COMPANY_WORDS), rng.pick(LEGAL_FORMS)),
        );
    }
    e.add(Prop::Country, rng.pick(culture.countries));
    e
}
