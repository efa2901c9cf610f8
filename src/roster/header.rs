//! The header line: which column holds which field, by the names spreadsheets and HR tools use.

use crate::error::{Error, Location, Result};

use super::clean;

/// The columns raci understands, with the header names accepted for each (normalised: lowercase
/// letters and digits only, `#` read as `number`), strongest first: when two columns name the same
/// field, the one in an earlier group is used and the other is ignored with a note; two in the same
/// group are refused. `--column FIELD=HEADER` picks a column explicitly.
const COLUMNS: &[(Field, &str, &[&[&str]])] = &[
    (
        Field::Name,
        "name",
        &[
            &[
                "name",
                "fullname",
                "employeename",
                "employeefullname",
                "workername",
                "membername",
                "personname",
                "teammember",
                "displayname",
                "vollstandigername",
                "mitarbeitername",
                "nomcomplet",
                "nombrecompleto",
                "nombreyapellidos",
            ],
            &[
                "person",
                "member",
                "employee",
                "worker",
                "who",
                "legalname",
                "resourcename",
                "staffname",
                "mitarbeiter",
                "collaborateur",
                "empleado",
            ],
        ],
    ),
    (
        Field::Role,
        "role",
        &[
            &["role", "roles", "jobrole", "teamrole", "racirole", "projectrole", "rolle", "rol"],
            &[
                "position",
                "title",
                "jobtitle",
                "businesstitle",
                "positiontitle",
                "function",
                "designation",
                "funktion",
                "stelle",
                "stellenbezeichnung",
                "berufsbezeichnung",
                "jobtitel",
                "poste",
                "fonction",
                "intituledeposte",
                "intituleduposte",
                "intitule",
                "libelledeposte",
                "libelleduposte",
                "nombredelpuesto",
                "titulodelpuesto",
                "puestodetrabajo",
                "titre",
                "puesto",
                "cargo",
                "funcion",
            ],
            &["jobprofile", "job"],
        ],
    ),
    (
        Field::Team,
        "team",
        &[
            &[
                "team",
                "teams",
                "squad",
                "squads",
                "teamname",
                "squadname",
                "productteam",
                "scrumteam",
                "agileteam",
                "equipe",
                "equipo",
            ],
            &["group", "product", "pod", "crew", "workstream"],
            &[
                "department",
                "dept",
                "departmentname",
                "supervisoryorganization",
                "orgunit",
                "abteilung",
                "departement",
                "departamento",
            ],
        ],
    ),
    (
        Field::Email,
        "email",
        &[
            &[
                "email",
                "mail",
                "emailaddress",
                "emails",
                "workemail",
                "workemailaddress",
                "businessemail",
                "emailwork",
                "emailprimarywork",
                "primaryworkemail",
                "companyemail",
                "corporateemail",
                "adresseemail",
                "courriel",
                "correo",
                "correoelectronico",
            ],
            &["personalemail", "privateemail", "homeemail", "emailpersonal", "emailhome"],
        ],
    ),
    (
        Field::Allocation,
        "allocation",
        &[
            &["allocation", "fte", "capacity", "alloc", "allocationpercent", "ftepercent"],
            &["workload", "utilization", "utilisation"],
        ],
    ),
    (
        Field::ReportsTo,
        "reports_to",
        &[
            &[
                "reportsto",
                "manager",
                "linemanager",
                "reportingto",
                "supervisor",
                "directmanager",
                "managername",
                "managersname",
                "supervisorname",
                "vorgesetzter",
                "vorgesetzte",
                "vorgesetzterin",
                "fuhrungskraft",
                "superieurhierarchique",
                "jefedirecto",
            ],
            &["manageremail", "supervisoremail", "reportstoemail"],
        ],
    ),
    (Field::Template, "template", &[&["template", "lifecycle", "racitemplate"]]),
    (
        Field::FirstName,
        "first name",
        &[&["firstname", "givenname", "forename", "first", "legalfirstname", "vorname", "prenom"]],
    ),
    (
        Field::LastName,
        "last name",
        &[&[
            "lastname",
            "surname",
            "familyname",
            "last",
            "legallastname",
            "nachname",
            "familienname",
            "nomdefamille",
            "apellido",
            "apellidos",
        ]],
    ),
];

