//! RFC 5545 calendars: all-day events with stable UIDs and a fixed DTSTAMP, so the same
//! inputs give the same file.
//!
//! Written here rather than with the `icalendar` crate's builder (which the tests still use
//! to parse every calendar back): the crate leaves carriage returns and the `NAME` property
//! unescaped, so a name holding CR/LF could add properties or events, and its line folding
//! is quadratic in the line's length. Every property value below goes through
//! [`ics_text`] and every line through [`ics_fold`].

use chrono::{Days, NaiveDate};

use super::escape::{ics_fold, ics_text};

/// An all-day calendar event.
#[derive(Debug, Clone)]
pub struct CalEvent {
    /// Unique within the calendar and stable across runs.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub date: NaiveDate,
    /// Display reminders this many days before.
    pub remind_days_before: Vec<u32>,
    /// Repeats every month until this date.
    pub monthly_until: Option<NaiveDate>,
}

/// A person's name as a UID part: the same for names that differ only in case, Unicode
/// normalisation or spacing, different for names that differ in anything else (`José` and
/// `Jose`, `Ann-Marie` and `Ann Marie`), so two people's events never share a UID. Lower-case
/// ASCII letters and digits stay as they are, each run of whitespace becomes `-`, and every
/// other character is percent-encoded from its UTF-8 bytes (`José Núñez` →
/// `jos%C3%A9-n%C3%BA%C3%B1ez`): only ASCII letters, digits, `-` and `%`, which an RFC 5545
/// value holds as they are. Names of ASCII letters, digits and spaces keep the UIDs they had.
pub fn uid_part(name: &str) -> String {
    use std::fmt::Write as _;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name.chars().flat_map(char::to_lowercase).nfc().collect();
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push('-');
        }
        for c in word.chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
            } else {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    out
}

/// Renders `events` as an iCalendar file named `name`, stamped at `stamp` (the `--as-of` date).
pub fn calendar(name: &str, events: &[CalEvent], stamp: NaiveDate) -> String {
    let stamp = format!("{}T000000Z", stamp.format("%Y%m%d"));
    let mut out = String::new();
    let mut line = |key: &str, value: &str| out.push_str(&ics_fold(&format!("{key}:{value}")));
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//coderpath//coderpath//EN");
    line("CALSCALE", "GREGORIAN");
    line("NAME", &ics_text(name));
    line("X-WR-CALNAME", &ics_text(name));
    for e in events {
        line("BEGIN", "VEVENT");
        line("UID", &ics_text(&e.uid));
        line("DTSTAMP", &stamp);
        line("SUMMARY", &ics_text(&e.summary));
        line("DESCRIPTION", &ics_text(&e.description));
        line("DTSTART;VALUE=DATE", &ymd(e.date));
        // The day after; the last representable day has no next day and ends itself.
        let end = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        line("DTEND;VALUE=DATE", &ymd(end));
        // All-day deadlines do not block the day in a calendar.
        line("TRANSP", "TRANSPARENT");
        if let Some(until) = e.monthly_until {
            line("RRULE", &format!("FREQ=MONTHLY;UNTIL={}", ymd(until)));
        }
        for days in &e.remind_days_before {
            line("BEGIN", "VALARM");
            line("ACTION", "DISPLAY");
            line("DESCRIPTION", &ics_text(&e.summary));
            line("TRIGGER;RELATED=START", &format!("-P{days}D"));
            line("END", "VALARM");
        }
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    out
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(summary: &str) -> CalEvent {
        CalEvent {
            uid: "due.aapc.x@coderpath".into(),
            summary: summary.into(),
            description: "d".into(),
            date: NaiveDate::from_ymd_opt(2027, 5, 31).unwrap(),
            remind_days_before: vec![14],
            monthly_until: None,
        }
    }

    #[test]
    fn a_line_break_in_a_name_adds_no_event() {
        let forged = "Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged";
        let text = calendar(forged, &[event(forged)], event("x").date);
        assert_eq!(text.lines().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        let cal: icalendar::Calendar = text.parse().unwrap();
        let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events.len(), 1);
        use icalendar::Component;
        assert_eq!(
            events[0].get_summary(),
            Some(forged.replace("\r\n", "\n").as_str())
        );
    }

    #[test]
    fn uids_tell_every_name_apart() {
        assert_eq!(uid_part("Maya  Thompson "), "maya-thompson");
        assert_eq!(uid_part("José Núñez"), "jos%C3%A9-n%C3%BA%C3%B1ez");
        // The same name typed composed or decomposed, or in capitals, is the same person.
        assert_eq!(uid_part("Jose\u{301}"), uid_part("JOSÉ"));
        let names = [
            "José",
            "Jose",
            "Jos",
            "Ann-Marie",
            "Ann Marie",
            "Ann%2DMarie",
            "李雷",
            "王芳",
            "",
        ];
        let uids: std::collections::HashSet<String> = names.iter().map(|n| uid_part(n)).collect();
        assert_eq!(uids.len(), names.len());
        for uid in &uids {
            assert!(
                uid.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'%'),
                "{uid}"
            );
        }
    }

    #[test]
    fn the_last_day_ends_itself() {
        let mut e = event("x");
        e.date = NaiveDate::MAX;
        assert!(calendar("n", &[e], NaiveDate::MAX).contains("DTEND;VALUE=DATE:"));
    }
}
