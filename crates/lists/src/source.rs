//! The registry of sources zeef knows: who publishes each list, where it is downloaded from,
//! which files make it up and which parser reads them.

use crate::ParseError;
use crate::parse::{self, Input, Parsed};
use ring::digest::{Context, SHA256, digest};
use std::path::Path;

/// The file formats zeef reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Un,
    OfacCsv,
    OfacXml,
    /// OFAC's advanced XML (Sanctions List Service), with typed links between parties.
    OfacAdvanced,
    /// The UK Sanctions List (FCDO), XML or its CSV export.
    Uk,
    /// The retired OFSI Consolidated List, xlsx or its CSV export.
    UkOfsi,
    Ca,
    Au,
    UsDpl,
    UsCsl,
    Eu,
    Ftm,
}

impl Format {
    fn parser(self) -> fn(&str, &[Input]) -> Result<Parsed, ParseError> {
        match self {
            Format::Un => parse::un::parse,
            Format::OfacCsv => parse::ofac_csv::parse,
            Format::OfacXml => parse::ofac_xml::parse,
            Format::OfacAdvanced => parse::ofac_advanced::parse,
            Format::Uk => parse::uk::parse,
            Format::UkOfsi => parse::uk_ofsi::parse,
            Format::Ca => parse::ca::parse,
            Format::Au => parse::au::parse,
            Format::UsDpl => parse::us_dpl::parse,
            Format::UsCsl => parse::us_csl::parse,
            Format::Eu => parse::eu::parse,
            Format::Ftm => parse::ftm::parse,
        }
    }
}

/// One file of a source: its name in a mirror folder and its official download address.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    pub name: &'static str,
    pub url: &'static str,
    /// A variant applies only when all its required files are there.
    pub required: bool,
}

/// One way a source can be laid out: a format and the files it needs.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    pub format: Format,
    pub files: &'static [FileSpec],
}

/// A source (dataset) zeef knows.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// Short name, used in entity ids and as dataset name: `un`, `ofac_sdn`, ...
    pub name: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    /// Layouts in order of preference; the first is what `zeef update` downloads.
    pub variants: &'static [Variant],
    /// The publisher's page about the list and its formats.
    pub documentation: &'static str,
    /// How often the publisher changes the list, in words.
    pub cadence: &'static str,
    /// A list whose own date is older than this many days is flagged as out of date.
    pub stale_after_days: u32,
    /// The terms the list files are published under.
    pub licence: &'static str,
    /// The day the publisher stopped updating the list, for a retired source.
    pub retired: Option<Retired>,
}

/// A source its publisher no longer updates.
#[derive(Debug, Clone, Copy)]
pub struct Retired {
    /// The last day the list was updated (ISO).
    pub since: &'static str,
    /// The source that replaces it.
    pub replaced_by: &'static str,
}

const US_PUBLIC_DOMAIN: &str = "public domain (a work of the US government, 17 U.S.C. 105)";

const fn req(name: &'static str, url: &'static str) -> FileSpec {
    FileSpec {
        name,
        url,
        required: true,
    }
}
const fn opt(name: &'static str, url: &'static str) -> FileSpec {
    FileSpec {
        name,
        url,
        required: false,
    }
}

/// An address of OFAC's Sanctions List Service.
macro_rules! sls {
    ($file:literal) => {
        concat!(
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
            $file
        )
    };
}