/// Headers that group teams rather than name one (a tribe is a group of squads): never read as the
/// team unless `--column team=HEADER` says so.
const GROUPINGS: &[&str] = &["tribe", "tribes", "tribename", "division", "businessunit", "chapter", "guild", "area"];

/// A column picked on the command line: `--column team=Department`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPick {
    /// The field: `name`, `role`, `team`, `email`, `allocation`, `reports_to`, `template`,
    /// `first_name` or `last_name`.
    pub field: String,
    /// The header of the column, as written in the roster (case and punctuation ignored).
    pub header: String,
}

impl ColumnPick {
    /// Read `FIELD=HEADER`.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        match text.split_once('=') {
            Some((field, header)) if !field.trim().is_empty() && !header.trim().is_empty() => {
                Ok(ColumnPick { field: field.trim().to_string(), header: header.trim().to_string() })
            }
            _ => Err(format!("write FIELD=HEADER, e.g. team=Department; fields: {}", field_names())),
        }
    }
}

/// The field names `--column` accepts.
fn field_names() -> String {
    COLUMNS.iter().map(|(_, name, _)| name.replace(' ', "_")).collect::<Vec<_>>().join(", ")
}

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

/// A header as compared with the names above: lowercase letters and digits only, accents folded
/// (`Équipe` is `equipe`), text in parentheses dropped, `#` read as `number`.
pub(super) fn normalise_header(h: &str) -> String {
    crate::role::normalise(&h.replace('#', " number ")).replace(' ', "")
}

/// Headers whose meaning depends on the others: `Nom` is the last name beside a `Prénom` column
/// (and too ambiguous alone), `Nombre` the first name beside `Apellidos` (and the name alone).
const PAIRED: &[(&str, Field, Option<Field>)] =
    &[("nom", Field::LastName, None), ("nombre", Field::FirstName, Some(Field::Name))];

/// The field and group of a header, if it names one.
fn field_of(norm: &str) -> Option<(Field, usize)> {
    COLUMNS.iter().find_map(|(field, _, groups)| {
        groups.iter().position(|aliases| aliases.contains(&norm)).map(|rank| (*field, rank))
    })
}

/// How many header cells a message lists before "and N more".
const SHOWN_COLUMNS: usize = 20;

/// Whether a cell reads as this [`normalise_header`]ed header cell (a header line repeated).
pub(super) fn is_header_cell(cell: &str, normalised: &str) -> bool {
    // Most cells differ from the header already in their first ASCII letter: no allocation for them.
    if let Some(c) = cell.chars().find(|c| c.is_alphanumeric())
        && c.is_ascii()
        && normalised.as_bytes().first() != Some(&(c.to_ascii_lowercase() as u8))
    {
        return false;
    }
    normalise_header(cell) == normalised
}

