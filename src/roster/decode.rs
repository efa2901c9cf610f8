//! Bytes to text: UTF-8 (with or without BOM), UTF-16 (BOM or zero-byte pattern), Windows-1252 as a
//! last resort with a note; workbooks, UTF-32 and binary files are refused with the fix.

use std::borrow::Cow;

use crate::error::{Error, Location, Result};

/// Decode the bytes: UTF-8 (BOM or not), UTF-16 with a BOM (or without one, when the zero bytes
/// show it), otherwise Windows-1252 with a note. Workbooks, UTF-32 and binary files are refused.
pub(super) fn decode<'a>(bytes: &'a [u8], source: &str, notes: &mut Vec<String>) -> Result<Cow<'a, str>> {
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
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(Error::roster(
            Location::file(source),
            "the file is UTF-32, which raci does not read",
            "save it again as CSV UTF-8",
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, bom_len) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        return decode_utf16(&bytes[bom_len..], encoding, source, "byte-order mark", notes);
    }
    if bytes.contains(&0) {
        if let Some(encoding) = utf16_without_bom(bytes) {
            return decode_utf16(bytes, encoding, source, "zero bytes", notes);
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

fn decode_utf16<'a>(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    source: &str,
    evidence: &str,
    notes: &mut Vec<String>,
) -> Result<Cow<'a, str>> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::roster(
            Location::file(source),
            format!(
                "the file looks like {} (from its {evidence}) but is not valid {}",
                encoding.name(),
                encoding.name()
            ),
            "save it again as CSV UTF-8",
        ));
    }
    notes.push(format!("{source}: read as {} (from its {evidence})", encoding.name()));
    Ok(Cow::Owned(text.into_owned()))
}

/// UTF-16 without a byte-order mark, told by the zero high bytes of ASCII text: little-endian when
/// most odd bytes are zero, big-endian when most even ones are.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 2 >= pairs && even * 8 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 2 >= pairs && odd * 8 <= even {
        Some(encoding_rs::UTF_16BE)
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