/// Every source zeef can download. Folders of a mirror that hold `entities.ftm.json` are
/// loaded too, as FtM sources named after the folder.
pub static SOURCES: &[SourceSpec] = &[
    SourceSpec {
        name: "un",
        title: "UN Security Council Consolidated List",
        publisher: "United Nations Security Council",
        variants: &[Variant {
            format: Format::Un,
            files: &[req(
                "consolidated.xml",
                "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            )],
        }],
        documentation: "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
        cadence: "as the Security Council and its committees decide, several times a month",
        stale_after_days: 30,
        licence: "United Nations terms of use; published for implementation by all states",
        retired: None,
    },
    SourceSpec {
        name: "eu",
        title: "EU Financial Sanctions Files (FSF) consolidated list",
        publisher: "European Commission (DG FISMA)",
        variants: &[Variant {
            format: Format::Eu,
            files: &[req(
                "eu_fsf.xml",
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
            )],
        }],
        documentation: "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
        cadence: "with each Council decision, often weekly",
        stale_after_days: 14,
        licence: "reuse authorised with acknowledgement (Commission Decision 2011/833/EU)",
        retired: None,
    },
    SourceSpec {
        name: "ofac_sdn",
        title: "OFAC Specially Designated Nationals and Blocked Persons List",
        publisher: "US Treasury, Office of Foreign Assets Control",
        variants: &[
            Variant {
                format: Format::OfacAdvanced,
                files: &[req("sdn_advanced.xml", sls!("SDN_ADVANCED.XML"))],
            },
            Variant {
                format: Format::OfacXml,
                files: &[req("sdn.xml", sls!("SDN.XML"))],
            },
            Variant {
                format: Format::OfacCsv,
                files: &[
                    req("sdn.csv", sls!("SDN.CSV")),
                    opt("add.csv", sls!("ADD.CSV")),
                    opt("alt.csv", sls!("ALT.CSV")),
                    opt("sdn_comments.csv", sls!("SDN_COMMENTS.CSV")),
                ],
            },
        ],
        documentation: "https://ofac.treasury.gov/sanctions-list-service",
        cadence: "as OFAC designates or delists, usually several times a week",
        stale_after_days: 14,
        licence: US_PUBLIC_DOMAIN,
        retired: None,
    },
    SourceSpec {
        name: "ofac_cons",
        title: "OFAC Consolidated (non-SDN) Sanctions List",
        publisher: "US Treasury, Office of Foreign Assets Control",
        variants: &[
            Variant {
                format: Format::OfacAdvanced,
                files: &[req("cons_advanced.xml", sls!("CONS_ADVANCED.XML"))],
            },
            Variant {
                format: Format::OfacXml,
                files: &[req("consolidated.xml", sls!("CONSOLIDATED.XML"))],
            },
            Variant {
                format: Format::OfacCsv,
                files: &[
                    req("cons_prim.csv", sls!("CONS_PRIM.CSV")),
                    opt("cons_add.csv", sls!("CONS_ADD.CSV")),
                    opt("cons_alt.csv", sls!("CONS_ALT.CSV")),
                    opt("cons_comments.csv", sls!("CONS_COMMENTS.CSV")),
                ],
            },
        ],
        documentation: "https://ofac.treasury.gov/sanctions-list-service",
        cadence: "as OFAC designates or delists, usually several times a month",
        stale_after_days: 30,
        licence: US_PUBLIC_DOMAIN,
        retired: None,
    },
    SourceSpec {
        name: "uk",
        title: "UK Sanctions List",
        publisher: "UK Foreign, Commonwealth and Development Office",
        variants: &[
            Variant {
                format: Format::Uk,
                files: &[req(
                    "UK-Sanctions-List.xml",
                    "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                )],
            },
            Variant {
                format: Format::Uk,
                files: &[req(
                    "UK-Sanctions-List.csv",
                    "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv",
                )],
            },
        ],
        documentation: "https://www.gov.uk/government/publications/the-uk-sanctions-list",
        cadence: "with each designation, often several times a week",
        stale_after_days: 14,
        licence: "Open Government Licence v3.0",
        retired: None,
    },
    SourceSpec {
        name: "uk_ofsi",
        title: "UK OFSI Consolidated List of Financial Sanctions Targets (retired)",
        publisher: "HM Treasury, Office of Financial Sanctions Implementation",
        variants: &[
            Variant {
                format: Format::UkOfsi,
                files: &[req(
                    "ConList.xlsx",
                    "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx",
                )],
            },
            Variant {
                format: Format::UkOfsi,
                files: &[req(
                    "ConList.csv",
                    "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
                )],
            },
        ],
        documentation: "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
        cadence: "no longer updated",
        stale_after_days: 14,
        licence: "Open Government Licence v3.0",
        retired: Some(Retired {
            since: "2026-01-28",
            replaced_by: "uk",
        }),
    },
    SourceSpec {
        name: "ca",
        title: "Consolidated Canadian Autonomous Sanctions List",
        publisher: "Global Affairs Canada",
        variants: &[Variant {
            format: Format::Ca,
            files: &[req(
                "sema-lmes.xml",
                "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
            )],
        }],
        documentation: "https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx",
        cadence: "with each regulation, a few times a month",
        stale_after_days: 60,
        licence: "Open Government Licence - Canada",
        retired: None,
    },
    SourceSpec {
        name: "au",
        title: "Australian Consolidated Sanctions List",
        publisher: "Australian Department of Foreign Affairs and Trade",
        variants: &[Variant {
            format: Format::Au,
            files: &[req(
                "regulation8_consolidated.xlsx",
                "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
            )],
        }],
        documentation: "https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list",
        cadence: "with each listing, a few times a month",
        stale_after_days: 60,
        licence: "Creative Commons Attribution 4.0 International (DFAT)",
        retired: None,
    },
    SourceSpec {
        name: "us_dpl",
        title: "US BIS Denied Persons List",
        publisher: "US Department of Commerce, Bureau of Industry and Security",
        variants: &[Variant {
            format: Format::UsDpl,
            files: &[req("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt")],
        }],
        documentation: "https://www.bis.gov/enforcement/denied-persons-list",
        cadence: "with each denial order, a few times a month",
        stale_after_days: 60,
        licence: US_PUBLIC_DOMAIN,
        retired: None,
    },
    SourceSpec {
        name: "us_csl",
        title: "US Consolidated Screening List",
        publisher: "US International Trade Administration",
        variants: &[
            Variant {
                format: Format::UsCsl,
                files: &[req(
                    "consolidated.csv",
                    "https://data.trade.gov/downloads/consolidated-screening-list/consolidated.csv",
                )],
            },
            Variant {
                format: Format::UsCsl,
                files: &[req("consolidated.csv.gz", "")],
            },
        ],
        documentation: "https://www.trade.gov/consolidated-screening-list",
        cadence: "daily, as its eleven lists change",
        stale_after_days: 14,
        licence: US_PUBLIC_DOMAIN,
        retired: None,
    },
];

/// The FtM layout: a folder holding `entities.ftm.json`, loaded as a source of that name.
pub static FTM_VARIANT: Variant = Variant {
    format: Format::Ftm,
    files: &[FileSpec {
        name: "entities.ftm.json",
        url: "",
        required: true,
    }],
};

/// Looks a source up by name.
pub fn spec(name: &str) -> Option<&'static SourceSpec> {
    SOURCES.iter().find(|s| s.name == name)
}

/// The variant whose required files are all in `present` (file names, case-insensitive).
/// A source also reads the layout of the retired source it replaced (a `uk` folder holding
/// the OFSI `ConList.xlsx`), so archives and mirrors made before the change still load.
pub fn variant_for(source: &str, present: &[String]) -> Option<&'static Variant> {
    let has = |n: &str| present.iter().any(|p| p.eq_ignore_ascii_case(n));
    let fits = |v: &&'static Variant| v.files.iter().filter(|f| f.required).all(|f| has(f.name));
    spec(source)
        .and_then(|s| s.variants.iter().find(fits))
        .or_else(|| predecessor(source, present).and_then(|p| p.variants.iter().find(fits)))
        .or_else(|| Some(&FTM_VARIANT).filter(fits))
}

/// The retired source replaced by `source` whose layout `present` holds, where `source`'s
/// own layout is not there.
fn predecessor(source: &str, present: &[String]) -> Option<&'static SourceSpec> {
    let has = |n: &str| present.iter().any(|p| p.eq_ignore_ascii_case(n));
    let fits = |v: &Variant| v.files.iter().filter(|f| f.required).all(|f| has(f.name));
    if spec(source).is_some_and(|s| s.variants.iter().any(fits)) {
        return None;
    }
    SOURCES
        .iter()
        .find(|s| s.retired.is_some_and(|r| r.replaced_by == source) && s.variants.iter().any(fits))
}

/// The source a mirror folder called `folder` holds: its own name, or the retired source it
/// replaced where the folder is in that one's layout (`uk` holding `ConList.xlsx` is
/// `uk_ofsi`).
pub fn folder_source<'a>(folder: &'a str, present: &[String]) -> &'a str {
    match predecessor(folder, present) {
        Some(p) => p.name,
        None => folder,
    }
}

