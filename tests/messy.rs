//! Messy rosters and broken templates through the CLI (issue #4). Every input under
//! tests/fixtures/messy gives a workbook, or exit 2 with one `raci: error: FILE:LINE: message (fix)`
//! line; on failure an existing output file is byte-for-byte unchanged and no temporary file
//! remains; nothing ever panics.

mod common;
#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use common::{FIRST_PERSON_COL, HEADER_ROW};

/// What an existing output file holds before a failing run; it must still hold it after.
const SENTINEL: &[u8] = b"an existing workbook the user cares about\n";

const MESSY: &str = "tests/fixtures/messy";

fn messy(name: &str) -> String {
    format!("{MESSY}/{name}")
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run raci in `dir`; whatever happens, no output may mention a panic or a backtrace.
fn raci_in<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("raci");
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("RUST_BACKTRACE").args(args);
    let out = cmd.output().expect("run raci");
    let run = Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked") && !text.contains("RUST_BACKTRACE"), "a panic:\n{text}");
        assert!(!text.to_lowercase().contains("backtrace"), "a backtrace:\n{text}");
    }
    run
}

/// Run raci from the crate root.
fn raci<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    raci_in(manifest_dir(), args)
}

/// stderr is notes (if any) and then exactly one error line holding every expected piece.
fn assert_one_error(stderr: &str, expected: &[&str]) {
    let lines: Vec<&str> = stderr.lines().collect();
    let Some((last, notes)) = lines.split_last() else { panic!("no error message") };
    assert!(last.starts_with("raci: error: "), "error line: {stderr}");
    assert!(notes.iter().all(|l| l.starts_with("raci: note: ")), "only notes before the error: {stderr}");
    for piece in expected {
        assert!(last.contains(piece), "expected {piece:?} in:\n{last}");
    }
    assert!(last.ends_with(')'), "the message ends with the fix in parentheses: {last}");
}

/// The output file still holds the sentinel, and it is the only file in its directory.
fn assert_untouched(dir: &Path, out: &Path) {
    assert_eq!(std::fs::read(out).expect("read output"), SENTINEL, "the existing output file changed");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected = out.file_name().map(|n| n.to_string_lossy().into_owned()).into_iter().collect::<Vec<_>>();
    assert_eq!(names, expected, "no temporary or partial file may remain");
}

/// A directory with an existing `out.xlsx` that holds the sentinel.
fn sentinel_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.xlsx");
    std::fs::write(&out, SENTINEL).expect("write sentinel");
    (dir, out)
}

/// `raci generate ROSTER -o out.xlsx ARGS` over an existing out.xlsx must fail cleanly: exit 2, one
/// error line with every expected piece, out.xlsx unchanged, no other file. `raci check` on the same
/// input must fail with the same line. Returns the error line.
fn fails(roster: &str, args: &[&str], expected: &[&str]) -> String {
    let (dir, out) = sentinel_dir();
    let mut generate: Vec<&OsStr> = vec!["generate".as_ref(), roster.as_ref(), "-o".as_ref(), out.as_os_str()];
    generate.extend(args.iter().map(OsStr::new));
    let run = raci(generate);
    assert_eq!(run.code, 2, "generate {roster}: exit code; stderr: {}", run.stderr);
    assert_one_error(&run.stderr, expected);
    assert_eq!(run.stdout, "", "nothing on stdout");
    assert_untouched(dir.path(), &out);

    let check = raci(["check", roster].iter().chain(args));
    assert_eq!(check.code, 2, "check {roster}: exit code; stderr: {}", check.stderr);
    assert_eq!(check.stderr.lines().last(), run.stderr.lines().last(), "check and generate say the same");
    run.stderr.lines().last().unwrap_or_default().to_string()
}

/// `raci generate` into a directory that holds an older out.xlsx: exit 0, the workbook replaces it.
fn generates(roster: &Path, args: &[&str]) -> (Run, Book) {
    let (dir, out) = sentinel_dir();
    let mut generate: Vec<&OsStr> = vec!["generate".as_ref(), roster.as_os_str(), "-o".as_ref(), out.as_os_str()];
    generate.extend(args.iter().map(OsStr::new));
    let run = raci(generate);
    assert_eq!(run.code, 0, "generate {}: {}", roster.display(), run.stderr);
    assert!(run.stdout.starts_with("wrote "), "{}", run.stdout);
    let bytes = std::fs::read(&out).expect("read workbook");
    assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx replaced the old file");
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("read dir").collect();
    assert_eq!(names.len(), 1, "no temporary file left after success");
    (run, Book { xlsx: open_workbook(&out).expect("the workbook opens"), _dir: dir })
}

