//! The letters people type into a matrix cell: `A`, `a`, `A/R`, `R/A`, `A, R`, `RA`, `A+R`,
//! `Accountable`, `responsible & consulted`, full-width `Ａ`, look-alike Cyrillic and Greek capitals
//! (`А`, `С`, `І`, `Α`, `Ι`), stray spaces; a dash or nothing is an empty cell.

use crate::matrix::{Letter, Letters};

/// What a cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// No letter: an empty cell, spaces, or a dash.
    Empty,
    /// One or more RACI letters.
    Letters(Letters),
    /// Text that is not RACI letters; `hint` says what it may have meant.
    Unknown {
        /// The text as typed (trimmed).
        text: String,
        /// What to type instead, when the text looks like something known.
        hint: Option<&'static str>,
    },
}

/// Words that stand for a letter, in lowercase.
const WORDS: [(&str, Letter); 8] = [
    ("accountable", Letter::A),
    ("approver", Letter::A),
    ("responsible", Letter::R),
    ("consulted", Letter::C),
    ("consult", Letter::C),
    ("informed", Letter::I),
    ("inform", Letter::I),
    ("accountability", Letter::A),
];

/// Read a cell's text.
pub fn read(text: &str) -> Read {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}');
    if trimmed.is_empty() || matches!(trimmed, "-" | "–" | "—" | "." | "·") {
        return Read::Empty;
    }
    let mut set = Letters::EMPTY;
    let mut ok = true;
    for token in tokens(trimmed) {
        match token_letters(token) {
            Some(letters) => letters.iter().for_each(|l| set.insert(l)),
            None => {
                ok = false;
                break;
            }
        }
    }
    if ok && !set.is_empty() {
        return Read::Letters(set);
    }
    Read::Unknown { text: trimmed.to_string(), hint: hint(trimmed) }
}

/// Split at separators people put between letters or words.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | '+' | '&' | '|' | '\\' | '-' | '–'))
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("and"))
}

/// One token: a run of letters (`A`, `RA`, `ar`) or a word (`Accountable`).
fn token_letters(token: &str) -> Option<Letters> {
    let lower = token.to_lowercase();
    if let Some((_, letter)) = WORDS.iter().find(|(w, _)| *w == lower) {
        let mut set = Letters::EMPTY;
        set.insert(*letter);
        return Some(set);
    }
    let mut set = Letters::EMPTY;
    for ch in token.chars() {
        set.insert(letter_of(ch)?);
    }
    Some(set)
}

/// A character as a RACI letter: Latin in any case and width, and the Cyrillic and Greek capitals
/// and small letters that look the same.
fn letter_of(ch: char) -> Option<Letter> {
    Some(match ch {
        'A' | 'a' | 'Ａ' | 'ａ' | 'А' | 'а' | 'Α' | 'α' => Letter::A,
        'R' | 'r' | 'Ｒ' | 'ｒ' => Letter::R,
        'C' | 'c' | 'Ｃ' | 'ｃ' | 'С' | 'с' | 'Ϲ' | 'ϲ' => Letter::C,
        'I' | 'i' | 'Ｉ' | 'ｉ' | 'І' | 'і' | 'Ӏ' | 'Ι' | 'ι' => Letter::I,
        _ => return None,
    })
}

/// What an unknown text may have meant.
fn hint(text: &str) -> Option<&'static str> {
    let upper = text.to_uppercase();
    Some(match upper.as_str() {
        "S" | "SUPPORT" | "SUPPORTIVE" | "SUPPORTS" => {
            "S (supportive, from RASCI) is not a RACI letter: write R if they do part of the work, else C"
        }
        "V" | "VERIFY" | "VERIFIES" | "VERIFIER" => {
            "V (verify, from RACI-VS) is not a RACI letter: write C, or R if checking is their work"
        }
        "X" | "✓" | "✔" | "Y" | "YES" => "a tick says someone is involved but not how: write R, C or I",
        "P" | "Р" => "P is not a RACI letter; if it is a Cyrillic Р typed for R, write a Latin R",
        "TBD" | "?" | "??" | "TBC" | "N/A" | "NA" => "decide the letter, or leave the cell empty",
        _ if upper.contains('?') => "decide the letter, or leave the cell empty",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(text: &str) -> String {
        match read(text) {
            Read::Letters(l) => l.to_string(),
            Read::Empty => "empty".into(),
            Read::Unknown { text, .. } => format!("unknown {text}"),
        }
    }

    #[test]
    fn reads_the_ways_people_write_letters() {
        for (typed, want) in [
            ("A", "A"),
            ("a", "A"),
            (" r ", "R"),
            ("A/R", "A/R"),
            ("R/A", "A/R"),
            ("A, R", "A/R"),
            ("RA", "A/R"),
            ("a+r", "A/R"),
            ("A & R", "A/R"),
            ("Accountable", "A"),
            ("responsible and consulted", "R/C"),
            ("Ａ", "A"),
            ("\u{410}", "A"),
            ("\u{421}", "C"),
            ("\u{406}", "I"),
            ("\u{391}/R", "A/R"),
            ("-", "empty"),
            ("", "empty"),
            ("   ", "empty"),
            ("X", "unknown X"),
            ("TBD", "unknown TBD"),
            ("Ada", "unknown Ada"),
            ("A?", "unknown A?"),
        ] {
            assert_eq!(letters(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn unknown_letters_get_a_hint_when_they_look_like_something() {
        assert!(matches!(read("S"), Read::Unknown { hint: Some(h), .. } if h.contains("RASCI")));
        assert!(matches!(read("\u{420}"), Read::Unknown { hint: Some(h), .. } if h.contains("Cyrillic")));
        assert!(matches!(read("zzz"), Read::Unknown { hint: None, .. }));
    }
}
