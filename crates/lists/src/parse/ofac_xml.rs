//! OFAC's XML layout (`sdn.xml`, `consolidated.xml`): `sdnList` of `sdnEntry` records with
//! name parts, programs, ids, a.k.a.s (strong/weak), addresses, nationalities, dates and
//! places of birth, vessel details and remarks. Ids and mapping match the legacy CSV
//! ([`super::ofac_csv`]): `<source>-<uid>`.

use super::xml_node::{self, Node};
use super::{Input, Parsed, find, ofac_remarks, require};
use crate::ParseError;
use zeef_model::{Entity, Prop, Schema, country};

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = match find(inputs, "sdn.xml").or_else(|| find(inputs, "consolidated.xml")) {
        Some(i) => i,
        None => require(inputs, "sdn.xml")?,
    };
    let mut parsed = Parsed::default();
    let mut stated_count: Option<usize> = None;
    let file = input.name.as_str();
    xml_node::walk(
        file,
        &input.data,
        "sdnList",
        1,
        &["sdnEntry", "publshInformation"],
        |node, line| {
            if node.name == "publshInformation" {
                parsed.list_date = us_date(node.text_of("Publish_Date"));
                stated_count = node.text_of("Record_Count").parse().ok();
                return Ok(());
            }
            let e = entry(source, &node)
                .map_err(|msg| ParseError::new(file, msg).at(format!("line {line}")))?;
            parsed.entities.push(e);
            Ok(())
        },
    )?;
    // The header states how many entries follow: a mismatch means a damaged file.
    if let Some(n) = stated_count.filter(|n| *n != parsed.entities.len()) {
        return Err(ParseError::new(
            file,
            format!(
                "Record_Count says {n} entries, the file holds {}",
                parsed.entities.len()
            ),
        ));
    }
    if parsed.entities.is_empty() {
        return Err(ParseError::new(file, "no sdnEntry: empty or cut file"));
    }
    ofac_remarks::append_wallets(&mut parsed.entities);
    Ok(parsed)
}

/// One `sdnEntry`.
fn entry(source: &str, node: &Node) -> Result<Entity, String> {
    let uid = node.text_of("uid");
    if uid.is_empty() || !uid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("sdnEntry without a numeric <uid> (found {uid:?})"));
    }
    let schema = match node.text_of("sdnType").to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        _ => {
            return Err(format!(
                "sdnEntry {uid}: unknown sdnType {:?}",
                node.text_of("sdnType")
            ));
        }
    };
    let mut e = Entity::new(format!("{source}-{uid}"), schema, source);
    e.provenance.record_ids.push(uid.to_string());
    e.provenance.references.push(uid.to_string());
    let (first, last) = (node.text_of("firstName"), node.text_of("lastName"));
    if last.is_empty() && first.is_empty() {
        return Err(format!("sdnEntry {uid}: no name"));
    }
    e.add(Prop::Name, join_name(first, last));
    if schema == Schema::Person {
        e.add(Prop::FirstName, first);
        e.add(Prop::LastName, last);
    }
    e.add(Prop::Topics, "sanction");
    e.add(Prop::Position, node.text_of("title"));
    for list in node.all("programList") {
        e.add_all(Prop::Program, list.all("program").map(|p| p.text.trim()));
    }
    for aka in node.all("akaList").flat_map(|l| l.all("aka")) {
        add_aka(&mut e, aka);
    }
    for id in node.all("idList").flat_map(|l| l.all("id")) {
        ofac_remarks::apply_issued(
            id.text_of("idType"),
            id.text_of("idNumber"),
            id.text_of("idCountry"),
            &mut e,
        );
    }
    for addr in node.all("addressList").flat_map(|l| l.all("address")) {
        add_address(&mut e, addr);
    }
    add_countries(
        &mut e,
        node,
        "nationalityList",
        "nationality",
        Prop::Nationality,
    );
    add_countries(
        &mut e,
        node,
        "citizenshipList",
        "citizenship",
        Prop::Citizenship,
    );
    for dob in node
        .all("dateOfBirthList")
        .flat_map(|l| l.all("dateOfBirthItem"))
    {
        if let Some(d) = ofac_remarks::parse_date(dob.text_of("dateOfBirth")) {
            e.add(Prop::BirthDate, d);
        }
    }
    for pob in node
        .all("placeOfBirthList")
        .flat_map(|l| l.all("placeOfBirthItem"))
    {
        e.add(Prop::BirthPlace, pob.text_of("placeOfBirth"));
    }
    if let Some(vessel) = node.child("vesselInfo") {
        add_vessel(&mut e, vessel);
    }
    let remarks = node.text_of("remarks");
    if !remarks.is_empty() {
        e.add(Prop::Notes, remarks);
        ofac_remarks::mine(remarks, &mut e);
    }
    Ok(e)
}

