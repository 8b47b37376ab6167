//! Writing a [`Subgraph`]: JSON (`{"nodes": [...], "edges": [...]}`), Graphviz DOT, GraphML.

use crate::Subgraph;
use std::fmt::Write;

/// The output formats of `zeef graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
    Graphml,
}

/// The subgraph in `format`, ending with a new line.
pub fn render(graph: &Subgraph, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string(graph).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Dot => dot(graph),
        Format::Graphml => graphml(graph),
    }
}

/// Graphviz DOT: nodes labelled with their caption, edges with their type and role.
pub fn dot(graph: &Subgraph) -> String {
    let mut out = String::from("digraph zeef {\n  node [shape=box];\n");
    for n in &graph.nodes {
        let shape = if n.datasets.is_empty() {
            ", style=dashed"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} [label={}{shape}];",
            dot_string(&n.id),
            dot_string(&format!("{}\n{}", n.caption, n.schema))
        );
    }
    for e in &graph.edges {
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            dot_string(&e.source),
            dot_string(&e.target),
            dot_string(&format!("{}: {}", e.kind, e.provenance.role))
        );
    }
    out.push_str("}\n");
    out
}

fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// GraphML with the node and edge fields as data keys.
pub fn graphml(graph: &Subgraph) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
    );
    for (id, on, name) in [
        ("caption", "node", "caption"),
        ("schema", "node", "schema"),
        ("datasets", "node", "datasets"),
        ("referents", "node", "referents"),
        ("type", "edge", "type"),
        ("dataset", "edge", "dataset"),
        ("record", "edge", "record"),
        ("role", "edge", "role"),
        ("text", "edge", "text"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    out.push_str("  <graph edgedefault=\"directed\">\n");
    for n in &graph.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&n.id));
        for (key, value) in [
            ("caption", n.caption.clone()),
            ("schema", n.schema.clone()),
            ("datasets", n.datasets.join(" ")),
            ("referents", n.referents.join(" ")),
        ] {
            let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml(&value));
        }
        out.push_str("    </node>\n");
    }
    for e in &graph.edges {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            xml(&e.source),
            xml(&e.target)
        );
        let p = &e.provenance;
        for (key, value) in [
            ("type", &e.kind),
            ("dataset", &p.dataset),
            ("record", &p.record),
            ("role", &p.role),
            ("text", &p.text),
        ] {
            let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml(value));
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry are dropped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Edge, EdgeProvenance, Node};

    fn sample() -> Subgraph {
        let node = |id: &str, caption: &str| Node {
            id: id.into(),
            caption: caption.into(),
            schema: "Organization".into(),
            datasets: vec!["x".into()],
            referents: vec![id.into()],
        };
        Subgraph {
            nodes: vec![node("x-1", "A \"quoted\" <name>"), node("x-2", "B & C")],
            edges: vec![Edge {
                source: "x-2".into(),
                target: "x-1".into(),
                kind: "UnknownLink".into(),
                provenance: EdgeProvenance {
                    dataset: "x".into(),
                    record: "x-2".into(),
                    role: "Linked To".into(),
                    text: "Linked To: A.".into(),
                    percentage: None,
                },
            }],
        }
    }

    #[test]
    fn json_has_exactly_the_documented_fields() {
        let v: serde_json::Value = serde_json::from_str(&render(&sample(), Format::Json)).unwrap();
        let keys = |o: &serde_json::Value| {
            let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(
            keys(&v["nodes"][0]),
            ["caption", "datasets", "id", "referents", "schema"]
        );
        assert_eq!(
            keys(&v["edges"][0]),
            ["provenance", "source", "target", "type"]
        );
    }

    #[test]
    fn dot_and_graphml_escape_names() {
        let d = dot(&sample());
        assert!(d.contains(r#""A \"quoted\" <name>\nOrganization""#));
        assert!(d.contains(r#""x-2" -> "x-1""#));
        let g = graphml(&sample());
        assert!(g.contains("A &quot;quoted&quot; &lt;name&gt;"));
        assert!(g.contains("B &amp; C"));
    }
}
