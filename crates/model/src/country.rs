//! Countries: ISO 3166-1 alpha-2 codes (lower case, as FtM writes them) from the names,
//! adjectives and codes that lists use, in the languages they use (English, French, Spanish).
//!
//! Besides the ISO countries it knows Kosovo (`xk`) and the historic states lists still name,
//! coded as FtM codes them: Soviet Union `suhh`, Yugoslavia `yucs`, Czechoslovakia `cshh`,
//! Serbia and Montenegro `csxx`, East Germany `ddde`.
//!
//! Matching ignores case, accents and punctuation, so `"Côte d’Ivoire"`, `"cote d'ivoire"` and
//! `"COTE DIVOIRE"` are one key. Inverted official forms ("Korea, North", "Iran (Islamic
//! Republic of)") and bilingual labels ("Belarus / Bélarus") are understood too.

use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One country: alpha-2 code, alpha-3 code, English short name, and the other names,
/// adjectives and spellings lists use for it.
struct Country {
    code: &'static str,
    alpha3: &'static str,
    name: &'static str,
    other: &'static [&'static str],
}

macro_rules! countries {
    ($(($code:literal, $a3:literal, $name:literal, [$($other:literal),* $(,)?])),* $(,)?) => {
        &[$(Country { code: $code, alpha3: $a3, name: $name, other: &[$($other),*] }),*]
    };
}

