//! A sheet as calamine read it, looked up by absolute 0-based row and column, as text.

use calamine::{Data, Range};

/// One sheet's cells.
pub(super) struct Grid {
    range: Range<Data>,
}

impl Grid {
    pub(super) fn new(range: Range<Data>) -> Self {
        Grid { range }
    }

    /// One past the last row with a cell.
    pub(super) fn rows(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r + 1)
    }

    /// One past the last column with a cell.
    pub(super) fn cols(&self) -> u32 {
        self.range.end().map_or(0, |(_, c)| c + 1)
    }

    /// The cell's value, `None` when empty.
    fn data(&self, row: u32, col: u32) -> Option<&Data> {
        self.range.get_value((row, col)).filter(|d| !matches!(d, Data::Empty))
    }

    /// The cell as text, trimmed; empty for an empty cell. Whole numbers print without `.0`.
    pub(super) fn text(&self, row: u32, col: u32) -> String {
        match self.data(row, col) {
            None => String::new(),
            Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Some(d) => d.to_string().trim().to_string(),
        }
    }

    /// The cell as text, not trimmed (for embedded texts).
    pub(super) fn raw(&self, row: u32, col: u32) -> String {
        match self.data(row, col) {
            None => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(d) => d.to_string(),
        }
    }

    /// The cell as a whole number, when it is one.
    pub(super) fn number(&self, row: u32, col: u32) -> Option<u64> {
        match self.data(row, col)? {
            Data::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f < 1e15 => Some(*f as u64),
            Data::Int(i) => u64::try_from(*i).ok(),
            Data::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The cell as a number.
    pub(super) fn float(&self, row: u32, col: u32) -> Option<f64> {
        match self.data(row, col)? {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The cell as a boolean.
    pub(super) fn boolean(&self, row: u32, col: u32) -> bool {
        match self.data(row, col) {
            Some(Data::Bool(b)) => *b,
            Some(Data::String(s)) => s.eq_ignore_ascii_case("true"),
            Some(Data::Float(f)) => *f != 0.0,
            Some(Data::Int(i)) => *i != 0,
            _ => false,
        }
    }

    /// Texts of consecutive cells from `col` on, joined: what [`crate::export`] cut into cells.
    pub(super) fn chunks(&self, row: u32, col: u32) -> String {
        let mut out = String::new();
        let mut c = col;
        while c < self.cols() {
            let part = self.raw(row, c);
            if part.is_empty() {
                break;
            }
            out.push_str(&part);
            c += 1;
        }
        out
    }
}

/// `D7` for 0-based row 6, column 3.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// `D` for 0-based column 3.
pub(super) fn column_name(col: u32) -> String {
    cell_name(0, col).trim_end_matches('1').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_names() {
        assert_eq!(super::cell_name(6, 3), "D7");
        assert_eq!(super::cell_name(0, 25), "Z1");
        assert_eq!(super::cell_name(0, 26), "AA1");
        assert_eq!(super::cell_name(9, 16_383), "XFD10");
        assert_eq!(super::column_name(27), "AB");
    }
}
