//! Solar Hijri (Jalali) dates, the only calendar in records.
//!
//! Records store `YYYY-MM-DD` ASCII strings. On input we also accept Persian (۰-۹) and
//! Arabic-Indic (٠-٩) digits, `/` as a separator, and two-digit years meaning 13xx, as the
//! seeds write them (`۸۷/۲/۱۶` = 1387-02-16). Validity comes from `icu_calendar`'s Persian
//! calendar, so `1403-12-30` is a date and `1404-12-30` is not. Quarters are the seasons
//! (months 1-3, 4-6, 7-9, 10-12), as R-REP-1 reads them.

use std::fmt;
use std::str::FromStr;

use icu_calendar::{Date, Iso};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::config::Lang;
use super::text::{ascii_digits, persian_digits};

/// A valid Solar Hijri calendar date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a string is not a Solar Hijri date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date in the form YYYY-MM-DD")]
    Form(String),
    #[error("{0} is not a day of the Solar Hijri calendar")]
    NoSuchDay(String),
}

impl JDate {
    /// A date from its parts, if the Solar Hijri calendar has that day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<JDate> {
        if !(1200..=1700).contains(&year) {
            return None;
        }
        Date::try_new_persian(i32::from(year), month, day).ok()?;
        Some(JDate { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// The season (1-4) the date falls in; quarters of the fiscal year are seasons.
    pub fn quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// Days since a fixed epoch (Rata Die), for differences between dates.
    pub fn day_number(self) -> i64 {
        Date::try_new_persian(i32::from(self.year), self.month, self.day)
            .expect("JDate is always valid")
            .to_rata_die()
            .to_i64_date()
    }

    /// The date `days` after this one (negative for before).
    pub fn add_days(self, days: i64) -> JDate {
        let rd = icu_calendar::types::RataDie::new(self.day_number() + days);
        let p = Date::from_rata_die(rd, icu_calendar::cal::Persian);
        JDate {
            year: p.year().extended_year() as u16,
            month: p.month().ordinal,
            day: p.day_of_month().0,
        }
    }

    /// Days from `self` to `later` (positive when `later` is after).
    pub fn days_until(self, later: JDate) -> i64 {
        later.day_number() - self.day_number()
    }

    /// The first day of a season.
    pub fn quarter_start(year: u16, quarter: u8) -> JDate {
        JDate::new(year, (quarter - 1) * 3 + 1, 1).expect("first day of a season exists")
    }

    /// The last day of a season (Esfand has 29 or 30 days).
    pub fn quarter_end(year: u16, quarter: u8) -> JDate {
        if quarter == 4 {
            JDate::quarter_start(year + 1, 1).add_days(-1)
        } else {
            JDate::quarter_start(year, quarter + 1).add_days(-1)
        }
    }

    /// The Solar Hijri date of a Gregorian (ISO) day.
    pub fn from_gregorian(year: i32, month: u8, day: u8) -> Option<JDate> {
        let iso = Date::try_new_iso(year, month, day).ok()?;
        let rd = iso.to_rata_die();
        let p = Date::from_rata_die(rd, icu_calendar::cal::Persian);
        Some(JDate {
            year: u16::try_from(p.year().extended_year()).ok()?,
            month: p.month().ordinal,
            day: p.day_of_month().0,
        })
    }

    /// The Gregorian (ISO) `(year, month, day)` of this date.
    pub fn to_gregorian(self) -> (i32, u8, u8) {
        let rd = icu_calendar::types::RataDie::new(self.day_number());
        let iso = Date::from_rata_die(rd, Iso);
        (
            iso.year().extended_year(),
            iso.month().ordinal,
            iso.day_of_month().0,
        )
    }

    /// Parse a date, accepting Persian and Arabic-Indic digits, `/` separators and
    /// two-digit years (13xx). The result is always canonical.
    pub fn parse(input: &str) -> Result<JDate, DateError> {
        let ascii = ascii_digits(input.trim());
        let form = || DateError::Form(input.to_string());
        let mut parts = ascii.split(['-', '/']);
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(form());
        };
        let digits = |s: &str, max_len: usize| {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let year = match y.len() {
            2 => digits(y, 2).map(|v| 1300 + v),
            4 => digits(y, 4),
            _ => None,
        }
        .ok_or_else(form)?;
        let month = digits(m, 2).ok_or_else(form)?;
        let day = digits(d, 2).ok_or_else(form)?;
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(form());
        };
        JDate::new(year, month, day)
            .ok_or_else(|| DateError::NoSuchDay(format!("{year:04}-{month:02}-{day:02}")))
    }

    /// Whether `input` is already written the canonical way (`YYYY-MM-DD`, ASCII).
    pub fn is_canonical(input: &str) -> bool {
        input.len() == 10 && JDate::parse(input).is_ok_and(|d| d.to_string() == input)
    }

    /// The date written with Persian digits, as a clerk reads it.
    pub fn to_persian_digits(self) -> String {
        super::text::persian_digits(&self.to_string())
    }
}

impl fmt::Display for JDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for JDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JDate({self})")
    }
}

