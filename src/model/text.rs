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

/// Numbers in text a person reads, as a reader of `lang` expects them: in Persian,
/// digits are Persian, dates `YYYY-MM-DD` read `۱۴۰۴/۰۲/۳۱`, the thousands separator of
/// an amount (grouped where it is written, `1,250,000`) is `٬`, the decimal one `٫` and
/// the percent sign `٪`; English text is left as it is. Words holding an ASCII letter
/// (ids, rule ids, file paths, flags) and anything between backticks (a commit id, a
/// YAML key) are left as they are: machine text stays ASCII.
pub fn human_numbers(s: &str, lang: super::Lang) -> String {
    let word = |c: char| c.is_ascii_alphanumeric() || "_./:-~+#,%".contains(c);
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let end = rest[1..].find('`').map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if !word(c) {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        let token = &rest[..end];
        // Punctuation that ends a sentence or a clause is not part of the number.
        let body = token.trim_end_matches([',', '.', ':']);
        out.push_str(&number_word(body, lang));
        out.push_str(&token[body.len()..]);
        rest = &rest[end..];
    }
    out
}

/// One word of [`human_numbers`].
fn number_word(w: &str, lang: super::Lang) -> String {
    if w.is_empty()
        || w.chars().any(|c| c.is_ascii_alphabetic())
        || !w.chars().any(|c| c.is_ascii_digit())
    {
        return w.to_string();
    }
    let b = w.as_bytes();
    let is_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let grouped = w.to_string();
    match lang {
        super::Lang::En => grouped,
        super::Lang::Fa if is_date => persian_digits(&w.replace('-', "/")),
        super::Lang::Fa => {
            let chars: Vec<char> = grouped.chars().collect();
            let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
            chars
                .iter()
                .enumerate()
                .map(|(i, &c)| match c {
                    '0'..='9' => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                    ',' if i > 0 && digit_at(i - 1) && digit_at(i + 1) => '٬',
                    '.' if i > 0 && digit_at(i - 1) && digit_at(i + 1) => '٫',
                    '%' if i > 0 && digit_at(i - 1) => '٪',
                    c => c,
                })
                .collect()
        }
    }
}

/// A Persian noun made indefinite, as after «هیچ»: شخص -> شخصی, مصوبه -> مصوبه‌ای,
/// شورا -> شورایی.
pub fn indefinite(noun: &str) -> String {
    match noun.chars().last() {
        Some('ه') => format!("{noun}\u{200C}ای"),
        Some('ا' | 'و') => format!("{noun}یی"),
        Some('ی') => format!("{noun}\u{200C}ای"),
        _ => format!("{noun}ی"),
    }
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
///
/// The name is composed (NFC) first, so a name typed decomposed (a letter and its marks:
/// ە+ٔ, ے+ٔ, e+◌́, Hangul jamo) has the key of its composed form, in every script; what
/// lower-casing adds that is not a letter or digit (the dot of `İ`) is dropped, so a key
/// is its own key (both found by `fuzz/run.sh name`).
pub fn name_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if is_joiner_like(c) || is_diacritic(c) {
            continue;
        }
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            // ۀ is ە (U+06D5) with a hamza in NFD: both are ه here, as the NFC form is.
            'ة' | 'ۀ' | 'ە' => 'ه',
            // NFC آ, أ, ئ, ؤ are a base letter and a mark (dropped above) in NFD.
            'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
            'ئ' => 'ی',
            'ؤ' => 'و',
            _ => ascii_digit(c),
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        }
    }
    if unicode_normalization::is_nfc(&out) {
        out
    } else {
        out.nfc().collect()
    }
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
    fn nfc_and_nfd_forms_are_one_name() {
        // The same names typed on two keyboards: composed (NFC) and decomposed (NFD).
        let pairs = [
            ("آزاده آقایی", "\u{0627}\u{0653}زاده \u{0627}\u{0653}قایی"),
            ("رئیس", "ر\u{06CC}\u{0654}یس"),
            ("خانۀ صنعت", "خان\u{06D5}\u{0654} صنعت"),
            ("مسئول", "مس\u{064A}\u{0654}ول"),
        ];
        for (nfc, nfd) in pairs {
            assert_ne!(nfc, nfd);
            assert_eq!(name_key(nfc), name_key(nfd), "{nfc}");
        }
    }

    /// Found by `fuzz/run.sh name` (fuzz/regressions/name/): NFD forms outside the four
    /// letters above, and lower-casing that added a mark.
    #[test]
    fn every_script_s_nfd_form_and_a_key_s_key() {
        let pairs = [
            ("\u{06C2}", "\u{06C1}\u{0654}"),
            ("\u{06D3}", "\u{06D2}\u{0654}"),
            ("é", "e\u{0301}"),
            ("Ӭ", "Э\u{0308}"),
            ("뀌", "\u{1101}\u{1171}"),
        ];
        for (nfc, nfd) in pairs {
            assert_eq!(name_key(nfc), name_key(nfd), "{nfc}");
        }
        for s in ["İ ǅ", "Ábc İ ǅ ﬁ ①"] {
            let key = name_key(s);
            assert_eq!(name_key(&key), key, "{s}");
        }
    }

    #[test]
    fn indefinite_nouns() {
        assert_eq!(indefinite("شخص"), "شخصی");
        assert_eq!(indefinite("مصوبه"), "مصوبه\u{200C}ای");
        assert_eq!(indefinite("گزارش سه‌ماهه"), "گزارش سه‌ماهه\u{200C}ای");
    }

    #[test]
    fn numbers_for_people() {
        use crate::model::Lang::{En, Fa};
        let msg = "`ESF-PC-1403-02-D3` is 199 days past 1404-02-31: 1,500,000,000 rials, 85% (R-MTG-6, decisions/1403/x.yaml), commit `1234567`, pid 12345.";
        assert_eq!(
            human_numbers(msg, Fa),
            "`ESF-PC-1403-02-D3` is ۱۹۹ days past ۱۴۰۴/۰۲/۳۱: ۱٬۵۰۰٬۰۰۰٬۰۰۰ rials, ۸۵٪ (R-MTG-6, decisions/1403/x.yaml), commit `1234567`, pid ۱۲۳۴۵."
        );
        assert_eq!(human_numbers(msg, En), msg);
        assert_eq!(
            human_numbers("«ESF-P-1» در 1403-05-10، 1,250,000 و 0.5", Fa),
            "«ESF-P-1» در ۱۴۰۳/۰۵/۱۰، ۱٬۲۵۰٬۰۰۰ و ۰٫۵"
        );
        assert_eq!(human_numbers("سال 1404 و ۱۲۳/د", Fa), "سال ۱۴۰۴ و ۱۲۳/د");
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
