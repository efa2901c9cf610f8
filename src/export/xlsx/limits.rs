//! Excel's limits on what a workbook may hold, in one place and counted one way: text is measured in
//! UTF-16 code units, as Excel counts it (an emoji is two).

/// Longest sheet name.
pub(super) const SHEET_NAME: usize = 31;

/// Tallest row, in points.
pub(super) const ROW_HEIGHT: f64 = 409.0;

/// The longest prefix of `text` that fits in `max` UTF-16 code units.
pub(super) fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (idx, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return &text[..idx];
        }
    }
    text
}
