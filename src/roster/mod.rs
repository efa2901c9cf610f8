//! Roster reading: encoding and delimiter sniffing, header aliases, multi-role and multi-team cells.
//! Every person and membership keeps the line it came from, so messages can point at `roster.csv:LINE`.
//!
//! The jobs are cut by file: [`decode`] turns bytes into text, `dialect` finds the delimiter and
//! counts lines, `header` maps header cells onto fields, `builder` turns rows into people and teams,
//! `sheet` reads rosters kept as spreadsheets.

mod builder;
mod decode;
mod dialect;
mod header;
pub(crate) mod sheet;

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Location, Result};
use crate::role::{ParsedRole, Role};
use crate::text;

use builder::{Builder, Row};
pub use builder::{identity, push_identity, push_lowercase, same_identity};
use decode::decode;
use dialect::{Lines, csv_error, sniff_delimiter, tidy_quotes};
pub use header::ColumnPick;
use header::{Field, column_name, find_column, is_field, is_header_cell, map_header, normalise_header};
pub use sheet::InputKind;

/// Excel refuses cells longer than this many characters (UTF-16 units).
pub const MAX_CELL_CHARS: usize = crate::export::xlsx::limits::CELL_TEXT;

/// One person; a person on several teams appears once here and once per team in [`Team::members`].
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Name as written (trimmed).
    pub name: String,
    /// Email, when the roster has one.
    pub email: Option<String>,
    /// Share of a full-time person (0 < x <= the number of rows given), summed over the person's rows.
    pub allocation: Option<f64>,
    /// Manager's name or email, when the roster has a reports_to column.
    pub reports_to: Option<String>,
    /// The first line the person appears on.
    pub line: u64,
}

impl Person {
    /// The key a person is known by across rosters and workbooks (the hidden key row of each team
    /// sheet, `diff`, `--keep`): the email in lowercase, else the name's identity (lowercase words,
    /// one space apart).
    pub fn push_key(&self, out: &mut String) {
        match &self.email {
            Some(email) => push_lowercase(out, email),
            None => push_identity(out, &self.name),
        }
    }

    /// [`Person::push_key`] as a new string.
    pub fn key(&self) -> String {
        let mut out = String::new();
        self.push_key(&mut out);
        out
    }
}

/// A person's place on one team, with the roles they hold there.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into [`Roster::people`].
    pub person: usize,
    /// Roles held on this team, in the order written.
    pub roles: Arc<[ParsedRole]>,
    /// The line this membership came from.
    pub line: u64,
}

impl Member {
    /// Whether the member holds this role.
    pub fn holds(&self, role: &Role) -> bool {
        self.roles.iter().any(|p| &p.role == role)
    }
}

/// A team and its members, in roster order.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// Name as written.
    pub name: String,
    /// Members in the order of their lines.
    pub members: Vec<Member>,
    /// The line the team first appears on.
    pub line: u64,
    /// Template named in the roster's `template` column for this team.
    pub template: Option<TemplateCell>,
    /// The team's value in the column named by [`ReadOptions::group_by`] (a tribe, a department).
    pub group: Option<String>,
}

/// A roster's `template` cell for a team: what it says and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateCell {
    /// The cell as written (trimmed).
    pub name: String,
    /// The line of the first row that names it.
    pub line: u64,
}

/// A parsed roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// The file as the user named it, for messages (a workbook adds `:SHEET`).
    pub source: String,
    /// The file alone, as the user named it (`<stdin>` for standard input).
    pub file: String,
    /// The sheet the roster was read from, for a workbook; then lines are the sheet's rows.
    pub sheet: Option<String>,
    /// Everybody, in order of first appearance.
    pub people: Vec<Person>,
    /// Teams in order of first appearance.
    pub teams: Vec<Team>,
    /// Things worth telling the user that are not errors (an encoding guess, ignored columns).
    pub notes: Vec<String>,
    /// Whether the roster has a reports_to column.
    pub has_reports_to: bool,
}

impl Roster {
    /// Where a line of this roster is, for messages.
    pub fn at(&self, line: u64) -> Location {
        Location::line(self.source.clone(), line)
    }

