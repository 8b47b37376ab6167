//! Reading ownership data a user brings: CSV `owner,owned,share[,control]` (names or ids).
//! A bad row is an error naming its line; every other row is kept.

/// One stake: `owner` holds `share` percent of `owned` (unknown where the file leaves it
/// empty), with control or a joint arrangement where the file says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Stake {
    pub owner: String,
    pub owned: String,
    pub share: Option<f64>,
    pub control: Control,
    /// The line of the file.
    pub line: usize,
}

/// What the `control` column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Control {
    #[default]
    None,
    /// The owner controls the owned company (UK: control designates on its own).
    Control,
    /// The stake is held under a joint arrangement with the other joint stakes (UK: joint
    /// stakes add up).
    Joint,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// What a file gave: the stakes read, and the rows refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stakes {
    pub stakes: Vec<Stake>,
    pub errors: Vec<RowError>,
}

const COLUMNS: [&str; 4] = ["owner", "owned", "share", "control"];

/// Reads CSV with a header naming `owner`, `owned`, `share` and optionally `control`, in any
/// order. A header with another column is refused whole (its line named); a row that cannot be
/// read is an error naming its line, and the others are kept. Shares are percentages (`30`,
/// `30%`, `0.5` is half a percent); over 100 or negative is an error, and so are the rows of a
/// company whose shares add up to more than 100.
pub fn read_csv(data: &[u8]) -> Result<Stakes, RowError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(row_error(1, &e.to_string())),
        None => {
            return Err(row_error(
                1,
                "empty file: expected a header owner,owned,share",
            ));
        }
    };
    let mut at = [None; 4];
    for (i, name) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(name).trim().to_ascii_lowercase();
        let name = name.trim_start_matches('\u{feff}');
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if at[c].is_none() => at[c] = Some(i),
            Some(_) => return Err(row_error(1, &format!("column {name:?} appears twice"))),
            None => {
                return Err(row_error(
                    1,
                    &format!(
                        "unknown column {:?} (expected owner, owned, share and optionally control)",
                        zeef_model::clip(name, zeef_model::QUOTED_BYTES)
                    ),
                ));
            }
        }
    }
    let [Some(owner_at), Some(owned_at), Some(share_at), control_at] = at else {
        return Err(row_error(
            1,
            "the header must name owner, owned and share (and optionally control)",
        ));
    };
    let width = header.len();
    let mut out = Stakes::default();
    for (i, record) in records.enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(row_error(line, &e.to_string()));
                continue;
            }
        };
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() > width {
            out.errors.push(row_error(
                line,
                &format!(
                    "{} fields where the header names {width} (an unknown column)",
                    record.len()
                ),
            ));
            continue;
        }
        let field = |at: usize| {
            record
                .get(at)
                .map(|f| String::from_utf8_lossy(f).trim().to_string())
                .unwrap_or_default()
        };
        let (owner, owned) = (field(owner_at), field(owned_at));
        if owner.is_empty() || owned.is_empty() {
            out.errors
                .push(row_error(line, "owner and owned must both be given"));
            continue;
        }
        let share = match parse_share(&field(share_at)) {
            Ok(s) => s,
            Err(m) => {
                out.errors.push(row_error(line, &m));
                continue;
            }
        };
        let control = match control_at.map(field).as_deref().map(parse_control) {
            None => Control::None,
            Some(Ok(c)) => c,
            Some(Err(m)) => {
                out.errors.push(row_error(line, &m));
                continue;
            }
        };
        out.stakes.push(Stake {
            owner,
            owned,
            share,
            control,
            line,
        });
    }
    refuse_over_100(&mut out);
    Ok(out)
}

pub(super) fn row_error(line: usize, message: &str) -> RowError {
    RowError {
        line,
        message: message.to_string(),
    }
}

/// A share in percent: empty is unknown; `30`, `30 %`, `12.5%`; never negative nor over 100.
pub fn parse_share(raw: &str) -> Result<Option<f64>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let number = t.strip_suffix('%').unwrap_or(t).trim();
    let value: f64 = number.parse().map_err(|_| {
        format!(
            "share {:?} is not a number (expected a percentage such as 30 or 12.5%)",
            zeef_model::clip(t, zeef_model::QUOTED_BYTES)
        )
    })?;
    if !value.is_finite() {
        return Err(format!(
            "share {:?} is not a finite number",
            zeef_model::clip(t, zeef_model::QUOTED_BYTES)
        ));
    }
    if value < 0.0 {
        return Err(format!("share {value} is negative"));
    }
    if value > 100.0 {
        return Err(format!("share {value} is over 100 %"));
    }
    Ok(Some(value))
}

/// `yes`/`true`/`1`/`control`, `joint`, or empty/`no`/`false`/`0`.
pub fn parse_control(raw: &str) -> Result<Control, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" | "n" => Ok(Control::None),
        "yes" | "true" | "1" | "y" | "control" => Ok(Control::Control),
        "joint" => Ok(Control::Joint),
        other => Err(format!(
            "control {:?} is not one of yes, no, joint",
            zeef_model::clip(other, zeef_model::QUOTED_BYTES)
        )),
    }
}

/// The rows of a company whose known shares add up to more than 100 % are errors.
pub(super) fn refuse_over_100(out: &mut Stakes) {
    let mut totals: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for s in &out.stakes {
        *totals.entry(s.owned.as_str()).or_default() += s.share.unwrap_or(0.0);
    }
    let over: std::collections::HashMap<String, f64> = totals
        .into_iter()
        .filter(|(_, t)| *t > 100.0 + 1e-9)
        .map(|(k, t)| (k.to_string(), t))
        .collect();
    if over.is_empty() {
        return;
    }
    let (bad, kept): (Vec<Stake>, Vec<Stake>) = std::mem::take(&mut out.stakes)
        .into_iter()
        .partition(|s| over.contains_key(&s.owned));
    out.stakes = kept;
    for s in bad {
        out.errors.push(row_error(
            s.line,
            &format!(
                "the shares of {:?} add up to {} % (over 100)",
                zeef_model::clip(&s.owned, zeef_model::QUOTED_BYTES),
                over[&s.owned]
            ),
        ));
    }
    out.errors.sort_by_key(|e| e.line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_names_the_bad_ones() {
        let csv = "owner,owned,share,control\n\
                   A,Co,30,\n\
                   B,Co,25%,joint\n\
                   C,Co,-5,\n\
                   D,Co,thirty,\n\
                   E,Co,10,,extra\n\
                   F,Other,60,\n\
                   G,Other,50,\n\
                   H,Third,,yes\n";
        let s = read_csv(csv.as_bytes()).unwrap();
        let kept: Vec<(&str, Option<f64>)> = s
            .stakes
            .iter()
            .map(|s| (s.owner.as_str(), s.share))
            .collect();
        assert_eq!(kept, [("A", Some(30.0)), ("B", Some(25.0)), ("H", None)]);
        assert_eq!(s.stakes[1].control, Control::Joint);
        assert_eq!(s.stakes[2].control, Control::Control);
        let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8]);
        assert!(s.errors[0].message.contains("negative"));
        assert!(s.errors[1].message.contains("not a number"));
        assert!(s.errors[2].message.contains("unknown column"));
        assert!(s.errors[3].message.contains("add up to 110"));
    }

    #[test]
    fn an_unknown_header_column_is_refused() {
        let e = read_csv(b"owner,owned,share,colour\nA,B,1,red\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("colour"));
    }
}
