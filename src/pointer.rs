//! JSON pointers (RFC 6901), the one way every finding names the value it is about:
//! escaping a key into a pointer token, and finding the first value two documents differ
//! at.

use std::collections::BTreeSet;

use serde_json::Value;

/// `key` as one pointer token: `~` becomes `~0` and `/` becomes `~1`.
pub fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `parent` extended by the object key `key`.
pub fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", token(key))
}

/// Every JSON pointer (leaf or whole subtree) where `a` and `b` differ; a missing key and
/// a null are the same.
pub fn differences(a: &Value, b: &Value, at: &str, out: &mut BTreeSet<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let p = crate::pointer::child(at, k);
                differences(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &p,
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(v, w, &format!("{at}/{i}"), out);
            }
        }
        _ if a != b => {
            out.insert(if at.is_empty() { "/".into() } else { at.into() });
        }
        _ => {}
    }
}

/// The pointer, under `at`, of the first value that differs between `a` and `b`; a key
/// holding `null` is the same as a missing key.
pub fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = child(at, k);
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &p) {
                            return Some(d);
                        }
                    }
                    None if v.is_null() => {}
                    None => return Some(p),
                }
            }
            y.iter()
                .find(|(k, w)| !x.contains_key(*k) && !w.is_null())
                .map(|(k, _)| child(at, k))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, &format!("{at}/{i}")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}/{}", x.len().min(y.len())))
        }
        _ => (a != b).then(|| at.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_escaped() {
        assert_eq!(token("a/b~c"), "a~1b~0c");
        assert_eq!(child("/x", "a/b"), "/x/a~1b");
    }

    #[test]
    fn first_difference_finds_the_changed_value() {
        let a = serde_json::json!({"minutes": {"summary": "الف", "attendees": [{"person": "A"}, {"person": "B"}]}});
        let b = serde_json::json!({"minutes": {"summary": "الف", "attendees": [{"person": "A"}, {"person": "C"}]}});
        assert_eq!(
            first_difference(&a, &b, "").as_deref(),
            Some("/minutes/attendees/1/person")
        );
        let c = serde_json::json!({"minutes": {"summary": "الف", "attendees": [{"person": "A"}]}});
        assert_eq!(
            first_difference(&a, &c, "").as_deref(),
            Some("/minutes/attendees/1")
        );
        assert_eq!(first_difference(&a, &a, ""), None);
        let d = serde_json::json!({"x": null});
        assert_eq!(first_difference(&d, &serde_json::json!({}), ""), None);
    }
}
