//! `zeef compare`: score pairs of records, `{"left": <FtM entity>, "right": <FtM entity>}`.

use crate::cli::CompareArgs;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use zeef_model::Entity;

pub fn run(a: CompareArgs) -> Result<ExitCode> {
    let mut text = String::new();
    if a.input == "-" {
        io::stdin().read_to_string(&mut text)?;
    } else {
        File::open(&a.input)
            .and_then(|mut f| f.read_to_string(&mut text))
            .with_context(|| format!("cannot read {}", a.input))?;
    }
    // A JSON array of pairs, or one pair per line.
    let pairs: Vec<(usize, Result<Value, String>)> = if text.trim_start().starts_with('[') {
        let all: Vec<Value> = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}: line {}: not a JSON array of pairs: {e}",
                a.input,
                e.line()
            )
        })?;
        all.into_iter()
            .enumerate()
            .map(|(i, v)| (i + 1, Ok(v)))
            .collect()
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                (
                    i + 1,
                    serde_json::from_str(l).map_err(|e| format!("line {}: not JSON: {e}", i + 1)),
                )
            })
            .collect()
    };
    let outputs: Vec<Result<String, String>> = pairs
        .par_iter()
        .map(|(_, v)| {
            let v = v.as_ref().map_err(Clone::clone)?;
            let side = |k: &str| -> Result<Entity, String> {
                let raw = v.get(k).ok_or_else(|| format!("no {k:?} entity"))?;
                let mut e: Entity = serde_json::from_value(raw.clone()).map_err(|e| format!("{k}: {e}"))?;
                zeef_model::normalize_query(&mut e);
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
