//! The command line: every command, flag and option, with its help text.
// Help text writes placeholders as clap does (<FtM entity>, <data dir>), not as HTML.
#![allow(rustdoc::invalid_html_tags)]

use clap::{Args, Parser, Subcommand, ValueEnum};
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

    /// Never use the network on a first run: with no lists yet, use the copy built into zeef at once
    #[arg(long, global = true, env = "ZEEF_OFFLINE", action = clap::ArgAction::SetTrue, value_parser = clap::builder::FalseyValueParser::new())]
    pub offline: bool,

    /// Address overrides for mirrors and proxies: a TOML file with one table per source name holding its url (default: zeef/sources.toml in the config directory, e.g. ~/.config/zeef/sources.toml)
    #[arg(long, global = true, env = "ZEEF_SOURCES_CONFIG", value_name = "FILE")]
    pub sources_config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Download the lists (or read a local mirror) into a new snapshot, made current only if every source parses
    Update(UpdateArgs),
    /// Show the sources in the current snapshot: publisher, list date, age, fetch time, sha256, counts; flags lists out of date, retired or built in
    Lists(ListsArgs),
    /// Show every source zeef knows: official address (or its override), formats, cadence, licence and status
    #[command(after_help = SOURCES_HELP)]
    Sources(JsonArg),
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
    /// Open alerts waiting for a reviewer; `review decide` records a decision (match, false-positive, escalate)
    Review(ReviewArgs),
    /// Check the audit trail's hash chain, print its head, purge personal data past retention
    Audit(AuditArgs),
    /// Due-diligence report for a set of subjects: lists and versions screened against, findings, decisions, open alerts
    Report(ReportArgs),
    /// Compare two regimes (sources or comma-separated groups) in one snapshot: who is listed on one side only, and what differs for those on both
    Diff(DiffArgs),
    /// What changed between two snapshots: entities added, removed and amended, field by field
    Changes(ChangesArgs),
    /// Re-screen a file of subjects against only what changed since a snapshot: new alerts and alerts gone
    Rescreen(RescreenArgs),
    /// Find mentions of listed persons and organisations in documents (text, HTML, DOCX; `-` for stdin)
    Scan(ScanArgs),
    /// Serve screening over HTTP: yente-compatible /match, /search, /entities, /catalog, and zeef's /screen (`--record`: every screening filed in the audit store)
    Serve(ServeArgs),
    /// Resolve every record of every list into one entity per listed party (cross-references, then matching); `resolve judge` records a reviewer's decision
    Resolve(ResolveArgs),
    /// The network around a listed party: who the lists link it to (owners, subsidiaries, vessel owners, "Linked To"), to --depth links
    Graph(GraphArgs),
    /// Companies owned by listed parties: reads rows of owner, owned, share and optionally control, screens every owner, follows chains and applies OFAC's, the EU's or the UK's rule
    Ownership(OwnershipArgs),
    /// The users of the web application (`zeef serve --users FILE`): `users add NAME` writes one with an argon2 password hash
    Users(UsersArgs),
    /// Screen chunks of distributed batches (`zeef batch --nats`) taken from NATS JetStream, as many workers on as many machines as wanted
    Worker(WorkerArgs),
    /// Keep a customer base screened: after each snapshot published to NATS, match only what changed against an index of the subjects, and publish alerts that appeared, went or changed to the stream zeef.alerts.*
    Watch(WatchArgs),
    /// Messages zeef could not process on NATS (malformed or failing every delivery), with the reason
    DeadLetters(DeadLettersArgs),
    /// Experiments on fictional data: `simulate network` measures how much agencies sharing records through the resolver and the graph find of a network, against each alone
    Simulate(SimulateArgs),
}

