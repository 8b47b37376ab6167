//! The command line: every command, flag and option, with its help text.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "zeef",
    version,
    about = "Fast, explainable screening against sanctions lists and watchlists"
)]
pub struct Cli {
    /// Where zeef keeps its lists and indexes [default: the platform data directory, e.g. ~/.local/share/zeef]
    #[arg(long, global = true, env = "ZEEF_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Download the lists (or read a local mirror) into a new snapshot, made current only if every source parses
    Update(UpdateArgs),
    /// Show the sources in the current snapshot: publisher, list date, fetch time, sha256, counts
    Lists(ListsArgs),
    /// List the snapshots kept in the data directory
    Snapshots(JsonArg),
    /// Show one listed entity with its provenance
    Show(ShowArgs),
    /// Write entities out, as FollowTheMoney JSON lines on stdout
    Export(ExportArgs),
    /// Screen one name (with birth date, country, identifiers...) against the loaded lists
    Screen(ScreenArgs),
    /// Screen a file of subjects (CSV or FtM JSON lines) on all cores
    Batch(BatchArgs),
    /// Score pairs of records: JSON lines or an array of {"left": entity, "right": entity}
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Read from a local mirror folder (one sub-folder per source) or an HTTP mirror URL instead of the official addresses
    #[arg(long, value_name = "DIR|URL")]
    pub from: Option<String>,
    /// Only these sources (comma-separated); the others are carried over unchanged
    #[arg(long, value_delimiter = ',', value_name = "SOURCE")]
    pub source: Option<Vec<String>>,
    /// Accept a source that fails a sanity check (shrank by more than half, or empty)
    #[arg(long)]
    pub force: bool,
    /// Publish even if some sources fail, keeping their previous version
    #[arg(long)]
    pub skip_failed: bool,
    /// How many snapshots to keep
    #[arg(long, default_value_t = 5)]
    pub keep: usize,
    /// Per-download timeout in seconds
    #[arg(long, default_value_t = 600)]
    pub timeout: u64,
    /// Print the new snapshot's manifest as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
    /// A snapshot other than the current one (id, unique prefix, or `previous`)
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entity id, e.g. un-QDi.299, ofac_sdn-306, uk-6895
    pub id: String,
    #[arg(long)]
    pub json: bool,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format (only `ftm`: FollowTheMoney JSON lines)
    #[arg(long, default_value = "ftm")]
    pub format: String,
    /// Only these sources (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen, in any script ("Last, First" is understood)
    pub name: String,
    /// Birth date: 1971-05-12, 1971-05 or 1971 (also "12 May 1971")
    #[arg(long)]
    pub birth_date: Option<String>,
    /// Country (residence, registration...): name or ISO code; repeatable
    #[arg(long)]
    pub country: Vec<String>,
    /// Nationality: name or ISO code; repeatable
    #[arg(long)]
    pub nationality: Vec<String>,
    /// male, female or other
    #[arg(long)]
    pub gender: Option<String>,
    /// An identifier (passport, national id, registration, IMO number); repeatable
    #[arg(long)]
    pub id: Vec<String>,
    /// Person, Organization, Company, LegalEntity, Vessel or Airplane [default: any person or organisation]
    #[arg(long)]
    pub schema: Option<String>,
    /// Only these sources (comma-separated), e.g. un,ofac_sdn
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// Score at or above which a result is an alert
    #[arg(long, default_value_t = zeef_matching::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Most results shown
    #[arg(long, default_value_t = zeef_matching::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Show how the name parts aligned, for each result
    #[arg(long)]
    pub explain: bool,
    /// Print JSON: {"query": {...}, "results": [{"id", "caption", "schema", "score", "match", "datasets", "explanation"}]}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// CSV with a header (full_name or first_name/middle_name/last_name, date_of_birth, nationality, gender, place_of_birth, id, id_number, schema) or FtM JSON lines; `-` for stdin
    #[arg(long)]
    pub input: String,
    /// Where to write results [default: stdout]
    #[arg(long)]
    pub output: Option<String>,
    /// `jsonl`: one line per input row; `csv`: one row per alert
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// Input format [default: from the file name: .jsonl/.ndjson/.json are JSON lines, else CSV]
    #[arg(long)]
    pub input_format: Option<String>,
    /// Only these sources (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// Only listed entities of this schema
    #[arg(long)]
    pub schema: Option<String>,
    #[arg(long, default_value_t = zeef_matching::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    #[arg(long, default_value_t = zeef_matching::DEFAULT_LIMIT)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// JSON lines or a JSON array of {"left": <FtM entity>, "right": <FtM entity>}; `-` for stdin
    #[arg(long)]
    pub input: String,
    /// Where to write {"score", "match", "explanation"} lines [default: stdout]
    #[arg(long)]
    pub output: Option<String>,
    #[arg(long, default_value_t = zeef_matching::DEFAULT_THRESHOLD)]
    pub threshold: f64,
}