/// The first [`SHOWN_COLUMNS`] of `total` cells, then "and N more".
fn listed(cells: impl Iterator<Item = String>, total: usize) -> String {
    let mut shown: Vec<String> = cells.take(SHOWN_COLUMNS).collect();
    if total > SHOWN_COLUMNS {
        shown.push(format!("and {} more", total - SHOWN_COLUMNS));
    }
    shown.join(", ")
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

/// The columns picked with `--column`, as (field, column position). An unknown field or a header
/// the roster does not have is refused with the list to choose from.
fn pick_columns(
    header: &csv::StringRecord,
    source: &str,
    line: u64,
    picks: &[ColumnPick],
) -> Result<Vec<(Field, usize)>> {
    let mut picked: Vec<(Field, usize)> = Vec::new();
    for pick in picks {
        let wanted = pick.field.to_ascii_lowercase().replace(['-', '_', ' '], "");
        let Some(&(field, ..)) = COLUMNS.iter().find(|(_, name, _)| name.replace(' ', "") == wanted) else {
            return Err(Error::usage(
                format!("--column {}={}: unknown field '{}'", pick.field, pick.header, pick.field),
                format!("fields: {}", field_names()),
            ));
        };
        let norm = normalise_header(&pick.header);
        let exact = header.iter().position(|h| h.trim().eq_ignore_ascii_case(pick.header.trim()));
        let Some(idx) = exact.or_else(|| header.iter().position(|h| !norm.is_empty() && normalise_header(h) == norm))
        else {
            let columns: Vec<String> = header.iter().filter(|h| !h.trim().is_empty()).map(shown).collect();
            return Err(Error::roster(
                Location::line(source, line),
                format!(
                    "--column {}={}: the roster has no column headed '{}'",
                    pick.field,
                    pick.header,
                    shown(&pick.header)
                ),
                format!("columns found: {}", columns.join(", ")),
            ));
        };
        if let Some(&(other, _)) = picked.iter().find(|(f, i)| *f == field || *i == idx) {
            return Err(Error::usage(
                format!("--column {}={}: {} is picked twice", pick.field, pick.header, column_name(other)),
                "pick each field and each column once",
            ));
        }
        picked.push((field, idx));
    }
    Ok(picked)
}

/// The first column whose header reads as `name` (case, spaces and punctuation aside).
pub(super) fn find_column(header: &csv::StringRecord, name: &str) -> Option<usize> {
    let wanted = normalise_header(name);
    header.iter().position(|h| !wanted.is_empty() && normalise_header(h) == wanted)
}

/// Whether a header cell names one of raci's own fields.
pub(super) fn is_field(header: &str) -> bool {
    field_of(&normalise_header(header)).is_some()
}

pub(super) fn map_header(
    header: &csv::StringRecord,
    source: &str,
    line: u64,
    delimiter: u8,
    picks: &[ColumnPick],
    notes: &mut Vec<String>,
) -> Result<Columns> {
    let mut found = Columns::default();
    // Per field: the group of the column found for it, and the lesser columns set aside.
    let mut rank = [usize::MAX; COLUMNS.len()];
    let mut set_aside: Vec<(Field, usize)> = Vec::new();
    let picked = pick_columns(header, source, line, picks)?;
    // The first few ignored cells, as shown in the note, and how many there are.
    let (mut ignored, mut ignored_count) = (Vec::new(), 0);
    let mut groupings = Vec::new();
    let normalised: Vec<String> = header.iter().map(normalise_header).collect();
    let has = |field: Field| normalised.iter().any(|n| field_of(n).is_some_and(|(f, _)| f == field));
    let paired = |norm: &str| -> Option<(Field, usize)> {
        let &(_, split, alone) = PAIRED.iter().find(|(n, ..)| *n == norm)?;
        let partner = if split == Field::LastName { Field::FirstName } else { Field::LastName };
        if has(partner) { Some((split, 0)) } else { alone.map(|f| (f, 1)) }
    };
    for (idx, raw) in header.iter().enumerate() {
        if let Some(&(field, _)) = picked.iter().find(|(_, col)| *col == idx) {
            found.0[field as usize] = Some(idx);
            continue;
        }
        let norm = &normalised[idx];
        let Some((field, this)) =
            field_of(norm).or_else(|| paired(norm)).filter(|(f, _)| !picked.iter().any(|(p, _)| p == f))
        else {
            if GROUPINGS.contains(&norm.as_str()) {
                groupings.push(shown(raw));
            } else if !raw.trim().is_empty() {
                if ignored.len() < SHOWN_COLUMNS {
                    ignored.push(shown(raw));
                }
                ignored_count += 1;
            }
            continue;
        };
        let slot = field as usize;
        match found.get(field) {
            Some(first) if this == rank[slot] => {
                return Err(Error::roster(
                    Location::line(source, line),
                    format!(
                        "columns '{}' and '{}' both mean {}",
                        shown(header.get(first).unwrap_or("")),
                        shown(raw),
                        column_name(field)
                    ),
                    format!(
                        "rename or remove one of them, or pick one with --column {}=HEADER",
                        column_name(field).replace(' ', "_")
                    ),
                ));
            }
            Some(_) if this > rank[slot] => set_aside.push((field, idx)),
            previous => {
                if let Some(first) = previous {
                    set_aside.push((field, first));
                }
                found.0[slot] = Some(idx);
                rank[slot] = this;
            }
        }
    }
    for (field, idx) in set_aside {
        let used = found.get(field).and_then(|i| header.get(i)).unwrap_or("");
        let name = column_name(field);
        notes.push(format!(
            "{source}:{line}: '{}' could be the {name} column too; using '{}' (pick another with --column {}=HEADER)",
            shown(header.get(idx).unwrap_or("")),
            shown(used),
            name.replace(' ', "_")
        ));
    }
    if let Some(idx) = found.get(Field::Team).filter(|_| rank[Field::Team as usize] == 2) {
        notes.push(format!(
            "{source}:{line}: reading '{}' as the team column, as the roster has no team or squad column; pick \
             another with --column team=HEADER",
            shown(header.get(idx).unwrap_or(""))
        ));
    }
    for grouping in groupings {
        notes.push(format!(
            "{source}:{line}: '{grouping}' groups teams (as a tribe groups squads) rather than naming one, so it is \
             not read as the team; pass --column team={grouping} to make each of them a team"
        ));
    }
    let split_name = found.contains(Field::FirstName) || found.contains(Field::LastName);
    for required in [Field::Name, Field::Role] {
        if !(found.contains(required) || (required == Field::Name && split_name)) {
            // A few of the names of each group, strongest first.
            let accepted: Vec<&str> = COLUMNS
                .iter()
                .find(|(f, ..)| *f == required)
                .map_or(Vec::new(), |(_, _, groups)| groups.iter().flat_map(|g| g.iter().take(2).copied()).collect());
            let pick = format!("or pick a column with --column {}=HEADER", column_name(required));
            let columns = listed(header.iter().map(shown), header.len());
            let mut fix = if required == Field::Name {
                format!(
                    "add a column headed one of: {} (or first name and last name columns), {pick}",
                    accepted.join(", ")
                )
            } else {
                format!("add a column headed one of: {}, {pick}", accepted.join(", "))
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
                format!("no {} column (columns found: {columns})", column_name(required)),
                fix,
            ));
        }
    }
    if ignored_count > 0 {
        notes.push(format!("{source}:{line}: ignored columns: {}", listed(ignored.into_iter(), ignored_count)));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(cells.to_vec())
    }

    /// (field, header of the column it is read from).
    type Found = Vec<(&'static str, String)>;

    /// The column each field was read from, and the notes.
    fn read(cells: &[&str], picks: &[&str]) -> Result<(Found, Vec<String>)> {
        let picks: Vec<ColumnPick> = picks.iter().map(|p| ColumnPick::parse(p).expect("FIELD=HEADER")).collect();
        let mut notes = Vec::new();
        let columns = map_header(&header(cells), "r.csv", 1, b',', &picks, &mut notes)?;
        let fields = COLUMNS
            .iter()
            .filter_map(|(field, name, _)| columns.get(*field).map(|i| (*name, cells[i].to_string())))
            .collect();
        Ok((fields, notes))
    }

    fn fields(cells: &[&str], picks: &[&str]) -> Found {
        read(cells, picks).expect("header reads").0
    }

    #[test]
    fn hr_exports_headers_are_read() {
        let workday = [
            "Employee ID",
            "Worker",
            "Business Title",
            "Job Profile",
            "Supervisory Organization",
            "Email - Work",
            "Manager",
            "FTE",
        ];
        assert_eq!(
            fields(&workday, &[]),
            [
                ("name", "Worker".to_string()),
                ("role", "Business Title".into()),
                ("team", "Supervisory Organization".into()),
                ("email", "Email - Work".into()),
                ("allocation", "FTE".into()),
                ("reports_to", "Manager".into()),
            ]
        );
        let bamboo = ["Employee #", "First Name", "Last Name", "Job Title", "Department", "Work Email", "Reports To"];
        assert_eq!(
            fields(&bamboo, &[]),
            [
                ("role", "Job Title".to_string()),
                ("team", "Department".into()),
                ("email", "Work Email".into()),
                ("reports_to", "Reports To".into()),
                ("first name", "First Name".into()),
                ("last name", "Last Name".into()),
            ]
        );
        assert_eq!(fields(&["Employee Name", "Title", "Squad"], &[])[0], ("name", "Employee Name".to_string()));
        assert_eq!(fields(&["Full Name", "Role"], &[])[0], ("name", "Full Name".to_string()));
    }

    #[test]
    fn a_stronger_header_wins_with_a_note_and_equals_are_refused() {
        let (found, notes) = read(&["Name", "Role", "Job Title", "Team", "Department"], &[]).expect("reads");
        assert_eq!(found[1], ("role", "Role".to_string()));
        assert_eq!(found[2], ("team", "Team".to_string()));
        assert!(
            notes.iter().any(|n| n.contains("'Job Title' could be the role column too; using 'Role'")),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.contains("'Department' could be the team column too")), "{notes:?}");
        let err = read(&["Name", "Role", "Team", "Squad"], &[]).map(|_| ()).map_err(|e| e.to_string());
        let Err(message) = err else { panic!("two team columns are refused") };
        assert!(message.contains("columns 'Team' and 'Squad' both mean team"), "{message}");
        assert!(message.contains("--column team=HEADER"), "{message}");
    }

    #[test]
    fn a_department_read_as_the_team_and_a_tribe_not_read_are_said() {
        let (found, notes) = read(&["Name", "Role", "Department"], &[]).expect("reads");
        assert_eq!(found[2], ("team", "Department".to_string()));
        assert!(notes.iter().any(|n| n.contains("reading 'Department' as the team column")), "{notes:?}");
        let (found, notes) = read(&["Name", "Role", "Squad", "Tribe"], &[]).expect("reads");
        assert_eq!(found[2], ("team", "Squad".to_string()));
        assert!(notes.iter().any(|n| n.contains("'Tribe' groups teams")), "{notes:?}");
        assert!(notes.iter().all(|n| !n.contains("ignored columns")), "{notes:?}");
    }

    #[test]
    fn column_picks_override_the_guess() {
        let cells = ["Name", "Role", "Business Title", "Team", "Department", "Tribe"];
        let (found, notes) = read(&cells, &["team=department", "role=Business Title"]).expect("reads");
        assert_eq!(found[1], ("role", "Business Title".to_string()));
        assert_eq!(found[2], ("team", "Department".to_string()));
        assert!(notes.iter().any(|n| n.contains("ignored columns: Role, Team")), "{notes:?}");
        assert_eq!(fields(&cells, &["team=Tribe"])[2], ("team", "Tribe".to_string()));
        assert_eq!(fields(&["Nom", "Rôle"], &["name=nom", "role=RÔLE"]).len(), 2);
    }

    #[test]
    fn german_french_and_spanish_exports_are_read() {
        let personio = ["ID", "Vorname", "Nachname", "E-Mail", "Position", "Abteilung", "Team", "Vorgesetzte:r"];
        let found = fields(&personio, &[]);
        assert_eq!(
            found.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["role", "team", "email", "reports_to", "first name", "last name"]
        );
        assert_eq!(found[1], ("team", "Team".to_string()));
        let french = fields(&["Prénom", "Nom", "Poste", "Équipe", "Courriel"], &[]);
        assert_eq!(
            french.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["role", "team", "email", "first name", "last name"]
        );
        let spanish = fields(&["Nombre", "Apellidos", "Puesto", "Equipo", "Correo electrónico"], &[]);
        assert_eq!(spanish[3], ("first name", "Nombre".to_string()));
        assert_eq!(fields(&["Nombre", "Cargo"], &[])[0], ("name", "Nombre".to_string()));
        // Job-title headers as French and Spanish HR tools write them.
        for title in ["Intitulé du poste", "Intitulé de poste", "Libellé du poste", "Nombre del puesto"] {
            let found = fields(&["Nom complet", title, "Équipe"], &[]);
            assert_eq!(found[1], ("role", title.to_string()), "{title}");
        }
        // `Nom` alone may be the surname or the name: not guessed.
        assert!(read(&["Nom", "Rôle"], &[]).is_err());
    }

    #[test]
    fn a_wrong_pick_names_the_choices() {
        let message = |picks: &[&str]| match read(&["Name", "Role", "Team"], picks) {
            Ok(_) => panic!("{picks:?} should be refused"),
            Err(e) => e.to_string(),
        };
        let unknown = message(&["squad=Team"]);
        assert!(unknown.contains("unknown field 'squad'") && unknown.contains("fields: name, role, team"), "{unknown}");
        let missing = message(&["team=Department"]);
        assert!(missing.starts_with("r.csv:1: --column team=Department: the roster has no column headed 'Department'"));
        assert!(missing.contains("columns found: Name, Role, Team"), "{missing}");
        assert!(message(&["team=Team", "role=Team"]).contains("picked twice"));
        assert!(ColumnPick::parse("team").is_err());
    }
}
