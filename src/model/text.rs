//! Persian text: digit scripts and the normal form used to compare names.
//!
//! The seeds mix Arabic and Persian letters for the same word (ي/ی, ك/ک) and drop or
//! garble the zero-width non-joiner (خوشه‌ها, خوشه¬ها, خوشهها); `docs/domain.md` says names that
//! differ only so are the same name. [`name_key`] is the key two names are compared by.

/// Map Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII; everything else is kept.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(ascii_digit).collect()
}

fn ascii_digit(c: char) -> char {
    match c {
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        _ => c,
    }
}

/// Map ASCII digits to Persian digits, for display.
pub fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Characters that stand for, or are garbled forms of, the zero-width non-joiner, and
/// other invisible joiners that do not change a name.
fn is_joiner_like(c: char) -> bool {
    matches!(
        c,
        '\u{200C}'
            | '\u{200B}'
            | '\u{200D}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{00AC}'
            | '\u{00AD}'
            | '\u{FEFF}'
            | '\u{0640}'
            | '\u{2060}'
    ) || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Arabic diacritics (harakat, superscript alef, hamza marks) that do not change a name.
fn is_diacritic(c: char) -> bool {
    ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}'
}

/// The key two names are compared by: Arabic letter forms mapped to Persian ones, digits to
/// ASCII, and joiners, diacritics, white space and punctuation dropped.
///
/// `name_key("خوشه‌ها") == name_key("خوشه¬ها") == name_key("خوشهها")`.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_joiner_like(c) || is_diacritic(c) {
            continue;
        }
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'ة' | 'ۀ' => 'ه',
            'أ' | 'إ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            _ => ascii_digit(c),
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Bidirectional-formatting characters, which must never appear in ids and which tables
/// do not print unless asked.
pub fn has_bidi_control(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seed_variants_are_one_name() {
        let forms = ["خوشه‌ها", "خوشه¬ها", "خوشهها", "خوشه ها"];
        for f in forms {
            assert_eq!(name_key(f), name_key(forms[0]), "{f}");
        }
        assert_eq!(
            name_key("شركت شهركهاي صنعتي"),
            name_key("شرکت شهرک‌های صنعتی")
        );
        assert_eq!(
            name_key("سازمان صنعت، معدن و تجارت"),
            name_key("سازمان صنعت معدن و تجارت")
        );
        assert_ne!(name_key("خوشه فرش"), name_key("خوشه گلاب"));
    }

    #[test]
    fn digits() {
        assert_eq!(ascii_digits("۱۴۰۳/٠٢/۱۶"), "1403/02/16");
        assert_eq!(persian_digits("1403-02-16"), "۱۴۰۳-۰۲-۱۶");
    }

    fn arabic_variant(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                'ی' => 'ي',
                'ک' => 'ك',
                _ => c,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn key_ignores_letter_forms_joiners_and_digit_scripts(
            words in proptest::collection::vec("[آ-یکگچپژ]{1,6}", 1..4),
            sep in prop::sample::select(vec!["\u{200C}", "¬", "", " "]),
            n in 0u32..10000,
        ) {
            let plain = format!("{} {}", words.join(" "), n);
            let garbled = format!("{}{}{}", arabic_variant(&words.join(sep)), sep, persian_digits(&n.to_string()));
            prop_assert_eq!(name_key(&plain), name_key(&garbled));
            prop_assert_eq!(name_key(&name_key(&plain)), name_key(&plain));
        }
    }
}
