//! Cell styles: what each looks like, the letter and severity colours, and rust_xlsxwriter's
//! formats, data validation and conditional formats built from them once per workbook.

use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar, ConditionalFormatFormula,
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, FormatUnderline, XlsxError,
};

use crate::check::Severity;
use crate::matrix::CELL_VALUES;

/// Colours of a letter cell, strongest first: (cell value, fill, font). `A` and `A/R` differ in hue
/// so a row's accountable stands out whether or not they also do the work.
pub(super) const LETTER_COLOURS: [(&str, u32, u32); 5] = [
    ("A/R", 0xD9C2EC, 0x4B2366),
    ("A", 0xF8CBAD, 0x833C0B),
    ("R", 0xC6EFCE, 0x006100),
    ("C", 0xFFEB9C, 0x7F6000),
    ("I", 0xDDEBF7, 0x1F4E78),
];

/// Colours of a row whose check is not `ok`, and of each severity: (fill, font).
const MARK: (u32, u32) = (0xFFC7CE, 0x9C0006);
const SEVERITY_COLOURS: [(Severity, u32, u32); 3] = [
    (Severity::Error, 0xFFC7CE, 0x9C0006),
    (Severity::Warning, 0xFFEB9C, 0x9C5700),
    (Severity::Info, 0xDDEBF7, 0x1F4E78),
];

/// The two fills that band the phases, alternately.
const PHASE_BANDS: [u32; 2] = [0xEDEDED, 0xFFFFFF];

/// The colour of the thin cell borders, and of links.
const BORDER_COLOUR: u32 = 0xBFBFBF;
const LINK_COLOUR: u32 = 0x0563C1;

/// Every cell style the workbook uses, described by [`Style::spec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Title,
    /// A line under a title.
    Subtitle,
    /// A column header.
    Header,
    /// A person's name over their column, turned upright.
    PersonHeader,
    /// A person's roles under their name, upright.
    Role,
    /// The label of the roles row.
    RoleLabel,
    /// The phase of an activity row; phases alternate between two bands.
    Phase(u8),
    /// The activity name; banded like its phase.
    Activity(u8),
    /// A person's column of letter cells, as a column format (empty cells below the matrix show it
    /// too, so it has no border; the letter cells' colours and borders come from the conditional
    /// formats, so they follow edits).
    Cell,
    /// A letter cell changed by hand (read back from an edited workbook, or kept by `--keep`):
    /// italic and underlined, so the edit shows whatever colours the letter takes.
    Manual,
    /// A count of A or R on a row.
    Count,
    /// A row's status.
    Check,
    /// Wrapped text at the top of its cell.
    Text,
    /// A label in the summary (bold).
    Label,
    /// A hyperlink.
    Link,
    /// A whole number.
    Number,
    /// A number with two decimals.
    Decimal,
    /// A share as a percentage.
    Percent,
    /// A letter shown in its colours (the legends).
    Letter(usize),
}

/// What a style looks like.
#[derive(Debug, Clone, Copy, Default)]
struct Spec {
    bold: bool,
    italic: bool,
    underline: bool,
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
    /// Text turned 90° (bottom to top).
    upright: bool,
    /// A number format.
    number: Option<&'static str>,
}

impl Style {
    /// All styles, in a fixed order.
    const ALL: [Style; 25] = [
        Style::Title,
        Style::Subtitle,
        Style::Header,
        Style::PersonHeader,
        Style::Role,
        Style::RoleLabel,
        Style::Phase(0),
        Style::Phase(1),
        Style::Activity(0),
        Style::Activity(1),
        Style::Cell,
        Style::Manual,
        Style::Count,
        Style::Check,
        Style::Text,
        Style::Label,
        Style::Link,
        Style::Number,
        Style::Decimal,
        Style::Percent,
        Style::Letter(0),
        Style::Letter(1),
        Style::Letter(2),
        Style::Letter(3),
        Style::Letter(4),
    ];

