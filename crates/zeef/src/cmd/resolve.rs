//! `zeef resolve`: one resolved entity per listed party; `zeef resolve judge` records a
//! reviewer's decision on two records.

use crate::cli::{JudgeArgs, ResolveAction, ResolveArgs};
use crate::data::load;
use anyhow::{Context, Result, bail};
use std::io::{BufReader, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_lists::{DataDir, Snapshot};
use zeef_matching::Index;
use zeef_resolve::{Clustering, Judgement, ResolveDir, ResolveOptions, Resolved, Summary, Verdict};

pub fn run(data: &DataDir, a: ResolveArgs) -> Result<ExitCode> {
    let dir = crate::resolved::resolve_dir(data, a.store.database.as_deref());
    match a.action {
        None => {
            let mut snap = load(data, None)?;
            // The index keeps every record: they are read back from it, not held twice.
            let index = Index::build(std::mem::take(&mut snap.entities));
            let started = Instant::now();
            // Asked for, a run screens every record afresh (updates and judgements take
            // over the pairs of records listed as they were).
            let opts = ResolveOptions {
                use_references: !a.ignore_references,
                incremental: false,
                ..ResolveOptions::default()
            };
            let snapshot = Some(snap.manifest.id.clone());
            let (resolved, clustering) = dir.run_index(&index, snapshot, &opts)?;
            let summary = Summary::of_index(&resolved, &index);
            if a.json {
                let mut v = serde_json::to_value(&summary)?;
                v["contradictions"] = serde_json::to_value(&clustering.contradictions)?;
                v["seconds"] = serde_json::json!(started.elapsed().as_secs_f64());
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                print!("{}", render_summary(&summary));
                println!("resolved in {:.2} s", started.elapsed().as_secs_f64());
            }
            warn_contradictions(&clustering);
            Ok(ExitCode::SUCCESS)
        }
        Some(ResolveAction::Judge(j)) => judge(data, &dir, j),
        Some(ResolveAction::ExportJudgements(e)) => {
            let store = dir.judgements()?;
            let n = match &e.output {
                Some(path) => {
                    let f = std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    let mut w = std::io::BufWriter::new(f);
                    let n = store.export(&mut w)?;
                    w.flush()?;
                    n
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut w = stdout.lock();
                    store.export(&mut w)?
                }
            };
            eprintln!("{n} judgements exported");
            Ok(ExitCode::SUCCESS)
        }
        Some(ResolveAction::ImportJudgements(i)) => {
            let location = i.file.display().to_string();
            let judgements = if location == "-" {
                zeef_resolve::judgement::read_jsonl(std::io::stdin().lock(), "<stdin>")?
            } else {
                let f = std::fs::File::open(&i.file)
                    .with_context(|| format!("cannot open {location}"))?;
                zeef_resolve::judgement::read_jsonl(BufReader::new(f), &location)?
            };
            let snap = load(data, None)?;
            let known = Known::new(&snap, dir.load()?);
            // Every line is checked before any is stored: nothing half-imported.
            let mut checked = Vec::with_capacity(judgements.len());
            for (n, j) in judgements.into_iter().enumerate() {
                let (left, right) = known
                    .pair(&j.left, &j.right)
                    .with_context(|| format!("{location}, judgement {}", n + 1))?;
                checked.push(Judgement { left, right, ..j });
            }
            let store = dir.judgements()?;
            for j in &checked {
                store.add(j)?;
            }
            eprintln!("{} judgements imported", checked.len());
            let index = Index::build(snap.entities.iter().cloned());
            let (_, clustering) = resolve_now(&dir, &snap, &index, true)?;
            warn_contradictions(&clustering);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The stored clusters for snapshot `snapshot`; where there are none for it (never resolved,
/// or resolved before the last update), resolves it now and says so.
pub fn current(data: &DataDir, snapshot: &str) -> Result<Resolved> {
    let dir = crate::resolved::resolve_dir(data, None);
    if let Some(r) = dir.load()?
        && r.snapshot.as_deref() == Some(snapshot)
    {
        return Ok(r);
    }
    eprintln!("Resolving snapshot {snapshot} first (zeef resolve)…");
    let snap = data.load(snapshot)?;
    let index = Index::build(snap.entities.iter().cloned());
    let (resolved, clustering) = resolve_now(&dir, &snap, &index, true)?;
    warn_contradictions(&clustering);
    Ok(resolved)
}

/// Resolves the current snapshot after an update (judgements and ids kept).
pub fn after_update(data: &DataDir, quiet: bool) -> Result<()> {
    let Some(snap) = data.load_current()? else {
        return Ok(());
    };
    let started = Instant::now();
    let index = Index::build(snap.entities.iter().cloned());
    let dir = crate::resolved::resolve_dir(data, None);
    let (resolved, clustering) = resolve_now(&dir, &snap, &index, true)?;
    if !quiet {
        eprintln!(
            "resolved {} records into {} entities ({:.1} s)",
            snap.entities.len(),
            resolved.clusters.len(),
            started.elapsed().as_secs_f64()
        );
    }
    warn_contradictions(&clustering);
    Ok(())
}

/// Runs the resolver over a loaded snapshot and stores its clusters, keeping the ids and
/// taking over the last run's pairs of records listed as they were.
pub fn resolve_now(
    dir: &ResolveDir,
    snap: &Snapshot,
    index: &Index,
    use_references: bool,
) -> Result<(Resolved, Clustering)> {
    let opts = ResolveOptions {
        use_references,
        ..ResolveOptions::default()
    };
    resolve_with(dir, snap, index, &opts)
}

/// [`resolve_now`] with `opts`.
fn resolve_with(
    dir: &ResolveDir,
    snap: &Snapshot,
    index: &Index,
    opts: &ResolveOptions,
) -> Result<(Resolved, Clustering)> {
    Ok(dir.run(&snap.entities, index, Some(snap.manifest.id.clone()), opts)?)
}

/// Ids a user may name: record ids of the snapshot, canonical ids and their redirects.
struct Known<'a> {
    snap: &'a Snapshot,
    ids: std::collections::HashSet<&'a str>,
    resolved: Option<Resolved>,
}

impl<'a> Known<'a> {
    fn new(snap: &'a Snapshot, resolved: Option<Resolved>) -> Known<'a> {
        Known {
            snap,
            ids: snap.entities.iter().map(|e| e.id.as_str()).collect(),
            resolved,
        }
    }

    /// The records a given id stands for: itself, or a canonical id's records.
    fn records(&self, id: &str) -> Result<Vec<String>> {
        if self.ids.contains(id) {
            return Ok(vec![id.to_string()]);
        }
        if let Some(c) = self.resolved.as_ref().and_then(|r| r.find(id))
            && !c.referents.is_empty()
        {
            return Ok(c.referents.clone());
        }
        bail!(
            "unknown id {id:?}: neither a record of snapshot {} nor a resolved entity (record ids look like un-QDi.017, canonical ids like zeef-…)",
            self.snap.manifest.id
        )
    }

    /// The pair of records a judgement on two ids is recorded under: a canonical id stands
    /// for its first record other than the other side's (so a record can be judged against
    /// the entity it was put in).
    fn pair(&self, left: &str, right: &str) -> Result<(String, String)> {
        let (l, r) = (self.records(left)?, self.records(right)?);
        let first = l[0].clone();
        match r.into_iter().find(|x| *x != first) {
            Some(second) => Ok((first, second)),
            None => bail!("{left} and {right} are the same record ({first}): nothing to judge"),
        }
    }
}

fn judge(data: &DataDir, dir: &ResolveDir, a: JudgeArgs) -> Result<ExitCode> {
    let verdict = if a.same {
        Verdict::Same
    } else if a.different {
        Verdict::Different
    } else {
        Verdict::Unsure
    };
    let snap = load(data, None)?;
    let known = Known::new(&snap, dir.load()?);
    let (left, right) = known.pair(&a.left, &a.right)?;
    let j = Judgement {
        left: left.clone(),
        right: right.clone(),
        verdict,
        reviewer: a.reviewer,
        note: a.note,
        created: zeef_resolve::judgement::now(),
    };
    dir.judgements()?.add(&j)?;
    let mut out = serde_json::json!({ "judgement": j });
    if !a.no_resolve {
        let index = Index::build(snap.entities.iter().cloned());
        let (resolved, clustering) = resolve_now(dir, &snap, &index, true)?;
        let (l, r) = (resolved.find(&left), resolved.find(&right));
        out["left_entity"] = serde_json::json!(l.map(|c| &c.id));
        out["right_entity"] = serde_json::json!(r.map(|c| &c.id));
        out["together"] = serde_json::json!(l.map(|c| &c.id) == r.map(|c| &c.id));
        out["contradictions"] = serde_json::to_value(&clustering.contradictions)?;
        if !a.json {
            println!(
                "recorded: {left} {} {right}; now {} ({}) and {} ({})",
                verdict.as_str(),
                left,
                l.map_or("-", |c| c.id.as_str()),
                right,
                r.map_or("-", |c| c.id.as_str()),
            );
        }
        warn_contradictions(&clustering);
    } else if !a.json {
        println!("recorded: {left} {} {right}", verdict.as_str());
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(ExitCode::SUCCESS)
}

fn warn_contradictions(c: &Clustering) {
    for x in &c.contradictions {
        let chain: Vec<String> = x
            .same_chain
            .iter()
            .map(|(a, b)| format!("{a} = {b}"))
            .collect();
        eprintln!(
            "warning: contradictory judgements: {} ≠ {}, but {}; the \"different\" judgement holds, the \"same\" one that would break it is not applied",
            x.different.0,
            x.different.1,
            chain.join(", ")
        );
    }
}

fn render_summary(s: &Summary) -> String {
    let mut out = format!(
        "{} records resolved into {} entities{}\n\nparties by number of lists\n",
        s.records,
        s.resolved_entities,
        if s.use_references {
            ""
        } else {
            " (cross-references ignored)"
        }
    );
    for (lists, parties) in &s.parties_by_list_count {
        out.push_str(&format!("  {lists:>2} list(s)  {parties:>7}\n"));
    }
    out.push_str("\nlargest clusters\n");
    for c in &s.largest_clusters {
        out.push_str(&format!(
            "  {}  {:>3} records  {}  [{}]\n",
            c.id,
            c.size,
            c.caption,
            c.sources.join(", ")
        ));
    }
    out
}
