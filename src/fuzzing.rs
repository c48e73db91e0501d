//! The bodies of the fuzz targets (`fuzz/`, RELIABILITY.md "Fuzzing"): each takes
//! arbitrary bytes and panics only when dabir is wrong. The afl binaries in `fuzz/` call
//! them; the tests below replay every input a fuzzer ever failed on
//! (`fuzz/regressions/TARGET/`), so a fixed failure stays fixed in `cargo test`.

use crate::check::parse_record;
use crate::diag::{self, Severity};
use crate::model::text::name_key;
use crate::model::{JDate, Kind, Lang};
use crate::render::human;

/// The first byte picks the record kind, the rest is the file.
fn kind_and_file(data: &[u8]) -> Option<(Kind, String, &[u8])> {
    let (&k, bytes) = data.split_first()?;
    let kind = Kind::ALL[usize::from(k) % Kind::ALL.len()];
    Some((kind, format!("{}/FUZZ.yaml", kind.dir()), bytes))
}

/// The record loader, bytes to findings, as `check` runs it: parse, schema, typed model;
/// then every finding located in the file and rendered for people in both languages.
/// Nothing may panic, and a file that does not load says why.
pub fn loader(data: &[u8]) {
    let Some((kind, path, bytes)) = kind_and_file(data) else {
        return;
    };
    let mut findings = Vec::new();
    let record = parse_record(&path, kind, bytes, &mut findings);
    assert!(
        record.is_some() || findings.iter().any(|f| f.severity == Severity::Error),
        "a file that does not load has no error"
    );
    let read = |_: &str| Some(bytes.to_vec());
    diag::resolve(&mut findings, read);
    // Every place a finding points at starts and ends between characters of the text as
    // it is shown (the renderer copes otherwise, but the caret would be wrong).
    let text = crate::yaml::display_text(bytes);
    let places = findings.iter().flat_map(|f| {
        f.position
            .iter()
            .chain(f.related.iter().filter_map(|r| r.position.as_ref()))
    });
    for p in places {
        assert!(
            text.is_char_boundary(p.offset) && text.is_char_boundary(p.offset + p.length),
            "a finding placed inside a character: {p:?}"
        );
    }
    for lang in [Lang::Fa, Lang::En] {
        human::plain(&findings, lang, &read);
    }
}

/// The writer -> reader round trip: a record that loads, written by the YAML writer, reads
/// back as the same record without a finding, and writing it again gives the same text.
pub fn roundtrip(data: &[u8]) {
    let Some((kind, path, bytes)) = kind_and_file(data) else {
        return;
    };
    let Some(record) = parse_record(&path, kind, bytes, &mut Vec::new()) else {
        return;
    };
    let text = crate::store::write::to_yaml(&record);
    let mut findings = Vec::new();
    let again = parse_record(&path, kind, text.as_bytes(), &mut findings);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.en.as_str()).collect();
    assert!(
        findings.is_empty(),
        "the written file has findings: {messages:?}\n{text}"
    );
    let again = again.expect("the written file loads");
    assert!(again == record, "read back differently:\n{text}");
    assert_eq!(
        crate::store::write::to_yaml(&again),
        text,
        "the writer is not stable"
    );
}

/// The date parser: whatever it accepts is canonical once written, reads back the same in
/// Latin and Persian digits, and survives the trip through the Gregorian calendar.
pub fn date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(d) = JDate::parse(s) else {
        return;
    };
    let text = d.to_string();
    assert!(JDate::is_canonical(&text), "{text} is not canonical");
    assert_eq!(JDate::parse(&text).ok(), Some(d), "{text}");
    assert_eq!(JDate::parse(&d.to_persian_digits()).ok(), Some(d), "{text}");
    let (y, m, day) = d.to_gregorian();
    assert_eq!(
        JDate::from_gregorian(y, m, day),
        Some(d),
        "{text} -> {y}-{m}-{day}"
    );
}

/// The name normaliser: a key is its own key, and the composed (NFC) and decomposed (NFD)
/// forms of a name have one key.
pub fn name(data: &[u8]) {
    use unicode_normalization::UnicodeNormalization;
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let key = name_key(s);
    assert_eq!(name_key(&key), key, "the key of {s:?} is not its own key");
    let (nfc, nfd): (String, String) = (s.nfc().collect(), s.nfd().collect());
    assert_eq!(
        name_key(&nfc),
        name_key(&nfd),
        "NFC {nfc:?} and NFD {nfd:?}"
    );
    assert_eq!(name_key(&nfc), key, "{s:?} and its NFC form {nfc:?}");
}

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// Every target by name, for the replays and for `fuzz/`.
pub const TARGETS: [(&str, Target); 4] = [
    ("loader", loader),
    ("roundtrip", roundtrip),
    ("date", date),
    ("name", name),
];

#[cfg(test)]
mod tests {
    /// Replay every input a fuzzer failed on (`fuzz/regressions/TARGET/*`), and the
    /// sample's records through the loader and the round trip.
    #[test]
    fn every_fuzz_regression_passes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for (target, run) in super::TARGETS {
            let dir = root.join("fuzz/regressions").join(target);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries {
                let p = e.unwrap().path();
                let data = std::fs::read(&p).unwrap();
                let ok = std::panic::catch_unwind(|| run(&data));
                assert!(ok.is_ok(), "{target}: {} fails again", p.display());
                n += 1;
            }
        }
        eprintln!("{n} fuzz regressions replayed");
    }
}