struct Book {
    xlsx: Xlsx<std::io::BufReader<std::fs::File>>,
    _dir: tempfile::TempDir,
}

impl Book {
    fn sheet(&mut self, name: &str) -> calamine::Range<Data> {
        self.xlsx.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
    }

    /// The people across a team sheet's header row.
    fn people(&mut self, sheet: &str) -> Vec<String> {
        let range = self.sheet(sheet);
        let mut out = Vec::new();
        for col in FIRST_PERSON_COL.. {
            match range.get_value((HEADER_ROW, col)) {
                Some(Data::String(s)) if !common::ends_people(&range, col) => out.push(s.clone()),
                _ => return out,
            }
        }
        out
    }

    /// The roles row under the people.
    fn roles(&mut self, sheet: &str) -> Vec<String> {
        let n = self.people(sheet).len() as u32;
        let range = self.sheet(sheet);
        (0..n)
            .map(|c| range.get_value((HEADER_ROW + 1, FIRST_PERSON_COL + c)).map(|d| d.to_string()).unwrap_or_default())
            .collect()
    }
}

fn path(rel: &str) -> PathBuf {
    PathBuf::from(rel)
}

// ----------------------------------------------------------------- 1. encodings and dialects

#[test]
fn excel_in_a_german_locale_bom_semicolons_crlf_decimal_commas() {
    let (run, mut book) = generates(&path(&messy("excel-de.csv")), &[]);
    assert!(!run.stderr.contains("note"), "UTF-8 with a BOM needs no note: {}", run.stderr);
    assert_eq!(book.people("Zahlung"), ["Müller, Anna", "Weber, Stefan", "Schmidt, Jan", "Jörg Groß"]);
    assert_eq!(book.roles("Zahlung"), ["PO", "PM", "Eng", "UX"]);
}

#[test]
fn windows_1252_is_decoded_and_said_so_in_a_note() {
    let roster = messy("hr-export-1252.csv");
    let bytes = std::fs::read(&roster).expect("read fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is not UTF-8");
    let (run, mut book) = generates(&path(&roster), &[]);
    assert!(
        run.stderr.contains(&format!("raci: note: {roster}: not UTF-8; read as Windows-1252")),
        "note: {}",
        run.stderr
    );
    assert_eq!(book.people("Café"), ["José Núñez", "Jürgen Weiß", "Zoë O’Brien", "Renée €uro"]);
}

/// The German fixture's text in UTF-16: with a little- or big-endian BOM, or without a BOM.
#[test]
fn utf16_with_or_without_a_bom_is_decoded() {
    let text = std::fs::read_to_string(messy("excel-de.csv")).expect("read fixture");
    let text = text.trim_start_matches('\u{feff}');
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, note) in [
        ("utf16le.csv", [&b"\xFF\xFE"[..], &le].concat(), "read as UTF-16LE (from its byte-order mark)"),
        ("utf16be.csv", [&b"\xFE\xFF"[..], &be].concat(), "read as UTF-16BE (from its byte-order mark)"),
        ("utf16le-no-bom.csv", le.clone(), "read as UTF-16LE (from its zero bytes)"),
    ] {
        let roster = dir.path().join(name);
        std::fs::write(&roster, bytes).expect("write");
        let (run, mut book) = generates(&roster, &[]);
        assert!(run.stderr.contains(note), "{name}: {}", run.stderr);
        assert_eq!(book.people("Zahlung"), ["Müller, Anna", "Weber, Stefan", "Schmidt, Jan", "Jörg Groß"], "{name}");
    }
}

