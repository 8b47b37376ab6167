//! The fictional world: a network of members in cells, and a background population of
//! innocent people who share surnames, households, phones, addresses, money transfers and
//! journeys with each other and with members, so that following links also finds innocents.

use crate::names::{CITIES, NameForm, Origin, STREETS};
use crate::rng::Rng;

/// What the world is made of.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorldSettings {
    /// Network members.
    pub members: usize,
    /// Innocent people around them.
    pub population: usize,
}

/// One fictional person.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Whether the person belongs to the network.
    pub member: bool,
    /// The network cell, for members.
    pub cell: Option<usize>,
    pub origin: Origin,
    pub given: NameForm,
    /// The father's given name (Arabic naming), where the person uses one.
    pub father: Option<NameForm>,
    pub surname: NameForm,
    /// Year, month, day.
    pub birth: (u16, u8, u8),
    /// ISO 3166-1 alpha-2, lower case.
    pub nationality: &'static str,
    /// Phone numbers in international form (`+` and digits), the person's own first.
    pub phones: Vec<String>,
    /// Addresses the person is registered at (positions into [`World::addresses`]).
    pub addresses: Vec<usize>,
    pub passport: String,
}

/// A fictional address.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub number: usize,
    pub street: &'static str,
    pub city: &'static str,
}

/// A link between two people that is an event, not a shared attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EventKind {
    /// Money sent from the first person to the second.
    Transfer,
    /// The two travelled together (one booking).
    Travel,
}

/// An event between two people (positions into [`World::people`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub from: usize,
    pub to: usize,
}

/// The whole fictional world: people (members first), addresses, events.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    pub people: Vec<Person>,
    pub addresses: Vec<Address>,
    pub events: Vec<Event>,
}

/// Members per cell.
const CELL_SIZE: usize = 8;

impl World {
    /// Generates the world of `settings` from `rng`.
    pub fn generate(settings: &WorldSettings, rng: &Rng) -> World {
        let mut g = Generator {
            rng: rng.fork(1),
            world: World {
                people: Vec::new(),
                addresses: Vec::new(),
                events: Vec::new(),
            },
            phone_serial: 0,
        };
        g.members(settings.members);
        let households = g.population(settings.population);
        g.members_among_the_population(settings.members, &households);
        g.innocent_events(settings.members);
        g.world
    }

    /// The network's members (the first people).
    pub fn member_count(&self) -> usize {
        self.people.iter().filter(|p| p.member).count()
    }

    /// The address as written in full.
    pub fn address_text(&self, a: usize) -> String {
        self.addresses
            .get(a)
            .map(|a| format!("{} {}, {}", a.number, a.street, a.city))
            .unwrap_or_default()
    }
}

struct Generator {
    rng: Rng,
    world: World,
    phone_serial: u64,
}

impl Generator {
    fn phone(&mut self, country: &str) -> String {
        self.phone_serial += 1;
        let code = match country {
            "sy" => "963",
            "iq" => "964",
            "jo" => "962",
            "lb" => "961",
            "eg" => "20",
            "ru" => "7",
            "by" => "375",
            "ua" => "380",
            "nl" => "31",
            "de" => "49",
            "fr" => "33",
            _ => "32",
        };
        let number = 600_000_000 + self.rng.below(300_000_000) as u64;
        format!("+{code}{number}")
    }

    fn address(&mut self) -> usize {
        let a = Address {
            number: self.rng.between(1, 180),
            street: STREETS[self.rng.below(STREETS.len())],
            city: CITIES[self.rng.below(CITIES.len())],
        };
        self.world.addresses.push(a);
        self.world.addresses.len() - 1
    }

