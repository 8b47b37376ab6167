//! The investigation: from the known members, follow links (a shared phone, a shared
//! address, a money transfer, a journey together) breadth-first to a depth, through one
//! agency's records alone, or through every agency's records resolved into entities and
//! their links put in one graph.

use crate::views::View;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use zeef_graph::Network;
use zeef_matching::Index;
use zeef_model::{Entity, LinkEnd, Prop, Provenance, RelationKind, Relationship};
use zeef_resolve::{ResolveOptions, Resolved, resolve};

/// What one search found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    /// The agency, or `shared`.
    pub searched: String,
    /// Records searched.
    pub records: usize,
    /// Network members within the depth of the known ones (the known not counted).
    pub members_found: usize,
    /// Network members there were to find (all but the known).
    pub members_sought: usize,
    /// Innocent people within the depth.
    pub false_leads: usize,
    /// False leads per member found (`None` where none was found).
    pub false_leads_per_member_found: Option<f64>,
}

/// How resolution grouped the pooled records.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResolutionStats {
    /// Records of every agency.
    pub records: usize,
    /// Resolved entities.
    pub entities: usize,
    /// Entities whose records are of more than one person (wrong joins).
    pub mixed_entities: usize,
    /// People held by more than one agency.
    pub people_in_several_agencies: usize,
    /// Of those, people whose records all ended in one entity.
    pub people_fully_joined: usize,
}

/// Searches one agency's records alone, from its records of the `known` people.
pub fn alone(view: &View, known: &BTreeSet<usize>, members_total: usize, depth: usize) -> Finding {
    let mut links = view.events.clone();
    links.extend(attribute_links(&view.records, &view.agency.name));
    let net = Network::build(&view.records, &links, None);
    let person_of: HashMap<&str, usize> = view
        .records
        .iter()
        .zip(&view.person_of)
        .map(|(r, &p)| (r.id.as_str(), p))
        .collect();
    let seeds: Vec<&str> = view
        .records
        .iter()
        .zip(&view.person_of)
        .filter(|(_, p)| known.contains(p))
        .map(|(r, _)| r.id.as_str())
        .collect();
    let reached = reach(&net, &seeds, depth, &person_of);
    finding(
        &view.agency.name,
        view.records.len(),
        &reached,
        known,
        members_total,
    )
}

/// Searches every agency's records pooled: resolved into entities, the links of all of them
/// (and phones and addresses shared across agencies) in one graph.
pub fn shared(
    views: &[View],
    known: &BTreeSet<usize>,
    members_total: usize,
    depth: usize,
) -> (Finding, ResolutionStats) {
    let records: Vec<Entity> = views.iter().flat_map(|v| v.records.clone()).collect();
    let people: Vec<usize> = views.iter().flat_map(|v| v.person_of.clone()).collect();
    let index = Index::build(records.clone());
    let opts = ResolveOptions {
        use_references: false,
        incremental: false,
        ..ResolveOptions::default()
    };
    let clustering = resolve(&records, &index, &[], &opts);
    let resolved = Resolved::assign(None, &records, &clustering, None, false);
    let mut links: Vec<Relationship> = views.iter().flat_map(|v| v.events.clone()).collect();
    links.extend(attribute_links(&records, "shared"));
    let net = Network::build(&records, &links, Some(&resolved));
    let person_of: HashMap<&str, usize> = records
        .iter()
        .zip(&people)
        .map(|(r, &p)| (r.id.as_str(), p))
        .collect();
    let seeds: Vec<&str> = records
        .iter()
        .zip(&people)
        .filter(|(_, p)| known.contains(p))
        .map(|(r, _)| r.id.as_str())
        .collect();
    let reached = reach(&net, &seeds, depth, &person_of);
    let stats = resolution_stats(&records, &people, &clustering.cluster_of);
    (
        finding("shared", records.len(), &reached, known, members_total),
        stats,
    )
}

/// The people within `depth` links of the `seeds` (record ids).
fn reach(
    net: &Network,
    seeds: &[&str],
    depth: usize,
    person_of: &HashMap<&str, usize>,
) -> BTreeSet<usize> {
    let mut reached = BTreeSet::new();
    for seed in seeds {
        let Some(around) = net.neighbourhood(seed, depth) else {
            continue;
        };
        for node in &around.nodes {
            reached.extend(
                node.referents
                    .iter()
                    .filter_map(|r| person_of.get(r.as_str()).copied()),
            );
        }
    }
    reached
}

