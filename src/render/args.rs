//! Command-line errors in the reader's language. clap writes its errors in English; in
//! Persian mode (`--lang fa`, else the repository's `language`, else Persian) they are
//! said again in Persian from the error's kind and context (the argument, the value, the
//! values allowed, clap's suggestion), so a clerk who mistypes a flag reads Persian.
//! Help and version output are left to clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ErrorKind};

use crate::model::Lang;

/// The language of the run, read from the raw arguments before they parse: `--lang`,
/// else the `language` of the repository at `-C` (or here), else Persian.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut dir = None;
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return lang_named(v).unwrap_or_default();
        }
        if a == "--lang" {
            return it.next().and_then(|v| lang_named(&v)).unwrap_or_default();
        }
        if a == "-C" {
            dir = it.next().map(PathBuf::from);
        } else if let Some(d) = a.strip_prefix("-C") {
            dir = Some(PathBuf::from(d));
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    crate::repo::discover(&dir)
        .ok()
        .and_then(|root| {
            let source = crate::repo::WorkTree { root };
            crate::check::load_config(&source, &mut Vec::new()).ok()
        })
        .map(|c| c.language)
        .unwrap_or_default()
}

fn lang_named(v: &str) -> Option<Lang> {
    match v.trim() {
        "fa" => Some(Lang::Fa),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The error said in Persian, or `None` when clap's own output should stand (help,
/// version, and kinds without a Persian wording).
pub fn persian(e: &clap::Error) -> Option<String> {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string());
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = Vec::new();
    match e.kind() {
        ErrorKind::UnknownArgument => {
            lines.push(format!("گزینه «{arg}» شناخته نیست"));
        }
        ErrorKind::InvalidSubcommand => {
            let sub = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            lines.push(format!("فرمان «{sub}» شناخته نیست"));
        }
        ErrorKind::InvalidValue => {
            if value.is_empty() {
                lines.push(format!("«{arg}» مقدار لازم دارد"));
            } else {
                lines.push(format!("مقدار «{value}» برای «{arg}» پذیرفته نیست"));
            }
        }
        ErrorKind::ValueValidation => {
            lines.push(format!("مقدار «{value}» برای «{arg}» پذیرفته نیست"));
            if let Some(why) = validation_reason(e) {
                lines.push(why);
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = get(ContextKind::InvalidArg).unwrap_or_default();
            lines.push(format!(
                "این آرگومان‌ها لازم‌اند و نیامده‌اند: {}",
                fa_list(&missing)
            ));
        }
        ErrorKind::MissingSubcommand => {
            lines.push("فرمانی داده نشده است".to_string());
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg).unwrap_or_default();
            lines.push(format!("«{arg}» را نمی‌توان همراه «{prior}» به کار برد"));
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            lines.push(format!("شمار مقدارهای «{arg}» درست نیست"));
        }
        ErrorKind::NoEquals => {
            lines.push(format!("«{arg}» را به شکل درست بنویسید"));
        }
        _ => return None,
    }
    if let Some(valid) = get(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        lines.push(format!("مقدارهای مجاز: {}", fa_list(&valid)));
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| e.get(k));
    if let Some(s) = suggested {
        // clap orders suggestions from the least to the most similar: the best first.
        let s = match s {
            clap::error::ContextValue::Strings(v) => {
                v.iter().rev().cloned().collect::<Vec<_>>().join("» یا «")
            }
            other => other.to_string(),
        };
        lines.push(format!("شاید منظورتان «{s}» است"));
    }
    let mut out = format!("خطا: {}\n", lines[0]);
    for l in &lines[1..] {
        out.push_str(&format!("  {l}\n"));
    }
    out.push_str("\nراهنما: dabir --help، یا dabir <فرمان> --help\n");
    Some(out)
}

/// `a, b` as a Persian list: `«a»، «b»`.
fn fa_list(s: &str) -> String {
    s.split(", ")
        .map(|x| format!("«{}»", x.trim()))
        .collect::<Vec<_>>()
        .join("، ")
}

/// Why a value did not parse, in Persian, for the value parsers dabir uses (an enum
/// value, a Solar Hijri date).
fn validation_reason(e: &clap::Error) -> Option<String> {
    let source = std::error::Error::source(e)?.to_string();
    // serde's "unknown variant `x`, expected one of `a`, `b`" (or "expected `a` or `b`").
    if let Some((_, expected)) = source.split_once("expected ") {
        let values: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|v| format!("«{v}»"))
            .collect();
        if !values.is_empty() {
            return Some(format!("یکی از این‌ها باشد: {}", values.join("، ")));
        }
    }
    if source.contains("Solar Hijri") || source.contains("YYYY") || source.contains("date") {
        return Some(
            "تاریخ خورشیدی را به شکل ۱۴۰۳/۰۲/۱۶ یا 1403-02-16 بنویسید، روزی که در تقویم باشد"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn argument_errors_in_persian() {
        let e = crate::cli::Cli::try_parse_from(["dabir", "chekc"]).unwrap_err();
        let fa = persian(&e).expect("an unknown command");
        assert!(fa.starts_with("خطا: فرمان «chekc» شناخته نیست"), "{fa}");
        assert!(fa.contains("شاید منظورتان «check»"), "{fa}");
        let e = crate::cli::Cli::try_parse_from(["dabir", "check", "--stirct"]).unwrap_err();
        let fa = persian(&e).expect("an unknown flag");
        assert!(fa.contains("گزینه «--stirct» شناخته نیست"), "{fa}");
        let e = crate::cli::Cli::try_parse_from(["dabir", "check", "--as-of", "1404-13-40"])
            .unwrap_err();
        let fa = persian(&e).expect("a bad date");
        assert!(fa.contains("مقدار «1404-13-40» برای «--as-of"), "{fa}");
        assert!(fa.contains("تاریخ خورشیدی"), "{fa}");
        let e = crate::cli::Cli::try_parse_from(["dabir", "--help"]).unwrap_err();
        assert_eq!(persian(&e), None, "help is clap's");
    }

    #[test]
    fn the_language_comes_from_the_flag_first() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["dabir", "--lang", "en", "x"])), Lang::En);
        assert_eq!(lang_of(&args(&["dabir", "x", "--lang=fa"])), Lang::Fa);
        assert_eq!(
            lang_of(&args(&["dabir", "-C", "/nonexistent-dabir-dir", "x"])),
            Lang::Fa
        );
    }
}
