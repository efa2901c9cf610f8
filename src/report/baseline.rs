//! Baselines: the findings a team accepts for now, so that only new ones fail a check. A TOML file
//! people edit: one `[[finding]]` per accepted fingerprint and roster, with an optional reason,
//! owner and expiry date; an expired entry no longer accepts its finding, and an entry whose
//! finding is gone is reported as fixed. One file can serve several rosters.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::check::{Finding, Severity};
use crate::error::{Error, Location, Result};
use crate::template::line_of;

/// The baseline file format's version, written as `version = 1`.
pub const VERSION: u32 = 1;

/// A calendar date (UTC), for expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 || !(y.to_string() + m + d).bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date `days` days after 1970-01-01 (the proleptic Gregorian calendar).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days: eras of 400 years, years starting in March.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in UTC, by the system clock.
    pub fn today() -> Date {
        let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        Date::from_unix_days(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The finding's fingerprint: what is matched.
    pub fingerprint: String,
    /// The roster it belongs to, relative to the working directory with `/` separators
    /// ([`super::roster_key`]).
    pub roster: String,
    /// The finding's code, for people reading the file.
    pub code: Option<String>,
    /// The finding's team, for people reading the file.
    pub team: Option<String>,
    /// The finding's message when it was recorded, for people reading the file.
    pub message: Option<String>,
    /// Why it is accepted.
    pub reason: Option<String>,
    /// Who follows it up.
    pub owner: Option<String>,
    /// The last day it is accepted.
    pub expires: Option<Date>,
    /// Its line in the baseline file (0 for an entry not read from one).
    pub line: u64,
}

impl Entry {
    /// Whether the entry is about this roster.
    pub fn is_for(&self, roster: &str) -> bool {
        self.roster == roster
    }

    /// Whether the entry still accepts its finding on `today`.
    pub fn accepts_on(&self, today: Date) -> bool {
        self.expires.is_none_or(|last| today <= last)
    }
}

/// A baseline: the accepted findings, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// The file as the user named it.
    pub file: String,
    /// The entries.
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Option<Spanned<u32>>,
    #[serde(default, rename = "finding")]
    findings: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    fingerprint: String,
    roster: String,
    code: Option<String>,
    team: Option<String>,
    message: Option<String>,
    reason: Option<String>,
    owner: Option<String>,
    expires: Option<Spanned<toml::Value>>,
}

/// What `raci check --baseline` found: the findings it accepts, the entries that expired (their
/// findings fail again), and the entries whose findings are gone.
#[derive(Debug, Clone)]
pub struct Review {
    /// The baseline file.
    pub file: String,
    /// The day expiry was judged on.
    pub today: Date,
    /// Findings the baseline accepts, with their entries.
    pub accepted: Vec<(Finding, Entry)>,
    /// Entries that matched a finding but have expired.
    pub expired: Vec<Entry>,
    /// Entries no finding matched: fixed, and ready to be removed.
    pub fixed: Vec<Entry>,
}

impl Review {
    /// The expired entry of a finding shown again, if that is why it is shown.
    pub fn expired_entry(&self, fingerprint: &str) -> Option<&Entry> {
        self.expired.iter().find(|e| e.fingerprint == fingerprint)
    }
}