const SOURCES_HELP: &str = "Addresses can be overridden for mirrors and proxies, per source:\n  ZEEF_SOURCE_<NAME>_URL   e.g. ZEEF_SOURCE_UK_URL, ZEEF_SOURCE_OFAC_SDN_URL (wins over the file)\n  sources.toml             [uk]\n                           url = \"https://mirror.example.org/uk/\"\nAn address ending in one of the source's file names replaces that file's address; any other is a folder holding the files under their usual names.";

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = SOURCES_HELP)]
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
    /// Per-download timeout in seconds (a publisher that cannot be reached at all fails at once)
    #[arg(long, default_value_t = 600)]
    pub timeout: u64,
    /// The most one compressed list file (xlsx, .csv.gz) may inflate to, in MiB; a file that
    /// inflates further is refused as a decompression bomb
    #[arg(long, value_name = "MIB", default_value_t = zeef_lists::parse::inflate::DEFAULT_MAX_INFLATED >> 20)]
    pub max_inflated_mib: u64,
    /// Print the new snapshot's manifest as JSON
    #[arg(long)]
    pub json: bool,
    /// Then publish the current snapshot (and its resolved entities) to NATS JetStream, where `zeef serve --nats`, `zeef worker` and `zeef watch` take it from
    #[arg(long, value_name = "NATS_URL")]
    pub publish: Option<String>,
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
    /// Record id (un-QDi.299, ofac_sdn-306, uk-6895) or a resolved entity's canonical id (zeef-…)
    pub id: String,
    #[arg(long)]
    pub json: bool,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Record id (ofac_sdn-4697, uk-6895) or a resolved entity's canonical id (zeef-…)
    pub id: String,
    /// How many links away to follow
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Print JSON: {"nodes": [{"id", "caption", "schema", "datasets", "referents"}], "edges": [{"source", "target", "type", "provenance"}]} (the same as --format json)
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format [default: a text list]
    #[arg(long, value_enum)]
    pub format: Option<GraphFormat>,
    /// One node per listed record, as the lists have them, instead of one per resolved entity
    #[arg(long)]
    pub by_record: bool,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct OwnershipArgs {
    /// Ownership data: CSV with a header owner,owned,share and optionally control (yes, no or joint), owners and companies by name or by listed id, shares in percent, empty where unknown; or Beneficial Ownership Data Standard (BODS 0.2–0.4) statements, a JSON array or JSON lines (read when the file starts with [ or {)
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// Whose rule: ofac and eu add listed owners' stakes up (50 % or more); uk needs more than 50 % held by one listed owner, or control, adding up only joint stakes
    #[arg(long, value_enum, default_value_t = OwnershipRule::Ofac)]
    pub rule: OwnershipRule,
    /// Score at or above which an owner's name is taken for a listed party
    #[arg(long, default_value_t = zeef_matching::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Print one JSON line per owned company: {"entity", "rule", "listed_share", "blocked", "unknown", "paths": [{"owners", "share"}]}
    #[arg(long)]
    pub json: bool,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OwnershipRule {
    Ofac,
    Eu,
    Uk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// The JSON of --json
    Json,
    /// Graphviz DOT
    Dot,
    /// GraphML
    Graphml,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Ftm)]
    pub format: ExportFormat,
    /// Only these sources (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
    /// One line per resolved entity (canonical id, properties merged, `referents`, `datasets`, and its Passport/Identification lines) instead of one per record
    #[arg(long)]
    pub resolved: bool,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen, in any script ("Last, First" is understood); optional with --id or --wallet
    #[arg(required_unless_present_any = ["id", "wallet"])]
    pub name: Option<String>,
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
    /// An identifier of any kind (passport, national id, tax or registration number, IMO number, LEI, SWIFT/BIC, wallet address): found exactly, spaces, dashes and prefixes aside; repeatable
    #[arg(long)]
    pub id: Vec<String>,
    /// The country that issued the --id numbers (a passport's, a national id's, a register's): name or ISO code. A listed number issued by another country is another document, not a match; the same country is reported as such
    #[arg(long, requires = "id")]
    pub id_country: Option<String>,
    /// A digital currency (crypto wallet) address: a hit names the listed party holding it; repeatable
    #[arg(long)]
    pub wallet: Vec<String>,
    /// The wallet's currency, e.g. XBT, ETH, USDT (shown beside the listed one)
    #[arg(long, requires = "wallet")]
    pub currency: Option<String>,
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
    /// Record this screening in the audit store (subject, list versions, every candidate)
    #[arg(long)]
    pub record: bool,
    /// The subject's id in the audit store, e.g. a customer number [default: the name as given]; also marks alerts a reviewer cleared
    #[arg(long, value_name = "ID")]
    pub subject_id: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// One result per listed record, as the lists have them, instead of one per resolved entity
    #[arg(long)]
    pub by_record: bool,
    /// Also screen against the parties the lists name as owner, subsidiary, vessel owner or associate of a listed party without listing them (reported apart, marked as linked)
    #[arg(long)]
    pub linked: bool,
    /// Print JSON: {"query": {...}, "results": [{"id", "caption", "schema", "score", "match", "datasets", "explanation", "record_id", "referents", "listings", "links"}], "linked_parties": [...] with --linked}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(flatten)]
    pub subjects: SubjectFileArgs,
    /// `jsonl`: one line per input row; `csv`: one row per alert
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Record every screened row in the audit store (subject id: the `id` column, else `<file>:row-N`); a row is output only once recorded
    #[arg(long)]
    pub record: bool,
    /// Distribute the rows over `zeef worker`s through NATS JetStream (the snapshot is the one `zeef update --publish` published there); the output is the same, in input order
    #[arg(long, value_name = "NATS_URL")]
    pub nats: Option<String>,
    /// With --nats: rows per chunk of work
    #[arg(long, default_value_t = 1000, requires = "nats")]
    pub chunk_rows: usize,
    /// With --nats: give up when no worker has returned a chunk for this many seconds
    #[arg(long, default_value_t = 600, requires = "nats")]
    pub stall_timeout: u64,
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// The NATS server (JetStream enabled), e.g. nats://127.0.0.1:4222
    #[arg(long, env = "ZEEF_NATS", value_name = "NATS_URL")]
    pub nats: String,
    /// The worker's name in results and logs [default: host name and process id]
    #[arg(long)]
    pub name: Option<String>,
    /// Where jobs run with `zeef batch --nats --record` are recorded (every worker of such jobs needs the same store)
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The customer base: CSV with a header or FtM JSON lines, as for `zeef batch` (subject id: the `id` column, else `row-N`)
    #[arg(long)]
    pub subjects: String,
    /// Input format [default: from the file name]
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// The NATS server the snapshots are published to (`zeef update --publish`)
    #[arg(long, env = "ZEEF_NATS", value_name = "NATS_URL")]
    pub nats: String,
    /// The snapshot the subjects were last screened against [default: the last one this watch handled, else the one published now]
    #[arg(long)]
    pub since: Option<String>,
    /// Handle the snapshot published now (against --since) and exit, instead of watching
    #[arg(long)]
    pub once: bool,
    /// Where to append the alert changes, one JSON line each [default: stdout]
    #[arg(long)]
    pub output: Option<String>,
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Debug, Args)]
pub struct DeadLettersArgs {
    /// The NATS server, e.g. nats://127.0.0.1:4222
    #[arg(long, env = "ZEEF_NATS", value_name = "NATS_URL")]
    pub nats: String,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// What `batch` and `rescreen` share: the subject file, where results go, which listed
/// entities count, and the audit store.
#[derive(Debug, Args)]
pub struct SubjectFileArgs {
    /// CSV with a header (full_name or first_name/middle_name/last_name, date_of_birth, nationality, gender, place_of_birth, id, id_number, id_country (the id_number's issuing country), imo, wallet, currency, bic, lei, schema; a row needs a name or an identifier) or FtM JSON lines; `-` for stdin
    #[arg(long)]
    pub input: String,
    /// Input format [default: from the file name: .jsonl/.ndjson/.json are JSON lines, else CSV]
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Where to write results [default: stdout]
    #[arg(long)]
    pub output: Option<String>,
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// How a subject file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// CSV with a header row
    Csv,
    /// FtM entities, one JSON object a line
    Jsonl,
}

impl InputFormat {
    /// The format asked for, else from the file name (`.jsonl`, `.ndjson` and `.json` are
    /// JSON lines; anything else is CSV).
    pub fn of(path: &str, asked: Option<InputFormat>) -> InputFormat {
        match asked {
            Some(f) => f,
            None if [".jsonl", ".ndjson", ".json"]
                .iter()
                .any(|e| path.ends_with(e)) =>
            {
                InputFormat::Jsonl
            }
            None => InputFormat::Csv,
        }
    }
}

/// How `batch` and `rescreen` write their results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// One JSON object a line
    Jsonl,
    /// CSV with a header row
    Csv,
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

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Left side: a source or comma-separated sources, e.g. un
    #[arg(long, value_delimiter = ',', required = true)]
    pub left: Vec<String>,
    /// Right side: a source or comma-separated sources, e.g. uk,au
    #[arg(long, value_delimiter = ',', required = true)]
    pub right: Vec<String>,
    /// A snapshot other than the current one
    #[arg(long)]
    pub snapshot: Option<String>,
    /// Link confidence: score at or above which matching links two entities
    #[arg(long, default_value_t = zeef_diff::link::DEFAULT_LINK_THRESHOLD)]
    pub threshold: f64,
    /// Link by matching alone, ignoring the cross-references the lists carry
    #[arg(long)]
    pub ignore_references: bool,
    /// Print JSON lines: {"left_id", "right_id", "score", "method", "differences", ...}
    #[arg(long)]
    pub json: bool,
    /// Rows shown per section of the table (0: all)
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only these sources (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// The earlier snapshot (id, unique prefix, `previous`) [default: the one before --to]
    #[arg(long)]
    pub from: Option<String>,
    /// The later snapshot [default: the current one]
    #[arg(long)]
    pub to: Option<String>,
    /// Properties not compared (comma-separated), e.g. address,alias when the versions come in different layouts
    #[arg(long, value_delimiter = ',', value_name = "PROPERTY")]
    pub ignore: Vec<String>,
    /// Print JSON lines: {"change", "id", "caption", "source", "differences": [{"property", "added", "removed"}]}
    #[arg(long)]
    pub json: bool,
    /// Entities shown per section of the table (0: all)
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct RescreenArgs {
    #[command(flatten)]
    pub subjects: SubjectFileArgs,
    /// The snapshot the subjects were last screened against (id, unique prefix, `previous`)
    #[arg(long)]
    pub since: String,
    /// `jsonl` or `csv`: one line or row per alert that appeared, went or changed (with the resolved entity: `resolved_id`, `referents`)
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Also screen each subject against the whole new snapshot and record that screening in the audit store, as `zeef batch --record` does (subject id: the `id` column, else `<file>:row-N`), so open alerts, suppression and reports stay complete; a row's changes are output only once recorded
    #[arg(long)]
    pub record: bool,
}

/// Where the audit store is (screen/batch/rescreen --record, review, audit, report).
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Audit store: postgres://user@host/db, or a SQLite file [default: <data dir>/audit.sqlite]
    #[arg(
        long,
        global = true,
        env = "ZEEF_DATABASE_URL",
        value_name = "URL|FILE"
    )]
    pub database: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub action: Option<ReviewAction>,
    /// Print the open alerts as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Record a reviewer's decision on one alert (a new entry in the hash chain)
    Decide(DecideArgs),
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The screened subject's id
    #[arg(long)]
    pub subject: String,
    /// The listed entity's id, e.g. un-QDi.299
    #[arg(long)]
    pub entity: String,
    /// match, false-positive or escalate
    #[arg(long)]
    pub decision: String,
    /// Who decided
    #[arg(long)]
    pub reviewer: String,
    /// Why
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub action: AuditAction,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Walk the hash chain; fails (exit 2) naming the first entry changed, removed or inserted
    Verify(VerifyArgs),
    /// Print the chain head (sequence number and hash): write it down to check against later
    Head(JsonArg),
    /// Remove subjects' personal data from entries before a date; the chain stays verifiable
    Purge(PurgeArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A head written down earlier, as `zeef audit head` prints it: "SEQ HASH" (or SEQ:HASH)
    #[arg(long, value_name = "SEQ HASH", conflicts_with = "head_file")]
    pub head: Option<String>,
    /// A file holding such a head (text or `zeef audit head --json`)
    #[arg(long, value_name = "FILE")]
    pub head_file: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Purge entries dated before this day (UTC), e.g. 2021-01-01
    #[arg(long, value_name = "DATE")]
    pub before: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The subjects: one id per line, or a CSV with an `id` column (or the batch file itself: rows without id are `<file>:row-N`) [default: every subject screened in the period]
    #[arg(long, value_name = "FILE")]
    pub subjects: Option<PathBuf>,
    /// First day of the period (UTC) [default: the beginning]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the period, included [default: now]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Where to write the report [default: stdout]
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Documents to scan: plain text, HTML or DOCX (PDF: extract its text first, e.g. with pdftotext); `-` for stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Print JSON lines, one per mention: {"file","line","column","end_line","end_column","text","entity_id","caption","datasets","score","reason","resolved_id","referents"}
    #[arg(long)]
    pub json: bool,
    /// Lowest score of a mention to report
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
    /// Only these sources (comma-separated), e.g. un,ofac_sdn
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// Input format: text, html or docx [default: from the file name and its first bytes]
    #[arg(long)]
    pub format: Option<String>,
    /// Name the listed records found, not the resolved entities they belong to
    #[arg(long)]
    pub by_record: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8000", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,
    /// Serve the snapshots published to this NATS server (`zeef update --publish`) as a replica: load the current one, swap to each new one; downloads go to DATA/replicas/<port>
    #[arg(
        long,
        env = "ZEEF_NATS",
        value_name = "NATS_URL",
        conflicts_with = "update_from"
    )]
    pub nats: Option<String>,
    /// API token required as `Authorization: Bearer <token>` on all endpoints but /healthz, /readyz, /docs, /openapi.json
    #[arg(long, env = "ZEEF_API_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Token for POST /updatez (`?token=` or bearer); without it, updates over HTTP are disabled
    #[arg(long, env = "ZEEF_UPDATE_TOKEN", hide_env_values = true)]
    pub update_token: Option<String>,
    /// Where /updatez (and a first start without data) fetches the lists: a mirror folder or URL [default: the official addresses]
    #[arg(long, value_name = "DIR|URL")]
    pub update_from: Option<String>,
    /// Log lines as text or JSON (level from RUST_LOG, default info)
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,
    /// Heavy requests (match, search, screen) served at once; more are refused with 503 + Retry-After
    #[arg(long, default_value_t = 256)]
    pub max_concurrency: usize,
    /// Longest a request may run, in seconds (503 after; its work stops then too)
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// On SIGTERM or ctrl-c: seconds the requests in flight may still run (no new ones are accepted) before the server exits anyway
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub drain_timeout: f64,
    /// Largest request body in bytes (413 above)
    #[arg(long, default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Most queries in one batch (400 above). Every query is also bounded: a name of at most 500 characters and 40 words, at most 50 names and 50 values of any other field (400 above)
    #[arg(long, default_value_t = zeef_screening::query::DEFAULT_MAX_QUERIES)]
    pub max_batch: usize,
    /// Record every /screen (GET and POST) and /match query in the audit store before answering it; a store failure answers 503, never an unrecorded result. Subject id: `subject_id` (/screen parameter or field) or the example's `id` (/match), else `http:<name>` (/screen) or `http:<query key>` (/match)
    #[arg(long)]
    pub record: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub web: WebArgs,
}