    /// The position of the team with this name, compared as team cells are (case and spacing aside).
    pub fn find_team(&self, name: &str) -> Option<usize> {
        let (mut wanted, mut key) = (String::new(), String::new());
        push_identity(&mut wanted, name);
        self.teams.iter().position(|t| {
            key.clear();
            push_identity(&mut key, &t.name);
            key == wanted
        })
    }
}

/// How to read a roster.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a delimiter instead of sniffing it from the header line.
    pub delimiter: Option<u8>,
    /// The sheet of a workbook to read; `None`: the first sheet with a roster header.
    pub sheet: Option<String>,
    /// What a workbook is taken as.
    pub input: InputKind,
    /// Columns picked explicitly (`--column team=Department`), before any header guess.
    pub columns: Vec<ColumnPick>,
    /// A column (by header name) whose value groups teams, kept per team in [`Team::group`];
    /// one team with two different values is refused.
    pub group_by: Option<String>,
}

/// How standard input is named in messages.
pub const STDIN: &str = "<stdin>";

/// Read a roster file (CSV or a workbook); `-` reads standard input.
pub fn load(path: &Path, options: &ReadOptions) -> Result<Roster> {
    let (bytes, source) = read_bytes(path)?;
    parse(&bytes, &source, options)
}

/// The bytes of a roster file (`-`: standard input), and the name to give it in messages.
pub fn read_bytes(path: &Path) -> Result<(Vec<u8>, String)> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| Error::io(STDIN, "cannot read roster", e))?;
        return Ok((bytes, STDIN.to_string()));
    }
    let source = path.display().to_string();
    if path.is_dir() {
        return Err(Error::roster(Location::file(source), "is a directory, not a roster file", "name a .csv file"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let fix = match e.kind() {
            std::io::ErrorKind::NotFound => "check the path; the file does not exist",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the path names a readable CSV file",
        };
        Error::Io { path: path.to_path_buf(), action: "cannot read roster", source: e, fix: fix.to_string() }
    })?;
    Ok((bytes, source))
}

/// What an input holds: a roster, or a workbook whose first sheet of interest is a RACI matrix.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A roster.
    Roster(Roster),
    /// A workbook holding a RACI matrix (a grid of letters) rather than a roster: read it with
    /// [`crate::import::foreign`]. `sheet` is the first such sheet, `None` when `--input matrix`
    /// said so.
    Matrix {
        /// The sheet found to be a letter grid.
        sheet: Option<String>,
    },
}

/// Parse roster bytes, CSV or a workbook; `source` names the input in messages. Never panics:
/// anything that is not a usable roster is an [`Error`] naming the file, the line when there is
/// one, and the fix. A RACI matrix is refused: [`crate::Analysis::load`] reads those.
pub fn parse(bytes: &[u8], source: &str, options: &ReadOptions) -> Result<Roster> {
    match parse_input(bytes, source, options)? {
        Parsed::Roster(roster) => Ok(roster),
        Parsed::Matrix { sheet } => Err(Error::roster(
            Location::file(match sheet {
                Some(sheet) => format!("{source}:{sheet}"),
                None => source.to_string(),
            }),
            "this is a RACI matrix (a grid of A, R, C, I letters), not a roster",
            "check it with `raci check FILE`, or read a roster sheet of this workbook with --sheet NAME or \
             --input roster",
        )),
    }
}

/// [`parse`], telling a workbook that holds a RACI matrix apart instead of refusing it.
pub fn parse_input(bytes: &[u8], source: &str, options: &ReadOptions) -> Result<Parsed> {
    if options.input == InputKind::Matrix {
        if sheet::is_workbook(bytes) {
            return Ok(Parsed::Matrix { sheet: None });
        }
        return Err(Error::roster(
            Location::file(source),
            "--input matrix reads a RACI matrix from a workbook (.xlsx, .xlsm, .xls, .xlsb, .ods), and this file \
             is text",
            "save the matrix as .xlsx, or leave out --input matrix to read the file as a roster",
        ));
    }
    if sheet::is_workbook(bytes) {
        return sheet::read(bytes, source, options);
    }
    parse_text(bytes, source, options).map(Parsed::Roster)
}

