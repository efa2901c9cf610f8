//! Names: team names made into valid, distinct sheet names and file names, in linear time (the next
//! free suffix is remembered per name, so a thousand teams sharing their first 31 characters do not
//! try `(2)`, `(3)`, ... again for each new one).

use std::collections::{HashMap, HashSet};

use super::layout::RESERVED_SHEETS;
use super::limits::{self, truncate_utf16};

/// Valid, distinct sheet names for these team names, following Excel's rules: at most 31 UTF-16
/// units, none of `[]:*?/\`, no leading or trailing apostrophe, not `History` nor the name of one
/// of raci's own sheets, and distinct ignoring case (`Name (2)` on a clash).
pub fn sheet_names<'a>(teams: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut names = Names::new(limits::SHEET_NAME, RESERVED_SHEETS.iter().copied().chain(["History"]));
    teams.map(|team| names.take(&sheet_base(team))).collect()
}

/// Distinct file names (without `.xlsx`) for these team or group names, safe on Linux, macOS and
/// Windows: no path separators or characters Windows refuses, no leading dot, no trailing dot or
/// space, no device name (`CON`, `NUL`, `COM1`, ...), not `index`, at most 100 UTF-16 units, and
/// distinct ignoring case (`Name (2)` on a clash).
pub(crate) fn file_names<'a>(teams: impl Iterator<Item = &'a str>) -> Vec<String> {
    const FILE_NAME: usize = 100;
    let mut names = Names::new(FILE_NAME, ["index"]);
    teams.map(|team| names.take(&file_base(team))).collect()
}

/// A team name as a sheet name before it is made distinct.
fn sheet_base(team: &str) -> String {
    let cleaned: String = team
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    if cleaned.is_empty() { "Team".to_string() } else { cleaned.to_string() }
}

/// A team name as a file name before it is made distinct.
fn file_base(team: &str) -> String {
    let cleaned: String = team
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if cleaned.is_empty() {
        return "Team".to_string();
    }
    // Windows opens a device for these names, whatever the extension.
    let stem = cleaned.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if device { format!("_{cleaned}") } else { cleaned.to_string() }
}

/// Names handed out so far, ignoring case, and the next suffix to try per name.
struct Names {
    max: usize,
    taken: HashSet<String>,
    /// The first candidate of a base name (lowercase) -> the next suffix to try for it.
    next: HashMap<String, usize>,
}

impl Names {
    fn new<'a>(max: usize, reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Names { max, taken: reserved.into_iter().map(str::to_lowercase).collect(), next: HashMap::new() }
    }

    /// A free name for `base`: the base cut to fit, else with ` (2)`, ` (3)`, ... in its place.
    fn take(&mut self, base: &str) -> String {
        let trim = |s: &str| s.trim_end_matches(|c: char| c == '\'' || c == '.' || c.is_whitespace()).to_string();
        let first = trim(truncate_utf16(base, self.max));
        let key = first.to_lowercase();
        if !self.next.contains_key(&key) && self.taken.insert(key.clone()) {
            self.next.insert(key, 2);
            return first;
        }
        let mut n = self.next.get(&key).copied().unwrap_or(2);
        loop {
            let suffix = format!(" ({n})");
            let candidate = format!("{}{suffix}", trim(truncate_utf16(base, self.max - suffix.len())));
            n += 1;
            if self.taken.insert(candidate.to_lowercase()) {
                self.next.insert(key, n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let long = "A very long team name that goes on and on";
        let names = sheet_names(
            [
                "Alpha",
                "alpha",
                "Web/Mobile [EU]",
                long,
                &format!("{long}!"),
                "'Quoted'",
                "Findings",
                "History",
                "",
                "Summary",
                "workload",
            ]
            .into_iter(),
        );
        assert_eq!(names[0], "Alpha");
        assert_eq!(names[1], "alpha (2)");
        assert_eq!(names[2], "Web_Mobile _EU_");
        assert_eq!(names[3], "A very long team name that goes");
        assert_eq!(names[4], "A very long team name that (2)");
        assert_eq!(names[5], "Quoted");
        assert_eq!(names[6], "Findings (2)");
        assert_eq!(names[7], "History (2)");
        assert_eq!(names[8], "Team");
        assert_eq!(names[9], "Summary (2)");
        assert_eq!(names[10], "workload (2)");
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
        let emoji = sheet_names(std::iter::once("😀".repeat(20).as_str()));
        assert_eq!(emoji[0].encode_utf16().count(), 30);
    }

    #[test]
    fn many_teams_sharing_a_prefix_get_distinct_names_in_order() {
        let teams: Vec<String> =
            (0..1_200).map(|i| format!("Platform Engineering Group North {i}")).chain(["x".into()]).collect();
        let names = sheet_names(teams.iter().map(String::as_str));
        let distinct: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(distinct.len(), teams.len());
        assert_eq!(names[0], "Platform Engineering Group Nort");
        assert_eq!(names[1], "Platform Engineering Group (2)");
        assert_eq!(names[1_199], "Platform Engineering Gro (1200)");
        // A name that is literally a suffixed one is not handed out twice.
        let clash = sheet_names(["Team (2)", "Team", "Team"].into_iter());
        assert_eq!(clash, ["Team (2)", "Team", "Team (3)"]);
    }

    #[test]
    fn file_names_are_safe_everywhere_and_distinct() {
        let names = file_names(
            ["Alpha", "ALPHA", "a/b\\c:d", ".hidden", "dots...", "CON", "com1.txt", "index", "50% #1", " ", "Nul"]
                .into_iter(),
        );
        assert_eq!(
            names,
            [
                "Alpha",
                "ALPHA (2)",
                "a_b_c_d",
                "hidden",
                "dots",
                "_CON",
                "_com1.txt",
                "index (2)",
                "50_ _1",
                "Team",
                "_Nul"
            ]
        );
        let long = file_names(std::iter::once("é".repeat(300).as_str()));
        assert_eq!(long[0].encode_utf16().count(), 100);
    }
}