/// Which listed entities a file of subjects is screened against, and what is reported.
#[derive(Debug, Clone, Args, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    /// Only these sources (comma-separated), e.g. un,ofac_sdn
    #[arg(long, value_delimiter = ',')]
    pub source: Option<Vec<String>>,
    /// Only listed entities of this schema
    #[arg(long)]
    pub schema: Option<String>,
    /// Score at or above which a result is an alert
    #[arg(long, default_value_t = zeef_matching::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Most results per subject
    #[arg(long, default_value_t = zeef_matching::DEFAULT_LIMIT)]
    pub limit: usize,
    /// One result per listed record, as the lists have them, instead of one per resolved entity
    #[arg(long)]
    pub by_record: bool,
}

impl Filters {
    /// The screening options these filters ask for.
    pub fn options(&self) -> anyhow::Result<zeef_matching::ScreenOptions> {
        Ok(zeef_matching::ScreenOptions {
            threshold: self.threshold,
            limit: self.limit,
            sources: self.source.clone(),
            schema: self.schema.as_deref().map(str::parse).transpose()?,
            ..zeef_matching::ScreenOptions::default()
        })
    }
}

/// How `export` writes entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// FollowTheMoney JSON lines: each entity, then a Passport or Identification line per number with an issuing country
    Ftm,
}

