//! Bytes to text: UTF-8 (with or without BOM), UTF-16 and UTF-32 (byte-order mark, or the pattern
//! of zero bytes ASCII text leaves), Windows-1252 as a last resort. Every guess leaves a note;
//! workbooks and binary files are refused with the fix.

use std::borrow::Cow;

use crate::error::{Error, Location, Result};

/// A wide encoding: UTF-16 or UTF-32, in one byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    /// Bytes per code unit: 2 or 4.
    width: usize,
    little_endian: bool,
}

impl Wide {
    const UTF16LE: Wide = Wide { width: 2, little_endian: true };
    const UTF16BE: Wide = Wide { width: 2, little_endian: false };
    const UTF32LE: Wide = Wide { width: 4, little_endian: true };
    const UTF32BE: Wide = Wide { width: 4, little_endian: false };

    fn name(self) -> &'static str {
        match (self.width, self.little_endian) {
            (2, true) => "UTF-16LE",
            (2, false) => "UTF-16BE",
            (_, true) => "UTF-32LE",
            (_, false) => "UTF-32BE",
        }
    }

    /// A code unit from its bytes (fewer bytes than the width: the missing ones taken as zero).
    fn unit(self, bytes: &[u8]) -> u32 {
        let mut value = 0u32;
        for i in 0..self.width {
            let byte = if self.little_endian { bytes.get(i) } else { bytes.get(self.width - 1 - i) };
            value |= u32::from(byte.copied().unwrap_or(0)) << (8 * i);
        }
        value
    }
}

/// Decode the bytes; see the module docs. `notes` gets a line whenever the encoding was guessed
/// or bytes were read other than as written.
pub(super) fn decode<'a>(bytes: &'a [u8], source: &str, notes: &mut Vec<String>) -> Result<Cow<'a, str>> {
    let text = decode_bytes(bytes, source, notes)?;
    if let Some(nul) = text.find('\0') {
        let line = 1 + text[..nul].bytes().filter(|&b| b == b'\n').count();
        notes.push(format!(
            "{source}:{line}: the file holds zero bytes (first on this line), read as spaces; it may be damaged \
             (save it again as CSV UTF-8)"
        ));
    }
    Ok(text)
}

fn decode_bytes<'a>(bytes: &'a [u8], source: &str, notes: &mut Vec<String>) -> Result<Cow<'a, str>> {
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
    let boms: [(&[u8], Wide); 4] = [
        (b"\xFF\xFE\x00\x00", Wide::UTF32LE),
        (b"\x00\x00\xFE\xFF", Wide::UTF32BE),
        (b"\xFF\xFE", Wide::UTF16LE),
        (b"\xFE\xFF", Wide::UTF16BE),
    ];
    for (bom, wide) in boms {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return decode_wide(rest, wide, source, "byte-order mark", notes).map(Cow::Owned);
        }
    }
    if bytes.contains(&0) {
        if let Some(wide) = wide_without_bom(bytes) {
            return decode_wide(bytes, wide, source, "zero bytes", notes).map(Cow::Owned);
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

/// Decode UTF-16 or UTF-32. A file that ends in part of a code unit (a byte lost in transfer) is
/// read up to it, and the part completed with zero bytes when those are the missing high-order
/// bytes of an ASCII character (little-endian), or dropped; either way with a note.
fn decode_wide(bytes: &[u8], wide: Wide, source: &str, evidence: &str, notes: &mut Vec<String>) -> Result<String> {
    let name = wide.name();
    let (whole, tail) = bytes.split_at(bytes.len() - bytes.len() % wide.width);
    let mut text = String::with_capacity(whole.len() / wide.width + 1);
    let invalid = |text: &str| {
        let line = 1 + text.bytes().filter(|&b| b == b'\n').count() as u64;
        Error::roster(
            Location::line(source, line),
            format!("the file looks like {name} (from its {evidence}) but this line is not valid {name}"),
            "save it again as CSV UTF-8",
        )
    };
    let mut units = whole.chunks_exact(wide.width).map(|unit| wide.unit(unit));
    while let Some(unit) = units.next() {
        let c = if wide.width == 4 {
            char::from_u32(unit)
        } else if (0xD800..0xDC00).contains(&unit) {
            // A high surrogate and the low one after it make one character.
            match units.next() {
                Some(low @ 0xDC00..0xE000) => char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)),
                _ => None,
            }
        } else {
            char::from_u32(unit)
        };
        text.push(c.ok_or_else(|| invalid(&text))?);
    }
    notes.push(format!("{source}: read as {name} (from its {evidence})"));
    if !tail.is_empty() {
        let missing = wide.width - tail.len();
        let bytes_missing =
            if missing == 1 { "its last byte is missing".to_string() } else { format!("{missing} bytes are missing") };
        let completed =
            if wide.little_endian { char::from_u32(wide.unit(tail)).filter(|c| c.is_ascii()) } else { None };
        let what = match completed {
            Some(c) => {
                text.push(c);
                format!("read as '{}'", c.escape_default())
            }
            None => "dropped".to_string(),
        };
        notes.push(format!(
            "{source}: the file ends in part of a character ({bytes_missing}); that part was {what} (save it again as CSV UTF-8 to be sure)"
        ));
    }
    Ok(text)
}

