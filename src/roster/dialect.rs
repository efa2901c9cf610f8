//! The CSV dialect: the delimiter sniffed from the header line, quotes tidied, line numbers counted
//! the way an editor shows them.

use std::borrow::Cow;

use crate::error::{Error, Location, Result};

/// Pick `,` `;` or tab: whichever appears most in the header line outside quotes.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let header = text.split(['\n', '\r']).find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let (best, count) = counts.iter().enumerate().max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i))).unwrap_or((0, &0));
    if *count == 0 { b',' } else { delimiters[best] }
}

/// 1-based line numbers from byte offsets. The csv crate's own line count is off after CRLF line
/// ends and blank lines, so lines are counted here: `\n`, `\r\n` and a lone `\r` each end a line.
pub(super) struct Lines<'t> {
    text: &'t [u8],
    /// Where the last count stopped, and the line there: records come in order, so each byte is
    /// counted once.
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Lines { text: text.as_bytes(), at: 0, line: 1 }
    }

    /// The line a record starting at this byte offset is on. The reader reports a record as
    /// starting right after the previous one, before any line ends and blank lines it skipped.
    pub(super) fn line_at(&mut self, offset: u64) -> u64 {
        let text = self.text;
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
        while at < text.len() && matches!(text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        let breaks = text[self.at..at]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && text.get(self.at + i + 1) != Some(&b'\n')))
            .count();
        self.line += breaks as u64;
        self.at = at;
        self.line
    }
}

/// Drop the spaces between a delimiter and an opening quote (`Ada, "PO, PM", Alpha`), which CSV
/// readers otherwise take as part of an unquoted field, so the quoted delimiter would split the
/// field. Refuse a quote that is never closed: it would swallow the rest of the file silently.
/// Mirrors the csv crate's rules: a quote opens a quoted field only at the start of a field, and
/// `""` inside a quoted field is a literal quote.
pub(super) fn tidy_quotes<'t>(text: &'t str, delimiter: u8, source: &str) -> Result<Cow<'t, str>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        Start,
        Field,
        Quoted,
        AfterQuote,
    }
    if delimiter == b'"' {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let is_space = |b: u8| (b == b' ' || b == b'\t') && b != delimiter;
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut drops: Vec<(usize, usize)> = Vec::new();
    let mut state = State::Start;
    let (mut line, mut open_line) = (1u64, 0u64);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if state == State::Start && is_space(b) {
            let mut j = i;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            if bytes.get(j) == Some(&b'"') {
                drops.push((i, j));
            } else {
                state = State::Field;
            }
            i = j;
            continue;
        }
        state = match state {
            State::Start if b == b'"' => {
                open_line = line;
                State::Quoted
            }
            State::Start | State::Field | State::AfterQuote if ends_field(b) => State::Start,
            State::Start | State::Field => State::Field,
            State::Quoted if b == b'"' => State::AfterQuote,
            State::Quoted => State::Quoted,
            State::AfterQuote if b == b'"' => State::Quoted,
            State::AfterQuote => State::Field,
        };
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
        i += 1;
    }
    if state == State::Quoted {
        return Err(Error::roster(
            Location::line(source, open_line),
            "a quote opens a field on this line but is never closed, so the rest of the file would read as one field",
            "close the quote, or write a quote inside a quoted field as two (`\"\"`)",
        ));
    }
    if drops.is_empty() {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in drops {
        out.push_str(&text[from..start]);
        from = end;
    }
    out.push_str(&text[from..]);
    Ok(Cow::Owned(out))
}

pub(super) fn csv_error(source: &str, lines: &mut Lines<'_>, e: &csv::Error) -> Error {
    let at = match e.position() {
        Some(p) => Location::line(source, lines.line_at(p.byte())),
        None => Location::file(source),
    };
    Error::roster(at, format!("cannot parse CSV: {e}"), "check the quoting on this line")
}
