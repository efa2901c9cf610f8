//! Cell styles: what each looks like, the letter colours, and rust_xlsxwriter's formats, data
//! validation and colour rules built from them once per workbook.

use rust_xlsxwriter::{
    ConditionalFormatText, ConditionalFormatTextRule, DataValidation, DataValidationErrorStyle, Format, FormatAlign,
    FormatBorder, XlsxError,
};

use crate::check::Severity;
use crate::matrix::{CELL_VALUES, Letter};

/// Fill colours per letter (background, font).
const LETTER_COLOURS: [(Letter, u32, u32); 4] = [
    (Letter::A, 0xF8CBAD, 0x833C0B),
    (Letter::R, 0xC6EFCE, 0x006100),
    (Letter::C, 0xFFEB9C, 0x7F6000),
    (Letter::I, 0xDDEBF7, 0x1F4E78),
];

/// Every cell style the workbook uses, described by [`Style::spec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Title,
    Header,
    Role,
    Phase,
    Activity,
    Cell,
    Text,
    Letter(Letter),
    Severity(Severity),
}

/// What a style looks like.
#[derive(Debug, Clone, Copy, Default)]
struct Spec {
    bold: bool,
    italic: bool,
    /// Font size in points; 11 when `None`.
    size: Option<u8>,
    font: Option<u32>,
    fill: Option<u32>,
    /// A thin grey border all round.
    border: bool,
    center: bool,
    vcenter: bool,
    top: bool,
    wrap: bool,
}

/// The colour of the thin cell borders.
const BORDER_COLOUR: u32 = 0xBFBFBF;

impl Style {
    /// All styles, in a fixed order.
    const ALL: [Style; 14] = [
        Style::Title,
        Style::Header,
        Style::Role,
        Style::Phase,
        Style::Activity,
        Style::Cell,
        Style::Text,
        Style::Letter(Letter::A),
        Style::Letter(Letter::R),
        Style::Letter(Letter::C),
        Style::Letter(Letter::I),
        Style::Severity(Severity::Info),
        Style::Severity(Severity::Warning),
        Style::Severity(Severity::Error),
    ];

    fn position(self) -> usize {
        Style::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn spec(self) -> Spec {
        let plain = Spec::default();
        match self {
            Style::Title => Spec { bold: true, size: Some(14), ..plain },
            Style::Header => Spec {
                bold: true,
                fill: Some(0xD9E1F2),
                border: true,
                center: true,
                vcenter: true,
                wrap: true,
                ..plain
            },
            Style::Role => {
                Spec { italic: true, font: Some(0x595959), fill: Some(0xF2F2F2), border: true, center: true, ..plain }
            }
            Style::Phase => Spec { bold: true, font: Some(0x404040), fill: Some(0xF2F2F2), border: true, ..plain },
            Style::Activity => Spec { border: true, ..plain },
            Style::Cell => Spec { border: true, center: true, ..plain },
            Style::Text => Spec { wrap: true, top: true, ..plain },
            Style::Letter(letter) => {
                let (_, fill, font) =
                    LETTER_COLOURS.iter().copied().find(|(l, ..)| *l == letter).unwrap_or(LETTER_COLOURS[0]);
                Spec { bold: true, font: Some(font), fill: Some(fill), ..plain }
            }
            Style::Severity(Severity::Info) => Spec { font: Some(0x1F4E78), ..plain },
            Style::Severity(Severity::Warning) => Spec { bold: true, font: Some(0x9C5700), ..plain },
            Style::Severity(Severity::Error) => Spec { bold: true, font: Some(0x9C0006), ..plain },
        }
    }
}

/// The data validation on letter cells: a dropdown of [`CELL_VALUES`].
const VALIDATION_TITLE: &str = "Not a RACI letter";
const VALIDATION_MESSAGE: &str = "Use A, A/R, R, C or I, or leave the cell empty.";

/// rust_xlsxwriter's formats for every [`Style`], and its data validation and colour rules.
pub(super) struct Formats {
    /// Per style, in [`Style::ALL`] order.
    formats: Vec<Format>,
    pub(super) validation: DataValidation,
    /// One colour rule per letter, in [`LETTER_COLOURS`] order.
    pub(super) letter_rules: Vec<ConditionalFormatText>,
}

impl Formats {
    pub(super) fn new() -> Result<Self, XlsxError> {
        let formats: Vec<Format> = Style::ALL.iter().map(|s| format_of(s.spec())).collect();
        let letter_rules = LETTER_COLOURS
            .iter()
            .map(|&(letter, ..)| {
                ConditionalFormatText::new()
                    .set_rule(ConditionalFormatTextRule::BeginsWith(letter.as_char().to_string()))
                    .set_format(format_of(Style::Letter(letter).spec()))
            })
            .collect();
        Ok(Formats {
            formats,
            validation: DataValidation::new()
                .allow_list_strings(&CELL_VALUES)?
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title(VALIDATION_TITLE)?
                .set_error_message(VALIDATION_MESSAGE)?,
            letter_rules,
        })
    }

    pub(super) fn get(&self, style: Style) -> &Format {
        &self.formats[style.position()]
    }
}

fn format_of(spec: Spec) -> Format {
    let mut f = Format::new();
    if spec.bold {
        f = f.set_bold();
    }
    if spec.italic {
        f = f.set_italic();
    }
    if let Some(size) = spec.size {
        f = f.set_font_size(size);
    }
    if let Some(colour) = spec.font {
        f = f.set_font_color(colour);
    }
    if let Some(colour) = spec.fill {
        f = f.set_background_color(colour);
    }
    if spec.border {
        f = f.set_border(FormatBorder::Thin).set_border_color(BORDER_COLOUR);
    }
    if spec.wrap {
        f = f.set_text_wrap();
    }
    if spec.center {
        f = f.set_align(FormatAlign::Center);
    }
    if spec.vcenter {
        f = f.set_align(FormatAlign::VerticalCenter);
    }
    if spec.top {
        f = f.set_align(FormatAlign::Top);
    }
    f
}