#[test]
fn broken_utf16_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A BOM, "name", then a high surrogate without its low half. (A file that only lost its last
    // byte is read, with a note: tests/hostile.rs.)
    let roster = dir.path().join("broken-utf16.csv");
    std::fs::write(&roster, b"\xFF\xFEn\x00a\x00m\x00e\x00\x00\xD8,\x00").expect("write");
    let roster = roster.to_str().expect("utf-8 path");
    fails(
        roster,
        &[],
        &[&format!("{roster}:1: the file looks like UTF-16LE"), "not valid UTF-16LE", "(save it again as CSV UTF-8)"],
    );
}

#[test]
fn tabs_stray_spaces_and_blank_lines() {
    let (_, mut book) = generates(&path(&messy("tabs.csv")), &[]);
    assert_eq!(book.people("Alpha"), ["Ada Lovelace", "Bob Bell", "Cy Cole"]);
    assert_eq!(book.roles("Alpha"), ["PO", "Eng", "PM"]);
}

#[test]
fn quoted_line_breaks_spaces_before_quotes_and_trailing_empty_columns() {
    let (_, mut book) = generates(&path(&messy("quoted-newlines.csv")), &[]);
    assert_eq!(book.people("Alpha"), ["Ada Lovelace", "Bob Bell", "Cy \"The Eye\" Cole"]);
    assert_eq!(book.roles("Alpha"), ["PO/PM", "Eng", "UX"]);
}

#[test]
fn the_delimiter_is_sniffed_from_the_header_or_forced() {
    let (_, mut book) = generates(&path(&messy("semicolon-header-commas.csv")), &[]);
    assert_eq!(book.people("Alpha"), ["Ada", "Bob"]);

    fails(
        &messy("pipes.csv"),
        &[],
        &[&format!("{}:1: no name column (columns found: name|role|team)", messy("pipes.csv")), "(add a column headed"],
    );
    let (_, mut book) = generates(&path(&messy("pipes.csv")), &["--delimiter", "|"]);
    assert_eq!(book.people("Alpha"), ["Ada", "Bob"]);

    let (_, mut book) = generates(&path(&messy("excel-de.csv")), &["-d", ";"]);
    assert_eq!(book.people("Zahlung").len(), 4);
    fails(&messy("excel-de.csv"), &["-d", ","], &[":1: no name column", "pass --delimiter ';'"]);
}

// ----------------------------------------------------------------- 2. clear errors

#[test]
fn empty_file_and_blank_lines_only() {
    for name in ["empty.csv", "blank-lines-only.csv"] {
        fails(&messy(name), &[], &[&format!("{}: the file is empty", messy(name)), "(put a header line first"]);
    }
}

#[test]
fn header_only() {
    fails(
        &messy("header-only.csv"),
        &[],
        &[
            &format!("{}:1: the roster has a header but no people", messy("header-only.csv")),
            "(add one line per person",
        ],
    );
}

#[test]
fn a_required_column_missing_lists_the_columns_found_and_the_accepted_names() {
    fails(
        &messy("missing-role-column.csv"),
        &[],
        &[
            &format!("{}:1: no role column (columns found: Name, Squad, Email)", messy("missing-role-column.csv")),
            "(add a column headed one of: role, roles, position, title",
        ],
    );
}

#[test]
fn empty_name_or_role() {
    fails(
        &messy("empty-name.csv"),
        &[],
        &[
            &format!("{}:3: the name is empty", messy("empty-name.csv")),
            "(fill in the person's name or delete the line)",
        ],
    );
    fails(
        &messy("empty-role.csv"),
        &[],
        &[&format!("{}:3: 'Bob' has no role", messy("empty-role.csv")), "(write a role such as PO"],
    );
}

#[test]
fn a_duplicate_person_names_both_lines() {
    // CRLF line ends and a blank line: the line numbers still match what an editor shows.
    fails(
        &messy("duplicate-person.csv"),
        &[],
        &[
            &format!(
                "{}:5: 'Ada Lovelace' is listed twice on team 'Alpha' (lines 2 and 5)",
                messy("duplicate-person.csv")
            ),
            "(merge the two lines into one",
        ],
    );
}

