//! Each agency's partial, noisy view of the world: records of the people it came across,
//! written its own way (its transliteration, its script, its name order, typos), with fields
//! missing, and the links of the kinds it watches.

use crate::names::NameForm;
use crate::rng::Rng;
use crate::world::{EventKind, Person, World};
use zeef_model::{Entity, LinkEnd, Prop, Provenance, RelationKind, Relationship, Schema};

/// The kinds of link an agency may watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Watch {
    /// Phone subscriptions (who holds which number).
    Phones,
    /// Residence registrations (who lives where).
    Addresses,
    /// Money transfers.
    Transfers,
    /// Bookings (who travelled with whom).
    Travel,
}

const WATCHES: [Watch; 4] = [
    Watch::Phones,
    Watch::Addresses,
    Watch::Transfers,
    Watch::Travel,
];

/// How an agency writes names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Spelling {
    /// Its own Latin spelling, given name first.
    Latin,
    /// Its own Latin spelling, `SURNAME, Given`.
    LatinSurnameFirst,
    /// Arabic and Cyrillic names in their own script, the Latin spelling an alias at times.
    NativeScript,
}

/// One agency: what it watches, how it writes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Agency {
    /// The source name of its records (`agency-1` …).
    pub name: String,
    /// The kind of link it mostly sees.
    pub watches: Watch,
    pub spelling: Spelling,
}

/// One agency's records, with the person behind each (known to the experiment, not to it).
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub agency: Agency,
    pub records: Vec<Entity>,
    /// Record position -> person (position into [`World::people`]).
    pub person_of: Vec<usize>,
    /// The transfers and journeys the agency saw, between its records.
    pub events: Vec<Relationship>,
}

/// Chance that an agency sees a link of the kind it watches; of another kind.
const SEES_WATCHED: f64 = 0.7;
const SEES_OTHER: f64 = 0.12;
/// Chance that an agency holds a record of someone it saw no link of.
const BACKGROUND: f64 = 0.25;

/// The views of `agencies` agencies of `world`.
pub fn views(world: &World, agencies: usize, rng: &Rng) -> Vec<View> {
    (0..agencies)
        .map(|i| {
            let agency = Agency {
                name: format!("agency-{}", i + 1),
                watches: WATCHES[i % WATCHES.len()],
                spelling: match i % 3 {
                    0 => Spelling::Latin,
                    1 => Spelling::LatinSurnameFirst,
                    _ => Spelling::NativeScript,
                },
            };
            view(world, agency, i, &mut rng.fork(100 + i as u64))
        })
        .collect()
}

fn sees(agency: &Agency, watch: Watch, rng: &mut Rng) -> bool {
    rng.chance(match agency.watches == watch {
        true => SEES_WATCHED,
        false => SEES_OTHER,
    })
}

fn view(world: &World, agency: Agency, house_style: usize, rng: &mut Rng) -> View {
    let n = world.people.len();
    let mut included: Vec<bool> = (0..n).map(|_| rng.chance(BACKGROUND)).collect();
    let seen_events: Vec<usize> = (0..world.events.len())
        .filter(|&e| {
            let watch = match world.events[e].kind {
                EventKind::Transfer => Watch::Transfers,
                EventKind::Travel => Watch::Travel,
            };
            sees(&agency, watch, rng)
        })
        .collect();
    for &e in &seen_events {
        included[world.events[e].from] = true;
        included[world.events[e].to] = true;
    }
    // Records in an order of the agency's own, so positions say nothing about people.
    let mut people: Vec<usize> = (0..n).filter(|&p| included[p]).collect();
    rng.shuffle(&mut people);
    let mut record_of = vec![usize::MAX; n];
    let mut records = Vec::with_capacity(people.len());
    for (r, &p) in people.iter().enumerate() {
        record_of[p] = r;
        let id = format!("{}-{}", agency.name, r + 1);
        records.push(record(world, p, &id, &agency, house_style, rng));
    }
    let events = seen_events
        .iter()
        .enumerate()
        .map(|(k, &e)| {
            let ev = world.events[e];
            let (from, to) = (&records[record_of[ev.from]], &records[record_of[ev.to]]);
            let (kind, role) = match ev.kind {
                EventKind::Transfer => (RelationKind::UnknownLink, "Money transfer"),
                EventKind::Travel => (RelationKind::Associate, "Travelled together"),
            };
            Relationship {
                id: format!("{}-event-{}", agency.name, k + 1),
                kind,
                from: LinkEnd::listed(from.id.clone(), from.caption()),
                to: LinkEnd::listed(to.id.clone(), to.caption()),
                role: role.to_string(),
                percentage: None,
                text: format!("{role}: {} and {}.", from.caption(), to.caption()),
                record: from.id.clone(),
                provenance: Provenance::new(agency.name.as_str()),
            }
        })
        .collect();
    View {
        agency,
        records,
        person_of: people,
        events,
    }
}

