//! Record ids and the file each record lives in.
//!
//! Ids are ASCII, upper-case, and province-prefixed (`ESF-PC`, `ESF-PC-1403-02`), so the
//! 31 provinces can merge into one national repository without collisions. An id becomes
//! a file name and a git path, so it is checked here, before any file-system call: the
//! grammar admits no `.`, `/`, `\`, space, lower case or control character, which rules
//! out `../x`, `.git`, `CON`, trailing dots and case collisions by construction.

use std::fmt;

/// The longest id we accept.
pub const MAX_ID_LEN: usize = 64;

/// Why a string is not a record id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the id is empty")]
    Empty,
    #[error("the id is longer than {MAX_ID_LEN} characters")]
    TooLong,
    #[error("the id has `{0}`, but ids use only A-Z, 0-9 and `-`")]
    BadChar(char),
    #[error(
        "the id must be a province code and at least one more part, joined by `-` (like ESF-PC)"
    )]
    Shape,
}

impl IdError {
    /// The same, in Persian.
    pub fn fa(&self) -> String {
        match self {
            IdError::Empty => "شناسه خالی است".into(),
            IdError::TooLong => {
                super::text::persian_digits(&format!("شناسه از {MAX_ID_LEN} نویسه بلندتر است"))
            }
            IdError::BadChar(c) => format!(
                "شناسه نویسه «{c}» دارد، ولی شناسه‌ها تنها از A-Z، 0-9 و «-» ساخته می‌شوند"
            ),
            IdError::Shape => {
                "شناسه باید کد استان و دست‌کم یک بخش دیگر باشد که با «-» به هم پیوسته‌اند (مانند ESF-PC)".into()
            }
        }
    }
}

/// Check that `id` is a record id: `PROV-PART[-PART...]`, each part `[A-Z0-9]+`, the
/// province code 2-6 letters.
pub fn validate_id(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(IdError::BadChar(c));
    }
    let mut parts = id.split('-');
    let province = parts.next().unwrap_or_default();
    let province_ok =
        (2..=6).contains(&province.len()) && province.bytes().all(|b| b.is_ascii_uppercase());
    let rest: Vec<&str> = parts.collect();
    if !province_ok || rest.is_empty() || rest.iter().any(|p| p.is_empty()) {
        return Err(IdError::Shape);
    }
    Ok(())
}

