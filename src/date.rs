//! Calendar dates as written in front matter (`updated = 2026-11-20`).
//!
//! TOML already rejects impossible dates such as 2026-02-30; this type also rejects a date that
//! carries a time, and knows the little date arithmetic the site needs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date without time or zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Full year, e.g. 2026.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// The same day `years` later; 29 February becomes 28 February in a non-leap year.
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years);
        let day = if self.month == 2 && self.day == 29 && !is_leap(year) {
            28
        } else {
            self.day
        };
        Date {
            year,
            month: self.month,
            day,
        }
    }
}

/// Dates as readers see them, in the site's language, with the month's name: "December 1,
/// 2026" in English, "1 de diciembre de 2026" in Spanish, "1 December 2026" in British English;
/// ICU4X's patterns and names (CLDR), in the Gregorian calendar whatever the language's usual one.
pub(crate) struct LongDates(
    Option<
        icu_datetime::FixedCalendarDateTimeFormatter<
            icu_calendar::Gregorian,
            icu_datetime::fieldsets::YMD,
        >,
    >,
);

impl LongDates {
    /// The long dates of `language` (a BCP 47 tag); a tag ICU4X cannot read gets ISO dates.
    pub(crate) fn of(language: &str) -> LongDates {
        let formatter = icu_locale_core::Locale::try_from_str(language)
            .ok()
            .and_then(|locale| {
                icu_datetime::FixedCalendarDateTimeFormatter::try_new(
                    locale.into(),
                    icu_datetime::fieldsets::YMD::long(),
                )
                .ok()
            });
        LongDates(formatter)
    }

    /// `date` written out.
    pub(crate) fn long(&self, date: Date) -> String {
        let gregorian =
            icu_calendar::Date::try_new_gregorian(i32::from(date.year), date.month, date.day);
        match (&self.0, gregorian) {
            (Some(formatter), Ok(day)) => formatter.format(&day).to_string(),
            _ => date.to_string(),
        }
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

impl fmt::Display for Date {
    /// ISO 8601: `2026-11-20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::value::Datetime::deserialize(deserializer)?;
        match (value.date, value.time, value.offset) {
            (Some(date), None, None) => Ok(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            _ => Err(serde::de::Error::custom(format!(
                "expected a date like 2026-11-20, found `{value}` (leave out the time)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn plus_years_keeps_the_day_and_handles_leap_days() {
        assert_eq!(date(2026, 11, 20).plus_years(3), date(2029, 11, 20));
        assert_eq!(date(2024, 2, 29).plus_years(3), date(2027, 2, 28));
        assert_eq!(date(2024, 2, 29).plus_years(4), date(2028, 2, 29));
    }

    #[test]
    fn formats_iso_and_long_in_the_language() {
        assert_eq!(date(2026, 1, 5).to_string(), "2026-01-05");
        let day = date(2026, 12, 1);
        assert_eq!(LongDates::of("en").long(day), "December 1, 2026");
        assert_eq!(LongDates::of("en-GB").long(day), "1 December 2026");
        assert_eq!(LongDates::of("es").long(day), "1 de diciembre de 2026");
        assert_eq!(LongDates::of("not a tag").long(day), "2026-12-01");
    }

    #[derive(Deserialize)]
    struct Holder {
        d: Date,
    }

    #[test]
    fn deserializes_dates_and_rejects_times_and_impossible_days() {
        let ok: Holder = toml::from_str("d = 2026-11-20").expect("a plain date parses");
        assert_eq!(ok.d, date(2026, 11, 20));
        assert!(toml::from_str::<Holder>("d = 2026-11-20T10:00:00").is_err());
        assert!(toml::from_str::<Holder>("d = 2026-02-30").is_err());
        assert!(toml::from_str::<Holder>("d = \"2026-11-20\"").is_err());
    }
}