impl Baseline {
    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            let fix = match e.kind() {
                std::io::ErrorKind::NotFound => "check the path, or record one with --write-baseline FILE",
                _ => "check that the path names a readable baseline file",
            };
            Error::Io { path: path.to_path_buf(), action: "cannot read baseline", source: e, fix: fix.to_string() }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::baseline(Location::file(&file), "the baseline is not UTF-8 text", "save it as UTF-8")
        })?;
        Baseline::parse(&text, &file)
    }

    /// Parse baseline text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Baseline> {
        let fix = "see the comment at the top of a file `raci check --write-baseline` writes";
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let at = Location { file: file.to_string(), line: e.span().map(|s| line_of(text, s.start)) };
            Error::baseline(at, format!("invalid baseline: {}", e.message().trim()), fix)
        })?;
        match raw.version {
            Some(v) if *v.get_ref() == VERSION => {}
            Some(v) => {
                return Err(Error::baseline(
                    Location::line(file, line_of(text, v.span().start)),
                    format!("baseline version {} is not one this raci reads (it reads version {VERSION})", v.get_ref()),
                    "record the baseline again with this raci's --write-baseline",
                ));
            }
            None => {
                return Err(Error::baseline(
                    Location::file(file),
                    "the baseline has no `version`",
                    format!("add `version = {VERSION}` at the top"),
                ));
            }
        }
        // Line numbers by binary search over the line ends: a baseline may hold thousands of entries.
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let line_of = |offset: usize| ends.partition_point(|&end| end < offset) as u64 + 1;
        let mut entries: Vec<Entry> = Vec::with_capacity(raw.findings.len());
        let mut seen: HashMap<String, u64> = HashMap::new();
        for spanned in raw.findings {
            let line = line_of(spanned.span().start);
            let raw = spanned.into_inner();
            let at = Location::line(file, line);
            let fingerprint = raw.fingerprint.trim().to_ascii_lowercase();
            if fingerprint.len() != 32 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::baseline(
                    at,
                    format!("fingerprint '{}' is not one raci writes (32 hexadecimal digits)", raw.fingerprint),
                    "copy the fingerprint from `raci check --format json`, or record the baseline again",
                ));
            }
            if let Some(first) = seen.insert(format!("{fingerprint} {}", raw.roster), line) {
                return Err(Error::baseline(
                    at,
                    format!("fingerprint {fingerprint} is listed twice (also on line {first})"),
                    "remove one of the two entries",
                ));
            }
            let expires = match raw.expires {
                None => None,
                Some(value) => Some(expiry(value.get_ref()).ok_or_else(|| {
                    Error::baseline(
                        Location::line(file, line_of(value.span().start)),
                        format!("expires = {} is not a date", value.get_ref()),
                        "write the last day the finding is accepted, e.g. `expires = 2026-06-30`",
                    )
                })?),
            };
            let text = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
            entries.push(Entry {
                fingerprint,
                roster: raw.roster,
                code: raw.code,
                team: raw.team,
                message: raw.message,
                reason: text(raw.reason),
                owner: text(raw.owner),
                expires,
                line,
            });
        }
        Ok(Baseline { file: file.to_string(), entries })
    }

    /// A baseline accepting the errors and warnings `roster` has today (info never fails a
    /// check). The entries of `previous` for other rosters stay as they are; those of this roster
    /// are replaced, an entry with the same fingerprint keeping its reason, owner and expiry date.
    pub fn record(findings: &[Finding], roster: &str, file: &str, previous: Option<&Baseline>) -> Baseline {
        let previous = previous.map_or(&[][..], |b| &b.entries[..]);
        let kept: HashMap<&str, &Entry> =
            previous.iter().filter(|e| e.is_for(roster)).map(|e| (e.fingerprint.as_str(), e)).collect();
        let current = findings.iter().filter(|f| f.severity >= Severity::Warning).map(|f| {
            let old = kept.get(f.fingerprint.as_str());
            Entry {
                fingerprint: f.fingerprint.clone(),
                roster: roster.to_string(),
                code: Some(f.code.to_string()),
                team: f.team.clone(),
                message: Some(f.message.clone()),
                reason: old.and_then(|e| e.reason.clone()),
                owner: old.and_then(|e| e.owner.clone()),
                expires: old.and_then(|e| e.expires),
                line: 0,
            }
        });
        // This roster's entries take the place of its old ones (at the end for a new roster).
        let at = previous.iter().position(|e| e.is_for(roster)).unwrap_or(previous.len());
        let before = previous[..at].iter().filter(|e| !e.is_for(roster));
        let after = previous[at..].iter().filter(|e| !e.is_for(roster));
        let entries = before.cloned().chain(current).chain(after.cloned()).collect();
        Baseline { file: file.to_string(), entries }
    }

    /// The baseline as TOML, with a comment that says how to edit it.
    pub fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::from(
            "# raci baseline: findings accepted for now, so that `raci check ROSTER --baseline FILE` fails\n\
             # only on new ones. Each [[finding]] is matched by its fingerprint (a hash of the code, team,\n\
             # activities and people); code, team and message are there to read. Give an entry a reason, an\n\
             # owner and the last day it is accepted (expires = 2026-06-30): after that day the finding\n\
             # fails again. Remove the entries `raci check --baseline` reports as fixed.\n",
        );
        out.push_str(&format!("version = {VERSION}\n"));
        for e in &self.entries {
            out.push_str(&format!("\n[[finding]]\nfingerprint = {}\n", quote(&e.fingerprint)));
            out.push_str(&format!("roster = {}\n", quote(&e.roster)));
            for (key, value) in [("code", &e.code), ("team", &e.team), ("message", &e.message)] {
                if let Some(value) = value {
                    out.push_str(&format!("{key} = {}\n", quote(value)));
                }
            }
            match &e.reason {
                Some(reason) => out.push_str(&format!("reason = {}\n", quote(reason))),
                None => out.push_str("# reason = \"why it is accepted for now\"\n"),
            }
            match &e.owner {
                Some(owner) => out.push_str(&format!("owner = {}\n", quote(owner))),
                None => out.push_str("# owner = \"who follows it up\"\n"),
            }
            match e.expires {
                Some(date) => out.push_str(&format!("expires = {date}\n")),
                None => out.push_str("# expires = YYYY-MM-DD\n"),
            }
        }
        out
    }

    /// Split the findings of `roster` into those shown (new, or accepted by an expired entry) and
    /// those accepted. Entries of other rosters are left out, also of the fixed ones.
    pub fn review(&self, findings: Vec<Finding>, roster: &str, today: Date) -> (Vec<Finding>, Review) {
        let ours: Vec<&Entry> = self.entries.iter().filter(|e| e.is_for(roster)).collect();
        let by_fingerprint: HashMap<&str, &Entry> = ours.iter().map(|e| (e.fingerprint.as_str(), *e)).collect();
        let mut matched: HashSet<&str> = HashSet::new();
        let (mut shown, mut accepted, mut expired) = (Vec::new(), Vec::new(), Vec::new());
        for finding in findings {
            match by_fingerprint.get(finding.fingerprint.as_str()) {
                Some(entry) => {
                    matched.insert(entry.fingerprint.as_str());
                    if entry.accepts_on(today) {
                        accepted.push((finding, (*entry).clone()));
                    } else {
                        expired.push((*entry).clone());
                        shown.push(finding);
                    }
                }
                None => shown.push(finding),
            }
        }
        let fixed = ours.into_iter().filter(|e| !matched.contains(e.fingerprint.as_str())).cloned().collect();
        (shown, Review { file: self.file.clone(), today, accepted, expired, fixed })
    }
}

