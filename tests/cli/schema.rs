//! Every schema sample in `tests/schema/<kind>/valid` passes (schema and typed model) and
//! every one in `invalid/` fails with exactly the one error its `# expect:` line names
//! (pointer, keyword, argument; see tests/schema/README.md).

use std::path::Path;

use dabir::check;
use dabir::diag::Anchor;
use dabir::model::{Config, Kind};
use dabir::schema::Schemas;

fn kind_of(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

#[test]
fn schema_samples() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema");
    let (mut valid_n, mut invalid_n) = (0, 0);
    for dir in std::fs::read_dir(&base).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        let kind = kind_of(&name);
        assert!(
            kind.is_some() || name == "config" || name == "waivers",
            "unknown sample folder {name}"
        );
        for f in std::fs::read_dir(dir.join("valid")).unwrap() {
            let f = f.unwrap().path();
            let bytes = std::fs::read(&f).unwrap();
            let shown = f.strip_prefix(&base).unwrap().display().to_string();
            match kind {
                Some(kind) => {
                    let mut out = Vec::new();
                    let rec = check::parse_record(&shown, kind, &bytes, &mut out);
                    assert!(
                        out.is_empty() && rec.is_some(),
                        "{shown} should be valid: {out:#?}"
                    );
                }
                None if name == "waivers" => {
                    let value = dabir::yaml::parse(&bytes).unwrap().value;
                    assert!(
                        Schemas::get().validate_waivers(&value).is_empty(),
                        "{shown}"
                    );
                }
                None => {
                    let value = dabir::yaml::parse(&bytes).unwrap().value;
                    assert!(Schemas::get().validate(None, &value).is_empty(), "{shown}");
                    serde_json::from_value::<Config>(value).unwrap();
                }
            }
            valid_n += 1;
        }
        for f in std::fs::read_dir(dir.join("invalid")).unwrap() {
            let f = f.unwrap().path();
            let bytes = std::fs::read(&f).unwrap();
            let shown = f.strip_prefix(&base).unwrap().display().to_string();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let expect = text
                .lines()
                .find_map(|l| l.strip_prefix("# expect: "))
                .unwrap_or_else(|| panic!("{shown}: no `# expect: ` line"));
            let fields: Vec<&str> = expect.split(' ').collect();
            let value = dabir::yaml::parse(&bytes)
                .unwrap_or_else(|e| panic!("{shown}: {e:?}"))
                .value;
            let violations = if name == "waivers" {
                Schemas::get().validate_waivers(&value)
            } else {
                Schemas::get().validate(kind, &value)
            };
            assert_eq!(violations.len(), 1, "{shown}: {violations:#?}");
            let v = &violations[0];
            let pointer = match &v.anchor {
                Anchor::Key(parent, key) => {
                    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
                }
                _ => v.pointer.clone(),
            };
            assert_eq!(pointer, fields[0], "{shown}: pointer");
            assert_eq!(v.keyword, fields[1], "{shown}: keyword");
            if let Some(arg) = fields.get(2) {
                // The message names the field by its key and, in Persian, by the name
                // its schema gives it.
                assert!(
                    v.message.en.contains(&format!("`{arg}` (")),
                    "{shown}: {}",
                    v.message.en
                );
                assert!(
                    v.message.fa.contains(&format!("({arg})")),
                    "{shown}: {}",
                    v.message.fa
                );
            }
            invalid_n += 1;
        }
    }
    assert!(
        valid_n >= 22 && invalid_n >= 33,
        "{valid_n} valid, {invalid_n} invalid"
    );
}