/// Parse a CSV roster.
fn parse_text(bytes: &[u8], source: &str, options: &ReadOptions) -> Result<Roster> {
    let mut notes = Vec::new();
    if options.sheet.is_some() {
        notes.push(format!("{source}: --sheet applies to workbooks; this roster is CSV, so it was ignored"));
    }
    let decoded = decode(bytes, source, &mut notes)?;
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => sniff_delimiter(&decoded),
    };
    let text = tidy_quotes(&decoded, delimiter, source)?;
    let mut lines = Lines::new(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let blank = |rec: &csv::StringRecord| rec.iter().all(|f| clean(f).is_empty());
    // One record, reused for every row.
    let mut read = |rec: &mut csv::StringRecord, lines: &mut Lines<'_>| -> Result<Option<u64>> {
        loop {
            if !reader.read_record(rec).map_err(|e| csv_error(source, lines, &e))? {
                return Ok(None);
            }
            if !blank(rec) {
                return Ok(Some(rec.position().map_or(0, |p| lines.line_at(p.byte()))));
            }
        }
    };

    let mut header = csv::StringRecord::new();
    let Some(header_line) = read(&mut header, &mut lines)? else {
        return Err(Error::roster(
            Location::file(source),
            "the file is empty",
            "put a header line first, e.g. `name,role,team`, then one person per line",
        ));
    };
    let header_line = header_line.max(1);
    let group_col = match &options.group_by {
        Some(name) => Some(group_column(&header, name, source, header_line)?),
        None => None,
    };
    // A grouping column that is no field of its own is used, not ignored.
    let columns = match group_col.filter(|&idx| !is_field(header.get(idx).unwrap_or(""))) {
        Some(idx) => {
            let mut shown = csv::StringRecord::new();
            header.iter().enumerate().for_each(|(i, cell)| shown.push_field(if i == idx { "" } else { cell }));
            map_header(&shown, source, header_line, delimiter, &options.columns, &mut notes)?
        }
        None => map_header(&header, source, header_line, delimiter, &options.columns, &mut notes)?,
    };
    // Trailing empty header cells (`name;role;team;;` from a spreadsheet) are not columns.
    let width = filled_width(&header);

    // Sized for one person per line up front: growing million-entry tables step by step costs more.
    let rows = text.bytes().filter(|&b| b == b'\n').count();
    let mut builder = Builder::new(source, columns.contains(Field::Team), rows);
    let mut rec = csv::StringRecord::new();
    // Rosters pasted together repeat the header line: such a line is skipped, not read as a person
    // named `name`. The name (or first name) cell is compared first, so other rows cost one look.
    let header_cells: Vec<String> = header.iter().take(width).map(normalise_header).collect();
    let key_column = columns.get(Field::Name).or(columns.get(Field::FirstName)).unwrap_or(0);
    let repeats_header = |rec: &csv::StringRecord| {
        let same = |i: usize| is_header_cell(rec.get(i).unwrap_or(""), &header_cells[i]);
        key_column < header_cells.len() && same(key_column) && (0..header_cells.len()).all(same)
    };
    let mut repeated_headers: Vec<u64> = Vec::new();
    // Cells that held bidi controls (dropped by `clean`): how many, the first line, which ones.
    let bidi = std::cell::RefCell::new((0usize, 0u64, std::collections::BTreeSet::new()));
    // A refused row ends the reading; a person listed twice on a team on an earlier line is
    // reported first, as it comes first in the file.
    let mut rows = || -> Result<()> {
        while let Some(line) = read(&mut rec, &mut lines)? {
            if repeats_header(&rec) {
                repeated_headers.push(line);
                continue;
            }
            let used = filled_width(&rec);
            if rec.len() < width {
                return Err(Error::roster(
                    Location::line(source, line),
                    format!("this row has {} fields but the header on line {header_line} has {width}", rec.len()),
                    format!(
                        "add the missing fields, empty ones too, so each row has {width} fields separated by '{}'",
                        char::from(delimiter).escape_default()
                    ),
                ));
            }
            if used > width {
                return Err(Error::roster(
                    Location::line(source, line),
                    format!("this row has {used} fields but the header on line {header_line} has {width}"),
                    format!(
                        "quote fields that contain the delimiter '{}' (e.g. `\"Lovelace, Ada\"`) or remove the extra fields",
                        char::from(delimiter).escape_default()
                    ),
                ));
            }
            let too_long = |what: &str| {
                Error::roster(
                    Location::line(source, line),
                    format!("the {what} is longer than Excel's limit of {MAX_CELL_CHARS} characters per cell"),
                    "shorten it",
                )
            };
            let get = |field: Field| -> Result<Cow<'_, str>> {
                let Some(idx) = columns.get(field) else { return Ok(Cow::Borrowed("")) };
                let raw = rec.get(idx).unwrap_or("");
                if !raw.is_ascii() && raw.chars().any(text::is_bidi_control) {
                    let (cells, first, chars) = &mut *bidi.borrow_mut();
                    if *cells == 0 {
                        *first = line;
                    }
                    *cells += 1;
                    chars.extend(raw.chars().filter(|&c| text::is_bidi_control(c)));
                }
                let cell = clean(raw);
                if over_cell_limit(&cell) {
                    return Err(too_long(&format!("{} cell", column_name(field))));
                }
                Ok(cell)
            };
            let name = match (columns.contains(Field::Name), get(Field::FirstName)?, get(Field::LastName)?) {
                (false, first, last) => {
                    let name = format!("{first} {last}").trim().to_string();
                    if over_cell_limit(&name) {
                        return Err(too_long("name (first and last name together)"));
                    }
                    Cow::Owned(name)
                }
                (true, ..) => get(Field::Name)?,
            };
            let row = Row {
                line,
                name,
                role: get(Field::Role)?,
                team: get(Field::Team)?,
                email: get(Field::Email)?,
                allocation: get(Field::Allocation)?,
                reports_to: get(Field::ReportsTo)?,
                template: get(Field::Template)?,
                group: match group_col {
                    Some(idx) => {
                        let cell = clean(rec.get(idx).unwrap_or(""));
                        if over_cell_limit(&cell) {
                            return Err(too_long("group cell"));
                        }
                        cell
                    }
                    None => Cow::Borrowed(""),
                },
            };
            builder.add(row)?;
        }
        Ok(())
    };
    if let Err(e) = rows() {
        return Err(builder.first_duplicate().unwrap_or(e));
    }
    notes.extend(builder.notes());
    if let Some((&first, more)) = repeated_headers.split_first() {
        let what = if more.is_empty() {
            format!("this line repeats the header (line {header_line}) and was skipped")
        } else {
            const SHOWN: usize = 5;
            let mut lines: Vec<String> = more.iter().take(SHOWN).map(u64::to_string).collect();
            if more.len() > SHOWN {
                lines.push("...".to_string());
            }
            format!(
                "this line and {} more ({}) repeat the header (line {header_line}) and were skipped",
                more.len(),
                lines.join(", ")
            )
        };
        notes.push(format!("{source}:{first}: {what}"));
    }
    let (cells, first, chars) = bidi.into_inner();
    if cells > 0 {
        let chars: Vec<String> = chars.iter().map(|&c| format!("U+{:04X}", u32::from(c))).collect();
        let cells = if cells == 1 {
            "a cell on this line".to_string()
        } else {
            format!("{cells} cells, the first on this line")
        };
        notes.push(format!(
            "{source}:{first}: removed bidirectional formatting characters ({}) from {cells}; they can make text \
             display in another order than it is stored",
            chars.join(", ")
        ));
    }
    let (people, teams) = builder.finish(header_line)?;
    Ok(Roster {
        source: source.to_string(),
        file: source.to_string(),
        sheet: None,
        people,
        teams,
        notes,
        has_reports_to: columns.contains(Field::ReportsTo),
    })
}

