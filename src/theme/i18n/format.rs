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

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

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

/// A language's month names (January first) and weekday names (Monday
/// first), long and short.
struct NameTables {
    months: [String; 12],
    months_short: [String; 12],
    weekdays: [String; 7],
    weekdays_short: [String; 7],
}

/// The month and weekday names of `date` in `lang`; English names for a
/// language CLDR has no names for (it would show `M06`).
pub fn date_names(lang: &str, date: jiff::civil::Date) -> Option<DateNames> {
    let tables = tables_of(lang)?;
    let month = usize::from(date.month().unsigned_abs()) - 1;
    let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    Some(DateNames {
        month: tables.months[month].clone(),
        month_short: tables.months_short[month].clone(),
        weekday: tables.weekdays[weekday].clone(),
        weekday_short: tables.weekdays_short[weekday].clone(),
    })
}

/// The name tables of `lang`, made once per language: a page's every date
/// asks for them, and making ICU4X's formatters costs more than the page's
/// own work for the date.
fn tables_of(lang: &str) -> Option<Arc<NameTables>> {
    static MADE: Mutex<BTreeMap<String, Option<Arc<NameTables>>>> = Mutex::new(BTreeMap::new());
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    let tables = made.entry(lang.to_string()).or_insert_with(|| {
        let found = name_tables(lang)?;
        // CLDR's root locale numbers months: a language without names of its own.
        let numbered = |m: &str| m.starts_with('M') && m[1..].chars().all(|c| c.is_ascii_digit());
        if numbered(&found.months[0]) {
            return name_tables("en").map(Arc::new);
        }
        Some(Arc::new(found))
    });
    tables.clone()
}

/// The month and weekday names of `lang` as ICU4X writes them.
fn name_tables(lang: &str) -> Option<NameTables> {
    let prefs = locale(lang);
    let month = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::long()).ok()?;
    let month_short =
        DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::medium()).ok()?;
    let weekday = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::E::long()).ok()?;
    let weekday_short = DateTimeFormatter::try_new(prefs.into(), fieldsets::E::short()).ok()?;
    let day = |month: u8, day: u8| Date::try_new_iso(2025, month, day).ok();
    let months: Vec<_> = (1..=12).map(|m| day(m, 1)).collect::<Option<_>>()?;
    // 2025-06-09 is a Monday.
    let weekdays: Vec<_> = (9..=15).map(|d| day(6, d)).collect::<Option<_>>()?;
    Some(NameTables {
        months: std::array::from_fn(|i| month.format(&months[i]).to_string()),
        months_short: std::array::from_fn(|i| month_short.format(&months[i]).to_string()),
        weekdays: std::array::from_fn(|i| weekday.format(&weekdays[i]).to_string()),
        weekdays_short: std::array::from_fn(|i| weekday_short.format(&weekdays[i]).to_string()),
    })
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

    /// The tables give every day of a (leap) year the names ICU4X gives
    /// that day itself, in each shipped language and one CLDR has no
    /// names for.
    #[test]
    fn tables_name_every_day_as_icu4x_does() {
        let direct = |lang: &str, date: jiff::civil::Date| {
            let prefs = locale(lang);
            let day = Date::try_new_iso(date.year().into(), date.month() as u8, date.day() as u8)
                .unwrap();
            let month = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::long());
            let short = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::M::medium());
            let weekday = DateTimeFormatter::try_new(prefs.clone().into(), fieldsets::E::long());
            let wd_short = DateTimeFormatter::try_new(prefs.into(), fieldsets::E::short());
            [
                month.unwrap().format(&day).to_string(),
                short.unwrap().format(&day).to_string(),
                weekday.unwrap().format(&day).to_string(),
                wd_short.unwrap().format(&day).to_string(),
            ]
        };
        for lang in ["en", "es", "fr", "nl", "pt-BR", "ht"] {
            let shown = if lang == "ht" { "en" } else { lang };
            let mut date = jiff::civil::date(2024, 1, 1);
            while date.year() == 2024 {
                let n = date_names(lang, date).unwrap();
                let names = [n.month, n.month_short, n.weekday, n.weekday_short];
                assert_eq!(names, direct(shown, date), "{lang} {date}");
                date = date.tomorrow().unwrap();
            }
        }
    }
}
