//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod edit;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use serde_json::Value;

/// The `raci` binary, run from the crate root.
pub fn raci() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("raci");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// Path of a file under tests/fixtures.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// Run `raci check --format json` with extra args; return (exit code, parsed JSON).
pub fn check_json(args: &[&str]) -> (i32, Value) {
    let out = raci().arg("check").args(args).args(["--format", "json"]).output().expect("run raci");
    let code = out.status.code().expect("exit code");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (code, json)
}

/// The findings with this code.
pub fn with_code<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    json["findings"].as_array().expect("findings array").iter().filter(|f| f["code"] == code).collect()
}

/// A string array as Vec<String>.
pub fn strings(value: &Value) -> Vec<String> {
    value.as_array().expect("array").iter().map(|v| v.as_str().expect("string").to_string()).collect()
}

/// A generated workbook, read back.
pub struct Book {
    pub xlsx: Xlsx<std::io::BufReader<std::fs::File>>,
}

impl Book {
    pub fn open(path: &Path) -> Self {
        Book { xlsx: open_workbook(path).expect("open xlsx") }
    }

    pub fn names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    pub fn sheet(&mut self, name: &str) -> Sheet {
        Sheet { range: self.xlsx.worksheet_range(name).expect("sheet") }
    }
}

/// One sheet of a generated workbook; knows the matrix layout.
pub struct Sheet {
    pub range: Range<Data>,
}

pub const HEADER_ROW: u32 = 2;
pub const FIRST_ACTIVITY_ROW: u32 = 5;
pub const FIRST_PERSON_COL: u32 = 2;

/// Whether `col` of a team sheet's header row is the `A` column that follows the people (then
/// `R` and `Check`).
pub fn ends_people(range: &Range<Data>, col: u32) -> bool {
    let at = |c: u32| match range.get_value((HEADER_ROW, c)) {
        Some(Data::String(s)) => s.as_str(),
        _ => "",
    };
    at(col) == "A" && at(col + 1) == "R" && at(col + 2) == "Check"
}

impl Sheet {
    pub fn text(&self, row: u32, col: u32) -> String {
        match self.range.get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// People across the header row.
    pub fn people(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut col = FIRST_PERSON_COL;
        loop {
            let name = self.text(HEADER_ROW, col);
            if name.is_empty() || ends_people(&self.range, col) {
                return out;
            }
            out.push(name);
            col += 1;
        }
    }

    /// Activity names down the matrix.
    pub fn activities(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut row = FIRST_ACTIVITY_ROW;
        loop {
            let name = self.text(row, 1);
            if name.is_empty() {
                return out;
            }
            out.push(name);
            row += 1;
        }
    }

    /// The letters of one activity (by name) for every person, in column order.
    pub fn row_of(&self, activity: &str) -> Vec<String> {
        let idx = self.activities().iter().position(|a| a == activity).unwrap_or_else(|| panic!("no row {activity}"));
        let row = FIRST_ACTIVITY_ROW + idx as u32;
        (0..self.people().len() as u32).map(|c| self.text(row, FIRST_PERSON_COL + c)).collect()
    }

    /// People whose cell on this activity contains an A.
    pub fn accountable(&self, activity: &str) -> Vec<String> {
        self.people()
            .into_iter()
            .zip(self.row_of(activity))
            .filter(|(_, letters)| letters.split('/').any(|l| l == "A"))
            .map(|(p, _)| p)
            .collect()
    }
}

/// Whether a program is on the PATH; tests that need one print that they skip when it is not.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Every part of an xlsx whose name starts with `prefix`, as text, joined.
pub fn zip_part_matching(xlsx: &Path, prefix: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("open")).expect("zip");
    let names: Vec<String> = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string())))
        .filter(|n| n.starts_with(prefix))
        .collect();
    let mut text = String::new();
    for name in names {
        zip.by_name(&name).expect("part").read_to_string(&mut text).expect("read");
    }
    text
}
