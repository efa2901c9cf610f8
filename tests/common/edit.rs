//! Edit a workbook as a person would, for tests: every sheet's values are read with calamine, changed
//! (a letter typed, a column moved, a row inserted, a sheet renamed) and written again with
//! rust_xlsxwriter, the hidden sheets staying hidden. Styles and formulas are not kept: what raci
//! reads back is the values, as Excel saves them.

use std::path::Path;

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook};

/// A workbook's sheets as grids of values.
pub struct Edit {
    pub sheets: Vec<(String, bool, Vec<Vec<Data>>)>,
}

/// `D7` -> (6, 3).
pub fn cell(name: &str) -> (usize, usize) {
    let letters: String = name.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: usize = name[letters.len()..].parse().expect("row number");
    let col = letters.bytes().fold(0usize, |acc, b| acc * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    (row - 1, col)
}

/// (6, 3) -> `D7`.
pub fn name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

impl Edit {
    pub fn open(path: &Path) -> Self {
        let mut xlsx: Xlsx<_> = open_workbook(path).expect("open workbook");
        let meta: Vec<(String, bool)> =
            xlsx.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible != SheetVisible::Visible)).collect();
        let sheets = meta
            .into_iter()
            .map(|(name, hidden)| {
                let range = xlsx.worksheet_range(&name).expect("sheet");
                let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
                let grid = (0..rows)
                    .map(|r| {
                        (0..cols)
                            .map(|c| range.get_value((r as u32, c as u32)).cloned().unwrap_or(Data::Empty))
                            .collect()
                    })
                    .collect();
                (name, hidden, grid)
            })
            .collect();
        Edit { sheets }
    }

    fn grid(&mut self, sheet: &str) -> &mut Vec<Vec<Data>> {
        &mut self.sheets.iter_mut().find(|(n, _, _)| n == sheet).unwrap_or_else(|| panic!("no sheet {sheet}")).2
    }

    /// The text of a cell.
    pub fn get(&mut self, sheet: &str, at: &str) -> String {
        let (r, c) = cell(at);
        self.grid(sheet).get(r).and_then(|row| row.get(c)).map_or(String::new(), |d| d.to_string())
    }

    /// Type text into a cell (empty text clears it).
    pub fn set(&mut self, sheet: &str, at: &str, text: &str) -> &mut Self {
        let (r, c) = cell(at);
        let grid = self.grid(sheet);
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        if grid[r].len() <= c {
            grid[r].resize(c + 1, Data::Empty);
        }
        grid[r][c] = if text.is_empty() { Data::Empty } else { Data::String(text.to_string()) };
        self
    }

    /// Swap two columns (0-based) of a sheet, every row.
    pub fn swap_columns(&mut self, sheet: &str, a: usize, b: usize) -> &mut Self {
        for row in self.grid(sheet) {
            let width = a.max(b) + 1;
            if row.len() < width {
                row.resize(width, Data::Empty);
            }
            row.swap(a, b);
        }
        self
    }

    /// Insert an empty row before 0-based row `at`.
    pub fn insert_row(&mut self, sheet: &str, at: usize) -> &mut Self {
        self.grid(sheet).insert(at, Vec::new());
        self
    }

    /// Delete 0-based row `at`.
    pub fn delete_row(&mut self, sheet: &str, at: usize) -> &mut Self {
        self.grid(sheet).remove(at);
        self
    }

    /// Delete 0-based column `at`.
    pub fn delete_column(&mut self, sheet: &str, at: usize) -> &mut Self {
        for row in self.grid(sheet) {
            if row.len() > at {
                row.remove(at);
            }
        }
        self
    }

    /// Rename a sheet.
    pub fn rename(&mut self, from: &str, to: &str) -> &mut Self {
        let entry = self.sheets.iter_mut().find(|(n, _, _)| n == from).expect("sheet to rename");
        entry.0 = to.to_string();
        self
    }

    /// Write the workbook.
    pub fn save(&self, path: &Path) {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (name, hidden, grid) in &self.sheets {
            let ws = book.add_worksheet();
            ws.set_name(name).expect("sheet name");
            for (r, row) in grid.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match value {
                        Data::Empty => {}
                        Data::String(s) => drop(ws.write_string(r, c, s)),
                        Data::Float(f) => drop(ws.write_number(r, c, *f)),
                        Data::Int(i) => drop(ws.write_number(r, c, *i as f64)),
                        Data::Bool(b) => drop(ws.write_boolean(r, c, *b)),
                        other => drop(ws.write_string(r, c, other.to_string())),
                    }
                }
            }
            if *hidden {
                ws.set_hidden(true);
            }
        }
        book.save(path).expect("save edited workbook");
    }
}