    fn person(&mut self, member: bool, origin: Origin, surname: Option<NameForm>) -> usize {
        let r = &mut self.rng;
        let given = origin.given_names()[r.below(origin.given_names().len())];
        let father = (origin == Origin::Arabic && r.chance(0.6))
            .then(|| origin.given_names()[r.below(origin.given_names().len())]);
        let surname =
            surname.unwrap_or_else(|| origin.surnames()[r.below(origin.surnames().len())]);
        let nationality = origin.nationalities()[r.below(origin.nationalities().len())];
        let birth = (
            1955 + r.below(50) as u16,
            1 + r.below(12) as u8,
            1 + r.below(28) as u8,
        );
        let passport = format!("{}{:07}", nationality.to_uppercase(), r.below(10_000_000));
        let phone = self.phone(nationality);
        self.world.people.push(Person {
            member,
            cell: None,
            origin,
            given,
            father,
            surname,
            birth,
            nationality,
            phones: vec![phone],
            addresses: Vec::new(),
            passport,
        });
        self.world.people.len() - 1
    }

    fn event(&mut self, kind: EventKind, from: usize, to: usize) {
        if from != to {
            self.world.events.push(Event { kind, from, to });
        }
    }

    /// The members, in cells: a safe house and two shared phones per cell, a financier who
    /// pays the others, pairs who travel together, and couriers between cells.
    fn members(&mut self, count: usize) {
        let cells = count.div_ceil(CELL_SIZE).max(1);
        let mut by_cell: Vec<Vec<usize>> = vec![Vec::new(); cells];
        for i in 0..count {
            let origin = match self.rng.chance(0.6) {
                true => Origin::Arabic,
                false => Origin::Slavic,
            };
            let p = self.person(true, origin, None);
            let cell = i % cells;
            self.world.people[p].cell = Some(cell);
            by_cell[cell].push(p);
        }
        for cell in by_cell.iter().filter(|c| !c.is_empty()) {
            let safe_house = self.address();
            for _ in 0..2 {
                let phone = self.phone("sy");
                let users = self.rng.between(2, 3);
                for _ in 0..users {
                    let &m = self.rng.pick(cell).unwrap_or(&0);
                    if !self.world.people[m].phones.contains(&phone) {
                        self.world.people[m].phones.push(phone.clone());
                    }
                }
            }
            for &m in cell {
                if self.rng.chance(0.4) {
                    self.world.people[m].addresses.push(safe_house);
                }
            }
            let Some(&financier) = cell.first() else {
                continue;
            };
            for &m in &cell[1..] {
                if self.rng.chance(0.7) {
                    self.event(EventKind::Transfer, financier, m);
                }
            }
            for (i, &a) in cell.iter().enumerate() {
                for &b in &cell[i + 1..] {
                    if self.rng.chance(0.2) {
                        self.event(EventKind::Travel, a, b);
                    }
                }
            }
        }
        // Couriers: each cell tied to the next by a journey or a payment.
        for c in 0..cells.saturating_sub(1) {
            let (a, b) = (
                *self.rng.pick(&by_cell[c]).unwrap_or(&0),
                *self.rng.pick(&by_cell[c + 1]).unwrap_or(&0),
            );
            let kind = match self.rng.chance(0.5) {
                true => EventKind::Travel,
                false => EventKind::Transfer,
            };
            self.event(kind, a, b);
        }
    }

    /// The innocent population in households (a surname, an address, often a landline), some
    /// addresses being large blocks or hostels many are registered at. Gives the households.
    fn population(&mut self, count: usize) -> Vec<Vec<usize>> {
        let mut households = Vec::new();
        let blocks: Vec<usize> = (0..(count / 150).max(1)).map(|_| self.address()).collect();
        let mut made = 0;
        while made < count {
            let size = self.rng.between(1, 5).min(count - made);
            let origin = match self.rng.below(10) {
                0..4 => Origin::Arabic,
                4..7 => Origin::Slavic,
                _ => Origin::Western,
            };
            let surname = origin.surnames()[self.rng.below(origin.surnames().len())];
            let home = match self.rng.chance(0.15) {
                true => blocks[self.rng.below(blocks.len())],
                false => self.address(),
            };
            let landline = self
                .rng
                .chance(0.5)
                .then(|| self.phone(origin.nationalities()[0]));
            let mut household = Vec::new();
            for _ in 0..size {
                let p = self.person(false, origin, Some(surname));
                self.world.people[p].addresses.push(home);
                if let Some(l) = &landline {
                    self.world.people[p].phones.push(l.clone());
                }
                household.push(p);
            }
            for (i, &a) in household.iter().enumerate() {
                for &b in &household[i + 1..] {
                    if self.rng.chance(0.3) {
                        self.event(EventKind::Travel, a, b);
                    }
                }
            }
            made += size;
            households.push(household);
        }
        households
    }

