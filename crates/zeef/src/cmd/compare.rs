//! `zeef compare`: score pairs of records, `{"left": <FtM entity>, "right": <FtM entity>}`.

use crate::cli::CompareArgs;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use zeef_model::Entity;
use zeef_subjects::line_text;

pub fn run(a: CompareArgs) -> Result<ExitCode> {
    let mut bytes = Vec::new();
    if a.input == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        File::open(&a.input)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {}", a.input))?;
    }
    let pairs = read_pairs(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", a.input))?;
    let outputs: Vec<Result<String, String>> = pairs
        .par_iter()
        .map(|(_, v)| {
            let v = v.as_ref().map_err(Clone::clone)?;
            let side = |k: &str| -> Result<Entity, String> {
                let raw = v.get(k).ok_or_else(|| format!("no {k:?} entity"))?;
                let mut e: Entity = serde_json::from_value(raw.clone()).map_err(|e| format!("{k}: {e}"))?;
                zeef_screening::query::normalize(&mut e);
                Ok(e)
            };
            let (l, r) = (side("left")?, side("right")?);
            let c = zeef_matching::compare(&l, &r);
            let out = json!({"score": (c.score * 1000.0).round() / 1000.0, "match": c.score >= a.threshold, "explanation": c.explanation});
            Ok(format!("{out}\n"))
        })
        .collect();
    let out: Box<dyn Write> = match a.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::new(out);
    let mut errors = 0;
    for ((n, _), o) in pairs.iter().zip(outputs) {
        match o {
            Ok(line) => out.write_all(line.as_bytes())?,
            Err(e) => {
                errors += 1;
                eprintln!("{}: pair {n}: skipped: {e}", a.input);
                writeln!(out, "{}", json!({"error": e, "pair": n}))?;
            }
        }
    }
    out.flush()?;
    if errors == pairs.len() && errors > 0 {
        bail!("no pair could be read");
    }
    Ok(if errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// A pair's number (its place in an array, or its line) and the pair, or why it could not be read.
type Pair = (usize, Result<Value, String>);

/// The pairs of a JSON array, or of JSON lines (one pair per line that is not blank): each
/// numbered (its place in the array, or its line) and parsed, or why not. A line that is not
/// JSON, or not UTF-8, is one bad pair; an array that does not parse is an error.
fn read_pairs(bytes: &[u8]) -> Result<Vec<Pair>, String> {
    if bytes.trim_ascii_start().starts_with(b"[") {
        let all: Vec<Value> = serde_json::from_slice(bytes)
            .map_err(|e| format!("line {}: not a JSON array of pairs: {e}", e.line()))?;
        return Ok(all
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i + 1, Ok(v)))
            .collect());
    }
    let lines = bytes.split(|&b| b == b'\n').enumerate();
    Ok(lines
        .filter_map(|(i, l)| {
            let n = i + 1;
            let pair = match line_text(l) {
                Ok(None) => return None,
                Ok(Some(text)) => {
                    serde_json::from_str(text).map_err(|e| format!("line {n}: not JSON: {e}"))
                }
                Err(e) => Err(format!("line {n}: not UTF-8 text: {e}")),
            };
            Some((n, pair))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{Pair, read_pairs};
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn pair(left: &str, right: &str) -> Value {
        let side = |name: &str| json!({"schema": "Person", "properties": {"name": [name]}});
        json!({"left": side(left), "right": side(right)})
    }

    proptest! {
        /// Any bytes that are not an array: one numbered pair per line that is not blank, in
        /// order; none lost, no panic.
        #[test]
        fn any_lines_give_one_pair_per_line(
            lines in proptest::collection::vec(
                proptest::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 0..30),
                0..10,
            )
        ) {
            let bytes = lines.join(&b'\n');
            prop_assume!(!bytes.trim_ascii_start().starts_with(b"["));
            let pairs = read_pairs(&bytes).unwrap_or_else(|e| panic!("{e}"));
            let expected: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| std::str::from_utf8(l).map_or(true, |t| !t.trim().is_empty()))
                .map(|(i, _)| i + 1)
                .collect();
            prop_assert_eq!(pairs.iter().map(|(n, _)| *n).collect::<Vec<_>>(), expected);
            for (n, p) in &pairs {
                let line = &lines[n - 1];
                let valid = std::str::from_utf8(line).ok().and_then(|t| serde_json::from_str::<Value>(t).ok());
                prop_assert_eq!(p.as_ref().ok(), valid.as_ref());
            }
        }

        /// The same pairs, as JSON lines (one with a Windows line end) or as a JSON array, read
        /// the same.
        #[test]
        fn lines_and_array_read_alike(names in proptest::collection::vec(("\\PC{0,16}", "\\PC{0,16}"), 1..6)) {
            let pairs: Vec<Value> = names.iter().map(|(l, r)| pair(l, r)).collect();
            let lines: Vec<String> = pairs.iter().map(Value::to_string).collect();
            let as_lines = read_pairs(format!("{}\r\n", lines.join("\n\n")).as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            let as_array = read_pairs(Value::Array(pairs.clone()).to_string().as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            let values = |read: Vec<Pair>| -> Vec<Value> {
                read.into_iter().map(|(_, p)| p.unwrap_or_else(|e| panic!("{e}"))).collect()
            };
            prop_assert_eq!(values(as_lines), pairs.clone());
            prop_assert_eq!(values(as_array), pairs);
        }
    }

    #[test]
    fn a_line_that_is_not_utf8_is_one_bad_pair() {
        let good = pair("Zayd Fictive", "Zaid Fictive").to_string();
        let bytes = [good.as_bytes(), b"\n\xff\xfe\n", good.as_bytes()].concat();
        let pairs = read_pairs(&bytes).unwrap_or_else(|e| panic!("{e}"));
        let numbers: Vec<usize> = pairs.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        assert!(pairs[0].1.is_ok() && pairs[2].1.is_ok());
        assert!(
            pairs[1]
                .1
                .as_ref()
                .is_err_and(|e| e.starts_with("line 2: not UTF-8"))
        );
    }

    #[test]
    fn a_broken_array_names_its_line() {
        let err = read_pairs(b"[\n{\"left\": 1},\n{oops}\n]").err();
        assert!(err.is_some_and(|e| e.starts_with("line 3: not a JSON array")));
    }
}
