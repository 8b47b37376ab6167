//! Given names that are the same name: nicknames (Bill / William, Ted / Theodore, Bibi /
//! Benjamin) and the forms one name takes across languages (John / Juan / Johann / Ivan /
//! Yahya). A screening query often carries the form a person uses, a list the formal one.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Groups of one given name's forms, folded to ASCII as name parts are. A form may belong to
/// several groups (Ted: Theodore and Edward).
const GROUPS: &[&[&str]] = &[
    &[
        "william",
        "bill",
        "billy",
        "will",
        "willy",
        "willem",
        "wilhelm",
        "guillaume",
        "guillermo",
        "guglielmo",
    ],
    &["robert", "bob", "bobby", "rob", "robbie", "roberto"],
    &[
        "richard", "rick", "ricky", "dick", "rich", "ricardo", "riccardo",
    ],
    &[
        "james", "jim", "jimmy", "jamie", "jaime", "giacomo", "jacques",
    ],
    &[
        "john", "johnny", "jack", "jon", "juan", "jean", "johann", "johannes", "hans", "jan",
        "giovanni", "ivan", "ioannis", "joao", "sean", "ian", "yahya", "yohannes",
    ],
    &[
        "joseph", "joe", "joey", "jose", "giuseppe", "josef", "yusuf", "youssef", "yousef", "yosef",
    ],
    &[
        "michael", "mike", "mick", "miguel", "michel", "michele", "mikhail", "mikhael", "mihail",
    ],
    &[
        "theodore", "ted", "teddy", "theo", "fedor", "fyodor", "teodor", "teodoro",
    ],
    &[
        "edward", "ed", "eddie", "ted", "ned", "eduardo", "edouard", "eduard",
    ],
    &["benjamin", "ben", "benny", "bibi", "binyamin", "benyamin"],
    &[
        "alexander",
        "alex",
        "sasha",
        "alexandre",
        "aleksandr",
        "alexandru",
        "alejandro",
        "alessandro",
        "iskander",
        "iskandar",
    ],
    &[
        "elizabeth",
        "liz",
        "beth",
        "betty",
        "eliza",
        "elisabeth",
        "elisabetta",
    ],
    &[
        "margaret",
        "maggie",
        "meg",
        "peggy",
        "margarita",
        "marguerite",
    ],
    &[
        "katherine",
        "kate",
        "katie",
        "cathy",
        "catherine",
        "kathryn",
        "ekaterina",
        "yekaterina",
        "katya",
        "caterina",
    ],
    &["thomas", "tom", "tommy", "tomas", "tomasz", "foma"],
    &["anthony", "tony", "antonio", "anton", "antoine"],
    &[
        "nicholas", "nick", "nicky", "nicolas", "nikolai", "nikolay", "nicola", "niccolo",
    ],
    &[
        "peter", "pete", "pedro", "pierre", "pietro", "pyotr", "petr", "piotr",
    ],
    &["paul", "pablo", "paolo", "pavel", "paulo"],
    &[
        "stephen", "steve", "steven", "stefan", "stephane", "esteban", "stepan", "stefano",
    ],
    &[
        "george", "georg", "georges", "jorge", "giorgio", "georgiy", "georgi", "yuri", "yuriy",
    ],
    &[
        "charles", "charlie", "chuck", "carlos", "carlo", "karl", "karel",
    ],
    &[
        "francis",
        "frank",
        "francisco",
        "francesco",
        "francois",
        "franz",
        "frantisek",
    ],
    &[
        "henry", "harry", "hank", "henri", "enrique", "enrico", "heinrich", "genrikh",
    ],
    &["daniel", "dan", "danny", "daniil"],
    &[
        "david", "dave", "davide", "davit", "dawud", "daoud", "dawood",
    ],
    &["samuel", "sam", "sammy"],
    &[
        "matthew", "matt", "mateo", "matteo", "matthias", "matvei", "matvey",
    ],
    &[
        "andrew", "andy", "drew", "andres", "andre", "andrei", "andrey", "andrzej", "andreas",
    ],
    &[
        "jacob", "jake", "yaqub", "yakub", "jakob", "jacopo", "yakov", "yaakov",
    ],
    &["abraham", "abe", "ibrahim", "avraham"],
    &[
        "solomon", "sulayman", "suleiman", "sulaiman", "shlomo", "salomon",
    ],
    &["moses", "musa", "moshe", "moises"],
    &["vladimir", "vova", "volodya"],
    &["dmitry", "dmitri", "dima"],
    &["yevgeny", "zhenya"],
    &["aleksey", "alexei", "alyosha", "lyosha"],
];

/// True when `a` and `b` are forms of one given name (never for a name and itself: that is
/// an exact match, not this).
pub fn same_given_name(a: &str, b: &str) -> bool {
    // foldhash, not SipHash: this is asked for most part pairs a screen aligns.
    type Groups = HashMap<&'static str, Vec<usize>, foldhash::fast::FixedState>;
    static GROUPS_OF: OnceLock<Groups> = OnceLock::new();
    let groups_of = GROUPS_OF.get_or_init(|| {
        let mut map = Groups::default();
        for (g, forms) in GROUPS.iter().enumerate() {
            for form in *forms {
                map.entry(form).or_default().push(g);
            }
        }
        map
    });
    if a == b {
        return false;
    }
    match (groups_of.get(a), groups_of.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|g| y.contains(g)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_name_meet_and_others_do_not() {
        for (a, b) in [
            ("bill", "william"),
            ("ted", "theodore"),
            ("ted", "edward"),
            ("juan", "john"),
            ("bibi", "benjamin"),
        ] {
            assert!(same_given_name(a, b), "{a} {b}");
            assert!(same_given_name(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("theodore", "edward"),
            ("john", "james"),
            ("william", "william"),
            ("zorblat", "william"),
        ] {
            assert!(!same_given_name(a, b), "{a} {b}");
        }
    }

    #[test]
    fn every_form_is_folded_lower_case_ascii() {
        for form in GROUPS.iter().flat_map(|g| g.iter()) {
            assert!(form.bytes().all(|b| b.is_ascii_lowercase()), "{form}");
        }
    }
}
