//! Formatting per language from CLDR's data, through ICU4X (the `icu_*`
//! crates with their compiled data): the plural category of a count,
//! numbers, and month and weekday names for dates.
//!
//! Why ICU4X: it is the maintained Rust home of CLDR's locale data, and
//! the hub already links its locale core (through `url`). Measured for
//! these three formatters with compiled data for every CLDR locale: a
//! stand-alone program grows by 1.3 MB and builds in 40 s more on one
//! core; Calabash's stripped release binary grows from 18.7 to 20.1 MB.
//! Hand-written tables for four languages would be
//! smaller but wrong for a fifth (Haitian Creole, Papiamento, Portuguese),
//! which a hub may add with its own translation file. The order of a
//! date's parts stays in the translation files (`date.*` patterns), where
//! translators can follow local use.

use icu_datetime::input::Date;
use icu_datetime::{DateTimeFormatter, fieldsets};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{LanguageIdentifier, Locale};
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};

/// The locale of a language code; English for one ICU4X cannot read.
fn locale(lang: &str) -> Locale {
    LanguageIdentifier::try_from_str(lang)
        .map(Locale::from)
        .unwrap_or_else(|_| Locale::from(icu_locale_core::langid!("en")))
}

/// The CLDR plural category of `count` in `lang` (`one`, `few`, `other`...).
pub fn plural_category(lang: &str, count: i64) -> &'static str {
    let rules = PluralRules::try_new(locale(lang).into(), PluralRuleType::Cardinal.into());
    let category = rules.map_or(PluralCategory::Other, |r| r.category_for(count));
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// `count` written as `lang` writes numbers: 12,345 / 12.345 / 12 345.
pub fn number(lang: &str, count: i64) -> String {
    match DecimalFormatter::try_new(locale(lang).into(), Default::default()) {
        Ok(formatter) => formatter.format(&Decimal::from(count)).to_string(),
        Err(_) => count.to_string(),
    }
}

/// The names of a date's month and weekday in `lang`.
pub struct DateNames {
    pub month: String,
    pub month_short: String,
    pub weekday: String,
    pub weekday_short: String,
}

/// The month and weekday names of `date` in `lang`; English names for a
/// language CLDR has no names for (it would show `M06`).
pub fn date_names(lang: &str, date: jiff::civil::Date) -> Option<DateNames> {
    let names = |tag: &str| -> Option<DateNames> {
        let prefs = locale(tag);
        let day =
            Date::try_new_iso(date.year().into(), date.month() as u8, date.day() as u8).ok()?;
        let month = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::long()).ok()?;
        let month_short =
            DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::medium()).ok()?;
        let weekday =
            DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::E::long()).ok()?;
        let weekday_short = DateTimeFormatter::try_new(prefs.into(), fieldsets::E::short()).ok()?;
        Some(DateNames {
            month: month.format(&day).to_string(),
            month_short: month_short.format(&day).to_string(),
            weekday: weekday.format(&day).to_string(),
            weekday_short: weekday_short.format(&day).to_string(),
        })
    };
    let found = names(lang)?;
    // CLDR's root locale numbers months: a language without names of its own.
    if found.month.starts_with('M') && found.month[1..].chars().all(|c| c.is_ascii_digit()) {
        return names("en");
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("fr", 1_000_000), "many");
        assert_eq!(plural_category("es", 1_000_000), "many");
        assert_eq!(plural_category("nl", 2), "other");
    }

    #[test]
    fn numbers_and_names_per_language() {
        assert_eq!(number("en", 12345), "12,345");
        assert_eq!(number("es", 12345), "12.345");
        assert_eq!(number("nl", 12345), "12.345");
        assert_eq!(number("fr", 12345), "12\u{202f}345");
        let date = jiff::civil::date(2025, 6, 12);
        let names = |lang| {
            let n = date_names(lang, date).unwrap();
            [n.month, n.month_short, n.weekday, n.weekday_short]
        };
        assert_eq!(names("en"), ["June", "Jun", "Thursday", "Thu"]);
        assert_eq!(names("es"), ["junio", "jun", "jueves", "jue"]);
        assert_eq!(names("fr"), ["juin", "juin", "jeudi", "jeu."]);
        assert_eq!(names("nl"), ["juni", "jun", "donderdag", "do"]);
        assert_eq!(names("ht")[0], "June");
    }
}
