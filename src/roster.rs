//! Roster reading: encoding and delimiter sniffing, header aliases, multi-role and multi-team cells.
//! Every person and membership keeps the line it came from, so messages can point at `roster.csv:LINE`.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::error::{Error, Location, Result};
use crate::role::{self, ParsedRole, Role};

/// Excel refuses cells longer than this many characters.
pub const MAX_CELL_CHARS: usize = 32_767;

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
    /// The file as the user named it, for messages.
    pub source: String,
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
}

/// How to read a roster.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a delimiter instead of sniffing it from the header line.
    pub delimiter: Option<u8>,
}

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
enum Field {
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
struct Columns([Option<usize>; COLUMNS.len()]);

impl Columns {
    fn get(&self, field: Field) -> Option<usize> {
        self.0[field as usize]
    }

    fn contains(&self, field: Field) -> bool {
        self.get(field).is_some()
    }
}

/// Read a roster file.
pub fn load(path: &Path, options: &ReadOptions) -> Result<Roster> {
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
    parse(&bytes, &source, options)
}

/// Parse roster bytes; `source` names the input in messages. Never panics: anything that is not a
/// usable roster is an [`Error`] naming the file, the line when there is one, and the fix.
pub fn parse(bytes: &[u8], source: &str, options: &ReadOptions) -> Result<Roster> {
    let mut notes = Vec::new();
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
    let columns = map_header(&header, source, header_line, delimiter, &mut notes)?;
    // Trailing empty header cells (`name;role;team;;` from a spreadsheet) are not columns.
    let width = filled_width(&header);

    // Sized for one person per line up front: growing million-entry tables step by step costs more.
    let rows = text.bytes().filter(|&b| b == b'\n').count();
    let mut builder = Builder::new(source, columns.contains(Field::Team), rows);
    let mut rec = csv::StringRecord::new();
    // A refused row ends the reading; a person listed twice on a team on an earlier line is
    // reported first, as it comes first in the file.
    let mut rows = || -> Result<()> {
        while let Some(line) = read(&mut rec, &mut lines)? {
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
                let cell = clean(rec.get(idx).unwrap_or(""));
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
            };
            builder.add(row)?;
        }
        Ok(())
    };
    if let Err(e) = rows() {
        return Err(builder.first_duplicate().unwrap_or(e));
    }
    let (people, teams) = builder.finish(header_line)?;
    Ok(Roster { source: source.to_string(), people, teams, notes, has_reports_to: columns.contains(Field::ReportsTo) })
}

/// Number of fields up to the last non-empty one.
fn filled_width(rec: &csv::StringRecord) -> usize {
    (0..rec.len()).rev().find(|&i| rec.get(i).is_some_and(|f| !f.trim().is_empty())).map_or(0, |i| i + 1)
}

/// Whether text is longer than a cell holds. Excel counts UTF-16 code units: an emoji counts twice.
fn over_cell_limit(text: &str) -> bool {
    // UTF-8 never takes fewer bytes than UTF-16 takes units, so short text needs no count.
    text.len() > MAX_CELL_CHARS && text.encode_utf16().count() > MAX_CELL_CHARS
}

/// 1-based line numbers from byte offsets. The csv crate's own line count is off after CRLF line
/// ends and blank lines, so lines are counted here: `\n`, `\r\n` and a lone `\r` each end a line.
struct Lines<'t> {
    text: &'t [u8],
    /// Where the last count stopped, and the line there: records come in order, so each byte is
    /// counted once.
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { text: text.as_bytes(), at: 0, line: 1 }
    }

    /// The line a record starting at this byte offset is on. The reader reports a record as
    /// starting right after the previous one, before any line ends and blank lines it skipped.
    fn line_at(&mut self, offset: u64) -> u64 {
        let text = self.text;
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
        while at < text.len() && matches!(text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        let breaks = text[self.at..at]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && text.get(self.at + i + 1) != Some(&b'\n')))
            .count();
        self.line += breaks as u64;
        self.at = at;
        self.line
    }
}

