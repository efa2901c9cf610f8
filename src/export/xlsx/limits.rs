//! Excel's limits on what a workbook may hold, in one place and counted one way: text is measured in
//! UTF-16 code units, as Excel counts it (an emoji is two). Text that would not fit a cell is
//! shortened here, so every roster `raci check` accepts can be written.

use std::borrow::Cow;

/// Longest sheet name.
pub(crate) const SHEET_NAME: usize = 31;

/// Longest text in a cell.
pub(crate) const CELL_TEXT: usize = 32_767;

/// Tallest row, in points.
pub(crate) const ROW_HEIGHT: f64 = 409.0;

/// Rows in a sheet.
pub(crate) const ROWS: u32 = 1_048_576;

/// Columns in a sheet.
pub(crate) const COLUMNS: u16 = 16_384;

/// Hyperlinks in a sheet (Excel repairs a file with more).
pub(crate) const LINKS: usize = 65_530;

/// Longest page header or footer, formatting codes included.
pub(crate) const HEADER_FOOTER: usize = 255;

/// The length of `text` as Excel counts it.
pub(crate) fn utf16_len(text: &str) -> usize {
    // UTF-8 never takes fewer bytes than UTF-16 takes units: short text needs no count.
    if text.is_ascii() { text.len() } else { text.encode_utf16().count() }
}

/// The longest prefix of `text` that fits in `max` UTF-16 code units.
pub(crate) fn truncate_utf16(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut units = 0;
    for (idx, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return &text[..idx];
        }
    }
    text
}

/// `text` if it fits a cell, else shortened to fit: inside a list of quoted names (`'Ada', 'Bob'
/// and 'Cy'`, as findings name people) it is cut after a whole name with a count of the names left
/// out (`... and 2,990 more`); any other text is cut at a character, with `...`.
pub(crate) fn fit_cell(text: &str) -> Cow<'_, str> {
    fit(text, CELL_TEXT)
}

/// [`fit_cell`] for any limit (in UTF-16 units).
pub(crate) fn fit(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max || utf16_len(text) <= max {
        return Cow::Borrowed(text);
    }
    // Room for the longest note: " ... and 9,999,999,999 more".
    const NOTE_ROOM: usize = 32;
    let head = truncate_utf16(text, max.saturating_sub(NOTE_ROOM));
    // The cut goes after the closing quote of the last whole name.
    let cut = ["', '", "' and '"].iter().filter_map(|sep| head.rfind(sep)).max().map(|at| at + 1);
    match cut {
        Some(at) => {
            let rest = &text[at..];
            // The names after the cut; text after the list (line numbers, say) does not count.
            let names = 1 + rest.matches("', '").count() + rest.matches("' and '").count();
            Cow::Owned(format!("{} ... and {} more", &text[..at], thousands(names)))
        }
        None => Cow::Owned(format!("{head}...")),
    }
}

/// `2990` as `2,990`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Items joined with `, `, as many as fit a cell, then `... and N more`.
pub(crate) fn join_fitting<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    let mut units = 0;
    for (i, item) in items.iter().enumerate() {
        let item = item.as_ref();
        let len = utf16_len(item) + if i > 0 { 2 } else { 0 };
        if units + len > CELL_TEXT - 32 {
            out.push_str(&format!(" ... and {} more", thousands(items.len() - i)));
            return out;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
        units += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_counted_in_utf16_units_and_cut_on_a_character() {
        assert_eq!(utf16_len("😀a"), 3);
        assert_eq!(truncate_utf16("😀😀", 3), "😀");
        assert_eq!(truncate_utf16("abc", 5), "abc");
    }

    #[test]
    fn a_long_list_is_cut_between_items_with_a_count_of_the_rest() {
        let names: Vec<String> = (0..3_009).map(|i| format!("'Person number {i:05}'")).collect();
        let message =
            format!("team 'Big' has no owner: {} and 'Last' (lines {})", names.join(", "), "1, ".repeat(4_000));
        let fitted = fit_cell(&message);
        assert!(utf16_len(&fitted) <= CELL_TEXT, "{}", fitted.len());
        let (kept, note) = fitted.split_once(" ... and ").expect("a note");
        let kept_items = kept.matches(", ").count() + 1;
        let more: usize = note.trim_end_matches(" more").replace(',', "").parse().expect("a count");
        assert_eq!(kept_items + more, 3_010, "{note}");
        assert!(kept.ends_with('\''), "cut after a whole item: {}", &kept[kept.len() - 20..]);
    }

    #[test]
    fn other_text_is_cut_with_an_ellipsis_and_short_text_kept() {
        let long = "x".repeat(40_000);
        let fitted = fit_cell(&long);
        assert!(fitted.ends_with("...") && utf16_len(&fitted) <= CELL_TEXT);
        let prose = "Plan the work, and check it, step by step. ".repeat(1_000);
        let fitted = fit_cell(&prose);
        assert!(fitted.ends_with("...") && !fitted.contains(" more"), "prose is no list of names");
        assert!(matches!(fit_cell("short"), Cow::Borrowed("short")));
        let emoji = "😀".repeat(16_384);
        assert!(utf16_len(&fit_cell(&emoji)) <= CELL_TEXT);
    }

    #[test]
    fn joined_items_stop_before_the_limit() {
        let items: Vec<String> = (0..5_000).map(|i| format!("Person {i:04} with a long name")).collect();
        let joined = join_fitting(&items);
        assert!(utf16_len(&joined) <= CELL_TEXT);
        let more: usize = joined
            .rsplit(" ... and ")
            .next()
            .and_then(|n| n.strip_suffix(" more"))
            .map_or(0, |n| n.replace(',', "").parse().expect("count"));
        assert_eq!(joined.split(" ... and ").next().map_or(0, |k| k.split(", ").count()) + more, 5_000);
        assert_eq!(join_fitting(&["a", "b"]), "a, b");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(thousands(999), "999");
    }
}