/// Misspellings real lists use ("Belrus", "Sundan", "Ukranian") are kept as keys on purpose.
#[rustfmt::skip]
static COUNTRIES: &[Country] = countries![
    ("af", "AFG", "Afghanistan", ["Afghan", "Afghani", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan", "Afganistán"]),
    ("ax", "ALA", "Åland Islands", ["Aland", "Îles Åland", "Islas Åland"]),
    ("al", "ALB", "Albania", ["Albanian", "Republic of Albania", "Albanie"]),
    ("dz", "DZA", "Algeria", ["Algerian", "People's Democratic Republic of Algeria", "Algérie", "Argelia"]),
    ("as", "ASM", "American Samoa", ["Samoa américaines", "Samoa Americana"]),
    ("ad", "AND", "Andorra", ["Andorran", "Andorre"]),
    ("ao", "AGO", "Angola", ["Angolan"]),
    ("ai", "AIA", "Anguilla", ["Anguillan"]),
    ("aq", "ATA", "Antarctica", ["Antarctique", "Antártida"]),
    ("ag", "ATG", "Antigua and Barbuda", ["Antigua", "Antiguan", "Antigua-et-Barbuda", "Antigua y Barbuda"]),
    ("ar", "ARG", "Argentina", ["Argentine", "Argentinian", "Argentinean", "Argentine Republic"]),
    ("am", "ARM", "Armenia", ["Armenian", "Republic of Armenia", "Arménie"]),
    ("aw", "ABW", "Aruba", ["Aruban"]),
    ("au", "AUS", "Australia", ["Australian", "Commonwealth of Australia", "Australie"]),
    ("at", "AUT", "Austria", ["Austrian", "Autriche"]),
    ("az", "AZE", "Azerbaijan", ["Azerbaijani", "Azeri", "Republic of Azerbaijan", "Azerbaïdjan", "Azerbaiyán"]),
    ("bs", "BHS", "Bahamas", ["Bahamian", "Commonwealth of the Bahamas"]),
    ("bh", "BHR", "Bahrain", ["Bahraini", "Kingdom of Bahrain", "Bahreïn", "Bahréin"]),
    ("bd", "BGD", "Bangladesh", ["Bangladeshi"]),
    ("bb", "BRB", "Barbados", ["Barbadian", "Barbade"]),
    ("by", "BLR", "Belarus", ["Belarusian", "Belarussian", "Byelorussia", "Belorussia", "Republic of Belarus", "Bélarus", "Biélorussie", "Bielorrusia", "Belrus"]),
    ("be", "BEL", "Belgium", ["Belgian", "Belgique", "Bélgica"]),
    ("bz", "BLZ", "Belize", ["Belizean", "Belice"]),
    ("bj", "BEN", "Benin", ["Beninese", "Bénin", "Dahomey"]),
    ("bm", "BMU", "Bermuda", ["Bermudian", "Bermudes"]),
    ("bt", "BTN", "Bhutan", ["Bhutanese", "Bhoutan", "Bután"]),
    ("bo", "BOL", "Bolivia", ["Bolivian", "Plurinational State of Bolivia", "Bolivie"]),
    ("bq", "BES", "Bonaire, Sint Eustatius and Saba", ["Bonaire", "Caribbean Netherlands"]),
    ("ba", "BIH", "Bosnia and Herzegovina", ["Bosnia", "Bosnian", "Bosnia-Herzegovina", "Herzegovinian", "Bosnie-Herzégovine", "Bosnia y Herzegovina"]),
    ("bw", "BWA", "Botswana", ["Botswanan", "Motswana", "Batswana"]),
    ("bv", "BVT", "Bouvet Island", ["Île Bouvet"]),
    ("br", "BRA", "Brazil", ["Brazilian", "Brésil", "Brasil"]),
    ("io", "IOT", "British Indian Ocean Territory", ["Chagos Islands"]),
    ("bn", "BRN", "Brunei Darussalam", ["Brunei", "Bruneian", "Brunéi"]),
    ("bg", "BGR", "Bulgaria", ["Bulgarian", "Bulgarie"]),
    ("bf", "BFA", "Burkina Faso", ["Burkinabe", "Burkinabè", "Upper Volta"]),
    ("bi", "BDI", "Burundi", ["Burundian"]),
    ("cv", "CPV", "Cabo Verde", ["Cape Verde", "Cape Verdean", "Cap-Vert"]),
    ("kh", "KHM", "Cambodia", ["Cambodian", "Kampuchea", "Cambodge", "Camboya"]),
    ("cm", "CMR", "Cameroon", ["Cameroonian", "Cameroun", "Camerún"]),
    ("ca", "CAN", "Canada", ["Canadian", "Canadien", "Canadienne", "Canadá"]),
    ("ky", "CYM", "Cayman Islands", ["Caymanian", "Cayman", "Îles Caïmans", "Islas Caimán"]),
    ("cf", "CAF", "Central African Republic", ["Central African", "République centrafricaine", "Centrafrique", "República Centroafricana"]),
    ("td", "TCD", "Chad", ["Chadian", "Tchad"]),
    ("cl", "CHL", "Chile", ["Chilean", "Chili"]),
    ("cn", "CHN", "China", ["Chinese", "People's Republic of China", "PRC", "Mainland China", "Chine", "République populaire de Chine", "República Popular China"]),
    ("cx", "CXR", "Christmas Island", ["Île Christmas"]),
    ("cc", "CCK", "Cocos (Keeling) Islands", ["Cocos Islands", "Keeling Islands"]),
    ("co", "COL", "Colombia", ["Colombian", "Colombie"]),
    ("km", "COM", "Comoros", ["Comoran", "Comorian", "Comores", "Comoras"]),
    ("cg", "COG", "Congo", ["Republic of the Congo", "Republic of Congo", "Congo Republic", "Congo-Brazzaville", "Brazzaville Congo", "République du Congo"]),
    // "Congolese" alone: lists use it for DR Congo nationals (the UN/AU 1533 regime).
    ("cd", "COD", "Democratic Republic of the Congo", ["Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Kinshasa Congo", "Congo, The Democratic Republic of the", "Zaire", "République démocratique du Congo", "RDC", "República Democrática del Congo", "Congo Democratic Republic", "Congolese"]),
    ("ck", "COK", "Cook Islands", ["Îles Cook"]),
    ("cr", "CRI", "Costa Rica", ["Costa Rican"]),
    ("ci", "CIV", "Côte d'Ivoire", ["Ivory Coast", "Ivorian", "Republic of Côte d'Ivoire", "Costa de Marfil"]),
    ("hr", "HRV", "Croatia", ["Croatian", "Croat", "Croatie", "Croacia", "Hrvatska"]),
    ("cu", "CUB", "Cuba", ["Cuban"]),
    ("cw", "CUW", "Curaçao", []),
    ("cy", "CYP", "Cyprus", ["Cypriot", "Chypre", "Chipre"]),
    ("cz", "CZE", "Czechia", ["Czech Republic", "Czech", "Tchéquie", "République tchèque", "Chequia", "República Checa"]),
    ("dk", "DNK", "Denmark", ["Danish", "Danemark", "Dinamarca"]),
    ("dj", "DJI", "Djibouti", ["Djiboutian", "Yibuti"]),
    ("dm", "DMA", "Dominica", ["Dominiquais", "Dominique"]),
    ("do", "DOM", "Dominican Republic", ["Dominican", "République dominicaine", "República Dominicana"]),
    ("ec", "ECU", "Ecuador", ["Ecuadorian", "Ecuadorean", "Équateur"]),
    ("eg", "EGY", "Egypt", ["Egyptian", "Arab Republic of Egypt", "Égypte", "Egipto"]),
    ("sv", "SLV", "El Salvador", ["Salvadoran", "Salvadorean", "Salvador"]),
    ("gq", "GNQ", "Equatorial Guinea", ["Equatoguinean", "Equatorial Guinean", "Guinée équatoriale", "Guinea Ecuatorial"]),
    ("er", "ERI", "Eritrea", ["Eritrean", "Érythrée"]),
    ("ee", "EST", "Estonia", ["Estonian", "Estonie"]),
    ("sz", "SWZ", "Eswatini", ["Swaziland", "Swazi", "Kingdom of Eswatini"]),
    ("et", "ETH", "Ethiopia", ["Ethiopian", "Éthiopie", "Etiopía"]),
    ("fk", "FLK", "Falkland Islands", ["Falklands", "Malvinas", "Falkland Islands (Malvinas)", "Îles Malouines"]),
    ("fo", "FRO", "Faroe Islands", ["Faroese", "Faroes", "Îles Féroé"]),
    ("fj", "FJI", "Fiji", ["Fijian", "Fidji"]),
    ("fi", "FIN", "Finland", ["Finnish", "Finlande", "Finlandia"]),
    ("fr", "FRA", "France", ["French", "French Republic", "Francia"]),
    ("gf", "GUF", "French Guiana", ["Guyane", "Guyane française"]),
    ("pf", "PYF", "French Polynesia", ["Polynésie française", "Tahiti"]),
    ("tf", "ATF", "French Southern Territories", ["Terres australes et antarctiques françaises", "TAAF"]),
    ("ga", "GAB", "Gabon", ["Gabonese", "Gabón"]),
    ("gm", "GMB", "Gambia", ["Gambian", "Gambie"]),
    ("ge", "GEO", "Georgia", ["Georgian", "Géorgie"]),
    ("de", "DEU", "Germany", ["German", "Federal Republic of Germany", "West Germany", "Deutschland", "Allemagne", "Alemania"]),
    ("gh", "GHA", "Ghana", ["Ghanaian"]),
    ("gi", "GIB", "Gibraltar", []),
    ("gr", "GRC", "Greece", ["Greek", "Hellenic Republic", "Grèce", "Grecia"]),
    ("gl", "GRL", "Greenland", ["Groenland"]),
    ("gd", "GRD", "Grenada", ["Grenadian", "Grenade"]),
    ("gp", "GLP", "Guadeloupe", []),
    ("gu", "GUM", "Guam", []),
    ("gt", "GTM", "Guatemala", ["Guatemalan"]),
    ("gg", "GGY", "Guernsey", []),
    ("gn", "GIN", "Guinea", ["Guinean", "Republic of Guinea", "Guinea-Conakry", "Guinée"]),
    ("gw", "GNB", "Guinea-Bissau", ["Bissau-Guinean", "Guinée-Bissau"]),
    ("gy", "GUY", "Guyana", ["Guyanese"]),
    ("ht", "HTI", "Haiti", ["Haitian", "Haïti", "Haití"]),
    ("hm", "HMD", "Heard Island and McDonald Islands", []),
    ("va", "VAT", "Holy See", ["Vatican", "Vatican City", "Vatican City State", "Saint-Siège", "Santa Sede"]),
    ("hn", "HND", "Honduras", ["Honduran"]),
    ("hk", "HKG", "Hong Kong", ["Hong Kong SAR", "Hong Kong SAR China", "Hong Kong China", "Hongkong", "Hong Kong Special Administrative Region", "China Hong Kong Special Administrative Region"]),
    ("hu", "HUN", "Hungary", ["Hungarian", "Hongrie", "Hungría"]),
    ("is", "ISL", "Iceland", ["Icelandic", "Icelander", "Islande", "Islandia"]),
    ("in", "IND", "India", ["Indian", "Republic of India", "Inde"]),
    ("id", "IDN", "Indonesia", ["Indonesian", "Republic of Indonesia", "Indonésie"]),
    ("ir", "IRN", "Iran", ["Iranian", "Islamic Republic of Iran", "Persia", "République islamique d'Iran", "Irán"]),
    ("iq", "IRQ", "Iraq", ["Iraqi", "Republic of Iraq", "Irak"]),
    ("ie", "IRL", "Ireland", ["Irish", "Republic of Ireland", "Eire", "Irlande", "Irlanda"]),
    ("im", "IMN", "Isle of Man", ["Manx", "Île de Man", "Man Isle of"]),
    ("il", "ISR", "Israel", ["Israeli", "State of Israel", "Israël"]),
    ("it", "ITA", "Italy", ["Italian", "Italie", "Italia"]),
    ("jm", "JAM", "Jamaica", ["Jamaican", "Jamaïque"]),
    ("jp", "JPN", "Japan", ["Japanese", "Japon", "Japón"]),
    ("je", "JEY", "Jersey", []),
    ("jo", "JOR", "Jordan", ["Jordanian", "Hashemite Kingdom of Jordan", "Jordanie", "Jordania"]),
    ("kz", "KAZ", "Kazakhstan", ["Kazakh", "Kazakhstani", "Kazakstan", "Republic of Kazakhstan", "Kazajistán"]),
    ("ke", "KEN", "Kenya", ["Kenyan"]),
    ("ki", "KIR", "Kiribati", []),
    ("kp", "PRK", "North Korea", ["North Korean", "Democratic People's Republic of Korea", "DPRK", "DPR Korea", "Korea DPR", "Korea, Dem. People's Rep.", "Corée du Nord", "République populaire démocratique de Corée", "RPDC", "Corea del Norte", "Korea North"]),
    ("kr", "KOR", "South Korea", ["South Korean", "Republic of Korea", "ROK", "Corée du Sud", "République de Corée", "Corea del Sur", "Korea South"]),
    ("kw", "KWT", "Kuwait", ["Kuwaiti", "State of Kuwait", "Koweït"]),
    ("kg", "KGZ", "Kyrgyzstan", ["Kyrgyz", "Kyrgyz Republic", "Kirghiz", "Kirgizstan", "Kirghizistan", "Kirguistán"]),
    ("la", "LAO", "Laos", ["Lao", "Laotian", "Lao People's Democratic Republic", "Lao PDR"]),
    ("lv", "LVA", "Latvia", ["Latvian", "Lettonie", "Letonia"]),
    ("lb", "LBN", "Lebanon", ["Lebanese", "Lebanese Republic", "Liban", "Líbano"]),
    ("ls", "LSO", "Lesotho", ["Basotho", "Mosotho"]),
    ("lr", "LBR", "Liberia", ["Liberian", "Libéria"]),
    ("ly", "LBY", "Libya", ["Libyan", "State of Libya", "Libyan Arab Jamahiriya", "Libye", "Libia"]),
    ("li", "LIE", "Liechtenstein", []),
    ("lt", "LTU", "Lithuania", ["Lithuanian", "Lituanie", "Lituania"]),
    ("lu", "LUX", "Luxembourg", ["Luxembourgish", "Luxembourger", "Luxemburgo"]),
    ("mo", "MAC", "Macao", ["Macau", "Macao SAR", "Macao SAR China", "Macanese", "Macao Special Administrative Region", "Macau Special Administrative Region", "China Macao Special Administrative Region"]),
    ("mg", "MDG", "Madagascar", ["Malagasy"]),
    ("mw", "MWI", "Malawi", ["Malawian"]),
    ("my", "MYS", "Malaysia", ["Malaysian", "Malaisie", "Malasia"]),
    ("mv", "MDV", "Maldives", ["Maldivian", "Maldivas"]),
    ("ml", "MLI", "Mali", ["Malian", "Malí"]),
    ("mt", "MLT", "Malta", ["Maltese", "Malte"]),
    ("mh", "MHL", "Marshall Islands", ["Marshallese", "Îles Marshall"]),
    ("mq", "MTQ", "Martinique", []),
    ("mr", "MRT", "Mauritania", ["Mauritanian", "Islamic Republic of Mauritania", "Mauritanie"]),
    ("mu", "MUS", "Mauritius", ["Mauritian", "Maurice", "Mauricio"]),
    ("yt", "MYT", "Mayotte", []),
    ("mx", "MEX", "Mexico", ["Mexican", "Mexique", "México"]),
    ("fm", "FSM", "Micronesia", ["Federated States of Micronesia", "Micronesian", "Micronésie"]),
    ("md", "MDA", "Moldova", ["Moldovan", "Republic of Moldova", "Moldavia", "Moldavie", "Moldovian", "Moldovia"]),
    ("mc", "MCO", "Monaco", ["Monegasque", "Monégasque", "Mónaco"]),
    ("mn", "MNG", "Mongolia", ["Mongolian", "Mongolie"]),
    ("me", "MNE", "Montenegro", ["Montenegrin", "Monténégro"]),
    ("ms", "MSR", "Montserrat", []),
    ("ma", "MAR", "Morocco", ["Moroccan", "Kingdom of Morocco", "Maroc", "Marruecos"]),
    ("mz", "MOZ", "Mozambique", ["Mozambican"]),
    ("mm", "MMR", "Myanmar", ["Burma", "Burmese", "Myanmar (Burma)", "Birmanie", "Birmania"]),
    ("na", "NAM", "Namibia", ["Namibian", "Namibie"]),
    ("nr", "NRU", "Nauru", ["Nauruan"]),
    ("np", "NPL", "Nepal", ["Nepalese", "Nepali", "Népal"]),
    ("nl", "NLD", "Netherlands", ["Dutch", "Holland", "Kingdom of the Netherlands", "Nederland", "Pays-Bas", "Países Bajos"]),
    ("nc", "NCL", "New Caledonia", ["Nouvelle-Calédonie"]),
    ("nz", "NZL", "New Zealand", ["New Zealander", "Nouvelle-Zélande", "Nueva Zelanda"]),
    ("ni", "NIC", "Nicaragua", ["Nicaraguan"]),
    ("ne", "NER", "Niger", ["Nigerien", "Nigérien"]),
    ("ng", "NGA", "Nigeria", ["Nigerian", "Federal Republic of Nigeria", "Nigéria"]),
    ("nu", "NIU", "Niue", []),
    ("nf", "NFK", "Norfolk Island", []),
    ("mk", "MKD", "North Macedonia", ["Macedonia", "Macedonian", "Republic of North Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM", "Macédoine du Nord", "Macédoine", "Macedonia del Norte"]),
    ("mp", "MNP", "Northern Mariana Islands", []),
    ("no", "NOR", "Norway", ["Norwegian", "Norvège", "Noruega"]),
    ("om", "OMN", "Oman", ["Omani", "Sultanate of Oman"]),
    ("pk", "PAK", "Pakistan", ["Pakistani", "Islamic Republic of Pakistan", "Pakistán"]),
    ("pw", "PLW", "Palau", ["Palauan"]),
    ("ps", "PSE", "Palestine", ["Palestinian", "State of Palestine", "Palestinian Territories", "Palestinian Territory", "Occupied Palestinian Territory", "Occupied Palestinian Territories", "Palestinian Authority", "West Bank", "Gaza", "Gaza Strip", "West Bank and Gaza", "Territoires palestiniens", "Cisjordanie", "Bande de Gaza", "Palestina"]),
    ("pa", "PAN", "Panama", ["Panamanian", "Panamá"]),
    ("pg", "PNG", "Papua New Guinea", ["Papua New Guinean", "Papouasie-Nouvelle-Guinée"]),
    ("py", "PRY", "Paraguay", ["Paraguayan"]),
    ("pe", "PER", "Peru", ["Peruvian", "Pérou", "Perú"]),
    ("ph", "PHL", "Philippines", ["Filipino", "Philippine", "Filipinas"]),
    ("pn", "PCN", "Pitcairn", ["Pitcairn Islands"]),
    ("pl", "POL", "Poland", ["Polish", "Pologne", "Polonia"]),
    ("pt", "PRT", "Portugal", ["Portuguese"]),
    ("pr", "PRI", "Puerto Rico", ["Puerto Rican", "Porto Rico"]),
    ("qa", "QAT", "Qatar", ["Qatari", "State of Qatar"]),
    ("re", "REU", "Réunion", ["La Réunion"]),
    ("ro", "ROU", "Romania", ["Romanian", "Roumanie", "Rumania"]),
    ("ru", "RUS", "Russia", ["Russian", "Russian Federation", "Russie", "Fédération de Russie", "Rusia", "Federación de Rusia"]),
    ("rw", "RWA", "Rwanda", ["Rwandan", "Rwandese", "Ruanda"]),
    ("bl", "BLM", "Saint Barthélemy", []),
    ("sh", "SHN", "Saint Helena, Ascension and Tristan da Cunha", ["Saint Helena"]),
    ("kn", "KNA", "Saint Kitts and Nevis", ["Kittitian", "Saint-Christophe-et-Niévès"]),
    ("lc", "LCA", "Saint Lucia", ["Saint Lucian", "Sainte-Lucie"]),
    ("mf", "MAF", "Saint Martin", ["Saint Martin (French part)"]),
    ("pm", "SPM", "Saint Pierre and Miquelon", ["Saint-Pierre-et-Miquelon"]),
    ("vc", "VCT", "Saint Vincent and the Grenadines", ["Saint Vincent", "Vincentian"]),
    ("ws", "WSM", "Samoa", ["Samoan", "Western Samoa"]),
    ("sm", "SMR", "San Marino", ["Sammarinese", "Saint-Marin"]),
    ("st", "STP", "Sao Tome and Principe", ["Sao Tomean", "Sao Tome", "Sao Tomé-et-Principe"]),
    ("sa", "SAU", "Saudi Arabia", ["Saudi", "Saudi Arabian", "Kingdom of Saudi Arabia", "KSA", "Arabie saoudite", "Arabia Saudita", "Arabia Saudí"]),
    ("sn", "SEN", "Senegal", ["Senegalese", "Sénégal"]),
    ("rs", "SRB", "Serbia", ["Serbian", "Serb", "Republic of Serbia", "Serbie"]),
    ("sc", "SYC", "Seychelles", ["Seychellois"]),
    ("sl", "SLE", "Sierra Leone", ["Sierra Leonean"]),
    ("sg", "SGP", "Singapore", ["Singaporean", "Singapour", "Singapur"]),
    ("sx", "SXM", "Sint Maarten", ["Sint Maarten (Dutch part)"]),
    ("sk", "SVK", "Slovakia", ["Slovak", "Slovak Republic", "Slovaquie", "Eslovaquia"]),
    ("si", "SVN", "Slovenia", ["Slovenian", "Slovene", "Slovénie", "Eslovenia"]),
    ("sb", "SLB", "Solomon Islands", ["Solomon Islander", "Îles Salomon"]),
    ("so", "SOM", "Somalia", ["Somali", "Somalian", "Somalie"]),
    ("za", "ZAF", "South Africa", ["South African", "Republic of South Africa", "Afrique du Sud", "Sudáfrica"]),
    ("gs", "SGS", "South Georgia and the South Sandwich Islands", []),
    ("ss", "SSD", "South Sudan", ["South Sudanese", "Republic of South Sudan", "Soudan du Sud", "Sudán del Sur"]),
    ("es", "ESP", "Spain", ["Spanish", "Spaniard", "Espagne", "España"]),
    ("lk", "LKA", "Sri Lanka", ["Sri Lankan", "Ceylon"]),
    ("sd", "SDN", "Sudan", ["Sudanese", "Republic of the Sudan", "Soudan", "Sudán", "Sundan"]),
    ("sr", "SUR", "Suriname", ["Surinamese", "Surinam"]),
    ("sj", "SJM", "Svalbard and Jan Mayen", ["Svalbard"]),
    ("se", "SWE", "Sweden", ["Swedish", "Suède", "Suecia"]),
    ("ch", "CHE", "Switzerland", ["Swiss", "Swiss Confederation", "Schweiz", "Suisse", "Suiza"]),
    ("sy", "SYR", "Syria", ["Syrian", "Syrian Arab Republic", "Syrie", "République arabe syrienne", "Siria"]),
    ("tw", "TWN", "Taiwan", ["Taiwanese", "Chinese Taipei", "Taiwan Province of China", "Republic of China", "Taïwan", "Taiwán"]),
    ("tj", "TJK", "Tajikistan", ["Tajik", "Tajikistani", "Tadjikistan", "Tayikistán"]),
    ("tz", "TZA", "Tanzania", ["Tanzanian", "United Republic of Tanzania", "Tanzanie"]),
    ("th", "THA", "Thailand", ["Thai", "Thaïlande", "Tailandia"]),
    ("tl", "TLS", "Timor-Leste", ["East Timor", "Timorese", "Timor Oriental"]),
    ("tg", "TGO", "Togo", ["Togolese"]),
    ("tk", "TKL", "Tokelau", []),
    ("to", "TON", "Tonga", ["Tongan"]),
    ("tt", "TTO", "Trinidad and Tobago", ["Trinidadian", "Trinidad", "Trinité-et-Tobago", "Trinidad y Tobago"]),
    ("tn", "TUN", "Tunisia", ["Tunisian", "Tunisie", "Túnez"]),
    ("tr", "TUR", "Turkey", ["Türkiye", "Turkish", "Republic of Türkiye", "Republic of Turkey", "Turquie", "Turquía", "Türkiyish"]),
    ("tm", "TKM", "Turkmenistan", ["Turkmen", "Turkménistan", "Turkmenistán"]),
    ("tc", "TCA", "Turks and Caicos Islands", ["Turks and Caicos"]),
    ("tv", "TUV", "Tuvalu", ["Tuvaluan"]),
    ("ug", "UGA", "Uganda", ["Ugandan", "Ouganda"]),
    ("ua", "UKR", "Ukraine", ["Ukrainian", "Ucrania", "Ukranian"]),
    ("ae", "ARE", "United Arab Emirates", ["UAE", "Emirati", "Emirates", "Émirats arabes unis", "Emiratos Árabes Unidos"]),
    ("gb", "GBR", "United Kingdom", ["UK", "United Kingdom of Great Britain and Northern Ireland", "Great Britain", "Britain", "British", "England", "English", "Scotland", "Scottish", "Wales", "Welsh", "Northern Ireland", "Royaume-Uni", "Reino Unido", "United Kingdom of Great Britain"]),
    ("us", "USA", "United States", ["United States of America", "America", "American", "États-Unis", "États-Unis d'Amérique", "Estados Unidos"]),
    ("um", "UMI", "United States Minor Outlying Islands", []),
    ("uy", "URY", "Uruguay", ["Uruguayan"]),
    ("uz", "UZB", "Uzbekistan", ["Uzbek", "Uzbekistani", "Ouzbékistan", "Uzbekistán", "Uzbekhistan"]),
    ("vu", "VUT", "Vanuatu", ["Ni-Vanuatu"]),
    ("ve", "VEN", "Venezuela", ["Venezuelan", "Bolivarian Republic of Venezuela"]),
    ("vn", "VNM", "Viet Nam", ["Vietnam", "Vietnamese", "Socialist Republic of Vietnam"]),
    ("vg", "VGB", "British Virgin Islands", ["BVI", "Îles Vierges britanniques", "Virgin Islands British"]),
    ("vi", "VIR", "United States Virgin Islands", ["US Virgin Islands", "U.S. Virgin Islands", "Virgin Islands US"]),
    ("wf", "WLF", "Wallis and Futuna", []),
    ("eh", "ESH", "Western Sahara", ["Sahrawi", "Sahara occidental"]),
    ("ye", "YEM", "Yemen", ["Yemeni", "Republic of Yemen", "Yémen"]),
    ("zm", "ZMB", "Zambia", ["Zambian", "Zambie"]),
    ("zw", "ZWE", "Zimbabwe", ["Zimbabwean"]),
    // Not ISO 3166-1, but coded so by FtM and used by lists.
    ("xk", "XKX", "Kosovo", ["Kosovar", "Kosova", "Republic of Kosovo"]),
    ("suhh", "SUN", "Soviet Union", ["USSR", "Soviet", "Union of Soviet Socialist Republics", "URSS", "Union soviétique", "Former USSR"]),
    ("yucs", "YUG", "Yugoslavia", ["Yugoslav", "Yugoslavian", "Federal Republic of Yugoslavia", "Socialist Federal Republic of Yugoslavia", "Yougoslavie"]),
    ("cshh", "CSK", "Czechoslovakia", ["Czechoslovak", "Czechoslovakian", "Tchécoslovaquie"]),
    ("csxx", "SCG", "Serbia and Montenegro", []),
    ("ddde", "DDR", "East Germany", ["German Democratic Republic", "GDR"]),
];

/// Keys that are not matched inside free text because they are common words or pronouns there.
// "soviet" alone is in "Kazakh Soviet Socialist Republic", which is not the USSR as a country.
const NOT_IN_TEXT: &[&str] = &["reunion", "jersey", "polish", "chad", "america", "soviet"];

/// Short keys (codes and abbreviations) that are still matched inside free text.
const SHORT_IN_TEXT: &[&str] = &["usa", "uae", "uk", "dprk", "ussr"];

struct Index {
    /// Normalised key -> code, for every name, adjective and code.
    keys: HashMap<String, &'static str>,
    /// Normalised key -> code, for the keys [`codes_in`] looks for in free text.
    text_keys: HashMap<String, &'static str>,
    /// The longest text key, in words.
    max_words: usize,
    /// Keys claimed by two countries (kept for the first); must stay empty.
    conflicts: Vec<String>,
    /// Code -> its country (explanations name issuers for every identifier hit).
    by_code: HashMap<&'static str, &'static Country>,
}

static INDEX: LazyLock<Index> = LazyLock::new(build_index);

fn build_index() -> Index {
    let mut index = Index {
        keys: HashMap::new(),
        text_keys: HashMap::new(),
        max_words: 1,
        conflicts: Vec::new(),
        by_code: COUNTRIES.iter().map(|c| (c.code, c)).collect(),
    };
    for c in COUNTRIES {
        let names = std::iter::once(c.name).chain(c.other.iter().copied());
        for (raw, is_code) in [(c.code, true), (c.alpha3, true)]
            .into_iter()
            .chain(names.map(|n| (n, false)))
        {
            let key = normalize(raw);
            match index.keys.get(&key) {
                Some(other) if *other != c.code => index.conflicts.push(key.clone()),
                Some(_) => {}
                None => {
                    index.keys.insert(key.clone(), c.code);
                }
            }
            let in_text = if key.len() <= 4 && !key.contains(' ') {
                SHORT_IN_TEXT.contains(&key.as_str()) || (!is_code && key.len() == 4)
            } else {
                !NOT_IN_TEXT.contains(&key.as_str())
            };
            if in_text {
                index.max_words = index.max_words.max(key.split(' ').count());
                index.text_keys.entry(key).or_insert(c.code);
            }
        }
    }
    index
}

/// Folds a name to its lookup key: lower case, no accents, no apostrophes or dots, other
/// punctuation as spaces, `&` as `and`, `st` as `saint`, single spaces.
pub fn normalize(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for ch in s.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        match ch {
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '.' => {}
            '&' => folded.push_str(" and "),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            'ø' | 'Ø' => folded.push('o'),
            'đ' | 'Đ' => folded.push('d'),
            'ł' | 'Ł' => folded.push('l'),
            'ı' => folded.push('i'),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    let mut key = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(if word == "st" { "saint" } else { word });
    }
    key
}

fn lookup(key: &str) -> Option<&'static str> {
    let keys = &INDEX.keys;
    keys.get(key)
        .or_else(|| key.strip_prefix("the ").and_then(|k| keys.get(k)))
        .or_else(|| key.strip_prefix("former ").and_then(|k| keys.get(k)))
        .copied()
}

/// The ISO code for a country name, adjective or code, e.g. `"Iraq"`, `"Iraqi"`, `"IRQ"`,
/// `"iq"`, `"Irak"`, `"Korea, North"`, `"Iran (Islamic Republic of)"`, `"Belarus / Bélarus"`.
/// `None` when the text is not (only) a country.
pub fn code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    lookup(&normalize(name))
        .or_else(|| reordered(name))
        .or_else(|| same_in_every_part(name))
}