/// Drop the spaces between a delimiter and an opening quote (`Ada, "PO, PM", Alpha`), which CSV
/// readers otherwise take as part of an unquoted field, so the quoted delimiter would split the
/// field. Refuse a quote that is never closed: it would swallow the rest of the file silently.
/// Mirrors the csv crate's rules: a quote opens a quoted field only at the start of a field, and
/// `""` inside a quoted field is a literal quote.
fn tidy_quotes<'t>(text: &'t str, delimiter: u8, source: &str) -> Result<Cow<'t, str>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        Start,
        Field,
        Quoted,
        AfterQuote,
    }
    if delimiter == b'"' {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let is_space = |b: u8| (b == b' ' || b == b'\t') && b != delimiter;
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut drops: Vec<(usize, usize)> = Vec::new();
    let mut state = State::Start;
    let (mut line, mut open_line) = (1u64, 0u64);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if state == State::Start && is_space(b) {
            let mut j = i;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            if bytes.get(j) == Some(&b'"') {
                drops.push((i, j));
            } else {
                state = State::Field;
            }
            i = j;
            continue;
        }
        state = match state {
            State::Start if b == b'"' => {
                open_line = line;
                State::Quoted
            }
            State::Start | State::Field | State::AfterQuote if ends_field(b) => State::Start,
            State::Start | State::Field => State::Field,
            State::Quoted if b == b'"' => State::AfterQuote,
            State::Quoted => State::Quoted,
            State::AfterQuote if b == b'"' => State::Quoted,
            State::AfterQuote => State::Field,
        };
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
        i += 1;
    }
    if state == State::Quoted {
        return Err(Error::roster(
            Location::line(source, open_line),
            "a quote opens a field on this line but is never closed, so the rest of the file would read as one field",
            "close the quote, or write a quote inside a quoted field as two (`\"\"`)",
        ));
    }
    if drops.is_empty() {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in drops {
        out.push_str(&text[from..start]);
        from = end;
    }
    out.push_str(&text[from..]);
    Ok(Cow::Owned(out))
}

fn column_name(field: Field) -> &'static str {
    COLUMNS.iter().find(|(f, ..)| *f == field).map_or("", |(_, name, _)| name)
}

fn csv_error(source: &str, lines: &mut Lines<'_>, e: &csv::Error) -> Error {
    let at = match e.position() {
        Some(p) => Location::line(source, lines.line_at(p.byte())),
        None => Location::file(source),
    };
    Error::roster(at, format!("cannot parse CSV: {e}"), "check the quoting on this line")
}

/// Characters a workbook cell cannot hold as text: control characters (a quoted line break too)
/// and the noncharacters U+FFFE and U+FFFF, which XML forbids.
fn unwritable(c: char) -> bool {
    c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Replace characters a workbook cannot hold with spaces and trim.
fn clean(cell: &str) -> Cow<'_, str> {
    let needs_replacing =
        if cell.is_ascii() { cell.bytes().any(|b| b < 0x20 || b == 0x7f) } else { cell.chars().any(unwritable) };
    if needs_replacing {
        // A quoted line break becomes one space: `"Ada\r\nLovelace"` reads `Ada Lovelace`.
        let replaced: String = cell.chars().map(|c| if unwritable(c) { ' ' } else { c }).collect();
        Cow::Owned(replaced.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(cell.trim())
    }
}

/// Decode the bytes: UTF-8 (BOM or not), UTF-16 with a BOM (or without one, when the zero bytes
/// show it), otherwise Windows-1252 with a note. Workbooks, UTF-32 and binary files are refused.
fn decode<'a>(bytes: &'a [u8], source: &str, notes: &mut Vec<String>) -> Result<Cow<'a, str>> {
    let save_as_csv = "save the sheet as CSV (File > Save As > CSV UTF-8) and pass that file";
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::roster(
            Location::file(source),
            "this looks like an xlsx/zip file, not a CSV roster",
            save_as_csv,
        ));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(Error::roster(
            Location::file(source),
            "this looks like an Excel 97-2003 (.xls) workbook, not a CSV roster",
            save_as_csv,
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|e| bad_utf8(source, rest, &e));
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(Error::roster(
            Location::file(source),
            "the file is UTF-32, which raci does not read",
            "save it again as CSV UTF-8",
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, bom_len) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        return decode_utf16(&bytes[bom_len..], encoding, source, "byte-order mark", notes);
    }
    if bytes.contains(&0) {
        if let Some(encoding) = utf16_without_bom(bytes) {
            return decode_utf16(bytes, encoding, source, "zero bytes", notes);
        }
        if std::str::from_utf8(bytes).is_err() {
            return Err(Error::roster(
                Location::file(source),
                "this is a binary file, not a CSV roster",
                "export the roster as CSV UTF-8",
            ));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    notes.push(format!(
        "{source}: not UTF-8; read as Windows-1252 (check accented names; save as CSV UTF-8 to be sure)"
    ));
    Ok(Cow::Owned(text.into_owned()))
}

fn decode_utf16<'a>(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    source: &str,
    evidence: &str,
    notes: &mut Vec<String>,
) -> Result<Cow<'a, str>> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::roster(
            Location::file(source),
            format!(
                "the file looks like {} (from its {evidence}) but is not valid {}",
                encoding.name(),
                encoding.name()
            ),
            "save it again as CSV UTF-8",
        ));
    }
    notes.push(format!("{source}: read as {} (from its {evidence})", encoding.name()));
    Ok(Cow::Owned(text.into_owned()))
}

