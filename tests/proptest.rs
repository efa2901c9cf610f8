//! Property tests (issue #4): arbitrary bytes into the roster and template loaders give a value or
//! a clean error, never a panic; any valid roster reads the same in every dialect (delimiter, BOM,
//! CRLF, UTF-16, Windows-1252, blank lines, stray spaces); and its workbook reads back (calamine)
//! with the same assignments as the matrix.

use calamine::{Data, Reader, Xlsx, open_workbook};
use proptest::prelude::*;

use raci::roster::{self, ReadOptions, Roster};
use raci::{Analysis, Options};

const HEADER_ROW: u32 = 2;
const FIRST_ACTIVITY_ROW: u32 = 5;
const FIRST_PERSON_COL: u32 = 2;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A roster error is one line naming the file, free of control characters (no terminal escapes
/// from the input), with the fix in parentheses at the end.
fn assert_clean_error(result: &raci::Result<Roster>, source: &str) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        let msg = e.to_string();
        prop_assert!(msg.starts_with(source), "names the file: {msg}");
        prop_assert!(!msg.chars().any(char::is_control), "no control characters: {msg:?}");
        prop_assert!(msg.ends_with(')'), "ends with the fix: {msg}");
    }
    Ok(())
}

/// Files others might hand raci, to corrupt.
const SEEDS: &[&[u8]] = &[
    include_bytes!("../examples/excel-export.csv"),
    include_bytes!("../examples/scaleup.csv"),
    include_bytes!("fixtures/messy/excel-de.csv"),
    include_bytes!("fixtures/messy/hr-export-1252.csv"),
    include_bytes!("fixtures/messy/quoted-newlines.csv"),
    include_bytes!("fixtures/messy/tabs.csv"),
    include_bytes!("fixtures/messy/formulas.csv"),
    include_bytes!("fixtures/messy/control-chars.csv"),
];

