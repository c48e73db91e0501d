//! Messages in both languages: [`Text`] and the `tr!` macro that builds one from an
//! English and a Persian format string. Every message a person reads is a `Text`; the
//! output chooses the language (`--lang`, else the repository's).

use serde::{Deserialize, Serialize};

use super::config::Lang;

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub fa: String,
}

impl Text {
    pub fn new(en: impl Into<String>, fa: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            fa: fa.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fa => &self.fa,
        }
    }
}

/// `tr!("english {x}", "فارسی {x}")`: a [`Text`] from two format strings.
#[macro_export]
macro_rules! tr {
    ($en:expr, $fa:expr $(,)?) => {
        $crate::model::message::Text {
            en: format!($en),
            fa: format!($fa),
        }
    };
}