/// UTF-32 or UTF-16 without a byte-order mark, told by the zero bytes in the first few kilobytes.
/// UTF-32: every four-byte unit is a valid code point in one byte order and most are ASCII (three
/// zero bytes). UTF-16: ASCII text leaves the high byte of most units zero.
fn wide_without_bom(bytes: &[u8]) -> Option<Wide> {
    let sample = &bytes[..bytes.len().min(8192)];
    for wide in [Wide::UTF32LE, Wide::UTF32BE] {
        let units: Vec<u32> = sample.chunks_exact(4).map(|unit| wide.unit(unit)).collect();
        if !units.is_empty()
            && units.iter().all(|&u| char::from_u32(u).is_some())
            && units.iter().filter(|&&u| (1..0x80).contains(&u)).count() * 2 >= units.len()
        {
            return Some(wide);
        }
    }
    let pairs = sample.len() / 2;
    let zeros = |parity: usize| sample[..pairs * 2].iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if pairs == 0 {
        None
    } else if odd * 2 >= pairs && even * 8 <= odd {
        Some(Wide::UTF16LE)
    } else if even * 2 >= pairs && odd * 8 <= even {
        Some(Wide::UTF16BE)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn utf32(text: &str, little_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| if little_endian { (c as u32).to_le_bytes() } else { (c as u32).to_be_bytes() })
            .collect()
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    fn decoded(bytes: &[u8]) -> (String, Vec<String>) {
        let mut notes = Vec::new();
        let text = decode(bytes, "r.csv", &mut notes).map(Cow::into_owned).unwrap_or_else(|e| e.to_string());
        (text, notes)
    }

    const TEXT: &str = "name,role\nJosé Ñúñez,PO\nLi 李,Dev 😀\n";

    #[test]
    fn utf32_is_read_in_both_byte_orders_with_and_without_a_bom() {
        for (le, name) in [(true, "UTF-32LE"), (false, "UTF-32BE")] {
            let (text, notes) = decoded(&utf32(TEXT, le));
            assert_eq!(text, TEXT);
            assert_eq!(notes, [format!("r.csv: read as {name} (from its zero bytes)")]);
            let bom = utf32("\u{feff}", le).into_iter().chain(utf32(TEXT, le)).collect::<Vec<_>>();
            let (text, notes) = decoded(&bom);
            assert_eq!(text, TEXT);
            assert_eq!(notes, [format!("r.csv: read as {name} (from its byte-order mark)")]);
        }
    }

    #[test]
    fn a_wide_file_that_lost_its_last_bytes_is_read_with_a_note() {
        let mut le = utf16(TEXT, true);
        le.pop();
        let (text, notes) = decoded(&le);
        assert_eq!(text, TEXT, "the lost high byte of the final line break is zero");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[1].contains("(its last byte is missing); that part was read as '\\n'"), "{notes:?}");
        let mut be = utf16(TEXT, false);
        be.pop();
        let (text, notes) = decoded(&be);
        assert_eq!(text, TEXT.trim_end_matches('\n'));
        assert!(notes[1].contains("(its last byte is missing); that part was dropped"), "{notes:?}");
        let mut le32 = utf32(TEXT, true);
        le32.truncate(le32.len() - 2);
        let (text, notes) = decoded(&le32);
        assert_eq!(text, TEXT);
        assert!(notes[1].contains("(2 bytes are missing)"), "{notes:?}");
    }

    #[test]
    fn invalid_wide_text_is_refused_at_its_line() {
        let mut bytes = utf16("name,role\nAda,PO\n", true);
        bytes.extend([0x00, 0xD8, b'x', 0x00]);
        let (message, _) = decoded(&bytes);
        assert_eq!(
            message,
            "r.csv:3: the file looks like UTF-16LE (from its zero bytes) but this line is not valid UTF-16LE \
             (save it again as CSV UTF-8)"
        );
    }

    #[test]
    fn zero_bytes_in_utf8_text_are_noted() {
        let (text, notes) = decoded(b"name,role\nAda,PO\nB\0b,Dev\n");
        assert_eq!(text, "name,role\nAda,PO\nB\0b,Dev\n");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("r.csv:3: the file holds zero bytes"), "{notes:?}");
    }
}