/// One edit to a file: at a position (a fraction of the length), delete, insert or replace bytes.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, Vec<u8>),
    Replace(f64, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    let interesting =
        prop::sample::select(vec![b'"', b',', b';', b'\t', b'\r', b'\n', b' ', 0u8, 0xFF, 0xC3, b'=', b'|']);
    prop_oneof![
        (at.clone(), 1..8usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (at.clone(), prop::collection::vec(prop_oneof![interesting.clone(), any::<u8>()], 1..6))
            .prop_map(|(p, b)| Edit::Insert(p, b)),
        (at, prop_oneof![interesting, any::<u8>()]).prop_map(|(p, b)| Edit::Replace(p, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let pos = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match e {
            Edit::Delete(p, n) => {
                let at = pos(*p, bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Insert(p, ins) => {
                let at = pos(*p, bytes.len());
                bytes.splice(at..at, ins.iter().copied());
            }
            Edit::Replace(p, b) => {
                if !bytes.is_empty() {
                    let at = pos(*p, bytes.len()).min(bytes.len() - 1);
                    bytes[at] = *b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_give_a_roster_or_a_clean_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for delimiter in [None, Some(b','), Some(b';'), Some(b'\t'), Some(b'"'), Some(b'\n')] {
            let result = roster::parse(&bytes, "r.csv", &ReadOptions { delimiter, ..ReadOptions::default() });
            assert_clean_error(&result, "r.csv")?;
        }
    }

    #[test]
    fn csv_like_text_gives_a_roster_or_a_clean_error(
        header in prop::sample::select(vec!["name,role,team", "Full Name;Job Title;Squad;FTE", "first\tlast\trole", "name,role", "name,role,team,email,allocation,reports_to,template"]),
        body in "[a-zA-Z0-9 ,;\t\"\r\n=+@%.|/éß€😀-]{0,200}",
    ) {
        let text = format!("{header}\n{body}");
        let result = roster::parse(text.as_bytes(), "r.csv", &ReadOptions::default());
        assert_clean_error(&result, "r.csv")?;
    }

    #[test]
    fn corrupted_rosters_give_a_roster_or_a_clean_error(
        seed in prop::sample::select(SEEDS.to_vec()),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let bytes = apply(seed.to_vec(), &edits);
        let result = roster::parse(&bytes, "r.csv", &ReadOptions::default());
        assert_clean_error(&result, "r.csv")?;
    }

    #[test]
    fn arbitrary_text_gives_a_template_or_an_error(text in "\\PC{0,300}") {
        let _ = raci::template::parse(&text, "t.toml");
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Edits to a real template reach the validator (unknown roles and ids, cycles, duplicates).
    #[test]
    fn corrupted_templates_give_a_template_or_an_error_naming_the_file(
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let text = include_str!("fixtures/handoff-gap/template.toml");
        let bytes = apply(text.as_bytes().to_vec(), &edits);
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = raci::template::parse(&text, "t.toml") {
            prop_assert!(e.to_string().starts_with("t.toml"), "{e}");
        }
    }
}

// ------------------------------------------------------------------ valid rosters

/// A generated roster: people (unique names) and teams (unique names), each team a list of
/// (person, role cell).
#[derive(Debug, Clone)]
struct Spec {
    people: Vec<String>,
    teams: Vec<(String, Vec<(usize, String)>)>,
}

const ROLES: &[&str] = &[
    "PO",
    "PM",
    "PO/PM",
    "Product Owner",
    "Engineer",
    "Senior Software Engineer",
    "Designer",
    "QA",
    "Scrum Master",
    "Tech Lead",
    "Stakeholder",
    "Data Analyst",
];

fn spec() -> impl Strategy<Value = Spec> {
    // Names: letters, accents, emoji, spaces, quotes, commas and the characters that start
    // formulas; a unique number keeps them apart. Team names hold no comma: it separates teams.
    let name = "[=+@-]?[A-Za-zÀ-ÿ'\",. 😀]{0,10}";
    let team = "[=+@'-]?[A-Za-z0-9 \\[\\]:*?/\\\\'\"À-ÿ]{0,40}";
    (prop::collection::vec(name, 1..10), prop::collection::vec(team, 1..4)).prop_flat_map(|(names, teams)| {
        let people: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("{}{i}", n.trim())).collect();
        let n = people.len();
        let teams: Vec<String> = teams.iter().enumerate().map(|(i, t)| format!("{}{i}", t.trim())).collect();
        let members = prop::collection::vec(
            (
                prop::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n.min(6)),
                prop::collection::vec(prop::sample::select(ROLES), 6),
            ),
            teams.len(),
        );
        (Just(people), Just(teams), members).prop_map(|(people, teams, members)| Spec {
            people,
            teams: teams
                .into_iter()
                .zip(members)
                .map(|(t, (who, roles))| (t, who.into_iter().zip(roles).map(|(p, r)| (p, r.to_string())).collect()))
                .collect(),
        })
    })
}

/// How a roster file is written.
#[derive(Debug, Clone)]
struct Dialect {
    delimiter: u8,
    bom: bool,
    crlf: bool,
    blank_lines: bool,
    spaces: bool,
    encoding: u8,
}

fn dialect() -> impl Strategy<Value = Dialect> {
    (prop::sample::select(vec![b',', b';', b'\t']), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0..4u8)
        .prop_map(|(delimiter, bom, crlf, blank_lines, spaces, encoding)| Dialect {
            delimiter,
            bom,
            crlf,
            blank_lines,
            spaces,
            encoding,
        })
}

fn write_csv(spec: &Spec, d: &Dialect) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(d.delimiter)
        .terminator(if d.crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
        .from_writer(Vec::new());
    // Team first, so that a quoted name or team follows a delimiter (and, with `spaces`, a space).
    w.write_record(["team", "name", "role"]).expect("write header");
    for (team, members) in &spec.teams {
        for (p, role) in members {
            w.write_record([team, spec.people[*p].as_str(), role]).expect("write row");
        }
    }
    let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
    let eol = if d.crlf { "\r\n" } else { "\n" };
    let sep = char::from(d.delimiter);
    let mut out = String::new();
    for line in text.split_inclusive(eol) {
        let line = if d.spaces && d.delimiter != b' ' {
            // A space at the line start and after each delimiter outside quotes.
            let mut spaced = String::with_capacity(line.len() + 8);
            spaced.push(' ');
            let mut quoted = false;
            for c in line.chars() {
                if c == '"' {
                    quoted = !quoted;
                }
                spaced.push(c);
                if c == sep && !quoted {
                    spaced.push(' ');
                }
            }
            spaced
        } else {
            line.to_string()
        };
        out.push_str(&line);
        if d.blank_lines {
            out.push_str(eol);
        }
    }
    match d.encoding {
        1 => [&b"\xFF\xFE"[..], &out.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat(),
        2 => [&b"\xFE\xFF"[..], &out.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat(),
        3 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&out);
            if unmappable || std::str::from_utf8(&bytes).is_ok_and(|t| t != out) {
                out.into_bytes()
            } else {
                bytes.into_owned()
            }
        }
        _ if d.bom => [&b"\xEF\xBB\xBF"[..], out.as_bytes()].concat(),
        _ => out.into_bytes(),
    }
}

/// (team, [(person name, role cell)]) as the roster reads.
fn shape(r: &Roster) -> Vec<(String, Vec<(String, String)>)> {
    r.teams
        .iter()
        .map(|t| {
            let members = t
                .members
                .iter()
                .map(|m| {
                    (
                        r.people[m.person].name.clone(),
                        m.roles.iter().map(|p| p.role.id().to_string()).collect::<Vec<_>>().join("/"),
                    )
                })
                .collect();
            (t.name.clone(), members)
        })
        .collect()
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("({row}, {col}) is not a string cell: {other:?}"),
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn every_dialect_reads_as_the_same_roster(spec in spec(), d in dialect()) {
        let plain = roster::parse(&write_csv(&spec, &Dialect { delimiter: b',', bom: false, crlf: false, blank_lines: false, spaces: false, encoding: 0 }), "r.csv", &ReadOptions::default());
        let plain = plain.map_err(|e| TestCaseError::fail(format!("plain: {e}")))?;
        let expected: Vec<(String, Vec<String>)> = spec.teams.iter().map(|(t, m)| (t.clone(), m.iter().map(|(p, _)| spec.people[*p].clone()).collect())).collect();
        let got: Vec<(String, Vec<String>)> = shape(&plain).into_iter().map(|(t, m)| (t, m.into_iter().map(|(p, _)| p).collect())).collect();
        prop_assert_eq!(got, expected);

        let bytes = write_csv(&spec, &d);
        let messy = roster::parse(&bytes, "r.csv", &ReadOptions::default()).map_err(|e| TestCaseError::fail(format!("{d:?}: {e}")))?;
        prop_assert_eq!(shape(&messy), shape(&plain), "{:?}", d);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// For any roster and bundled template: the workbook shows the matrix, and checking the
    /// workbook gives the findings of checking the roster.
    #[test]
    fn workbooks_read_back_with_the_same_assignments(
        spec in spec(),
        template in prop_oneof![Just("product-lifecycle"), Just("scrum"), Just("safe"), Just("startup")],
    ) {
        let bytes = write_csv(&spec, &Dialect { delimiter: b',', bom: false, crlf: false, blank_lines: false, spaces: false, encoding: 0 });
        let roster = roster::parse(&bytes, "r.csv", &ReadOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let options = Options { template: Some(template.to_string()), ..Options::default() };
        let analysis = Analysis::from_roster(roster, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let xlsx = raci::export::xlsx::render(&analysis.view(), &analysis.findings, &Default::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("raci.xlsx");
            std::fs::write(&path, &xlsx).expect("write");
            let mut book: Xlsx<_> = open_workbook(&path).expect("the workbook opens");

            let names = raci::export::xlsx::sheet_names(analysis.roster.teams.iter().map(|t| t.name.as_str()));
            prop_assert_eq!(book.sheet_names().len(), names.len() + 5);
            for (t, tm) in analysis.matrix.teams.iter().enumerate() {
                let team = &analysis.roster.teams[tm.team];
                let range = book.worksheet_range(&names[t]).expect("team sheet");
                prop_assert_eq!(text(&range, 0, 0), format!("RACI: {}", team.name));
                for (m, member) in team.members.iter().enumerate() {
                    prop_assert_eq!(text(&range, HEADER_ROW, FIRST_PERSON_COL + m as u32), analysis.roster.people[member.person].name.clone());
                }
                let activities = analysis.templates[tm.template].activities.len();
                for a in 0..activities {
                    for m in 0..team.members.len() {
                        let want = tm.cell(a, m).letters.to_string();
                        let got = text(&range, FIRST_ACTIVITY_ROW + a as u32, FIRST_PERSON_COL + m as u32);
                        prop_assert_eq!(got, want, "team {} activity {} member {}", t, a, m);
                    }
                }
            }
        }
        // Checking the workbook gives the findings of checking the roster.
        let back = raci::import::load(&xlsx, "raci.xlsx").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let essence = |findings: &[raci::check::Finding]| -> Vec<String> {
            findings
                .iter()
                .map(|f| format!("{} {} {:?} {:?} {:?} {}", f.severity, f.code, f.team, f.activities, f.people, f.message))
                .collect()
        };
        prop_assert_eq!(essence(&back.findings), essence(&analysis.findings));
        prop_assert_eq!(back.matrix.teams.len(), analysis.matrix.teams.len());
        for (b, a) in back.matrix.teams.iter().zip(&analysis.matrix.teams) {
            prop_assert_eq!(&b.cells, &a.cells);
        }
    }
}
