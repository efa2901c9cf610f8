//! Printing: the paper, and an orientation and scale that keep type readable. A team sheet prints
//! its matrix one page wide when that keeps the type at [`MIN_SCALE`] or more; a wider team prints
//! at that scale over more pages (the phase and activity columns and the header rows repeat on
//! each) rather than shrink further.

use rust_xlsxwriter::{Worksheet, XlsxError};

/// The smallest print scale, in percent: 11-point type prints at 7.7 points.
pub(super) const MIN_SCALE: u16 = 70;

/// Paper to print on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// ISO A3, 297 × 420 mm.
    A3,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// US Legal, 8.5 × 14 in.
    Legal,
    /// US Tabloid, 11 × 17 in.
    Tabloid,
}

impl Paper {
    /// Excel's paper code.
    fn code(self) -> u8 {
        match self {
            Paper::Letter => 1,
            Paper::Tabloid => 3,
            Paper::Legal => 5,
            Paper::A3 => 8,
            Paper::A4 => 9,
        }
    }

    /// Width and height in inches, portrait.
    fn inches(self) -> (f64, f64) {
        match self {
            Paper::A4 => (8.27, 11.69),
            Paper::A3 => (11.69, 16.54),
            Paper::Letter => (8.5, 11.0),
            Paper::Legal => (8.5, 14.0),
            Paper::Tabloid => (11.0, 17.0),
        }
    }
}

/// Excel's default left plus right margin, in inches.
const SIDE_MARGINS: f64 = 1.4;

/// The share of the printable width to count on: programs draw columns a little wider than Excel's
/// units say (and wider still without Calibri, whose digits the widths count).
const FILL: f64 = 0.9;

/// The width in pixels (96 per inch) of columns of these widths, in Excel's units.
pub(super) fn pixels(widths: &[f64]) -> f64 {
    widths.iter().map(|w| (w * 7.0 + 5.0).trunc()).sum()
}

/// Orientation and scale for content `widest` pixels wide: the orientation that needs the least
/// shrinking, and the scale that fits it one page wide (at most 100, possibly below [`MIN_SCALE`]).
pub(super) fn fit(paper: Paper, widest: f64) -> (bool, u16) {
    let (w, h) = paper.inches();
    let scale = |page: f64| ((page - SIDE_MARGINS) * 96.0 * FILL / widest.max(1.0) * 100.0).floor().min(100.0);
    let (portrait, landscape) = (scale(w), scale(h));
    let landscape_wins = landscape > portrait;
    let best = if landscape_wins { landscape } else { portrait };
    (landscape_wins, best.max(1.0) as u16)
}

/// Paper and orientation; one page wide when that keeps [`MIN_SCALE`], else that scale over more
/// pages.
pub(super) fn set_up(ws: &mut Worksheet, paper: Paper, widest: f64) {
    let (landscape, scale) = fit(paper, widest);
    ws.set_paper_size(paper.code());
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    if scale >= MIN_SCALE {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(MIN_SCALE);
    }
}

/// A sheet of tables: one page wide, landscape, the header rows on every page.
pub(super) fn table(ws: &mut Worksheet, paper: Paper, header: (u32, u32)) -> Result<(), XlsxError> {
    ws.set_paper_size(paper.code());
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header.0, header.1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_content_prints_portrait_full_size_and_wide_content_needs_shrinking() {
        assert_eq!(fit(Paper::A4, pixels(&[13.0, 30.0, 5.5, 5.5, 5.5, 4.5, 4.5, 8.0])), (false, 100));
        let (landscape, scale) = fit(Paper::A4, pixels(&[30.0; 5]));
        assert!(landscape && (MIN_SCALE..100).contains(&scale), "{scale}");
        let (landscape, scale) = fit(Paper::Letter, pixels(&[5.5; 400]));
        assert!(landscape && scale < MIN_SCALE, "{scale}");
        assert!(fit(Paper::A3, 1_200.0).1 > fit(Paper::A4, 1_200.0).1);
    }
}