/// UTF-16 without a byte-order mark, told by the zero high bytes of ASCII text: little-endian when
/// most odd bytes are zero, big-endian when most even ones are.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 2 >= pairs && even * 8 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 2 >= pairs && odd * 8 <= even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn bad_utf8(source: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Error {
    let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
    Error::roster(
        Location::line(source, line),
        "the file has a UTF-8 byte-order mark but invalid UTF-8 bytes",
        "save it again as CSV UTF-8",
    )
}

/// Pick `,` `;` or tab: whichever appears most in the header line outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.split(['\n', '\r']).find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let (best, count) = counts.iter().enumerate().max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i))).unwrap_or((0, &0));
    if *count == 0 { b',' } else { delimiters[best] }
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

fn map_header(
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

struct Row<'a> {
    line: u64,
    name: Cow<'a, str>,
    role: Cow<'a, str>,
    team: Cow<'a, str>,
    email: Cow<'a, str>,
    allocation: Cow<'a, str>,
    reports_to: Cow<'a, str>,
    template: Cow<'a, str>,
}

/// Accumulates rows into people and teams with indexes, so that adding a row costs O(roles + teams).
struct Builder<'s> {
    source: &'s str,
    has_team_column: bool,
    people: Vec<Person>,
    /// People by email (lowercase) or, without one, by [`push_identity`] of the name.
    person_index: KeyIndex,
    teams: Vec<Team>,
    /// Teams by [`push_identity`] of the name.
    team_index: FxHashMap<String, usize>,
    /// Role cell text -> its parsed roles.
    role_cache: FxHashMap<String, Arc<[ParsedRole]>>,
    /// Scratch space for identity keys, reused for every row.
    key: String,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str, has_team_column: bool, rows: usize) -> Self {
        Self {
            source,
            has_team_column,
            people: Vec::with_capacity(rows),
            person_index: KeyIndex::with_capacity(rows),
            teams: Vec::new(),
            team_index: FxHashMap::default(),
            role_cache: FxHashMap::default(),
            key: String::new(),
        }
    }

    fn at(&self, line: u64) -> Location {
        Location::line(self.source, line)
    }

    fn add(&mut self, row: Row<'_>) -> Result<()> {
        let line = row.line;
        if row.name.is_empty() {
            return Err(Error::roster(
                self.at(line),
                "the name is empty",
                "fill in the person's name or delete the line",
            ));
        }
        if row.role.is_empty() {
            return Err(Error::roster(
                self.at(line),
                format!("'{}' has no role", row.name),
                "write a role such as PO, PM, Engineer, Designer (several: `PO/PM`)",
            ));
        }
        let roles = self.roles(&row.role);
        if roles.is_empty() {
            return Err(Error::roster(
                self.at(line),
                format!("role '{}' of '{}' names no role", row.role, row.name),
                "write a role such as PO, PM, Engineer, Designer",
            ));
        }
        let allocation = parse_allocation(&row.allocation).map_err(|fix| {
            Error::roster(
                self.at(line),
                format!("allocation '{}' is not a share of a full-time person", row.allocation),
                fix,
            )
        })?;

        let from_source;
        let mut team_names: Vec<&str> = Vec::new();
        if self.has_team_column {
            for name in row.team.split([';', '|']).map(str::trim).filter(|t| !t.is_empty()) {
                // `Alpha; alpha` names one team once.
                if !team_names.iter().any(|n| same_identity(n, name)) {
                    team_names.push(name);
                }
            }
            if team_names.is_empty() {
                return Err(Error::roster(
                    self.at(line),
                    format!("'{}' has no team", row.name),
                    "fill in the team (several: `Alpha; Beta`) or remove the team column to make one team",
                ));
            }
        } else {
            from_source = team_name_from_source(self.source);
            team_names.push(&from_source);
        }

        let person = self.person(&row, allocation);
        for name in team_names {
            let team = self.team(name, line);
            if !row.template.is_empty() {
                match &self.teams[team].template {
                    Some(existing) if !existing.name.eq_ignore_ascii_case(&row.template) => {
                        return Err(Error::roster(
                            self.at(line),
                            format!(
                                "team '{}' is given template '{}' here but '{}' on line {}",
                                self.teams[team].name, row.template, existing.name, existing.line
                            ),
                            "give each team one template",
                        ));
                    }
                    Some(_) => {}
                    None => {
                        self.teams[team].template = Some(TemplateCell { name: row.template.to_string(), line });
                    }
                }
            }
            // The last team takes the roles themselves; earlier ones a copy (cheap: the texts are shared).
            self.teams[team].members.push(Member { person, roles: Arc::clone(&roles), line });
        }
        Ok(())
    }

    /// The roles of a role cell; a roster repeats few distinct cells, so each is parsed once.
    fn roles(&mut self, cell: &str) -> Arc<[ParsedRole]> {
        if let Some(roles) = self.role_cache.get(cell) {
            return Arc::clone(roles);
        }
        let roles: Arc<[ParsedRole]> = role::parse_cell(cell).into();
        self.role_cache.insert(cell.to_string(), Arc::clone(&roles));
        roles
    }

    fn person(&mut self, row: &Row<'_>, allocation: Option<f64>) -> usize {
        self.key.clear();
        if row.email.is_empty() {
            push_identity(&mut self.key, &row.name);
        } else {
            push_lowercase(&mut self.key, &row.email);
        }
        let hash = key_hash(&self.key);
        let people = &self.people;
        let key = self.key.as_str();
        if let Some(idx) = self.person_index.find(hash, |idx| person_key(&people[idx]).eq(key.chars())) {
            let person = &mut self.people[idx];
            if let Some(a) = allocation {
                person.allocation = Some(person.allocation.unwrap_or(0.0) + a);
            }
            if person.reports_to.is_none() && !row.reports_to.is_empty() {
                person.reports_to = Some(row.reports_to.to_string());
            }
            return idx;
        }
        let idx = self.people.len();
        self.people.push(Person {
            name: row.name.to_string(),
            email: (!row.email.is_empty()).then(|| row.email.to_string()),
            allocation,
            reports_to: (!row.reports_to.is_empty()).then(|| row.reports_to.to_string()),
            line: row.line,
        });
        self.person_index.insert(hash, idx);
        idx
    }

    fn team(&mut self, name: &str, line: u64) -> usize {
        self.key.clear();
        push_identity(&mut self.key, name);
        if let Some(&idx) = self.team_index.get(self.key.as_str()) {
            return idx;
        }
        let idx = self.teams.len();
        self.teams.push(Team { name: name.to_string(), members: Vec::new(), line, template: None });
        self.team_index.insert(self.key.clone(), idx);
        idx
    }

    /// The first person listed twice on one team, in line order. Checked team by team once the
    /// rows are read (or when a later row is refused): cheaper than a lookup per row in a table of
    /// every membership, and the same answer.
    fn first_duplicate(&self) -> Option<Error> {
        let mut best: Option<(u64, u64, usize, usize)> = None;
        let mut members: Vec<(usize, u64)> = Vec::new();
        for (t, team) in self.teams.iter().enumerate() {
            members.clear();
            members.extend(team.members.iter().map(|m| (m.person, m.line)));
            members.sort_unstable();
            for pair in members.windows(2) {
                if let [(person, first), (again, line)] = *pair
                    && person == again
                    && best.is_none_or(|b| (line, first, t) < (b.0, b.1, b.2))
                {
                    best = Some((line, first, t, person));
                }
            }
        }
        let (line, first, team, person) = best?;
        Some(Error::roster(
            self.at(line),
            format!(
                "'{}' is listed twice on team '{}' (lines {first} and {line})",
                self.people[person].name, self.teams[team].name
            ),
            "merge the two lines into one, with all the roles in one cell (e.g. `PO/PM`)",
        ))
    }

    fn finish(self, header_line: u64) -> Result<(Vec<Person>, Vec<Team>)> {
        if let Some(duplicate) = self.first_duplicate() {
            return Err(duplicate);
        }
        if self.people.is_empty() {
            return Err(Error::roster(
                self.at(header_line),
                "the roster has a header but no people",
                "add one line per person: name, role, team",
            ));
        }
        Ok((self.people, self.teams))
    }
}

