//! The fictional people's names: common given names and surnames, each with the Latin
//! spellings agencies use and its form in its own script. Combined at random, they name no
//! real person.

/// Where a name comes from, which decides its script and its spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Origin {
    /// Written in Arabic script, transliterated in several ways.
    Arabic,
    /// Written in Cyrillic, transliterated in several ways.
    Slavic,
    /// Written in Latin script.
    Western,
}

/// One name: its Latin spellings (the first the most common) and its native form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameForm {
    /// Latin spellings, at least one.
    pub latin: &'static [&'static str],
    /// The name in its own script, where that is not Latin.
    pub native: Option<&'static str>,
}

const fn n(latin: &'static [&'static str], native: &'static str) -> NameForm {
    NameForm {
        latin,
        native: Some(native),
    }
}

const fn w(latin: &'static [&'static str]) -> NameForm {
    NameForm {
        latin,
        native: None,
    }
}

const ARABIC_GIVEN: &[NameForm] = &[
    n(&["Muhammad", "Mohammed", "Mohamed"], "محمد"),
    n(&["Ahmad", "Ahmed"], "أحمد"),
    n(&["Yusuf", "Youssef", "Yousef"], "يوسف"),
    n(&["Umar", "Omar"], "عمر"),
    n(&["Khalid", "Khaled"], "خالد"),
    n(&["Ibrahim", "Ebrahim"], "إبراهيم"),
    n(&["Hassan", "Hasan"], "حسن"),
    n(&["Hussein", "Husayn", "Hussain"], "حسين"),
    n(&["Ali"], "علي"),
    n(&["Mustafa", "Moustafa"], "مصطفى"),
    n(&["Tariq", "Tarek"], "طارق"),
    n(&["Samir", "Sameer"], "سمير"),
    n(&["Walid", "Waleed"], "وليد"),
    n(&["Karim", "Kareem"], "كريم"),
    n(&["Nabil", "Nabeel"], "نبيل"),
    n(&["Rashid", "Rachid"], "رشيد"),
    n(&["Bilal"], "بلال"),
    n(&["Jamal", "Gamal"], "جمال"),
    n(&["Faisal", "Faysal"], "فيصل"),
    n(&["Ziad", "Ziyad"], "زياد"),
    n(&["Said", "Saeed"], "سعيد"),
    n(&["Adel", "Adil"], "عادل"),
    n(&["Fatima", "Fatma"], "فاطمة"),
    n(&["Layla", "Leila"], "ليلى"),
    n(&["Amina", "Aminah"], "أمينة"),
    n(&["Maryam", "Mariam"], "مريم"),
];

const ARABIC_SURNAMES: &[NameForm] = &[
    n(&["Haddad", "Hadad"], "حداد"),
    n(&["Khoury", "Khouri"], "خوري"),
    n(&["Mansour", "Mansur"], "منصور"),
    n(&["Nasser", "Nasir"], "ناصر"),
    n(&["Saleh", "Salih"], "صالح"),
    n(&["Hamdan"], "حمدان"),
    n(&["Qasim", "Kassem", "Qassem"], "قاسم"),
    n(&["Darwish", "Darwiche"], "درويش"),
    n(&["Aziz"], "عزيز"),
    n(&["Jaber", "Jabir"], "جابر"),
    n(&["Suleiman", "Sulayman", "Soliman"], "سليمان"),
    n(&["Othman", "Uthman", "Osman"], "عثمان"),
    n(&["al-Shami", "Al Shami", "Chami"], "الشامي"),
    n(&["al-Masri", "Al Masri", "Elmasry"], "المصري"),
    n(&["al-Tamimi", "Al Tamimi", "Tamimi"], "التميمي"),
    n(&["Halabi", "Halaby"], "حلبي"),
    n(&["Najjar", "Nadjar"], "نجار"),
    n(&["Sabbagh", "Sabag"], "صباغ"),
    n(&["Khatib", "Khateeb"], "خطيب"),
    n(&["Farouk", "Faruq"], "فاروق"),
    n(&["Yassin", "Yasin"], "ياسين"),
    n(&["Hijazi", "Hegazy"], "حجازي"),
    n(&["Barakat", "Barakaat"], "بركات"),
    n(&["Shaheen", "Shahin", "Chahine"], "شاهين"),
    n(&["Abboud", "Aboud"], "عبود"),
    n(&["Bitar", "Bittar"], "بيطار"),
    n(&["Haidar", "Haydar", "Hayder"], "حيدر"),
    n(&["Karam"], "كرم"),
    n(&["Murad", "Mourad"], "مراد"),
    n(&["Rizk", "Rizq"], "رزق"),
    n(&["Sharif", "Cherif"], "شريف"),
    n(&["Zein", "Zain"], "زين"),
    n(&["Ghanem", "Ghanim"], "غانم"),
    n(&["Hamoud", "Hammoud"], "حمود"),
    n(&["Jarrah", "Jarah"], "جراح"),
    n(&["Kanaan", "Canaan"], "كنعان"),
];