    fn position(self) -> usize {
        Style::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn spec(self) -> Spec {
        let plain = Spec::default();
        let header = Spec { bold: true, fill: Some(0xD9E1F2), border: true, vcenter: true, wrap: true, ..plain };
        match self {
            Style::Title => Spec { bold: true, size: Some(14), ..plain },
            Style::Subtitle => Spec { italic: true, font: Some(0x595959), ..plain },
            Style::Header => Spec { center: true, ..header },
            Style::PersonHeader => Spec { upright: true, center: true, ..header },
            Style::Role => Spec {
                italic: true,
                font: Some(0x595959),
                fill: Some(0xF2F2F2),
                border: true,
                center: true,
                upright: true,
                ..plain
            },
            Style::RoleLabel => {
                Spec { italic: true, font: Some(0x595959), fill: Some(0xF2F2F2), border: true, vcenter: true, ..plain }
            }
            Style::Phase(band) => Spec {
                bold: true,
                font: Some(0x404040),
                fill: Some(PHASE_BANDS[usize::from(band % 2)]),
                border: true,
                vcenter: true,
                ..plain
            },
            Style::Activity(band) => Spec {
                fill: Some(PHASE_BANDS[usize::from(band % 2)]),
                border: true,
                vcenter: true,
                wrap: true,
                ..plain
            },
            Style::Cell => Spec { bold: true, center: true, vcenter: true, ..plain },
            Style::Manual => Spec { bold: true, italic: true, underline: true, center: true, vcenter: true, ..plain },
            Style::Count => Spec { font: Some(0x595959), border: true, center: true, vcenter: true, ..plain },
            Style::Check => Spec { bold: true, border: true, center: true, vcenter: true, ..plain },
            Style::Text => Spec { wrap: true, top: true, ..plain },
            Style::Label => Spec { bold: true, top: true, ..plain },
            Style::Link => Spec { font: Some(LINK_COLOUR), underline: true, top: true, ..plain },
            Style::Number => Spec { top: true, number: Some("#,##0"), ..plain },
            Style::Decimal => Spec { top: true, number: Some("0.00"), ..plain },
            Style::Percent => Spec { top: true, number: Some("0%"), ..plain },
            Style::Letter(i) => {
                let (_, fill, font) = LETTER_COLOURS[i.min(LETTER_COLOURS.len() - 1)];
                Spec { bold: true, font: Some(font), fill: Some(fill), border: true, center: true, ..plain }
            }
        }
    }
}

/// The data validation on letter cells: a dropdown of [`CELL_VALUES`].
const VALIDATION_TITLE: &str = "Not a RACI letter";
const VALIDATION_MESSAGE: &str = "Use A, A/R, R, C or I, or leave the cell empty.";

/// rust_xlsxwriter's formats for every [`Style`], the data validation and the conditional formats.
pub(super) struct Formats {
    /// Per style, in [`Style::ALL`] order.
    formats: Vec<Format>,
    /// The dropdown on letter cells.
    pub(super) validation: DataValidation,
    /// One colour rule per letter value, in [`LETTER_COLOURS`] order (A/R before A).
    pub(super) letter_rules: Vec<ConditionalFormatCell>,
    /// After them, a border for every letter cell, empty or not (LibreOffice applies the first rule
    /// that holds, Excel all of them; the letter rules carry the same border).
    pub(super) grid_rule: ConditionalFormatFormula,
    /// The format of a row whose check is not `ok`.
    mark: Format,
    /// One colour rule per severity.
    pub(super) severity_rules: Vec<ConditionalFormatCell>,
    /// Bars in number cells, longest for the largest.
    pub(super) data_bar: ConditionalFormatDataBar,
}

impl Formats {
    pub(super) fn new() -> Result<Self, XlsxError> {
        let formats: Vec<Format> = Style::ALL.iter().map(|s| format_of(s.spec())).collect();
        let colours = |fill: u32, font: u32| Format::new().set_background_color(fill).set_font_color(font);
        let letter_rules = LETTER_COLOURS
            .iter()
            .map(|&(value, fill, font)| {
                ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::EqualTo(format!("\"{value}\"")))
                    .set_format(
                        colours(fill, font).set_bold().set_border(FormatBorder::Thin).set_border_color(BORDER_COLOUR),
                    )
            })
            .collect();
        let severity_rules = SEVERITY_COLOURS
            .iter()
            .map(|&(severity, fill, font)| {
                ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::EqualTo(format!("\"{}\"", severity.as_str())))
                    .set_format(colours(fill, font))
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
            grid_rule: ConditionalFormatFormula::new()
                .set_rule("=TRUE")
                .set_format(Format::new().set_border(FormatBorder::Thin).set_border_color(BORDER_COLOUR)),
            mark: colours(MARK.0, MARK.1).set_bold(),
            severity_rules,
            data_bar: ConditionalFormatDataBar::new().set_fill_color(0x8EA9DB).set_solid_fill(true),
        })
    }

    pub(super) fn get(&self, style: Style) -> &Format {
        &self.formats[style.position()]
    }

    /// The rule that marks a row as soon as its check cell (at `check_cell`, e.g. `$O6` for the
    /// range's first row) says anything but `ok`.
    pub(super) fn mark_rule(&self, check_cell: &str) -> ConditionalFormatFormula {
        ConditionalFormatFormula::new()
            .set_rule(format!("={check_cell}<>\"ok\"").as_str())
            .set_format(self.mark.clone())
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
    if spec.underline {
        f = f.set_underline(FormatUnderline::Single);
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
    if spec.upright {
        f = f.set_rotation(90).set_align(FormatAlign::Bottom);
    }
    if let Some(number) = spec.number {
        f = f.set_num_format(number);
    }
    f
}
