//! Sheet names: team names made valid for Excel and distinct.

use std::collections::HashSet;

use super::FINDINGS_SHEET;
use super::limits::{self, truncate_utf16};

/// Valid, distinct sheet names for these team names, following Excel's rules: at most 31 UTF-16
/// units, none of `[]:*?/\`, no leading or trailing apostrophe, not `History`, not the findings
/// sheet's name, and distinct ignoring case (`Name (2)` on a clash).
pub fn sheet_names<'a>(teams: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::from([FINDINGS_SHEET.to_lowercase(), "history".to_string()]);
    teams
        .map(|team| {
            let cleaned: String = team
                .chars()
                .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
                .collect();
            let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
            let base = if cleaned.is_empty() { "Team" } else { cleaned };
            let mut n = 1;
            loop {
                let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
                let candidate = format!(
                    "{}{suffix}",
                    truncate_utf16(base, limits::SHEET_NAME - suffix.len())
                        .trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
                );
                if taken.insert(candidate.to_lowercase()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let long = "A very long team name that goes on and on";
        let names = sheet_names(
            ["Alpha", "alpha", "Web/Mobile [EU]", long, &format!("{long}!"), "'Quoted'", "Findings", "History", ""]
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
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
        let emoji = sheet_names(std::iter::once("😀".repeat(20).as_str()));
        assert_eq!(emoji[0].encode_utf16().count(), 30);
    }
}
