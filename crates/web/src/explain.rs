//! An explanation shown so an analyst sees why a result scored what it did: the two names'
//! parts side by side, aligned pairs marked with how alike they are, and each feature's
//! contribution to the score.

use maud::{Markup, html};
use zeef_matching::Explanation;

/// The explanation of one result.
pub fn render(x: &Explanation) -> Markup {
    html! {
        div.explanation {
            @if !x.matched_name.is_empty() {
                p {
                    "Query name " q { (x.query_name) } " against the listed "
                    (property_words(&x.matched_property)) " " q { (x.matched_name) } ": name score "
                    strong { (format!("{:.2}", x.name_score)) } "."
                }
            }
            @if !x.parts.is_empty() {
                table.parts {
                    caption { "Name parts, aligned" }
                    thead {
                        tr {
                            th scope="col" { "Query" }
                            th scope="col" { "Listed" }
                            th scope="col" { "Alike" }
                            th scope="col" { "How" }
                            th scope="col" { "Weight" }
                        }
                    }
                    tbody {
                        @for p in &x.parts {
                            @let aligned = p.query.is_some() && p.listed.is_some();
                            tr.aligned[aligned].unmatched[!aligned] {
                                td { @if let Some(q) = &p.query { (q) } @else { span.none { "(none)" } } }
                                td { @if let Some(l) = &p.listed { (l) } @else { span.none { "(none)" } } }
                                td {
                                    meter min="0" max="1" low="0.5" high="0.85" optimum="1" value=(p.similarity) { (format!("{:.2}", p.similarity)) }
                                    " " (format!("{:.2}", p.similarity))
                                }
                                td { (p.how) @if p.kind != "word" { " (" (p.kind) ")" } }
                                td.num { (format!("{:.2}", p.weight)) }
                            }
                        }
                    }
                }
            }
            @if !x.features.is_empty() {
                table.features {
                    caption { "What each feature did to the score" }
                    thead {
                        tr {
                            th scope="col" { "Feature" }
                            th scope="col" { "Contribution" }
                            th scope="col" { "Why" }
                        }
                    }
                    tbody {
                        @for f in &x.features {
                            @let up = f.contribution >= 0.0;
                            tr {
                                th scope="row" { (f.feature) }
                                td.contribution.up[up].down[!up] {
                                    progress max="1" value=(f.contribution.abs().min(1.0)) { (signed(f.contribution)) }
                                    " " (signed(f.contribution))
                                }
                                td { (f.detail) }
                            }
                        }
                    }
                    tfoot {
                        tr { th scope="row" { "Score" } td { strong { (format!("{:.2}", x.score)) } } td {} }
                    }
                }
            }
        }
    }
}

/// `weakAlias` as an analyst says it.
fn property_words(p: &str) -> &str {
    match p {
        "name" => "name",
        "alias" => "alias",
        "weakAlias" => "weak alias",
        "previousName" => "previous name",
        other => other,
    }
}

fn signed(x: f64) -> String {
    format!("{}{:.2}", if x < 0.0 { "−" } else { "+" }, x.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_matching::{Feature, PartMatch};

    #[test]
    fn parts_side_by_side_and_features_signed() {
        let x = Explanation {
            query_name: "Wendelin Brandt".into(),
            matched_name: "Wendelin Brant".into(),
            matched_property: "weakAlias".into(),
            name_score: 0.9,
            parts: vec![
                PartMatch {
                    query: Some("Brandt".into()),
                    listed: Some("Brant".into()),
                    similarity: 0.9,
                    how: "phonetic".into(),
                    weight: 0.6,
                    kind: "word".into(),
                },
                PartMatch {
                    query: Some("<b>x</b>".into()),
                    listed: None,
                    similarity: 0.0,
                    how: "unmatched".into(),
                    weight: 0.2,
                    kind: "word".into(),
                },
            ],
            features: vec![Feature {
                feature: "birthDate".into(),
                contribution: -0.15,
                detail: "birth dates differ".into(),
            }],
            score: 0.75,
        };
        let html = render(&x).into_string();
        assert!(html.contains("weak alias"), "{html}");
        assert!(
            html.contains(r#"<tr class="aligned"><td>Brandt</td><td>Brant</td>"#),
            "{html}"
        );
        assert!(
            html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x"),
            "{html}"
        );
        assert!(
            html.contains("−0.15") && html.contains("contribution down"),
            "{html}"
        );
    }
}