/// How `report` writes the due-diligence report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    /// Markdown
    #[value(alias = "markdown")]
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    #[command(subcommand)]
    pub action: SimulateAction,
}

#[derive(Debug, Subcommand)]
pub enum SimulateAction {
    /// Generate a fictional network and population from a seed, give each agency a partial, noisy view, and count the members and innocents found from a few known members, each agency alone and all sharing
    Network(SimulateNetworkArgs),
}

#[derive(Debug, Args)]
pub struct SimulateNetworkArgs {
    /// The seed: the same seed gives the same world and the same result on every machine
    #[arg(long, default_value_t = 2017)]
    pub seed: u64,
    /// Agencies, each with its own partial view
    #[arg(long, default_value_t = 4)]
    pub agencies: usize,
    /// Members of the network
    #[arg(long, default_value_t = 40)]
    pub members: usize,
    /// Innocent people around them
    #[arg(long, default_value_t = 2000)]
    pub population: usize,
    /// Members known at the start
    #[arg(long, default_value_t = 3)]
    pub known: usize,
    /// Links followed from the known members
    #[arg(long, default_value_t = 2)]
    pub depth: usize,
    /// Where to write the plot (SVG)
    #[arg(long, default_value = "simulation.svg", value_name = "FILE")]
    pub plot: PathBuf,
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(subcommand)]
    pub action: Option<ResolveAction>,
    /// Resolve by matching alone, ignoring the lists' cross-references (to measure the matching); the clusters are stored like any run's until the next plain `zeef resolve`
    #[arg(long)]
    pub ignore_references: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
    /// Judgements are kept in the audit database when it is PostgreSQL (`--database` or ZEEF_DATABASE_URL), else in the data directory
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum ResolveAction {
    /// Record a reviewer's decision on two records or resolved entities (record ids like un-QDi.017, or canonical zeef-… ids); it overrides the automatic resolution and survives updates
    Judge(JudgeArgs),
    /// Write every judgement as JSON lines (to stdout, or --output FILE)
    ExportJudgements(ExportJudgementsArgs),
    /// Read judgements from JSON lines (as export-judgements writes them; `-` for stdin) and re-resolve
    ImportJudgements(ImportJudgementsArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("verdict").required(true).args(["same", "different", "unsure"]))]
