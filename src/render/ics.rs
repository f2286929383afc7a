//! RFC 5545 calendars: all-day events with stable UIDs and a fixed DTSTAMP, so the same
//! inputs give the same file.

use chrono::{Days, NaiveDate};
use icalendar::{Alarm, Calendar, Component, EventLike, Trigger};

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

/// A person's name as a UID part: lower-case ASCII letters and digits, other characters as
/// hyphens.
pub fn uid_part(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Renders `events` as an iCalendar file named `name`, stamped at `stamp` (the `--as-of` date).
pub fn calendar(name: &str, events: &[CalEvent], stamp: NaiveDate) -> String {
    let stamp = stamp
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    let mut cal = Calendar::new();
    cal.name(name);
    for e in events {
        let mut ev = icalendar::Event::new();
        ev.uid(&e.uid)
            .timestamp(stamp)
            .summary(&e.summary)
            .description(&e.description)
            .starts(e.date)
            .ends(e.date + Days::new(1));
        // All-day deadlines do not block the day in a calendar.
        ev.add_property("TRANSP", "TRANSPARENT");
        if let Some(until) = e.monthly_until {
            ev.add_property(
                "RRULE",
                format!("FREQ=MONTHLY;UNTIL={}", until.format("%Y%m%d")),
            );
        }
        for days in &e.remind_days_before {
            let before = chrono::Duration::days(i64::from(*days));
            // The crate stamps every component; fixed values keep the output reproducible.
            let alarm = Alarm::display(&e.summary, Trigger::before_start(before))
                .uid(&format!("alarm.{days}.{}", e.uid))
                .timestamp(stamp)
                .done();
            ev.alarm(alarm);
        }
        cal.push(ev.done());
    }
    cal.done().to_string()
}