/// Inverted official forms: "Korea, North" -> "North Korea"; "Iran (Islamic Republic of)" ->
/// "Islamic Republic of Iran", else the part outside the brackets ("Myanmar (Burma)").
fn reordered(name: &str) -> Option<&'static str> {
    if let Some((head, tail)) = name.split_once(',')
        && let Some(c) = lookup(&normalize(&format!("{tail} {head}")))
    {
        return Some(c);
    }
    let (outer, rest) = name.split_once('(')?;
    let (inner, after) = rest.split_once(')')?;
    let outer = format!("{outer} {after}");
    [
        format!("{inner} {outer}"),
        format!("{outer} {inner}"),
        outer,
    ]
    .iter()
    .find_map(|k| lookup(&normalize(k)))
}

/// Bilingual or doubled labels: "Belarus / Bélarus", "Russia; Russian Federation". Every
/// part must name the same country.
fn same_in_every_part(name: &str) -> Option<&'static str> {
    let parts: Vec<&str> = name
        .split(['/', ';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let first = code(parts.first()?)?;
    parts[1..]
        .iter()
        .all(|p| code(p) == Some(first))
        .then_some(first)
}

/// Every country named in free text (an address, a place of birth, a remark), in order of
/// first mention, without repeats: `"Ta'izz, Yemen"` -> `["ye"]`. Only names and adjectives
/// count here (not two- or three-letter codes, which are ordinary words in text, except
/// `USA`, `UAE`, `UK`); the longest name wins ("Papua New Guinea" is not "Guinea").
pub fn codes_in(text: &str) -> Vec<&'static str> {
    let key = normalize(text);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let index = &*INDEX;
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let longest = (1..=index.max_words.min(words.len() - i))
            .rev()
            .find_map(|n| {
                let phrase = words[i..i + n].join(" ");
                index.text_keys.get(&phrase).map(|c| (n, *c))
            });
        match longest {
            Some((n, c)) => {
                if !found.contains(&c) {
                    found.push(c);
                }
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// The country a text starts by naming, as [`codes_in`] reads names (names and adjectives,
/// not bare codes): what a list writes of an identity document, `"Libya number"` -> `ly`,
/// `"German provisional. Issued by the city of Hamburg"` -> `de`, `"Syrian Arab Republic
/// national identification card"` -> `sy`. `None` when the text starts otherwise (`"Issued
/// in Jordan"`, `"No. 12"`): where a document was issued is not who issued it.
pub fn leading(text: &str) -> Option<&'static str> {
    let key = normalize(text);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let index = &*INDEX;
    (1..=index.max_words.min(words.len()))
        .rev()
        .find_map(|n| index.text_keys.get(&words[..n].join(" ")).copied())
}

/// The English short name for a code (`"kp"` -> `"North Korea"`).
pub fn name(code: &str) -> Option<&'static str> {
    by_code(code).map(|c| c.name)
}

/// The country of a code, as written or in any case, trimmed.
fn by_code(code: &str) -> Option<&'static Country> {
    let countries = &INDEX.by_code;
    countries.get(code).copied().or_else(|| {
        let key = code.trim().to_ascii_lowercase();
        countries.get(key.as_str()).copied()
    })
}

