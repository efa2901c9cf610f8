//! The matrix as CSV in long form: one line per letter (team, phase, activity, person, email, roles,
//! letter, reason), UTF-8 with a byte-order mark so Excel reads accents right, and every cell safe
//! to open in a spreadsheet (no formula can run from it).

use std::borrow::Cow;
use std::io::Write;

use super::cells::{reason, roles_label};
use super::{Document, Progress};

/// The header line.
pub const COLUMNS: [&str; 9] =
    ["team", "phase", "activity_id", "activity", "person", "email", "roles", "letter", "reason"];

/// Write the CSV to `out`, team by team.
pub fn write<W: Write>(mut out: W, document: &Document<'_>, progress: &dyn Progress) -> std::io::Result<()> {
    let view = &document.view;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    csv.write_record(COLUMNS)?;
    progress.start("writing CSV", view.matrix.teams.len() as u64);
    for (team, tm, template) in view.teams() {
        let labels: Vec<String> = team.members.iter().map(roles_label).collect();
        for (a, activity) in template.activities.iter().enumerate() {
            let phase = &template.phases[activity.phase];
            for (m, member) in team.members.iter().enumerate() {
                if tm.cell(a, m).letters.is_empty() {
                    continue;
                }
                let person = &view.roster.people[member.person];
                for provenance in tm.provenance(team, a, m) {
                    let letter = provenance.letter.as_char().to_string();
                    let reason = reason(&provenance);
                    let fields = [
                        &team.name,
                        phase,
                        &activity.id,
                        &activity.name,
                        &person.name,
                        person.email.as_deref().unwrap_or(""),
                        &labels[m],
                        &letter,
                        &reason,
                    ];
                    csv.write_record(fields.map(|f| safe(f)).iter().map(|f| f.as_bytes()))?;
                }
            }
        }
        progress.advance(1);
    }
    csv.flush()?;
    Ok(())
}

/// A cell a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a leading apostrophe, as OWASP's advice on CSV injection says.
pub fn safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_kept() {
        for (text, want) in [
            ("=1+2", "'=1+2"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Ada = PO", "Ada = PO"),
            ("", ""),
        ] {
            assert_eq!(safe(text), want);
        }
    }
}