const SLAVIC_GIVEN: &[NameForm] = &[
    n(&["Aleksandr", "Alexander", "Aleksander"], "Александр"),
    n(&["Dmitry", "Dmitri", "Dmitrij"], "Дмитрий"),
    n(&["Sergei", "Sergey", "Sergej"], "Сергей"),
    n(&["Nikolai", "Nikolay"], "Николай"),
    n(&["Andrei", "Andrey"], "Андрей"),
    n(&["Mikhail", "Michail"], "Михаил"),
    n(&["Yuri", "Yury", "Jurij"], "Юрий"),
    n(&["Vladimir", "Wladimir"], "Владимир"),
    n(&["Oleg"], "Олег"),
    n(&["Igor"], "Игорь"),
    n(&["Pavel"], "Павел"),
    n(&["Viktor", "Victor"], "Виктор"),
    n(&["Ivan"], "Иван"),
    n(&["Natalya", "Natalia"], "Наталья"),
    n(&["Olga"], "Ольга"),
    n(&["Yelena", "Elena", "Jelena"], "Елена"),
    n(&["Anton"], "Антон"),
    n(&["Boris"], "Борис"),
    n(&["Grigory", "Grigori", "Grigorij"], "Григорий"),
    n(&["Konstantin"], "Константин"),
    n(&["Maxim", "Maksim"], "Максим"),
    n(&["Roman"], "Роман"),
    n(&["Svetlana", "Swetlana"], "Светлана"),
    n(&["Tatyana", "Tatiana", "Tatjana"], "Татьяна"),
];

const SLAVIC_SURNAMES: &[NameForm] = &[
    n(&["Ivanov", "Iwanow"], "Иванов"),
    n(&["Petrov", "Petroff"], "Петров"),
    n(&["Sokolov", "Sokolow"], "Соколов"),
    n(&["Volkov", "Wolkow"], "Волков"),
    n(&["Kuznetsov", "Kusnezow"], "Кузнецов"),
    n(&["Popov", "Popow"], "Попов"),
    n(&["Morozov", "Morosow"], "Морозов"),
    n(&["Orlov", "Orlow"], "Орлов"),
    n(&["Lebedev", "Lebedew"], "Лебедев"),
    n(&["Novikov", "Nowikow"], "Новиков"),
    n(&["Fyodorov", "Fedorov", "Fjodorow"], "Фёдоров"),
    n(&["Zaitsev", "Zaytsev", "Saizew"], "Зайцев"),
    n(&["Belov", "Below"], "Белов"),
    n(&["Gusev", "Gussew"], "Гусев"),
    n(&["Tarasov", "Tarassow"], "Тарасов"),
    n(&["Kozlov", "Koslow"], "Козлов"),
    n(&["Smirnov", "Smirnow"], "Смирнов"),
    n(&["Pavlov", "Pawlow"], "Павлов"),
    n(&["Semyonov", "Semenov", "Semjonow"], "Семёнов"),
    n(&["Vinogradov", "Winogradow"], "Виноградов"),
    n(&["Bogdanov", "Bogdanow"], "Богданов"),
    n(&["Vorobyov", "Vorobiev", "Worobjow"], "Воробьёв"),
    n(&["Frolov", "Frolow"], "Фролов"),
    n(&["Zakharov", "Sacharow"], "Захаров"),
    n(&["Karpov", "Karpow"], "Карпов"),
    n(&["Nikitin"], "Никитин"),
    n(&["Medvedev", "Medwedew"], "Медведев"),
    n(&["Kovalenko", "Kowalenko"], "Коваленко"),
];