/// Parses a source from already-read files, stamps every entity with the list date and the
/// sha256 of the files (of the one file, or of the files' hashes in name order), and reads the
/// relationships its records state.
pub fn parse_inputs(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let variant = variant_for(source, &names).ok_or_else(|| {
        ParseError::new(
            names.join(", "),
            format!("no known layout for source {source:?} in these files"),
        )
    })?;
    let mut parsed = (variant.format.parser())(source, inputs)?;
    let sha = sha256_of(inputs);
    for e in &mut parsed.entities {
        e.provenance.sha256 = Some(sha.clone());
        if e.provenance.list_date.is_none() {
            e.provenance.list_date = parsed.list_date.clone();
        }
    }
    // What a parser read as links itself (OFAC's advanced XML), then what the records state.
    let stated = crate::relations::extract(source, &mut parsed.entities);
    parsed.relationships.extend(stated);
    Ok(parsed)
}

/// sha256 (hex) of one file, or of the concatenated per-file hashes (name order) for several.
pub fn sha256_of(inputs: &[Input]) -> String {
    if let [one] = inputs {
        return hex::encode(digest(&SHA256, &one.data));
    }
    let mut sorted: Vec<&Input> = inputs.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut h = Context::new(&SHA256);
    for i in sorted {
        h.update(i.name.as_bytes());
        h.update(digest(&SHA256, &i.data).as_ref());
    }
    hex::encode(h.finish())
}

/// Reads a source's folder (e.g. `../shared/data/lists/un`) and parses it.
pub fn parse_dir(source: &str, dir: &Path) -> Result<Parsed, ParseError> {
    let inputs = read_dir_inputs(source, dir)?;
    parse_inputs(source, &inputs)
}

/// Reads the files of the variant that fits `dir`.
pub fn read_dir_inputs(source: &str, dir: &Path) -> Result<Vec<Input>, ParseError> {
    let display = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ParseError::new(&display, format!("cannot read folder: {e}")))?;
    let present: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let variant = variant_for(source, &present).ok_or_else(|| {
        ParseError::new(
            &display,
            format!(
                "no known layout for source {source:?} (files here: {})",
                present.join(", ")
            ),
        )
    })?;
    let mut inputs = Vec::new();
    for f in variant.files {
        let Some(actual) = present.iter().find(|p| p.eq_ignore_ascii_case(f.name)) else {
            continue;
        };
        let path = dir.join(actual);
        let data = std::fs::read(&path).map_err(|e| {
            ParseError::new(path.display().to_string(), format!("cannot read: {e}"))
        })?;
        inputs.push(Input::new(f.name, data));
    }
    Ok(inputs)
}
