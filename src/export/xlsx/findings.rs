//! The findings sheet: one row per finding, in the order of `raci check`.

use rust_xlsxwriter::XlsxError;

use super::layout::{col, row};
use super::limits;
use super::sheet::Sheet;
use super::styles::Style;
use crate::check::Finding;

pub(super) fn write_findings(sheet: &mut Sheet<'_>, findings: &[Finding]) -> Result<(), XlsxError> {
    let headers = ["Severity", "Code", "Team", "Activities", "People", "Message", "Hint"];
    let widths = [10.0, 22.0, 18.0, 28.0, 24.0, 80.0, 60.0];
    // Message and hint wrap: rows get the height of their longer text, so no line hides behind the
    // next row (spreadsheet programs do not all fit heights when they open a file). About 1.1
    // characters of proportional text fit in a unit of column width.
    let lines = |text: &str, width: f64| (text.chars().count() as f64 / (width * 1.1)).ceil().max(1.0);
    let last_col = col(headers.len() - 1);
    for (c, w) in widths.into_iter().enumerate() {
        sheet.column_width(col(c), w)?;
    }
    sheet.freeze(1, 0)?;
    sheet.print_titles((0, 0), None)?;
    sheet.autofilter((0, row(findings.len().max(1))), (0, last_col))?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write(0, col(c), h, Some(Style::Header))?;
    }
    let mut joined = String::new();
    for (i, f) in findings.iter().enumerate() {
        let r = row(i + 1);
        sheet.write(r, 0, f.severity.as_str(), Some(Style::Severity(f.severity)))?;
        sheet.write(r, 1, f.code.as_str(), None)?;
        sheet.write(r, 2, f.team.as_deref().unwrap_or(""), None)?;
        for (c, list) in [(3, &f.activities[..]), (4, &f.people[..])] {
            joined.clear();
            for (k, item) in list.iter().enumerate() {
                if k > 0 {
                    joined.push_str(", ");
                }
                joined.push_str(item);
            }
            sheet.write(r, c, &joined, None)?;
        }
        sheet.write(r, 5, &f.message, Some(Style::Text))?;
        sheet.write(r, 6, &f.hint, Some(Style::Text))?;
        let lines = lines(&f.message, widths[5]).max(lines(&f.hint, widths[6]));
        if lines > 1.0 {
            sheet.row_height(r, (15.0 * lines).min(limits::ROW_HEIGHT))?;
        }
    }
    if findings.is_empty() {
        sheet.write(1, 0, "no findings", None)?;
    }
    Ok(())
}
