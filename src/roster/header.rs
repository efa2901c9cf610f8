//! The header line: which column holds which field, by the names spreadsheets and HR tools use.

use crate::error::{Error, Location, Result};

use super::clean;

/// The columns raci understands, with the header names accepted for each (normalised: lowercase
/// letters and digits only).
const COLUMNS: &[(Field, &str, &[&str])] = &[
    (
        Field::Name,
        "name",
        &[
            "name",
            "fullname",
            "person",
            "member",
            "employee",
            "membername",
            "personname",
            "teammember",
            "displayname",
            "who",
        ],
    ),
    (Field::Role, "role", &["role", "roles", "position", "title", "jobtitle", "function", "jobrole"]),
    (Field::Team, "team", &["team", "teams", "squad", "squads", "group", "product", "teamname", "productteam"]),
    (Field::Email, "email", &["email", "mail", "emailaddress", "emails"]),
    (Field::Allocation, "allocation", &["allocation", "fte", "capacity", "alloc"]),
    (Field::ReportsTo, "reports_to", &["reportsto", "manager", "linemanager", "reportingto"]),
    (Field::Template, "template", &["template", "lifecycle"]),
    (Field::FirstName, "first name", &["firstname", "givenname", "forename", "first"]),
    (Field::LastName, "last name", &["lastname", "surname", "familyname", "last"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(usize)]
pub(super) enum Field {
    Name,
    Role,
    Team,
    Email,
    Allocation,
    ReportsTo,
    Template,
    FirstName,
    LastName,
}

/// Which column holds each field: an array indexed by [`Field`], looked up once per cell.
#[derive(Debug, Default)]
pub(super) struct Columns([Option<usize>; COLUMNS.len()]);

impl Columns {
    pub(super) fn get(&self, field: Field) -> Option<usize> {
        self.0[field as usize]
    }

    pub(super) fn contains(&self, field: Field) -> bool {
        self.get(field).is_some()
    }
}

pub(super) fn column_name(field: Field) -> &'static str {
    COLUMNS.iter().find(|(f, ..)| *f == field).map_or("", |(_, name, _)| name)
}

fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Header text as shown in messages: control characters replaced, long text cut.
fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let text = clean(text);
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.into_owned(),
    }
}

/// The first column whose header reads as `name` (case, spaces and punctuation aside).
pub(super) fn find_column(header: &csv::StringRecord, name: &str) -> Option<usize> {
    let wanted = normalise_header(name);
    header.iter().position(|h| !wanted.is_empty() && normalise_header(h) == wanted)
}

/// Whether a header cell names one of raci's own fields.
pub(super) fn is_field(header: &str) -> bool {
    let norm = normalise_header(header);
    COLUMNS.iter().any(|(_, _, aliases)| aliases.contains(&norm.as_str()))
}

pub(super) fn map_header(
    header: &csv::StringRecord,
    source: &str,
    line: u64,
    delimiter: u8,
    notes: &mut Vec<String>,
) -> Result<Columns> {
    let mut found = Columns::default();
    let mut ignored = Vec::new();
    for (idx, raw) in header.iter().enumerate() {
        let norm = normalise_header(raw);
        let Some((field, ..)) = COLUMNS.iter().find(|(_, _, aliases)| aliases.contains(&norm.as_str())) else {
            if !raw.trim().is_empty() {
                ignored.push(shown(raw));
            }
            continue;
        };
        if let Some(first) = found.get(*field) {
            return Err(Error::roster(
                Location::line(source, line),
                format!(
                    "columns '{}' and '{}' both mean {}",
                    shown(header.get(first).unwrap_or("")),
                    shown(raw),
                    column_name(*field)
                ),
                "rename or remove one of them",
            ));
        }
        found.0[*field as usize] = Some(idx);
    }
    let split_name = found.contains(Field::FirstName) || found.contains(Field::LastName);
    for required in [Field::Name, Field::Role] {
        if !(found.contains(required) || (required == Field::Name && split_name)) {
            let accepted = COLUMNS.iter().find(|(f, ..)| *f == required).map_or(&[][..], |(_, _, a)| *a);
            const SHOWN_COLUMNS: usize = 20;
            let mut columns: Vec<String> = header.iter().take(SHOWN_COLUMNS).map(shown).collect();
            if header.len() > SHOWN_COLUMNS {
                columns.push(format!("and {} more", header.len() - SHOWN_COLUMNS));
            }
            let mut fix = if required == Field::Name {
                format!("add a column headed one of: {} (or first name and last name columns)", accepted.join(", "))
            } else {
                format!("add a column headed one of: {}", accepted.join(", "))
            };
            // One column holding another delimiter: the sniffed or forced delimiter is the wrong one.
            if header.len() == 1 {
                let cell = header.get(0).unwrap_or("");
                if let Some(other) =
                    [',', ';', '\t'].into_iter().find(|&c| cell.contains(c) && c as u32 != u32::from(delimiter))
                {
                    fix = format!(
                        "the header reads as one column; if the file separates fields with '{}', pass --delimiter '{}'",
                        other.escape_default(),
                        other.escape_default()
                    );
                }
            }
            return Err(Error::roster(
                Location::line(source, line),
                format!("no {} column (columns found: {})", column_name(required), columns.join(", ")),
                fix,
            ));
        }
    }
    if !ignored.is_empty() {
        notes.push(format!("{source}:{line}: ignored columns: {}", ignored.join(", ")));
    }
    Ok(found)
}