const WESTERN_GIVEN: &[NameForm] = &[
    w(&["Thomas"]),
    w(&["Peter", "Pieter"]),
    w(&["Anna"]),
    w(&["Maria"]),
    w(&["Jan"]),
    w(&["Lucas", "Lukas"]),
    w(&["Sophie", "Sofie"]),
    w(&["David"]),
    w(&["Martin"]),
    w(&["Laura"]),
    w(&["Paul"]),
    w(&["Emma"]),
    w(&["Daniel"]),
    w(&["Sarah", "Sara"]),
    w(&["Julia"]),
    w(&["Hendrik", "Henrik"]),
    w(&["Claire"]),
    w(&["Felix"]),
    w(&["Ines"]),
    w(&["Marc", "Mark"]),
    w(&["Nina"]),
    w(&["Oskar", "Oscar"]),
    w(&["Ruth"]),
    w(&["Simon"]),
    w(&["Tobias"]),
    w(&["Vera"]),
];

const WESTERN_SURNAMES: &[NameForm] = &[
    w(&["Jansen", "Janssen"]),
    w(&["Müller", "Mueller", "Muller"]),
    w(&["Dubois"]),
    w(&["Schmidt", "Schmitt"]),
    w(&["Bakker"]),
    w(&["Smith"]),
    w(&["Moreau"]),
    w(&["Weber"]),
    w(&["Visser"]),
    w(&["Fischer", "Fisher"]),
    w(&["Bernard"]),
    w(&["Meyer", "Meier"]),
    w(&["de Vries", "De Vries"]),
    w(&["Lambert"]),
    w(&["Hoffmann", "Hoffman"]),
    w(&["Peeters", "Peters"]),
    w(&["Wagner"]),
    w(&["Girard"]),
    w(&["van Dijk", "Van Dyk"]),
    w(&["Becker"]),
    w(&["Fontaine"]),
    w(&["Claes", "Claessens"]),
    w(&["Richter"]),
    w(&["Mercier"]),
    w(&["Kramer", "Cramer"]),
    w(&["Wouters"]),
];

impl Origin {
    /// The given names of this origin.
    pub fn given_names(self) -> &'static [NameForm] {
        match self {
            Origin::Arabic => ARABIC_GIVEN,
            Origin::Slavic => SLAVIC_GIVEN,
            Origin::Western => WESTERN_GIVEN,
        }
    }

    /// The surnames of this origin.
    pub fn surnames(self) -> &'static [NameForm] {
        match self {
            Origin::Arabic => ARABIC_SURNAMES,
            Origin::Slavic => SLAVIC_SURNAMES,
            Origin::Western => WESTERN_SURNAMES,
        }
    }

    /// The nationalities (ISO 3166-1 alpha-2, lower case) people of this origin hold.
    pub fn nationalities(self) -> &'static [&'static str] {
        match self {
            Origin::Arabic => &["sy", "iq", "jo", "lb", "eg"],
            Origin::Slavic => &["ru", "by", "ua"],
            Origin::Western => &["nl", "de", "fr", "be"],
        }
    }
}

/// The streets and cities of the fictional addresses.
pub const STREETS: &[&str] = &[
    "Harbour Street",
    "Mill Lane",
    "Station Road",
    "Orchard Way",
    "Canal Street",
    "Market Square",
    "Linden Avenue",
    "Church Road",
    "Bridge Street",
    "Garden Row",
    "North Quay",
    "Elm Crescent",
    "Tannery Lane",
    "Foundry Road",
    "Willow Walk",
    "Castle Hill",
];

/// The cities of the fictional addresses (invented).
pub const CITIES: &[&str] = &["Vellmark", "Tarnholm", "Caldeport", "Brennhaven"];
