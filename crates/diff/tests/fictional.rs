//! Regime comparison on small fictional lists: links by reference (either way, or through a
//! third list both cite), by matching across spellings, and who is on one side only.

use zeef_diff::{LinkOptions, Method, diff_regimes};
use zeef_model::{CrossRef, Entity, Prop, Schema};

fn person(id: &str, source: &str, name: &str, born: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, source);
    e.add(Prop::Name, name);
    e.add(Prop::BirthDate, born);
    e
}

fn cite(e: &mut Entity, source: &str, reference: &str) {
    e.provenance.cross_refs.push(CrossRef {
        source: source.into(),
        reference: reference.into(),
    });
}

fn lists() -> (Vec<Entity>, Vec<Entity>) {
    // "north" publishes its own references; "south" cites them, or cites the "world" list.
    let mut n1 = person("north-A1", "north", "Bartholomew Quillfeather", "1955");
    n1.provenance.references.push("NA.001".into());
    let mut n2 = person("north-A2", "north", "Griselda Thornbury", "1962-07-01");
    cite(&mut n2, "world", "W-77");
    let n3 = person("north-A3", "north", "Evander Moonstrike", "1970-01-09");
    let n4 = person("north-A4", "north", "Philippa Underhay", "1948");
    let mut s1 = person(
        "south-9",
        "south",
        "QUILLFEATHER, Bartholomew",
        "1955-03-04",
    );
    cite(&mut s1, "north", "na.001"); // case differs: still the same reference
    let mut s2 = person("south-10", "south", "Griselda Thornbury-Vane", "1962");
    cite(&mut s2, "world", "W-77");
    let mut s3 = person("south-11", "south", "Evander Moonstryke", "1970-01-09");
    s3.add(Prop::Alias, "Evander Moonstrike");
    s3.add(Prop::Nationality, "zz");
    let s4 = person("south-12", "south", "Cornelius Ashgrove", "1939");
    (vec![n1, n2, n3, n4], vec![s1, s2, s3, s4])
}

#[test]
fn links_by_reference_then_matching_and_finds_the_gaps() {
    let (north, south) = lists();
    let report = diff_regimes(&north, &south, &LinkOptions::default());
    let s = &report.summary;
    assert_eq!((s.linked_by_reference, s.linked_by_match), (2, 1));
    assert_eq!((s.left_only, s.right_only), (1, 1));
    let row = |left: &str| {
        report
            .rows
            .iter()
            .find(|r| r.left_id.as_deref() == Some(left))
            .unwrap()
    };
    assert_eq!(row("north-A1").right_id.as_deref(), Some("south-9"));
    assert_eq!(row("north-A1").method, Some(Method::Reference));
    assert_eq!(row("north-A2").right_id.as_deref(), Some("south-10"));
    let moon = row("north-A3");
    assert_eq!(moon.right_id.as_deref(), Some("south-11"));
    assert_eq!(moon.method, Some(Method::Match));
    let nat = moon
        .differences
        .iter()
        .find(|d| d.property == "nationality")
        .unwrap();
    assert_eq!(nat.right, ["zz"]);
    assert_eq!(row("north-A4").right_id, None);
    assert!(
        report
            .rows
            .iter()
            .any(|r| r.left_id.is_none() && r.right_id.as_deref() == Some("south-12"))
    );
    // Birth years agreeing with full dates are no difference; names in another order neither.
    let a1 = row("north-A1");
    assert!(
        a1.differences.iter().all(|d| d.property != "birthDate"),
        "{a1:?}"
    );
    assert!(
        a1.differences.iter().all(|d| d.property != "names"),
        "{a1:?}"
    );
}

#[test]
fn ignoring_references_links_by_matching_alone() {
    let (north, south) = lists();
    let opts = LinkOptions {
        use_references: false,
        ..LinkOptions::default()
    };
    let report = diff_regimes(&north, &south, &opts);
    assert_eq!(report.summary.linked_by_reference, 0);
    assert!(report.summary.linked_by_match >= 2, "{:?}", report.summary);
    assert!(
        report
            .rows
            .iter()
            .all(|r| r.method != Some(Method::Reference))
    );
}