/// The province code an id starts with.
pub fn province_of(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// The Solar Hijri year an id carries, if it has a 4-digit part in 1200..=1700.
pub fn year_of(id: &str) -> Option<u16> {
    id.split('-')
        .filter(|p| p.len() == 4)
        .filter_map(|p| p.parse::<u16>().ok())
        .find(|y| (1200..=1700).contains(y))
}

/// Every kind of record, with the directory it lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Body,
    Person,
    Committee,
    Meeting,
    Decision,
    Cluster,
    Plan,
    Report,
    Review,
    Dispute,
    /// The national organisation's annual programme (seed 004).
    Programme,
    /// A province's quarterly progress on the annual programme.
    Progress,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Body,
        Kind::Person,
        Kind::Committee,
        Kind::Meeting,
        Kind::Decision,
        Kind::Cluster,
        Kind::Plan,
        Kind::Report,
        Kind::Review,
        Kind::Dispute,
        Kind::Programme,
        Kind::Progress,
    ];

    /// The top-level directory of this kind's records.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Body => "bodies",
            Kind::Person => "people",
            Kind::Committee => "committees",
            Kind::Meeting => "meetings",
            Kind::Decision => "decisions",
            Kind::Cluster => "clusters",
            Kind::Plan => "plans",
            Kind::Report => "reports",
            Kind::Review => "reviews",
            Kind::Dispute => "disputes",
            Kind::Programme => "programmes",
            Kind::Progress => "progress",
        }
    }

    /// The kind whose records live under `dir`.
    pub fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.dir() == dir)
    }

    /// The lower-case name used in schemas, commands and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Person => "person",
            Kind::Committee => "committee",
            Kind::Meeting => "meeting",
            Kind::Decision => "decision",
            Kind::Cluster => "cluster",
            Kind::Plan => "plan",
            Kind::Report => "report",
            Kind::Review => "review",
            Kind::Dispute => "dispute",
            Kind::Programme => "programme",
            Kind::Progress => "progress",
        }
    }

    /// The Persian name of the kind.
    pub fn name_fa(self) -> &'static str {
        match self {
            Kind::Body => "نهاد",
            Kind::Person => "شخص",
            Kind::Committee => "کمیته",
            Kind::Meeting => "جلسه",
            Kind::Decision => "مصوبه",
            Kind::Cluster => "خوشه",
            Kind::Plan => "برنامه عمل",
            Kind::Report => "گزارش سه‌ماهه",
            Kind::Review => "گزارش ناظر",
            Kind::Dispute => "اختلاف",
            Kind::Programme => "برنامه سالانه",
            Kind::Progress => "پیشرفت برنامه سالانه",
        }
    }

    /// Kinds with many records a year are filed under a year directory taken from the id.
    pub fn yearly(self) -> bool {
        matches!(
            self,
            Kind::Meeting | Kind::Decision | Kind::Report | Kind::Review | Kind::Progress
        )
    }

    /// The repository-relative path of the record `id` of this kind. The id must already
    /// be valid ([`validate_id`]); a yearly kind's id must carry a year.
    pub fn path_of(self, id: &str) -> Result<String, IdError> {
        validate_id(id)?;
        if self.yearly() {
            let year = year_of(id).ok_or(IdError::Shape)?;
            Ok(format!("{}/{year}/{id}.yaml", self.dir()))
        } else {
            Ok(format!("{}/{id}.yaml", self.dir()))
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The ids among `known` a mistyped `id` most likely meant, best first (at most three):
/// the same id in other case, then those within a few edits (the "did you mean" of a
/// refusal or of `show`).
pub fn nearest<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let want = super::text::ascii_digits(id.trim()).to_ascii_uppercase();
    let limit = (want.chars().count() / 4).clamp(1, 3);
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|k| {
            let d = edit_distance(&want, &k.to_ascii_uppercase());
            (d <= limit).then_some((d, k))
        })
        .collect();
    scored.sort();
    scored.dedup();
    // The same id in other case is the one meant.
    if scored.first().is_some_and(|(d, _)| *d == 0) {
        scored.retain(|(d, _)| *d == 0);
    }
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// The Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != *cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_ids_are_rejected() {
        for bad in [
            "../x",
            "/abs",
            "a\\b",
            ".git",
            ".GIT",
            "git~1",
            "CON",
            "NUL",
            "ESF-PC.",
            "ESF-PC ",
            "esf-pc",
            "ESF--PC",
            "ESF-",
            "-PC",
            "ESF-PC/../../x",
            "ESF-P\u{200F}C",
            "ESF-PC:$INDEX",
            "E-PC",
            "ESFAHAN-PC",
        ] {
            assert!(validate_id(bad).is_err(), "{bad:?} accepted");
        }
        assert!(validate_id(&format!("ESF-{}", "A".repeat(70))).is_err());
    }

    #[test]
    fn paths() {
        assert_eq!(
            Kind::Committee.path_of("ESF-PC").unwrap(),
            "committees/ESF-PC.yaml"
        );
        assert_eq!(
            Kind::Meeting.path_of("ESF-PC-1403-02").unwrap(),
            "meetings/1403/ESF-PC-1403-02.yaml"
        );
        assert!(Kind::Meeting.path_of("ESF-PC-X").is_err());
        assert_eq!(province_of("ESF-PC-1403"), "ESF");
    }

    proptest! {
        #[test]
        fn accepted_ids_stay_inside_their_directory(id in "[A-Z]{2,6}(-[A-Z0-9]{1,8}){1,4}") {
            prop_assert!(validate_id(&id).is_ok());
            let path = Kind::Body.path_of(&id).unwrap();
            prop_assert!(path.starts_with("bodies/"));
            prop_assert_eq!(path.matches('/').count(), 1);
            prop_assert!(!path.contains(".."));
        }

        #[test]
        fn anything_else_never_escapes(id in ".{0,20}") {
            if let Ok(path) = Kind::Dispute.path_of(&id) {
                prop_assert!(!path.contains(".."));
                prop_assert_eq!(path.matches('/').count(), 1);
            }
        }
    }

    #[test]
    fn nearest_ids_for_a_mistyped_one() {
        let known = [
            "ESF-PC-1404-01-D1",
            "ESF-PC-1404-01-D2",
            "ESF-PC-1404-02-D1",
            "ESF-PC",
        ];
        assert_eq!(nearest("esf-pc", known), ["ESF-PC"]);
        assert_eq!(
            nearest("ESF-PC-1404-1-D1", known),
            [
                "ESF-PC-1404-01-D1",
                "ESF-PC-1404-01-D2",
                "ESF-PC-1404-02-D1"
            ]
        );
        assert_eq!(nearest("ESF-PC-۱۴۰۴-02-D1", known)[0], "ESF-PC-1404-02-D1");
        assert!(nearest("KHR-CL-X", known).is_empty());
    }
}