    /// Members' ordinary lives: most live with their family (an innocent household, whose
    /// surname they share), pay relatives and shops, travel with family, and some carry a
    /// recycled number an innocent had before.
    fn members_among_the_population(&mut self, count: usize, households: &[Vec<usize>]) {
        let innocents = count..self.world.people.len();
        if innocents.is_empty() {
            return;
        }
        for m in 0..count {
            let origin = self.world.people[m].origin;
            let same_origin: Vec<&Vec<usize>> = households
                .iter()
                .filter(|h| {
                    h.first()
                        .is_some_and(|&p| self.world.people[p].origin == origin)
                })
                .collect();
            if self.rng.chance(0.6)
                && let Some(family) = self.rng.pick(&same_origin).copied()
            {
                let first = family[0];
                let home = self.world.people[first].addresses.first().copied();
                self.world.people[m].surname = self.world.people[first].surname;
                if let Some(home) = home {
                    self.world.people[m].addresses.push(home);
                }
                if self.rng.chance(0.5) {
                    let relative = family[self.rng.below(family.len())];
                    self.event(EventKind::Travel, m, relative);
                }
            } else if self.world.people[m].addresses.is_empty() {
                let home = self.address();
                self.world.people[m].addresses.push(home);
            }
            for _ in 0..self.rng.between(0, 2) {
                let to = innocents.start + self.rng.below(innocents.len());
                self.event(EventKind::Transfer, m, to);
            }
            if self.rng.chance(0.1) {
                let before = innocents.start + self.rng.below(innocents.len());
                let own = self.world.people[m].phones[0].clone();
                self.world.people[before].phones.push(own);
            }
        }
    }

    /// Innocents' payments and journeys among themselves.
    fn innocent_events(&mut self, members: usize) {
        let n = self.world.people.len();
        if n <= members + 1 {
            return;
        }
        let innocents = n - members;
        for _ in 0..innocents {
            let (a, b) = (
                members + self.rng.below(innocents),
                members + self.rng.below(innocents),
            );
            self.event(EventKind::Transfer, a, b);
        }
        for _ in 0..innocents / 4 {
            let (a, b) = (
                members + self.rng.below(innocents),
                members + self.rng.below(innocents),
            );
            self.event(EventKind::Travel, a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> WorldSettings {
        WorldSettings {
            members: 40,
            population: 500,
        }
    }

    #[test]
    fn a_seed_gives_the_same_world() {
        let a = World::generate(&settings(), &Rng::new(5));
        let b = World::generate(&settings(), &Rng::new(5));
        assert_eq!(a, b);
        let c = World::generate(&settings(), &Rng::new(6));
        assert_ne!(a, c);
    }

    #[test]
    fn the_world_has_its_members_and_population() {
        let w = World::generate(&settings(), &Rng::new(5));
        assert_eq!(w.member_count(), 40);
        assert_eq!(w.people.len(), 540);
        assert!(w.people.iter().all(|p| !p.addresses.is_empty()));
    }

    #[test]
    fn empty_settings_make_an_empty_world() {
        let w = World::generate(
            &WorldSettings {
                members: 0,
                population: 0,
            },
            &Rng::new(1),
        );
        assert!(w.people.is_empty());
    }
}
