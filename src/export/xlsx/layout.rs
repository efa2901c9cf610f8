//! Where things go on a team sheet: the rows and columns the writer and the tests agree on.

/// First matrix row (0-based): title, blank, header, roles, then activities.
pub(super) const HEADER_ROW: u32 = 2;
pub(super) const FIRST_ACTIVITY_ROW: u32 = 4;
/// First person column: phase, activity, then people.
pub(super) const FIRST_PERSON_COL: u16 = 2;

/// First and last row, first and last column of a block of cells (0-based, inclusive).
pub(super) type Rows = (u32, u32);
pub(super) type Cols = (u16, u16);

pub(super) fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub(super) fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
