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

#[cfg(test)]
mod tests {
    use super::*;

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