pub struct JudgeArgs {
    /// A record id or canonical id
    pub left: String,
    /// Another record id or canonical id
    pub right: String,
    /// The two are one party
    #[arg(long)]
    pub same: bool,
    /// The two are different parties
    #[arg(long)]
    pub different: bool,
    /// Not decidable: recorded, the automatic resolution decides
    #[arg(long)]
    pub unsure: bool,
    /// Who decided
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Why
    #[arg(long)]
    pub note: Option<String>,
    /// Record only; do not re-resolve now
    #[arg(long)]
    pub no_resolve: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportJudgementsArgs {
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportJudgementsArgs {
    /// JSON lines file, or `-` for stdin
    pub file: PathBuf,
}

/// The web application `zeef serve` serves under /ui.
#[derive(Debug, Args)]
pub struct WebArgs {
    /// Users who sign in to the web application at /ui (a file of `name:argon2-hash` lines written by `zeef users add`); review decisions are signed with their names. Without it, /ui is open (or needs --token, as the API does)
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
    /// How long a web session lasts after signing in, in minutes
    #[arg(long, default_value_t = 480, value_name = "MINUTES")]
    pub session_minutes: u64,
    /// Four-eyes review at /ui/review: a decision takes effect only when a second, different signed-in user approves it (needs --users)
    #[arg(long)]
    pub four_eyes: bool,
}

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub action: UsersAction,
}

#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Add a user (or set a user's password): the password is read from stdin when it is not a terminal, else asked for twice
    Add(UsersAddArgs),
}

#[derive(Debug, Args)]
pub struct UsersAddArgs {
    /// The user name: letters, digits, '.', '_', '-' or '@'
    pub name: String,
    /// The user file [default: users in the data directory]
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
}