#[test]
fn ragged_rows() {
    fails(
        &messy("ragged-long.csv"),
        &[],
        &[
            &format!("{}:3: this row has 4 fields but the header on line 1 has 3", messy("ragged-long.csv")),
            "(quote fields that contain the delimiter ','",
        ],
    );
    fails(
        &messy("ragged-short.csv"),
        &[],
        &[
            &format!("{}:3: this row has 2 fields but the header on line 1 has 3", messy("ragged-short.csv")),
            "(add the missing fields",
        ],
    );
    fails(
        &messy("unclosed-quote.csv"),
        &[],
        &[
            &format!("{}:3: a quote opens a field on this line but is never closed", messy("unclosed-quote.csv")),
            "(close the quote",
        ],
    );
}

#[test]
fn a_workbook_passed_as_the_roster() {
    // A workbook is read as one (tests/sheets.rs); a broken one is refused with the fix.
    fails(
        &messy("workbook.xlsx.csv"),
        &[],
        &["this looks like a workbook (xlsx, ods or xls) but cannot be read as one", "CSV UTF-8"],
    );
}

#[test]
fn missing_file_directory_and_unreadable_file() {
    fails(
        &messy("no-such-roster.csv"),
        &[],
        &[&format!("{}: cannot read roster: ", messy("no-such-roster.csv")), "(check the path"],
    );
    fails(MESSY, &[], &[&format!("{MESSY}: is a directory, not a roster file"), "(name a .csv file)"]);
    // A path through a file: not a directory.
    let through = format!("{}/roster.csv", messy("tabs.csv"));
    fails(
        &through,
        &[],
        &[&format!("{through}: cannot read roster: "), "(check that the path names a readable CSV file)"],
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let roster = dir.path().join("locked.csv");
        std::fs::copy(messy("tabs.csv"), &roster).expect("copy");
        std::fs::set_permissions(&roster, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&roster).is_ok() {
            eprintln!("running as root: a mode-000 file is still readable; permission case skipped");
        } else {
            let roster = roster.to_str().expect("utf-8 path");
            fails(roster, &[], &[&format!("{roster}: cannot read roster: "), "(check the file's permissions)"]);
        }
    }
}

#[test]
fn output_directory_missing_or_not_a_directory() {
    let (dir, out) = sentinel_dir();
    let roster = messy("tabs.csv");
    let missing = dir.path().join("reports").join("raci.xlsx");
    let run = raci([OsStr::new("generate"), OsStr::new(&roster), OsStr::new("-o"), missing.as_os_str()]);
    assert_eq!(run.code, 2);
    assert_one_error(
        &run.stderr,
        &[
            &format!(
                "{}: the output directory '{}' does not exist",
                missing.display(),
                dir.path().join("reports").display()
            ),
            "(create the directory first",
        ],
    );
    let under_a_file = out.join("raci.xlsx");
    let run = raci([OsStr::new("generate"), OsStr::new(&roster), OsStr::new("-o"), under_a_file.as_os_str()]);
    assert_eq!(run.code, 2);
    assert_one_error(&run.stderr, &[&format!("the output directory '{}' is not a directory", out.display())]);
    assert_untouched(dir.path(), &out);
}