/// Append the identity of a name to `out`: its words in lowercase, one space apart. Names with the
/// same identity name the same person or team (`Ada  LOVELACE` is `Ada Lovelace`).
pub fn push_identity(out: &mut String, name: &str) {
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_lowercase(out, word);
    }
}

/// Append text to `out` in lowercase (the common all-ASCII case without decoding characters).
pub fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// The characters of a name's [`push_identity`], without building it.
fn identity_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars().flat_map(char::to_lowercase)))
}

/// Whether two names have the same [`push_identity`], without building either.
fn same_identity(a: &str, b: &str) -> bool {
    identity_chars(a).eq(identity_chars(b))
}

/// The characters of the key a person is known by: the email in lowercase, else the name's identity.
fn person_key(person: &Person) -> impl Iterator<Item = char> + '_ {
    let (email, name) = match &person.email {
        Some(email) => (Some(email.chars().flat_map(char::to_lowercase)), None),
        None => (None, Some(identity_chars(&person.name))),
    };
    email.into_iter().flatten().chain(name.into_iter().flatten())
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// A hash index that stores positions in a vector with their hashes; keys are derived from the
/// items themselves, so no key is stored twice (a million-person roster would otherwise keep a
/// million key strings besides the people).
struct KeyIndex(hashbrown::HashTable<(u64, u32)>);

