//! Characters that must not reach a terminal, a report or a sheet name as they are: control
//! characters (an escape sequence can clear a screen), bidirectional formatting characters (they
//! make text display in another order than it is stored) and characters that show nothing at all.

use std::borrow::Cow;

/// Whether a character is a bidirectional formatting character (Unicode's `Bidi_Control` set:
/// the embeddings, overrides and isolates U+202A..U+202E and U+2066..U+2069, and the marks
/// U+061C, U+200E, U+200F).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character shows nothing: zero-width spaces and joiners, word joiners, soft hyphens,
/// variation selectors, fillers, tags and the other default-ignorable characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters [`escape`] writes as `\u{..}`: control characters, bidi controls, and U+FFFE and
/// U+FFFF (not allowed in a workbook's XML).
fn escaped(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Text made safe to show: tabs and line breaks become spaces, and every other control
/// character, bidi control or XML-forbidden character is written as an escape (`ESC` as
/// `\u{1b}`), so it can be seen and cannot act.
pub fn escape(text: &str) -> Cow<'_, str> {
    let clean = if text.is_ascii() { !text.bytes().any(|b| b < 0x20 || b == 0x7f) } else { !text.chars().any(escaped) };
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if escaped(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] in place.
pub(crate) fn escape_in_place(text: &mut String) {
    if let Cow::Owned(escaped) = escape(text) {
        *text = escaped;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_shown_not_acted_on() {
        assert_eq!(escape("plan\x1b[2J"), "plan\\u{1b}[2J");
        assert_eq!(escape("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("two\nlines\tand a tab"), "two lines and a tab");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(escape("Café ✓"), Cow::Borrowed("Café ✓")));
        // Escaping is idempotent: escaped text holds nothing left to escape.
        assert_eq!(escape(&escape("a\x07\u{2066}b")), escape("a\x07\u{2066}b"));
    }

    #[test]
    fn invisible_characters_include_every_bidi_control() {
        for c in ['\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_control(c) && is_invisible(c), "{c:?}");
        }
        assert!(is_invisible('\u{200B}') && is_invisible('\u{FEFF}') && !is_invisible('a'));
        assert!(!is_bidi_control('\u{200B}'));
    }
}