#[test]
fn the_output_path_equal_to_the_input_is_refused_and_the_roster_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read(messy("tabs.csv")).expect("read fixture");
    let roster = dir.path().join("team.xlsx");
    std::fs::write(&roster, &original).expect("write roster");
    let symlink = dir.path().join("link.xlsx");
    let hardlink = dir.path().join("hard.xlsx");
    std::fs::hard_link(&roster, &hardlink).expect("hard link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&roster, &symlink).expect("symlink");

    let mut outputs: Vec<Vec<&str>> = vec![
        vec!["-o", "team.xlsx"],
        vec!["-o", "./team.xlsx"],
        vec!["-o", "hard.xlsx"],
        vec![/* default: team.xlsx here */],
    ];
    if cfg!(unix) {
        outputs.push(vec!["-o", "link.xlsx"]);
    }
    for out in outputs {
        let run = raci_in(dir.path(), ["generate", "team.xlsx"].iter().chain(&out));
        assert_eq!(run.code, 2, "{out:?}: {}", run.stderr);
        assert_one_error(&run.stderr, &["the output is the roster itself", "raci never overwrites its input)"]);
        assert_eq!(std::fs::read(&roster).expect("read roster"), original, "{out:?}: the roster changed");
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = vec!["hard.xlsx", "team.xlsx"];
    if cfg!(unix) {
        expected.insert(1, "link.xlsx");
    }
    assert_eq!(names, expected, "no other file appeared");
}

// ----------------------------------------------------------------- 3. Excel's limits

#[test]
fn team_names_become_valid_distinct_sheet_names() {
    let roster = std::fs::read_to_string(messy("sheet-names.csv")).expect("read fixture");
    let teams: Vec<String> =
        roster.lines().skip(1).map(|l| l.splitn(3, ',').nth(2).expect("team").trim_matches('"').to_string()).collect();
    let (_, mut book) = generates(&path(&messy("sheet-names.csv")), &[]);
    let all = book.xlsx.sheet_names();
    assert_eq!(all.len(), teams.len() + 5, "a summary, one sheet per team, workload, findings, ids, roster: {all:?}");
    assert_eq!(&all[all.len() - 4..], ["Workload", "Findings", "_raci", "_raci_roster"]);
    let names = all[1..all.len() - 4].to_vec();
    let mut seen = std::collections::HashSet::new();
    for name in &all {
        assert!(!name.is_empty() && name.encode_utf16().count() <= 31, "{name:?}: 1 to 31 UTF-16 units");
        assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name:?}: no []:*?/\\");
        assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}: no apostrophe at either end");
        assert!(seen.insert(name.to_lowercase()), "{name:?}: distinct ignoring case in {names:?}");
    }
    // Each sheet is its team's: the title names the team in full.
    for (sheet, team) in names.iter().zip(&teams) {
        let range = book.sheet(sheet);
        assert_eq!(range.get_value((0, 0)), Some(&Data::String(format!("RACI: {team}"))), "sheet {sheet:?}");
    }
    // The two long names that share their first 31 characters got two sheets.
    assert_ne!(names[0], names[1]);
    assert!(names[0].starts_with("Platform Engineering") && names[1].starts_with("Platform Engineering"));
}

/// A team name whose apostrophe only shows after the spaces are trimmed: the sheet name must still
/// not start with one (Excel and rust_xlsxwriter refuse such a name).
#[test]
fn an_apostrophe_behind_spaces_is_trimmed_from_the_sheet_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("apostrophes.csv");
    std::fs::write(&roster, "name,role,team\nAda,PO,' 'Quoted\nBob,PO,Quoted' '\n").expect("write");
    let (_, book) = generates(&roster, &[]);
    for name in book.xlsx.sheet_names() {
        assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}");
    }
}

#[test]
fn a_cell_over_32767_characters_is_refused_with_its_line() {
    fails(
        &messy("long-cell.csv"),
        &[],
        &[
            &format!("{}:3: the name cell is longer than Excel's limit of 32767 characters", messy("long-cell.csv")),
            "(shorten it)",
        ],
    );
    // Excel counts UTF-16 units: 16,384 emoji are 32,768 of them.
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("emoji.csv");
    std::fs::write(&roster, format!("name,role,team\nAda,PO,{}\n", "😀".repeat(16_384))).expect("write");
    let roster = roster.to_str().expect("utf-8 path");
    fails(roster, &[], &[&format!("{roster}:2: the team cell is longer than Excel's limit")]);
}

