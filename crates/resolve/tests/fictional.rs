//! Resolution on small fictional records: references, matching, conflicts, judgements,
//! stable ids.

use zeef_matching::Index;
use zeef_model::{CrossRef, Entity, Prop, Schema};
use zeef_resolve::judgement::read_jsonl;
use zeef_resolve::{Judgement, JudgementStore, ResolveOptions, Resolved, Verdict, resolve};

fn person(id: &str, source: &str, name: &str, dob: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, source);
    e.add(Prop::Name, name);
    if !dob.is_empty() {
        e.add(Prop::BirthDate, dob);
    }
    e
}

fn cluster_ids(entities: &[Entity], c: &zeef_resolve::Clustering) -> Vec<Vec<String>> {
    c.clusters
        .iter()
        .map(|m| m.iter().map(|&i| entities[i].id.clone()).collect())
        .collect()
}

fn together(entities: &[Entity], c: &zeef_resolve::Clustering, a: &str, b: &str) -> bool {
    let pos = |id: &str| entities.iter().position(|e| e.id == id).unwrap();
    c.cluster_of[pos(a)] == c.cluster_of[pos(b)]
}

fn run(entities: &[Entity], judgements: &[Judgement], refs: bool) -> zeef_resolve::Clustering {
    let index = Index::build(entities.to_vec());
    let opts = ResolveOptions {
        use_references: refs,
        ..ResolveOptions::default()
    };
    resolve(entities, &index, judgements, &opts)
}

fn judgement(a: &str, b: &str, verdict: Verdict) -> Judgement {
    Judgement {
        left: a.into(),
        right: b.into(),
        verdict,
        reviewer: None,
        note: None,
        created: "2026-01-01T00:00:00Z".into(),
    }
}

fn fixture() -> Vec<Entity> {
    vec![
        person("a-1", "a", "Kasimir Orbeldanov", "1961-02-03"),
        person("b-7", "b", "ORBELDANOV, Kasimir", "1961"),
        person("c-3", "c", "Kasimir Orbeldanow", ""),
        // Same name, another man: born decades later.
        person("d-9", "d", "Kasimir Orbeldanov", "1990-05-05"),
        person("a-2", "a", "Velimira Tostrakova", "1970-01-01"),
    ]
}

#[test]
fn matching_joins_the_same_person_across_lists_and_keeps_a_conflicting_birth_date_apart() {
    let e = fixture();
    let c = run(&e, &[], true);
    assert!(together(&e, &c, "a-1", "b-7"), "{:?}", cluster_ids(&e, &c));
    assert!(together(&e, &c, "a-1", "c-3"), "{:?}", cluster_ids(&e, &c));
    assert!(!together(&e, &c, "a-1", "d-9"), "{:?}", cluster_ids(&e, &c));
    assert!(!together(&e, &c, "a-1", "a-2"));
    assert_eq!(c.clusters.len(), 3, "{:?}", cluster_ids(&e, &c));
    assert!(c.refused.get("birth date").copied().unwrap_or(0) > 0);
}

#[test]
fn two_records_of_one_list_are_never_joined_by_matching() {
    let e = vec![
        person("a-1", "a", "Kasimir Orbeldanov", ""),
        person("a-2", "a", "Kasimir Orbeldanov", ""),
    ];
    let c = run(&e, &[], true);
    assert_eq!(c.clusters.len(), 2);
}

#[test]
fn a_record_joins_a_cluster_only_when_it_agrees_with_every_member() {
    // c-1 agrees with a-1 (same birth year) but its birth date conflicts with b-1's, which
    // a-1 leaves open: it must not chain in.
    let e = vec![
        person("a-1", "a", "Kasimir Orbeldanov", "1961"),
        person("b-1", "b", "Kasimir Orbeldanov", "1961-02-03"),
        person("c-1", "c", "Kasimir Orbeldanov", "1961-09-09"),
    ];
    let c = run(&e, &[], true);
    assert!(!together(&e, &c, "b-1", "c-1"), "{:?}", cluster_ids(&e, &c));
}

#[test]
fn cross_references_join_records_whatever_their_names() {
    let mut un = person("un-QDi.900", "un", "Kasimir Orbeldanov", "");
    un.provenance.references.push("QDi.900".into());
    let mut uk = person("uk-12", "uk", "Entirely Other Spelling", "");
    uk.provenance.cross_refs.push(CrossRef {
        source: "un".into(),
        reference: "QDI.900".into(),
    });
    let e = vec![un, uk];
    assert!(together(&e, &run(&e, &[], true), "un-QDi.900", "uk-12"));
    assert!(!together(&e, &run(&e, &[], false), "un-QDi.900", "uk-12"));
}