/// A TOML date (`2026-06-30`) or a string holding one.
fn expiry(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::String(s) => Date::parse(s),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            Date::new(i32::from(d.year), d.month, d.day)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970_and_parse_only_real_days() {
        for (text, days) in [
            ("1970-01-01", 0),
            ("2000-02-29", 11_016),
            ("2024-12-31", 20_088),
            ("1969-12-31", -1),
            ("2100-03-01", 47_541),
        ] {
            assert_eq!(Date::from_unix_days(days).to_string(), text);
            assert_eq!(Date::parse(text), Some(Date::from_unix_days(days)));
        }
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-32", "tomorrow", "2024-0a-01"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-06-30") < Date::parse("2024-07-01"));
    }

    #[test]
    fn a_written_baseline_reads_back_with_its_comments_and_dates() -> Result<()> {
        let text = "version = 1\n\n[[finding]]\nfingerprint = \"00112233445566778899AABBCCDDEEFF\"\nroster = \"r.csv\"\nreason = \"\"\n\
                    owner = \"Ada\"\nexpires = 2026-06-30\n\n[[finding]]\nfingerprint = \"ffeeddccbbaa99887766554433221100\"\nroster = \"r.csv\"\n\
                    message = \"two\\nlines \\\"quoted\\\"\"\nexpires = \"2026-07-01\"\n";
        let b = Baseline::parse(text, "b.toml")?;
        assert_eq!(b.entries[0].fingerprint, "00112233445566778899aabbccddeeff");
        assert_eq!((b.entries[0].reason.as_deref(), b.entries[0].owner.as_deref()), (None, Some("Ada")));
        assert_eq!(b.entries[0].expires, Date::parse("2026-06-30"));
        assert_eq!((b.entries[0].line, b.entries[1].line), (3, 10));
        assert_eq!(b.entries[1].expires, Date::parse("2026-07-01"));
        let again = Baseline::parse(&b.to_toml(), "b.toml")?;
        assert_eq!(
            again.entries.iter().map(|e| (&e.message, e.expires)).collect::<Vec<_>>(),
            [
                (&None, Date::parse("2026-06-30")),
                (&Some("two\nlines \"quoted\"".to_string()), Date::parse("2026-07-01"))
            ]
        );
        Ok(())
    }

    #[test]
    fn a_broken_baseline_is_refused_naming_its_line() {
        let err = |text: &str| Baseline::parse(text, "b.toml").map(|_| ()).map_err(|e| e.to_string()).err();
        let fp = "fingerprint = \"00112233445566778899aabbccddeeff\"\nroster = \"r.csv\"";
        for (text, expected) in [
            (format!("[[finding]]\n{fp}\n"), "b.toml: the baseline has no `version`"),
            ("version = 2\n".to_string(), "b.toml:1: baseline version 2"),
            (
                format!("version = 1\n[[finding]]\n{fp}\nexpire = 2026-01-01\n"),
                "b.toml:5: invalid baseline: unknown field `expire`",
            ),
            (
                "version = 1\n[[finding]]\nfingerprint = \"abc\"\nroster = \"r.csv\"\n".to_string(),
                "b.toml:2: fingerprint 'abc' is not one raci writes",
            ),
            (
                format!("version = 1\n[[finding]]\nfingerprint = \"{}\"\n", "0".repeat(32)),
                "b.toml:2: invalid baseline: missing field `roster`",
            ),
            (format!("version = 1\n[[finding]]\n{fp}\n[[finding]]\n{fp}\n"), "b.toml:5: fingerprint 0011"),
            (
                format!("version = 1\n[[finding]]\n{fp}\nexpires = \"soon\"\n"),
                "b.toml:5: expires = \"soon\" is not a date",
            ),
            (format!("version = 1\n[[finding]]\n{fp}\nexpires = 2026-02-30\n"), "b.toml:5: invalid baseline"),
        ] {
            let message = err(&text).unwrap_or_else(|| panic!("accepted: {text}"));
            assert!(message.starts_with(expected), "{message}");
        }
    }
}