impl FromStr for JDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JDate::parse(s)
    }
}

/// `YYYY-MM-DD` in text formats; in binary ones (the caches) the number `YYYYMMDD`, which
/// reads back without parsing a string.
impl Serialize for JDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            let packed =
                u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day);
            s.serialize_u32(packed)
        }
    }
}

impl<'de> Deserialize<'de> for JDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            JDate::parse(&s).map_err(serde::de::Error::custom)
        } else {
            let n = u32::deserialize(d)?;
            JDate::unpack(n)
                .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a packed date")))
        }
    }
}

/// The months of the Solar Hijri year, in Persian and in the English transliteration
/// official English documents use.
const MONTHS: [(&str, &str); 12] = [
    ("فروردین", "Farvardin"),
    ("اردیبهشت", "Ordibehesht"),
    ("خرداد", "Khordad"),
    ("تیر", "Tir"),
    ("مرداد", "Mordad"),
    ("شهریور", "Shahrivar"),
    ("مهر", "Mehr"),
    ("آبان", "Aban"),
    ("آذر", "Azar"),
    ("دی", "Dey"),
    ("بهمن", "Bahman"),
    ("اسفند", "Esfand"),
];

impl JDate {
    /// The month's name: `اردیبهشت` (or `Ordibehesht`).
    pub fn month_name(self, lang: Lang) -> &'static str {
        let (fa, en) = MONTHS[usize::from(self.month().clamp(1, 12)) - 1];
        match lang {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }

    /// The date in words, as letters and documents give it: `۱۶ اردیبهشت ۱۴۰۳` (or
    /// `16 Ordibehesht 1403`).
    pub fn in_words(self, lang: Lang) -> String {
        let words = format!("{} {} {}", self.day(), self.month_name(lang), self.year());
        match lang {
            Lang::Fa => persian_digits(&words),
            Lang::En => words,
        }
    }
}

impl JDate {
    /// The date `YYYYMMDD` packs, checked as [`JDate::new`] checks it; only the 30th of
    /// Esfand needs the calendar.
    fn unpack(n: u32) -> Option<JDate> {
        let year = u16::try_from(n / 10_000).ok()?;
        let (month, day) = ((n / 100 % 100) as u8, (n % 100) as u8);
        let days = match month {
            1..=6 => 31,
            7..=12 => 30,
            _ => return None,
        };
        if !(1200..=1700).contains(&year) || day == 0 || day > days {
            return None;
        }
        if month == 12 && day == 30 {
            return JDate::new(year, month, day);
        }
        Some(JDate { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packed_dates_read_back_and_impossible_ones_do_not() {
        for s in [
            "1403-12-30",
            "1404-01-01",
            "1404-06-31",
            "1404-07-30",
            "1404-12-29",
        ] {
            let d = JDate::parse(s).unwrap();
            let bytes = postcard::to_stdvec(&d).unwrap();
            assert_eq!(postcard::from_bytes::<JDate>(&bytes).unwrap(), d);
        }
        for n in [
            14041230, 14040731, 14041301, 14040100, 14040001, 11990101, 0,
        ] {
            let bytes = postcard::to_stdvec(&n).unwrap();
            assert!(postcard::from_bytes::<JDate>(&bytes).is_err(), "{n}");
        }
    }

    #[test]
    fn leap_years_follow_the_calendar() {
        assert!(JDate::parse("1403-12-30").is_ok());
        assert_eq!(
            JDate::parse("1404-12-30"),
            Err(DateError::NoSuchDay("1404-12-30".into()))
        );
        assert!(JDate::parse("1399-12-30").is_ok());
    }

    #[test]
    fn accepts_persian_digits_slashes_and_short_years() {
        let d = JDate::parse("۸۷/۲/۱۶").unwrap();
        assert_eq!(d.to_string(), "1387-02-16");
        assert_eq!(
            JDate::parse("١٤٠٣-٠٢-١٦").unwrap().to_string(),
            "1403-02-16"
        );
        assert_eq!(d.to_gregorian(), (2008, 5, 5));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "1403",
            "1403-1-1-1",
            "14031-01-01",
            "1403-13-01",
            "1403-00-10",
            "x-y-z",
            "1403-01-32",
        ] {
            assert!(JDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn seasons() {
        let d = JDate::parse("1403-07-01").unwrap();
        assert_eq!(d.quarter(), 3);
        assert_eq!(JDate::quarter_end(1403, 4).to_string(), "1403-12-30");
        assert_eq!(JDate::quarter_end(1404, 4).to_string(), "1404-12-29");
        assert_eq!(JDate::quarter_end(1403, 1).to_string(), "1403-03-31");
    }

    proptest! {
        #[test]
        fn day_arithmetic_round_trips(days in -40000i64..40000) {
            let base = JDate::parse("1403-01-01").unwrap();
            let d = base.add_days(days);
            prop_assert_eq!(base.days_until(d), days);
            prop_assert_eq!(JDate::parse(&d.to_string()).unwrap(), d);
            prop_assert_eq!(JDate::parse(&d.to_persian_digits()).unwrap(), d);
        }
    }
}