fn finding(
    searched: &str,
    records: usize,
    reached: &BTreeSet<usize>,
    known: &BTreeSet<usize>,
    members_total: usize,
) -> Finding {
    let is_member = |p: usize| p < members_total;
    let members_found = reached
        .iter()
        .filter(|&&p| is_member(p) && !known.contains(&p))
        .count();
    let false_leads = reached.iter().filter(|&&p| !is_member(p)).count();
    Finding {
        searched: searched.to_string(),
        records,
        members_found,
        members_sought: members_total.saturating_sub(known.len()),
        false_leads,
        false_leads_per_member_found: (members_found > 0)
            .then(|| false_leads as f64 / members_found as f64),
    }
}

/// A link between every two records that hold the same phone number or the same address,
/// however each writes it.
pub fn attribute_links(records: &[Entity], source: &str) -> Vec<Relationship> {
    let mut holders: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        for phone in r.get(Prop::Phone) {
            holders
                .entry(("Same phone", phone_key(phone)))
                .or_default()
                .push(i);
        }
        for address in r.get(Prop::Address) {
            holders
                .entry(("Same address", address_key(address)))
                .or_default()
                .push(i);
        }
    }
    let mut links = Vec::new();
    for ((role, key), held) in holders {
        for (k, &a) in held.iter().enumerate() {
            for &b in &held[k + 1..] {
                let (ra, rb) = (&records[a], &records[b]);
                links.push(Relationship {
                    id: format!(
                        "{source}-{}-{}-{}",
                        role.to_lowercase().replace(' ', "-"),
                        ra.id,
                        rb.id
                    ),
                    kind: RelationKind::UnknownLink,
                    from: LinkEnd::listed(ra.id.clone(), ra.caption()),
                    to: LinkEnd::listed(rb.id.clone(), rb.caption()),
                    role: role.to_string(),
                    percentage: None,
                    text: format!("{role}: {key}."),
                    record: ra.id.clone(),
                    provenance: Provenance::new(source),
                });
            }
        }
    }
    links
}

/// A phone number's digits, without a leading `00` (`+963 944…` and `00963944…` agree).
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match phone.trim_start().starts_with('+') {
        true => digits,
        false => digits.strip_prefix("00").unwrap_or(&digits).to_string(),
    }
}

/// An address's words in lower case, sorted (`12 Mill Lane, Vellmark` and
/// `MILL LANE 12, VELLMARK` agree).
pub fn address_key(address: &str) -> String {
    let mut words: Vec<String> = address
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.join(" ")
}

fn resolution_stats(records: &[Entity], people: &[usize], cluster_of: &[usize]) -> ResolutionStats {
    let mut persons_in: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut clusters_of: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut agencies_of: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (i, &p) in people.iter().enumerate() {
        let c = cluster_of.get(i).copied().unwrap_or(usize::MAX);
        persons_in.entry(c).or_default().insert(p);
        clusters_of.entry(p).or_default().insert(c);
        agencies_of
            .entry(p)
            .or_default()
            .insert(records[i].provenance.source.as_str());
    }
    let several: Vec<usize> = agencies_of
        .iter()
        .filter(|(_, a)| a.len() > 1)
        .map(|(&p, _)| p)
        .collect();
    ResolutionStats {
        records: records.len(),
        entities: persons_in.len(),
        mixed_entities: persons_in.values().filter(|p| p.len() > 1).count(),
        people_in_several_agencies: several.len(),
        people_fully_joined: several
            .iter()
            .filter(|p| clusters_of.get(p).is_some_and(|c| c.len() == 1))
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_addresses_agree_however_written() {
        assert_eq!(phone_key("+963 944123456"), phone_key("00963944123456"));
        assert_eq!(
            address_key("12 Mill Lane, Vellmark"),
            address_key("MILL LANE 12, VELLMARK")
        );
        assert_ne!(
            address_key("12 Mill Lane, Vellmark"),
            address_key("21 Mill Lane, Vellmark")
        );
    }
}