/// `First LAST` from the name parts (entities have only `lastName`).
fn join_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

/// An a.k.a.: weak ones to `WeakAlias`, f.k.a. to `PreviousName`, others to `Alias`.
fn add_aka(e: &mut Entity, aka: &Node) {
    let (first, last) = (aka.text_of("firstName"), aka.text_of("lastName"));
    // Weak a.k.a.s of persons come whole in `lastName`, as `ZAHAR, Mahmoud`.
    let name = if first.is_empty() && e.schema == Schema::Person {
        ofac_remarks::natural_name(last)
    } else {
        join_name(first, last)
    };
    let prop = if aka.text_of("type").eq_ignore_ascii_case("f.k.a.") {
        Prop::PreviousName
    } else if aka.text_of("category").eq_ignore_ascii_case("weak") {
        Prop::WeakAlias
    } else {
        Prop::Alias
    };
    e.add(prop, name);
}

fn add_address(e: &mut Entity, addr: &Node) {
    let parts: Vec<&str> = [
        "address1",
        "address2",
        "address3",
        "city",
        "stateOrProvince",
        "postalCode",
        "country",
    ]
    .iter()
    .map(|k| addr.text_of(k))
    .filter(|v| !v.is_empty())
    .collect();
    e.add(Prop::Address, parts.join(", "));
    if let Some(c) = country::code(addr.text_of("country")) {
        e.add(Prop::Country, c);
    }
}

fn add_countries(e: &mut Entity, node: &Node, list: &str, item: &str, prop: Prop) {
    for n in node.all(list).flat_map(|l| l.all(item)) {
        let name = n.text_of("country");
        match country::code(name) {
            Some(c) => e.add(prop, c),
            None if !name.is_empty() => e.add(Prop::Notes, format!("{}: {name}", prop.as_str())),
            None => {}
        }
    }
}

fn add_vessel(e: &mut Entity, v: &Node) {
    e.add(Prop::CallSign, v.text_of("callSign"));
    e.add(Prop::Type, v.text_of("vesselType"));
    let flag = v.text_of("vesselFlag");
    match country::code(flag) {
        Some(c) => e.add(Prop::Flag, c),
        None if !flag.is_empty() => e.add(Prop::Notes, format!("Flag: {flag}")),
        None => {}
    }
    for (tag, key) in [
        ("tonnage", "tonnage"),
        ("grossRegisteredTonnage", "grossRegisteredTonnage"),
    ] {
        let value = v.text_of(tag);
        if !value.is_empty() {
            e.extra
                .entry(key.to_string())
                .or_default()
                .push(value.to_string());
        }
    }
    let owner = v.text_of("vesselOwner");
    if !owner.is_empty() {
        e.add(Prop::Notes, format!("Vessel owner: {owner}"));
    }
}

/// `03/28/2025` (month first, as US lists write dates) -> `2025-03-28`.
pub(super) fn us_date(raw: &str) -> Option<String> {
    let mut it = raw.trim().split('/');
    let (m, d, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 {
        return None;
    }
    zeef_model::date::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
}