#[test]
fn judgements_override_and_contradictions_are_reported() {
    let e = fixture();
    let c = run(&e, &[judgement("a-1", "b-7", Verdict::Different)], true);
    assert!(!together(&e, &c, "a-1", "b-7"));
    let c = run(&e, &[judgement("a-1", "a-2", Verdict::Same)], true);
    assert!(together(&e, &c, "a-1", "a-2"));
    // The later judgement on a pair counts.
    let c = run(
        &e,
        &[
            judgement("a-1", "a-2", Verdict::Same),
            judgement("a-2", "a-1", Verdict::Unsure),
        ],
        true,
    );
    assert!(!together(&e, &c, "a-1", "a-2"));
    let c = run(
        &e,
        &[
            judgement("a-1", "a-2", Verdict::Same),
            judgement("a-2", "d-9", Verdict::Same),
            judgement("a-1", "d-9", Verdict::Different),
        ],
        true,
    );
    assert_eq!(c.contradictions.len(), 1);
    assert_eq!(c.contradictions[0].same_chain.len(), 2);
    assert!(!together(&e, &c, "a-1", "d-9"));
}

#[test]
fn canonical_ids_survive_additions_and_the_older_id_wins_a_merge() {
    let mut e = fixture();
    let c1 = run(&e, &[], true);
    let r1 = Resolved::assign(None, &e, &c1, None, true);
    let id_a = r1.find("a-1").unwrap().id.clone();
    let id_d = r1.find("d-9").unwrap().id.clone();
    assert!(id_a.starts_with("zeef-"));
    assert_eq!(r1.find(&id_a).unwrap().id, id_a);
    // A new record of the same person: the cluster keeps its id.
    e.push(person("f-1", "f", "Kasimir Orbeldanov", "1961-02-03"));
    let c2 = run(&e, &[], true);
    let r2 = Resolved::assign(Some(&r1), &e, &c2, None, true);
    assert_eq!(r2.find("f-1").unwrap().id, id_a);
    assert_eq!(r2.find("d-9").unwrap().id, id_d);
    // A reviewer joins d-9 in: one id survives, the other redirects to it.
    let c3 = run(&e, &[judgement("a-1", "d-9", Verdict::Same)], true);
    let r3 = Resolved::assign(Some(&r2), &e, &c3, None, true);
    let kept = r3.find("a-1").unwrap().id.clone();
    assert_eq!(r3.find("d-9").unwrap().id, kept);
    let gone = if kept == id_a { &id_d } else { &id_a };
    assert_eq!(r3.redirects.get(gone), Some(&kept));
    assert_eq!(r3.find(gone).unwrap().id, kept);
    // Saved and loaded, it says the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clusters.json");
    r3.save(&path).unwrap();
    let loaded = Resolved::load(&path).unwrap().unwrap();
    assert_eq!(loaded.find(gone).unwrap().id, kept);
}

#[test]
fn judgements_are_stored_exported_and_imported() {
    let dir = tempfile::tempdir().unwrap();
    let store = JudgementStore::open(&dir.path().join("j.sqlite")).unwrap();
    let mut j = judgement("a-1", "b-7", Verdict::Same);
    j.reviewer = Some("analyst".into());
    store.add(&j).unwrap();
    store
        .add(&judgement("a-1", "d-9", Verdict::Different))
        .unwrap();
    let mut out = Vec::new();
    assert_eq!(store.export(&mut out).unwrap(), 2);
    let back = read_jsonl(&out[..], "x.jsonl").unwrap();
    assert_eq!(back, store.all().unwrap());
    let err = read_jsonl(&b"{\"left\":\"a\"}\n\nnot json\n"[..], "bad.jsonl").unwrap_err();
    assert!(err.to_string().starts_with("bad.jsonl, line 1"), "{err}");
}

proptest::proptest! {
    #[test]
    fn reading_judgements_never_panics(text in "\\PC{0,200}") {
        let _ = read_jsonl(text.as_bytes(), "fuzz");
    }
}

#[test]
fn a_run_after_a_small_change_screens_only_the_records_added_or_amended() {
    let opts = ResolveOptions::default();
    let entities = fixture();
    let index = Index::build(entities.clone());
    let (full, pairs) = zeef_resolve::resolve_from(&entities, &index, &[], &opts, None);
    assert_eq!(full.screened, entities.len());

    // Nothing changed: nothing screened, the same clusters.
    let (again, _) = zeef_resolve::resolve_from(&entities, &index, &[], &opts, Some(&pairs));
    assert_eq!(again.screened, 0);
    assert_eq!(
        cluster_ids(&entities, &again),
        cluster_ids(&entities, &full)
    );

    // One record amended, one removed, one added: those two screened, as a full run clusters.
    let mut changed: Vec<Entity> = entities.iter().filter(|e| e.id != "c-3").cloned().collect();
    changed[0].add(Prop::Alias, "Kasimir Orbeldanoff");
    changed.push(person("e-4", "e", "Kasimir Orbeldanov", "1961-02-03"));
    let index = Index::build(changed.clone());
    let (incremental, _) = zeef_resolve::resolve_from(&changed, &index, &[], &opts, Some(&pairs));
    assert_eq!(incremental.screened, 2);
    let fresh = resolve(&changed, &index, &[], &opts);
    assert_eq!(
        cluster_ids(&changed, &incremental),
        cluster_ids(&changed, &fresh)
    );
    assert!(together(&changed, &incremental, "a-1", "e-4"));

    // Pairs scored with other options are not taken over.
    let other = ResolveOptions {
        floor: 0.6,
        ..ResolveOptions::default()
    };
    let (all, _) = zeef_resolve::resolve_from(&changed, &index, &[], &other, Some(&pairs));
    assert_eq!(all.screened, changed.len());
}