/// The column `--group-by` names, matched like any header (case, spaces and punctuation aside).
fn group_column(header: &csv::StringRecord, name: &str, source: &str, line: u64) -> Result<usize> {
    find_column(header, name).ok_or_else(|| {
        let columns: Vec<&str> = header.iter().map(str::trim).filter(|c| !c.is_empty()).take(20).collect();
        Error::roster(
            Location::line(source, line),
            format!("no column '{}' to group teams by (columns found: {})", clean(name), columns.join(", ")),
            "name one of these columns with --group-by, or add the column to the roster",
        )
    })
}

/// Number of fields up to the last non-empty one.
fn filled_width(rec: &csv::StringRecord) -> usize {
    (0..rec.len()).rev().find(|&i| rec.get(i).is_some_and(|f| !f.trim().is_empty())).map_or(0, |i| i + 1)
}

/// Whether text is longer than a cell holds.
fn over_cell_limit(text: &str) -> bool {
    crate::export::xlsx::limits::utf16_len(text) > MAX_CELL_CHARS
}

/// Characters a workbook cell cannot hold as text: control characters (a quoted line break too)
/// and the noncharacters U+FFFE and U+FFFF, which XML forbids.
fn unwritable(c: char) -> bool {
    c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Replace characters a workbook cannot hold with spaces, drop bidirectional formatting
/// characters (they would reorder sheet names and terminal lines), compose accents (NFC: `José`
/// typed with a combining accent is the same text as `José`) and trim.
fn clean(cell: &str) -> Cow<'_, str> {
    if cell.is_ascii() {
        if !cell.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Cow::Borrowed(cell.trim());
        }
        return Cow::Owned(collapse_spaces(cell.chars().map(|c| if unwritable(c) { ' ' } else { c })));
    }
    let text = if cell.chars().any(|c| unwritable(c) || text::is_bidi_control(c)) {
        let kept = cell.chars().filter(|&c| !text::is_bidi_control(c));
        Cow::Owned(collapse_spaces(kept.map(|c| if unwritable(c) { ' ' } else { c })))
    } else {
        Cow::Borrowed(cell.trim())
    };
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// The words of some text, one space apart: a quoted line break becomes one space
/// (`"Ada\r\nLovelace"` reads `Ada Lovelace`).
fn collapse_spaces(chars: impl Iterator<Item = char>) -> String {
    chars.collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(text: &str) -> Result<Roster> {
        parse(text.as_bytes(), "r.csv", &ReadOptions::default())
    }

    #[test]
    fn header_aliases_and_multi_team_cells() -> Result<()> {
        let r = roster("Full Name;Position;Squad;E-Mail;FTE\nAda;PO;Alpha;ada@x.io;50%\nBob;PM;Alpha | Beta;;0,5\n")?;
        assert_eq!(r.teams.len(), 2);
        assert_eq!(r.teams[1].name, "Beta");
        assert_eq!(r.teams[1].members[0].line, 3);
        assert_eq!(r.people[0].allocation, Some(0.5));
        assert_eq!(r.people[0].email.as_deref(), Some("ada@x.io"));
        Ok(())
    }

    #[test]
    fn no_team_column_makes_one_team_named_after_the_file() -> Result<()> {
        let r = roster("name,role\nAda,PO\nBob,Dev\n")?;
        assert_eq!(r.teams.len(), 1);
        assert_eq!(r.teams[0].name, "r");
        Ok(())
    }

    #[test]
    fn missing_name_column_lists_what_was_found() {
        let err = roster("Nom,role\nAda,PO\n").map(|_| ()).map_err(|e| e.to_string());
        let Err(msg) = err else { panic!("expected an error") };
        assert!(msg.starts_with("r.csv:1: no name column (columns found: Nom, role)"), "{msg}");
    }

    #[test]
    fn windows_1252_is_decoded_with_a_note() -> Result<()> {
        let r = parse(b"name,role\nJos\xe9,PO\n", "r.csv", &ReadOptions::default())?;
        assert_eq!(r.people[0].name, "José");
        assert_eq!(r.notes.len(), 1);
        Ok(())
    }

    #[test]
    fn first_and_last_name_columns_make_the_name() -> Result<()> {
        let r = roster("First Name,Last Name,Title\nAda,Lovelace,PO\n")?;
        assert_eq!(r.people[0].name, "Ada Lovelace");
        Ok(())
    }

    fn message(result: Result<Roster>) -> String {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn lines_count_crlf_lone_cr_and_blank_lines() {
        for (text, line) in [
            ("name,role\r\nAda,PO\r\n\r\nAda,PO\r\n", 4),
            ("name,role\rAda,PO\r\rAda,PO\r", 4),
            ("\n\nname,role\n\"A\nda\",PO\n\n\"A\nda\",PO\n", 7),
        ] {
            let msg = message(roster(text));
            assert!(msg.starts_with(&format!("r.csv:{line}: ")), "{text:?}: {msg}");
        }
    }

    #[test]
    fn spaces_before_an_opening_quote_are_dropped() -> Result<()> {
        let r = roster("name, role, team\nAda, \"PO, PM\" , Alpha\n  \"Lovelace, Bob\",\tDev, \"Beta\"\n")?;
        assert_eq!(r.people[1].name, "Lovelace, Bob");
        assert_eq!(r.teams[0].members[0].roles.len(), 2);
        assert_eq!(r.teams[1].name, "Beta");
        Ok(())
    }

    #[test]
    fn quotes_inside_a_field_are_literal_and_an_unclosed_quote_is_refused() -> Result<()> {
        let r = roster("name,role\nAda 5\" tall,PO\n\"Bob \"\"B\"\"\",Dev\n")?;
        assert_eq!(r.people[0].name, "Ada 5\" tall");
        assert_eq!(r.people[1].name, "Bob \"B\"");
        let msg = message(roster("name,role\nAda,PO\n\"Bob,Dev\nCy,PM\n"));
        assert!(msg.starts_with("r.csv:3: a quote opens a field on this line but is never closed"), "{msg}");
        Ok(())
    }

    #[test]
    fn trailing_empty_header_cells_are_not_columns() -> Result<()> {
        let r = roster("name;role;team;;\nAda;PO;X\nBob;Dev;X;;\n")?;
        assert_eq!(r.people.len(), 2);
        let msg = message(roster("name;role;team;;\nAda;PO;X;oops\n"));
        assert!(msg.starts_with("r.csv:2: this row has 4 fields but the header on line 1 has 3"), "{msg}");
        Ok(())
    }

    #[test]
    fn the_first_problem_in_the_file_is_reported_duplicates_included() {
        let dup_first = "name,role,team,allocation\nAda,PO,A; B,\nBo,PM,B,\nada,Dev,B,\nCy,Dev,A,lots\n";
        assert!(message(roster(dup_first)).starts_with("r.csv:4: 'Ada' is listed twice on team 'B' (lines 2 and 4)"));
        let bad_first = "name,role,team,allocation\nAda,PO,A,lots\nBo,PM,B,\nbo,Dev,B,\n";
        assert!(message(roster(bad_first)).starts_with("r.csv:2: allocation 'lots'"));
        let two = "name,role,team\nAda,PO,A\nBo,PM,B\nbo,Dev,B\nADA,Dev,A\n";
        assert!(message(roster(two)).starts_with("r.csv:4: 'Bo' is listed twice on team 'B' (lines 3 and 4)"));
    }

    #[test]
    fn one_team_named_twice_in_a_cell_counts_once() -> Result<()> {
        let r = roster("name,role,team\nAda,PO,Alpha; alpha | ALPHA\n")?;
        assert_eq!(r.teams.len(), 1);
        assert_eq!(r.teams[0].members.len(), 1);
        Ok(())
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_and_nul_bytes_in_non_utf8_refused() -> Result<()> {
        let le: Vec<u8> = "name,role\nAda,PO\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let r = parse(&le, "r.csv", &ReadOptions::default())?;
        assert_eq!(r.people[0].name, "Ada");
        assert!(r.notes[0].contains("UTF-16LE"), "{:?}", r.notes);
        let msg = message(parse(b"name,role\n\x00\xff\xfe\x01", "r.csv", &ReadOptions::default()));
        assert!(msg.starts_with("r.csv: this is a binary file"), "{msg}");
        Ok(())
    }

    #[test]
    fn the_cell_limit_counts_utf16_units_and_joined_names() {
        let msg = message(roster(&format!("name,role\n{},PO\n", "😀".repeat(16_384))));
        assert!(msg.starts_with("r.csv:2: the name cell is longer than Excel's limit"), "{msg}");
        let msg = message(roster(&format!("first,last,role\n{0},{0},PO\n", "a".repeat(20_000))));
        assert!(msg.starts_with("r.csv:2: the name (first and last name together) is longer"), "{msg}");
    }

    #[test]
    fn messages_show_no_control_characters() {
        let msg = message(roster("Nom\x1b[31m,x\nAda,PO\n"));
        assert!(!msg.chars().any(char::is_control), "{msg:?}");
        let msg = message(roster(&format!("{},x\n", "h".repeat(500))));
        assert!(msg.len() < 400, "long header cells are cut: {msg}");
    }
}
