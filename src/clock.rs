//! The clock: "today" in Iran, or a fixed instant for hermetic tests.
//!
//! `DABIR_NOW` fixes the clock for every command: an RFC 3339 instant
//! (`2025-12-06T09:30:00+03:30`) or Unix seconds. It sets the "today" of every rule
//! and, for write commands, the commit timestamps, so tests get identical commit ids.

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use crate::model::JDate;

/// The environment variable that fixes the clock.
pub const NOW_VAR: &str = "DABIR_NOW";

/// Iran Standard Time, UTC+03:30 (no daylight saving since 2022).
pub fn iran() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600 + 1800).expect("valid offset")
}

/// Why `DABIR_NOW` could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{NOW_VAR}={0:?} is neither an RFC 3339 time nor Unix seconds")]
pub struct BadClock(pub String);

/// The current instant in Iran time, or the fixed one.
pub fn now() -> Result<DateTime<FixedOffset>, BadClock> {
    match std::env::var(NOW_VAR) {
        Ok(v) if !v.trim().is_empty() => parse_instant(v.trim()).ok_or(BadClock(v)),
        _ => Ok(Utc::now().with_timezone(&iran())),
    }
}

fn parse_instant(v: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(secs) = v.parse::<i64>() {
        return DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&iran()));
    }
    DateTime::parse_from_rfc3339(v).ok()
}

/// Today's Solar Hijri date in Iran.
pub fn today() -> Result<JDate, BadClock> {
    let now = now()?.with_timezone(&iran());
    Ok(
        JDate::from_gregorian(now.year(), now.month() as u8, now.day() as u8)
            .expect("today is a date"),
    )
}

/// An RFC 3339 instant as a Persian reader reads it: the Solar Hijri date and the time
/// of day in Tehran, to the second, in Persian digits (`۱۴۰۴/۰۹/۱۵ ساعت ۰۹:۳۰:۰۰ به وقت
/// تهران`); the text as it was when it is not an instant.
pub fn tehran_fa(rfc3339: &str) -> String {
    use chrono::Timelike;
    let Ok(t) = DateTime::parse_from_rfc3339(rfc3339.trim()) else {
        return rfc3339.to_string();
    };
    let t = t.with_timezone(&iran());
    let Some(d) = JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8) else {
        return rfc3339.to_string();
    };
    let text = format!(
        "{} ساعت {:02}:{:02}:{:02} به وقت تهران",
        d.to_string().replace('-', "/"),
        t.hour(),
        t.minute(),
        t.second()
    );
    crate::model::text::persian_digits(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_time_in_tehran_solar_hijri() {
        // 06:00 UTC is 09:30 in Tehran; 2025-12-06 is 1404-09-15.
        assert_eq!(
            tehran_fa("2025-12-06T06:00:05+00:00"),
            "۱۴۰۴/۰۹/۱۵ ساعت ۰۹:۳۰:۰۵ به وقت تهران"
        );
        assert_eq!(tehran_fa("?"), "?");
    }

    #[test]
    fn parses_both_forms() {
        let t = parse_instant("2026-11-23T10:00:00+03:30").unwrap();
        assert_eq!(
            t.timestamp(),
            parse_instant(&t.timestamp().to_string())
                .unwrap()
                .timestamp()
        );
        assert!(parse_instant("yesterday").is_none());
    }
}