/// A failure after the roster is read: each cell fits, but the sheet title "RACI: TEAM" would not.
/// Either the workbook copes (a later exporter may cut the title) or raci says which line to change;
/// in both cases nothing is half-written.
#[test]
fn a_team_name_that_overflows_a_derived_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("long-team.csv");
    std::fs::write(&roster, format!("name,role,team\nAda,PO,{}\n", "T".repeat(32_765))).expect("write");
    let roster_str = roster.to_str().expect("utf-8 path");
    let (out_dir, out) = sentinel_dir();
    let run = raci([OsStr::new("generate"), roster.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    match run.code {
        0 => {
            let mut book: Xlsx<_> = open_workbook(&out).expect("the workbook opens");
            assert_eq!(book.sheet_names().len(), 6, "summary, the team, workload, findings, ids, roster");
            let title = book.worksheet_range(&book.sheet_names()[1]).expect("team sheet");
            let Some(Data::String(title)) = title.get_value((0, 0)) else { panic!("no title") };
            assert!(title.starts_with("RACI: TTT") && title.encode_utf16().count() <= 32_767, "{}", title.len());
        }
        2 => {
            assert_one_error(
                &run.stderr,
                &[&format!("{roster_str}:2: the workbook would hold a cell longer than Excel's limit"), "(shorten it"],
            );
            assert_untouched(out_dir.path(), &out);
        }
        other => panic!("exit {other}: {}", run.stderr),
    }
}

#[test]
fn control_characters_are_replaced_so_the_workbook_opens() {
    let (_, mut book) = generates(&path(&messy("control-chars.csv")), &[]);
    assert_eq!(book.people("Alpha"), ["Ada Love lace", "Bob Bell", "Cy Cole"]);
    for sheet in book.xlsx.sheet_names() {
        let range = book.sheet(&sheet);
        for cell in range.used_cells() {
            if let (_, _, Data::String(s)) = cell {
                assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{sheet}: control character in {s:?}");
                assert!(!s.contains(['\u{FFFE}', '\u{FFFF}']), "{sheet}: noncharacter in {s:?}");
            }
        }
    }
}

/// OWASP CSV injection: text starting with = + - @ stays text. raci writes no CSV; in the workbook
/// every such cell is a string cell, never a formula.
#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let (_, mut book) = generates(&path(&messy("formulas.csv")), &[]);
    let expected = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)"];
    let range = book.sheet("Alpha");
    for (c, text) in expected.iter().enumerate() {
        assert_eq!(
            range.get_value((HEADER_ROW, FIRST_PERSON_COL + c as u32)),
            Some(&Data::String((*text).to_string())),
            "a string cell with the leading character kept"
        );
    }
    let sheet = book.xlsx.sheet_names().into_iter().find(|s| s.starts_with("=1+2")).expect("a sheet for team =1+2");
    let other = book.sheet(&sheet);
    assert_eq!(other.get_value((0, 0)), Some(&Data::String("RACI: =1+2".to_string())));
    assert_eq!(other.get_value((HEADER_ROW, FIRST_PERSON_COL)), Some(&Data::String("=cmd|' /C calc'!A0".to_string())));
    // The only formulas are raci's own self-checks, none holding roster text.
    for sheet in book.xlsx.sheet_names() {
        let formulas = book.xlsx.worksheet_formula(&sheet).expect("formulas");
        for (_, _, f) in formulas.used_cells().filter(|(_, _, f)| !f.is_empty()) {
            assert!(f.starts_with("COUNTIF(") || f.starts_with("IF(") || f.starts_with("(3*"), "{sheet}: {f}");
            assert!(!f.contains("cmd") && !f.contains("HYPERLINK") && !f.contains("SUM("), "{sheet}: {f}");
        }
    }
}

// ----------------------------------------------------------------- 4. nothing lost