/// The ISO 3166-1 alpha-3 code for a code (`"kp"` -> `"PRK"`).
pub fn alpha3(code: &str) -> Option<&'static str> {
    by_code(code).map(|c| c.alpha3)
}

/// Every code this module knows (ISO alpha-2 plus `xk` and the historic ones).
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    COUNTRIES.iter().map(|c| c.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_names_two_countries() {
        assert!(INDEX.conflicts.is_empty(), "{:?}", INDEX.conflicts);
    }

    #[test]
    fn table_is_complete_and_well_formed() {
        // 249 ISO 3166-1 countries, Kosovo, five historic states.
        assert_eq!(COUNTRIES.len(), 255);
        for c in COUNTRIES {
            assert!(c.code.len() == 2 || c.code.len() == 4, "{}", c.code);
            assert_eq!(c.alpha3.len(), 3, "{}", c.code);
            assert_eq!(code(c.code), Some(c.code));
            assert_eq!(code(c.alpha3), Some(c.code), "{}", c.alpha3);
            assert_eq!(code(c.name), Some(c.code), "{}", c.name);
        }
    }

    #[test]
    fn spellings_lists_use() {
        let cases = [
            ("Russian Federation", "ru"),
            ("Russie", "ru"),
            ("RUSSIA", "ru"),
            ("Russian", "ru"),
            ("Iran (Islamic Republic of)", "ir"),
            ("Iran, Islamic Republic of", "ir"),
            ("Syrian Arab Republic", "sy"),
            ("Syrie", "sy"),
            ("Korea, North", "kp"),
            ("Korea, Democratic People's Republic of", "kp"),
            ("Democratic People’s Republic of Korea", "kp"),
            ("Democratic People's Republic of Korea (DPRK)", "kp"),
            ("DPRK", "kp"),
            ("Corée du Nord", "kp"),
            ("Korea, South", "kr"),
            ("Korea, Republic of", "kr"),
            ("Burma", "mm"),
            ("Côte d'Ivoire", "ci"),
            ("Cote d’Ivoire", "ci"),
            ("Ivory Coast", "ci"),
            ("Congo, Democratic Republic of the", "cd"),
            ("Congo (Kinshasa)", "cd"),
            ("Congo (Brazzaville)", "cg"),
            ("Congo", "cg"),
            ("Palestinian Territories", "ps"),
            ("West Bank", "ps"),
            ("Gaza Strip", "ps"),
            ("Macau", "mo"),
            ("Iraqi", "iq"),
            ("Afghan", "af"),
            ("British", "gb"),
            ("U.K.", "gb"),
            ("Emirati", "ae"),
            ("U.A.E.", "ae"),
            ("Belarus / Bélarus", "by"),
            ("Bélarus", "by"),
            ("Türkiye", "tr"),
            ("Turkiye", "tr"),
            ("St. Kitts & Nevis", "kn"),
            ("St Vincent and the Grenadines", "vc"),
            ("Virgin Islands, British", "vg"),
            ("Tanzania, United Republic of", "tz"),
            ("The Gambia", "gm"),
            ("Bosnia-Herzegovina", "ba"),
            ("Soviet Union", "suhh"),
            ("USSR", "suhh"),
            ("Yugoslavia", "yucs"),
            ("Czechoslovakia", "cshh"),
            ("Kosovo", "xk"),
            ("United States of America", "us"),
            ("U.S.A.", "us"),
            ("Estados Unidos", "us"),
            ("  iraq  ", "iq"),
            ("IRQ", "iq"),
            ("Hong Kong, China", "hk"),
            ("Myanmar (Burma)", "mm"),
            ("The former Yugoslav Republic of Macedonia", "mk"),
            ("Macedonia, The Former Yugoslav Republic of", "mk"),
            // Spellings taken from the UK, AU, UN and OFAC lists.
            ("Congo (Democratic Republic)", "cd"),
            ("Congolese", "cd"),
            ("Man, Isle of", "im"),
            ("China, Hong Kong Special Administrative Region", "hk"),
            ("former Soviet Union", "suhh"),
            ("Former German Democratic Republic", "ddde"),
            ("Türkiyish", "tr"),
            ("Belrus", "by"),
            ("Occupied Palestinian Territories", "ps"),
            ("Bosnia-Herzegovina", "ba"),
            ("United Kingdom of Great Britain", "gb"),
        ];
        for (raw, want) in cases {
            assert_eq!(code(raw), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn not_countries() {
        for raw in [
            "",
            "  ",
            "unknown",
            "Korea",
            "Virgin Islands",
            "Russia / Ukraine",
            "Baghdad",
        ] {
            assert_eq!(code(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn countries_in_free_text() {
        let cases: [(&str, &[&str]); 14] = [
            ("(1) Syria (2) Turkey", &["sy", "tr"]),
            ("Kazakh Soviet Socialist Republic (now Kazakhstan)", &["kz"]),
            ("(1) Belgium (2) Congo (Democratic Republic)", &["be", "cd"]),
            ("of Registration Korea, North", &["kp"]),
            ("Virgin Islands, British", &["vg"]),
            ("a) Russian b) USSR (until 1991)", &["ru", "suhh"]),
            ("Ta'izz, Yemen", &["ye"]),
            ("Belarus / Bélarus", &["by"]),
            ("Port Moresby, Papua New Guinea", &["pg"]),
            (
                "Kinshasa, Democratic Republic of the Congo; Kigali, Rwanda",
                &["cd", "rw"],
            ),
            ("Dubai, UAE", &["ae"]),
            ("send it to us in Iraq", &["iq"]),
            ("Moscow, Russian Federation", &["ru"]),
            ("no country here", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(codes_in(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_country_that_leads_a_text() {
        let cases: [(&str, Option<&str>); 10] = [
            ("Libya number", Some("ly")),
            (
                "German provisional. Issued by the city of Hamburg",
                Some("de"),
            ),
            (
                "Syrian Arab Republic national identification card",
                Some("sy"),
            ),
            ("British passport number", Some("gb")),
            ("Guinea-Bissau diplomatic passport", Some("gw")),
            ("Sudan", Some("sd")),
            ("Issued in Jordan", None),
            ("No. 12", None),
            ("IN 1234", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(leading(text), want, "{text:?}");
        }
    }

    #[test]
    fn names_and_alpha3() {
        assert_eq!(name("KP"), Some("North Korea"));
        assert_eq!(name("suhh"), Some("Soviet Union"));
        assert_eq!(alpha3("iq"), Some("IRQ"));
        assert_eq!(name("zz"), None);
        assert_eq!(all_codes().count(), COUNTRIES.len());
    }

    #[test]
    fn normalizes_keys() {
        assert_eq!(normalize(" Côte  d’Ivoire "), "cote divoire");
        assert_eq!(normalize("St. Kitts & Nevis"), "saint kitts and nevis");
        assert_eq!(normalize("Guinea-Bissau"), "guinea bissau");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = code(&s);
            let _ = codes_in(&s);
            let _ = leading(&s);
        }
    }
}
