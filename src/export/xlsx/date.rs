//! The date a workbook records: a calendar day, from `YYYY-MM-DD` or from seconds since 1970
//! (`SOURCE_DATE_EPOCH`).

use std::fmt;
use std::str::FromStr;

/// A calendar day between 1900 and 9999, the years Excel can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The day, if it exists and Excel can show it.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// The day (UTC) of a moment given in seconds since 1970-01-01, as `SOURCE_DATE_EPOCH` does.
    pub fn from_unix(seconds: i64) -> Option<Date> {
        // Howard Hinnant's days-to-civil algorithm.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// Year, month and day.
    pub fn ymd(self) -> (u16, u8, u8) {
        (self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.trim().splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<u16>().ok());
        let date = match (next(), next(), next()) {
            (Some(y), Some(m), Some(d)) => {
                u8::try_from(m).ok().zip(u8::try_from(d).ok()).and_then(|(m, d)| Date::new(y, m, d))
            }
            _ => None,
        };
        date.ok_or_else(|| format!("'{text}' is not a date between 1900-01-01 and 9999-12-31; write YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_validate_and_come_from_unix_seconds() {
        assert_eq!("2025-06-30".parse::<Date>().map(|d| d.to_string()), Ok("2025-06-30".to_string()));
        assert!("2025-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("30.06.2025".parse::<Date>().is_err());
        assert!("1899-12-31".parse::<Date>().is_err());
        assert_eq!(Date::from_unix(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix(1_700_000_000), Date::new(2023, 11, 14));
        assert_eq!(Date::from_unix(951_782_400), Date::new(2000, 2, 29));
        assert_eq!(Date::from_unix(-2_208_988_800), Date::new(1900, 1, 1));
        assert_eq!(Date::from_unix(-2_208_988_801), None);
    }
}