/// The agency's record of person `p`.
fn record(
    world: &World,
    p: usize,
    id: &str,
    agency: &Agency,
    house_style: usize,
    rng: &mut Rng,
) -> Entity {
    let person = &world.people[p];
    let mut e = Entity::new(id, Schema::Person, agency.name.as_str());
    let latin = latin_name(person, house_style, agency.spelling, rng);
    let native = native_name(person);
    match (agency.spelling, native) {
        (Spelling::NativeScript, Some(native)) => {
            e.add(Prop::Name, native);
            if rng.chance(0.3) {
                e.add(Prop::Alias, latin);
            }
        }
        (_, native) => {
            e.add(Prop::Name, latin);
            if let Some(native) = native
                && rng.chance(0.2)
            {
                e.add(Prop::Alias, native);
            }
        }
    }
    if rng.chance(0.7) {
        let (y, m, d) = person.birth;
        match rng.chance(0.3) {
            true => e.add(Prop::BirthDate, y.to_string()),
            false => e.add(Prop::BirthDate, format!("{y:04}-{m:02}-{d:02}")),
        }
    }
    if rng.chance(0.6) {
        e.add(Prop::Nationality, person.nationality);
    }
    if rng.chance(0.2) {
        e.add(Prop::PassportNumber, &person.passport);
    }
    for phone in &person.phones {
        if sees(agency, Watch::Phones, rng) {
            e.add(Prop::Phone, phone_as_written(phone, house_style));
        }
    }
    for &a in &person.addresses {
        if sees(agency, Watch::Addresses, rng) {
            e.add(Prop::Address, address_as_written(world, a, house_style));
        }
    }
    e
}

/// The agency's Latin spelling of a name: its house variant, at times a typo.
fn spell(form: &NameForm, house_style: usize, rng: &mut Rng) -> String {
    let base = form.latin[house_style % form.latin.len()];
    match rng.chance(0.08) {
        true => typo(base, rng),
        false => base.to_string(),
    }
}

/// Two neighbouring letters swapped.
fn typo(s: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() >= 4 {
        let i = rng.between(1, chars.len() - 2);
        chars.swap(i, i + 1);
    }
    chars.into_iter().collect()
}

fn latin_name(person: &Person, house_style: usize, spelling: Spelling, rng: &mut Rng) -> String {
    let given = spell(&person.given, house_style, rng);
    let father = person
        .father
        .filter(|_| rng.chance(0.6))
        .map(|f| spell(&f, house_style, rng));
    let surname = spell(&person.surname, house_style, rng);
    let forenames = match father {
        Some(f) => format!("{given} {f}"),
        None => given,
    };
    match spelling {
        Spelling::LatinSurnameFirst => format!("{}, {forenames}", surname.to_uppercase()),
        _ => format!("{forenames} {surname}"),
    }
}

fn native_name(person: &Person) -> Option<String> {
    let given = person.given.native?;
    let surname = person.surname.native?;
    Some(match person.father.and_then(|f| f.native) {
        Some(f) => format!("{given} {f} {surname}"),
        None => format!("{given} {surname}"),
    })
}

/// `+963944123456` as the agency writes it: international with spaces, or `00` and digits.
fn phone_as_written(phone: &str, house_style: usize) -> String {
    let digits = phone.trim_start_matches('+');
    match house_style % 2 {
        0 => {
            let (head, tail) = digits.split_at(digits.len().min(3));
            format!("+{head} {tail}")
        }
        _ => format!("00{digits}"),
    }
}

fn address_as_written(world: &World, a: usize, house_style: usize) -> String {
    let Some(addr) = world.addresses.get(a) else {
        return String::new();
    };
    match house_style % 2 {
        0 => format!("{} {}, {}", addr.number, addr.street, addr.city),
        _ => format!(
            "{} {}, {}",
            addr.street.to_uppercase(),
            addr.number,
            addr.city.to_uppercase()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::WorldSettings;

    fn world() -> World {
        World::generate(
            &WorldSettings {
                members: 40,
                population: 400,
            },
            &Rng::new(3),
        )
    }

    #[test]
    fn agencies_see_different_people_and_write_them_differently() {
        let w = world();
        let v = views(&w, 3, &Rng::new(3));
        assert_eq!(v.len(), 3);
        assert_ne!(v[0].person_of, v[1].person_of);
        assert_ne!(v[0].agency.watches, v[1].agency.watches);
        // Someone both the first and the third agency hold is written differently by them.
        let differ = v[0].person_of.iter().enumerate().any(|(r0, p)| {
            v[2].person_of
                .iter()
                .position(|q| q == p)
                .is_some_and(|r2| v[0].records[r0].caption() != v[2].records[r2].caption())
        });
        assert!(differ);
    }

    #[test]
    fn phones_and_addresses_are_written_the_house_way() {
        assert_eq!(phone_as_written("+963944123456", 0), "+963 944123456");
        assert_eq!(phone_as_written("+963944123456", 1), "00963944123456");
    }
}
