//! Birth dates beside names. A common name is carried by more listed names than a screen
//! scores (`MAX_CANDIDATE_NAMES`), and their overlaps tie: which namesakes are scored would be
//! listing order. A query that gives a birth date also has the namesakes born when it says
//! scored, so that among thousands of people of one name the listed one it describes is met.

use super::gather::Scratch;
use super::*;
use crate::align::space_moved;
use zeef_model::date::DateValue;

/// A single-year date packed as `year << 9 | month << 5 | day` (month and day 0 where not
/// given); 0 for a date spanning years (a decade, a range), which picks no one.
pub(super) fn packed(d: &DateValue) -> u32 {
    let (y, m, day) = d.start;
    if d.start.0 != d.end.0 || y == 0 {
        return 0;
    }
    (u32::from(y) << 9) | (u32::from(m) << 5) | u32::from(day)
}

/// Whether two packed dates can be the same day: the same year, and the same month and day
/// where both give them.
pub(super) fn agrees(a: u32, b: u32) -> bool {
    if a == 0 || b == 0 || a >> 9 != b >> 9 {
        return false;
    }
    let (am, bm) = ((a >> 5) & 0xf, (b >> 5) & 0xf);
    let (ad, bd) = (a & 0x1f, b & 0x1f);
    (am == 0 || bm == 0 || am == bm) && (ad == 0 || bd == 0 || ad == bd)
}

/// Birth dates of the listed names.
#[derive(Default)]
pub(super) struct Born {
    /// Name id -> its record's first single-year birth date, packed (0: none).
    per_name: Vec<u32>,
    /// A full date (year, month and day) -> the records born that day, ascending.
    days: FxHashMap<u32, Vec<u32>>,
}

impl Born {
    pub(super) fn build(prepared: &[Prepared], names: &[(u32, f32)]) -> Born {
        let first = |p: &Prepared| {
            p.birth_dates
                .iter()
                .map(|(_, d)| packed(d))
                .find(|&d| d != 0)
                .unwrap_or(0)
        };
        let per_name: Vec<u32> = names
            .iter()
            .map(|&(ei, _)| prepared.get(ei as usize).map_or(0, first))
            .collect();
        let mut days: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (ei, p) in prepared.iter().enumerate() {
            for (_, d) in &p.birth_dates {
                let day = packed(d);
                if d.is_full() && day != 0 {
                    let list = days.entry(day).or_default();
                    if list.last() != Some(&(ei as u32)) {
                        list.push(ei as u32);
                    }
                }
            }
        }
        days.values_mut().for_each(|l| l.shrink_to_fit());
        days.shrink_to_fit();
        Born { per_name, days }
    }
}

/// The query's single-year birth dates, packed.
pub(super) fn of_query(q: &Prepared) -> SmallVec<[u32; 2]> {
    q.birth_dates
        .iter()
        .map(|(_, d)| packed(d))
        .filter(|&d| d != 0)
        .collect()
}

impl Index {
    /// The best-ranking names found (at most `MAX_CANDIDATE_NAMES`), leaving out those
    /// `ranked` holds, whose record was born when the query says (`dates`).
    pub(super) fn born_ranked(
        &self,
        s: &Scratch,
        dates: &[u32],
        ranked: &[(f32, u32)],
        opts: &ScreenOptions,
    ) -> Vec<(f32, u32)> {
        let per_name = &self.born.per_name;
        let mut born: Vec<(f32, u32)> = s
            .above
            .iter()
            .enumerate()
            .filter(|&(i, &name)| {
                prefetch::ahead(per_name, &s.above, i);
                let at = per_name[name as usize];
                at != 0 && dates.iter().any(|&d| agrees(d, at))
            })
            .filter(|(_, name)| !ranked.iter().any(|r| r.1 == **name))
            .filter_map(|(_, &name)| Some((self.rank(s, name, opts)?, name)))
            .collect();
        if born.len() > MAX_CANDIDATE_NAMES {
            born.select_nth_unstable_by(MAX_CANDIDATE_NAMES, |a, b| b.0.total_cmp(&a.0));
            born.truncate(MAX_CANDIDATE_NAMES);
        }
        born
    }

    /// The records born on one of the query's full dates (a few among millions) that share,
    /// in one of their names, at least half the parts of a query name by spelling, consonant
    /// skeleton or sound, or its letters with a space moved: a misspelt part can leave a name's overlap short of the floor, or
    /// lead only to a spelling too common to walk, and the day is evidence enough to have
    /// the record scored.
    pub(super) fn born_that_day(
        &self,
        q: &Prepared,
        dates: &[u32],
        opts: &ScreenOptions,
        out: &mut Vec<u32>,
    ) {
        for &day in dates
            .iter()
            .filter(|&&d| (d >> 5) & 0xf != 0 && d & 0x1f != 0)
        {
            let Some(records) = self.born.days.get(&day) else {
                continue;
            };
            for &ei in records {
                let Some(c) = self.prepared.get(ei as usize) else {
                    continue;
                };
                let alike = q.names.iter().chain(&q.person_names).any(|qn| {
                    c.names
                        .iter()
                        .any(|cn| half_the_parts_alike(qn, cn) || space_moved(qn, cn))
                });
                if alike && self.allowed(ei, opts) {
                    out.push(ei);
                }
            }
        }
    }
}

/// Whether `listed` has, for at least half of `query`'s indexed parts, a part of the same
/// spelling, consonant skeleton or phonetic code.
fn half_the_parts_alike(query: &PreparedName, listed: &PreparedName) -> bool {
    let keyed = |a: &str, b: &str| a.len() >= 2 && a == b;
    let (mut parts, mut alike) = (0usize, 0usize);
    for a in query.name.parts.iter().filter(|p| indexed(p.kind)) {
        parts += 1;
        alike += usize::from(listed.name.parts.iter().any(|b| {
            a.text == b.text || keyed(&a.skeleton, &b.skeleton) || keyed(&a.phonetic, &b.phonetic)
        }));
    }
    parts > 0 && 2 * alike >= parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> u32 {
        packed(&DateValue::parse(s).expect("a date"))
    }

    #[test]
    fn dates_agree_where_both_say_the_same() {
        assert!(agrees(date("1971-03-04"), date("1971-03-04")));
        assert!(agrees(date("1971"), date("1971-03-04")));
        assert!(agrees(date("1971-03"), date("1971-03-04")));
        assert!(!agrees(date("1971-03-05"), date("1971-03-04")));
        assert!(!agrees(date("1971-04"), date("1971-03-04")));
        assert!(!agrees(date("1972"), date("1971")));
        assert_eq!(date("1970/1975"), 0, "a range of years picks no one");
        assert!(!agrees(0, date("1971")));
    }
}