/// `generate` under a file-size limit: writes past 4 KiB fail with EFBIG (SIGXFSZ is ignored, so
/// the write returns an error instead of killing the process). `tmpdir` is the process's TMPDIR.
#[cfg(unix)]
fn generate_under_a_file_size_limit(roster: &Path, out: &Path) -> (Option<i32>, String) {
    let script = r#"ulimit -f 8 && trap '' XFSZ && exec "$0" generate "$1" -o "$2""#;
    let output = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_raci")])
        .arg(roster)
        .arg(out)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run sh");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The write of the workbook fails halfway (an 8 KB file size limit): the old workbook stays, the
/// half-written temporary file is gone, and the error says so.
#[cfg(unix)]
fn assert_a_failed_write_changes_nothing(roster: &Path) {
    let (dir, out) = sentinel_dir();
    let (code, stderr) = generate_under_a_file_size_limit(roster, &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert_one_error(
        &stderr,
        &[&format!("{}: cannot write output: ", out.display()), "(nothing was changed at the output path"],
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_untouched(dir.path(), &out);
}

/// A small roster: the workbook built in memory by rust_xlsxwriter.
#[cfg(unix)]
#[test]
fn a_write_that_fails_halfway_leaves_the_existing_file_and_no_temporary_file() {
    assert_a_failed_write_changes_nothing(&manifest_dir().join("examples/scaleup.csv"));
}

/// A roster large enough (600 teams) for the workbook to be streamed into the zip as it is written.
#[cfg(unix)]
#[test]
fn a_streamed_write_that_fails_halfway_leaves_the_existing_file_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("large.csv");
    std::fs::write(&roster, generator::generate(6_000, 600, 1)).expect("write roster");
    assert_a_failed_write_changes_nothing(&roster);
}

#[cfg(unix)]
#[test]
fn a_replaced_workbook_keeps_the_old_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, out) = sentinel_dir();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = raci([OsStr::new("generate"), OsStr::new("examples/startup.csv"), OsStr::new("-o"), out.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::metadata(&out).expect("stat");
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert!(std::fs::read(&out).expect("read").starts_with(b"PK\x03\x04"));
    assert_eq!(std::fs::read_dir(dir.path()).expect("read dir").count(), 1, "no temporary file left");
}

// ----------------------------------------------------------------- 5. templates

#[test]
fn a_broken_template_names_file_line_and_fix() {
    let t = |name: &str| format!("{MESSY}/templates/{name}");
    let cases: &[(&str, &[&str])] = &[
        ("syntax.toml", &[":7: invalid template: ", "(fix this line; `raci templates export product-lifecycle`"]),
        ("unknown-key.toml", &[":10: invalid template: unknown field `acountable`", "`accountable`"]),
        ("unknown-role.toml", &[":10: unknown role 'prodct-owner'", "(did you mean 'product-owner'?"]),
        (
            "unknown-phase.toml",
            &[":9: activity 'plan' has unknown phase 'discovery'", "(use one of: planning, delivery)"],
        ),
        (
            "unknown-dependency.toml",
            &[":19: activity 'build' depends on unknown activity 'desing'", "template: build, plan)"],
        ),
        ("cycle.toml", &[":6: `depends_on` forms a cycle: plan -> build -> plan", "(remove one of these links"]),
        (
            "duplicate-id.toml",
            &[":14: activity id 'plan' is used twice (also on line 7)", "(give each activity its own id)"],
        ),
        (
            "empty-role.toml",
            &[":11: ' ' is not a role", "(write a role id such as product-owner, or remove the empty entry)"],
        ),
        ("bad-rule.toml", &[":7: max_accountable_share = NaN is not a share", "(write a number above 0"]),
    ];
    for (name, expected) in cases {
        let template = t(name);
        let line = fails("examples/startup.csv", &["--template", &template], expected);
        assert!(line.starts_with(&format!("raci: error: {template}:")), "{line}");
    }
}

// ----------------------------------------------------------------- all of it

/// Every roster the tests know, including ones written for other tests: a clean result or one
/// clean error, never a panic, never a touched output on failure.
#[test]
fn every_fixture_gives_a_workbook_or_one_clean_error() {
    let mut rosters: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures/messy", "examples"] {
        for entry in std::fs::read_dir(manifest_dir().join(dir)).expect("read dir") {
            let p = entry.expect("entry").path();
            if p.extension().is_some_and(|e| e == "csv") {
                rosters.push(p);
            }
        }
    }
    for entry in std::fs::read_dir(manifest_dir().join("tests/fixtures")).expect("read dir") {
        let p = entry.expect("entry").path().join("roster.csv");
        if p.is_file() {
            rosters.push(p);
        }
    }
    rosters.sort();
    assert!(rosters.len() > 20, "{rosters:?}");
    for roster in rosters {
        let (dir, out) = sentinel_dir();
        let run = raci([OsStr::new("generate"), roster.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
        match run.code {
            0 => {
                let book: Result<Xlsx<_>, _> = open_workbook(&out);
                assert!(book.is_ok(), "{}: the workbook opens", roster.display());
            }
            2 => {
                assert_one_error(&run.stderr, &[&roster.display().to_string()]);
                assert_untouched(dir.path(), &out);
            }
            other => panic!("{}: exit {other}: {}", roster.display(), run.stderr),
        }
        let check = raci([OsStr::new("check"), roster.as_os_str()]);
        assert!(matches!(check.code, 0..=2), "{}: check exit {}", roster.display(), check.code);
        if check.code == 2 {
            assert_one_error(&check.stderr, &[&roster.display().to_string()]);
        }
    }
}
