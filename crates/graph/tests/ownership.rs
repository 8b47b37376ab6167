//! The ownership reader never panics on outside input, and keeps or refuses every row.

use proptest::prelude::*;
use zeef_graph::ownership::{Rule, evaluate, parse_share, read_bods, read_csv};

proptest! {
    #[test]
    fn any_bytes_are_read_or_refused(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(stakes) = read_csv(&data) {
            prop_assert!(stakes.stakes.iter().all(|s| s.share.is_none_or(|x| (0.0..=100.0).contains(&x))));
            for rule in [Rule::Ofac, Rule::Eu, Rule::Uk] {
                let findings = evaluate(&stakes.stakes, rule, |n| n.len() % 2 == 0);
                prop_assert!(findings.iter().all(|f| f.listed_share.is_finite()));
            }
        }
    }

    #[test]
    fn any_text_is_read_or_refused_as_bods(data in "[\\[\\]{}\":,0-9a-zA-Z \n]{0,300}") {
        let framed = format!("[{data}]");
        for input in [data.as_str(), framed.as_str()] {
            if let Ok(stakes) = read_bods(input.as_bytes()) {
                prop_assert!(stakes.stakes.iter().all(|s| s.share.is_none_or(|x| (0.0..=100.0).contains(&x))));
                prop_assert!(stakes.errors.iter().all(|e| e.line >= 1 && e.line <= input.lines().count().max(1)));
            }
        }
    }

    #[test]
    fn bods_relationships_are_each_kept_or_named(
        shares in proptest::collection::vec(proptest::option::of(-10.0f64..120.0), 0..12)
    ) {
        let mut statements = vec![
            r#"{"recordId": "co", "recordType": "entity", "recordDetails": {"name": "Co"}}"#.to_string(),
        ];
        for (i, share) in shares.iter().enumerate() {
            statements.push(format!(
                r#"{{"recordId": "p{i}", "recordType": "person", "recordDetails": {{"names": [{{"fullName": "P{i}"}}]}}}}"#
            ));
            let share = share.map_or("{}".to_string(), |s| format!(r#"{{"exact": {s}}}"#));
            statements.push(format!(
                r#"{{"recordId": "r{i}", "recordType": "relationship", "recordDetails": {{"subject": "co", "interestedParty": "p{i}", "interests": [{{"type": "shareholding", "share": {share}}}]}}}}"#
            ));
        }
        let s = read_bods(format!("[\n{}\n]", statements.join(",\n")).as_bytes()).unwrap();
        prop_assert_eq!(s.stakes.len() + s.errors.len(), shares.len());
    }

    #[test]
    fn csv_like_rows_are_each_kept_or_named(
        rows in proptest::collection::vec(("[A-C]{1,2}", "[A-C]{1,2}", "(-?[0-9]{1,3}(\\.[0-9])?%?|x|)"), 0..30)
    ) {
        let mut csv = String::from("owner,owned,share\n");
        for (a, b, s) in &rows {
            csv.push_str(&format!("{a},{b},{s}\n"));
        }
        let stakes = read_csv(csv.as_bytes()).unwrap();
        prop_assert_eq!(stakes.stakes.len() + stakes.errors.len(), rows.len());
        let findings = evaluate(&stakes.stakes, Rule::Ofac, |n| n == "A");
        prop_assert!(findings.iter().all(|f| f.listed_share <= 100.0 * 30.0));
    }

    #[test]
    fn any_share_text_is_a_share_or_an_error(s in ".{0,20}") {
        if let Ok(Some(x)) = parse_share(&s) {
            prop_assert!((0.0..=100.0).contains(&x));
        }
    }
}