impl KeyIndex {
    fn with_capacity(n: usize) -> Self {
        KeyIndex(hashbrown::HashTable::with_capacity(n))
    }

    fn find(&self, hash: u64, mut is: impl FnMut(usize) -> bool) -> Option<usize> {
        self.0.find(hash, |&(h, idx)| h == hash && is(idx as usize)).map(|&(_, idx)| idx as usize)
    }

    fn insert(&mut self, hash: u64, idx: usize) {
        let idx = u32::try_from(idx).unwrap_or(u32::MAX);
        self.0.insert_unique(hash, (hash, idx), |&(h, _)| h);
    }
}

fn team_name_from_source(source: &str) -> String {
    Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "-")
        .unwrap_or("Team")
        .to_string()
}

/// `0.5`, `0,5`, `50%`, `50 %`; empty means not given. Err carries the fix.
fn parse_allocation(text: &str) -> std::result::Result<Option<f64>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (number, percent) = match text.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (text, false),
    };
    let value: f64 = number.replace(',', ".").parse().map_err(|_| "write a number such as 0.5 or 50%")?;
    let value = if percent { value / 100.0 } else { value };
    if !value.is_finite() || value <= 0.0 || value > 1.0 {
        return Err("write a share between 0 and 1 (0.5) or a percentage up to 100% (50%)");
    }
    Ok(Some(value))
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

    #[test]
    fn allocation_forms() {
        assert_eq!(parse_allocation("50%"), Ok(Some(0.5)));
        assert_eq!(parse_allocation("0,25"), Ok(Some(0.25)));
        assert_eq!(parse_allocation(""), Ok(None));
        assert!(parse_allocation("50").is_err());
        assert!(parse_allocation("NaN").is_err());
    }
}
