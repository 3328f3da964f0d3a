//! Moments said in plain words: "il y a 5 minutes", "valable jusqu'à demain 18:30", "hier à
//! 18:05".
//!
//! The wording is plain functions of "now", tested on the host; only [`now`] and [`local`]
//! read the webview's clock.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::i18n::Lang;

/// Unix seconds now, from the webview's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Unix seconds as this computer's local date and time.
pub fn local(seconds: i64) -> NaiveDateTime {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    NaiveDate::from_ymd_opt(at.get_full_year() as i32, at.get_month() + 1, at.get_date())
        .and_then(|day| day.and_hms_opt(at.get_hours(), at.get_minutes(), 0))
        .unwrap_or_default()
}

/// An RFC 3339 time (`2024-05-02T16:30:00Z`) as Unix seconds.
pub fn parse(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|at| at.timestamp())
}

/// How long ago `then` was: "à l'instant", "il y a 5 minutes", "il y a 2 jours".
pub fn ago(lang: Lang, then: i64, now: i64) -> String {
    let seconds = (now - then).max(0);
    let (count, fr, en) = match seconds {
        0..60 => return lang.pick("à l'instant", "just now").into(),
        60..3600 => (seconds / 60, "minute", "minute"),
        3600..86400 => (seconds / 3600, "heure", "hour"),
        _ => (seconds / 86400, "jour", "day"),
    };
    let plural = if count > 1 { "s" } else { "" };
    match lang {
        Lang::Fr => format!("il y a {count} {fr}{plural}"),
        Lang::En => format!("{count} {en}{plural} ago"),
    }
}

/// Until when an invitation works, both in local time: "valable jusqu'à demain 18:30".
pub fn valid_until(lang: Lang, until: NaiveDateTime, now: NaiveDateTime) -> String {
    let time = clock_time(until.time());
    let days = (until.date() - now.date()).num_days();
    match (lang, days) {
        (Lang::Fr, 0) => format!("valable jusqu'à {time} aujourd'hui"),
        (Lang::Fr, 1) => format!("valable jusqu'à demain {time}"),
        (Lang::Fr, _) => format!("valable jusqu'au {} à {time}", until.format("%d/%m/%Y")),
        (Lang::En, 0) => format!("valid until {time} today"),
        (Lang::En, 1) => format!("valid until tomorrow {time}"),
        (Lang::En, _) => format!("valid until {} at {time}", until.format("%d/%m/%Y")),
    }
}

/// When, in local time: "aujourd'hui à 10:32", "hier à 18:05", "le 28/11/2026 à 09:00";
/// `None` for changes from before history.
pub fn changed_at(lang: Lang, at: Option<NaiveDateTime>, now: NaiveDateTime) -> String {
    let Some(at) = at else {
        return lang
            .pick("avant le début de l'historique", "before history began")
            .to_owned();
    };
    let time = clock_time(at.time());
    let days = (now.date() - at.date()).num_days();
    match (lang, days) {
        (Lang::Fr, 0) => format!("aujourd'hui à {time}"),
        (Lang::Fr, 1) => format!("hier à {time}"),
        (Lang::Fr, _) => format!("le {} à {time}", at.format("%d/%m/%Y")),
        (Lang::En, 0) => format!("today at {time}"),
        (Lang::En, 1) => format!("yesterday at {time}"),
        (Lang::En, _) => format!("on {} at {time}", at.format("%d/%m/%Y")),
    }
}

fn clock_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 5, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap_or_default()
    }

    #[test]
    fn how_long_ago_in_plain_words() {
        let now = 1_714_660_000;
        assert_eq!(ago(Lang::Fr, now - 20, now), "à l'instant");
        assert_eq!(ago(Lang::Fr, now - 60, now), "il y a 1 minute");
        assert_eq!(ago(Lang::Fr, now - 5 * 60 - 10, now), "il y a 5 minutes");
        assert_eq!(ago(Lang::Fr, now - 3 * 3600, now), "il y a 3 heures");
        assert_eq!(ago(Lang::Fr, now - 2 * 86400, now), "il y a 2 jours");
        assert_eq!(ago(Lang::En, now - 5 * 60, now), "5 minutes ago");
        // A clock slightly ahead elsewhere is not "in the future".
        assert_eq!(ago(Lang::Fr, now + 30, now), "à l'instant");
        assert_eq!(parse("2024-05-02T16:30:00Z"), Some(1_714_667_400));
        assert_eq!(parse("hier"), None);
    }

    #[test]
    fn when_a_change_was_made() {
        let now = at(2, 18, 5);
        assert_eq!(
            changed_at(Lang::Fr, Some(at(2, 10, 5)), now),
            "aujourd'hui à 10:05"
        );
        assert_eq!(changed_at(Lang::Fr, Some(at(1, 9, 5)), now), "hier à 09:05");
        assert_eq!(
            changed_at(Lang::En, Some(at(1, 9, 5)), now),
            "yesterday at 09:05"
        );
        assert_eq!(
            changed_at(Lang::Fr, Some(at(28, 9, 0)), at(30, 9, 0)),
            "le 28/05/2024 à 09:00"
        );
        assert_eq!(
            changed_at(Lang::Fr, None, now),
            "avant le début de l'historique"
        );
    }

    #[test]
    fn until_when_an_invitation_works() {
        let now = at(2, 18, 29);
        assert_eq!(
            valid_until(Lang::Fr, at(3, 18, 30), now),
            "valable jusqu'à demain 18:30"
        );
        assert_eq!(
            valid_until(Lang::Fr, at(2, 23, 5), now),
            "valable jusqu'à 23:05 aujourd'hui"
        );
        assert_eq!(
            valid_until(Lang::Fr, at(9, 8, 0), now),
            "valable jusqu'au 09/05/2024 à 08:00"
        );
        assert_eq!(
            valid_until(Lang::En, at(3, 18, 30), now),
            "valid until tomorrow 18:30"
        );
    }
}
