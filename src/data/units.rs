//! Bounded numbers for reference data and profiles. Each type refuses, when it is read, any
//! value outside bounds chosen so that no date or money arithmetic on it can overflow; the
//! loader reports the refusal at the value's line and column with the bound in words.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines a bounded `f64` newtype read through `TryFrom<f64>`.
macro_rules! bounded_f64 {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:expr) => {
        bounded_f64!($(#[$doc])* $name, $min, $max, $what, $min);
    };
    // `$shown` is the least value the message names, when checks after reading ask more
    // than the type takes.
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:expr, $shown:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
        #[serde(into = "f64")]
        pub struct $name(f64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_f64(BoundedVisitor::<$name>::new($what))
            }
        }

        impl $name {
            /// Smallest accepted value.
            pub const MIN: f64 = $min;
            /// Largest accepted value.
            pub const MAX: f64 = $max;

            /// The value, within bounds when it came through `TryFrom`.
            pub fn get(self) -> f64 {
                self.0
            }

            /// A value known to be within bounds, clamped otherwise.
            pub fn clamped(v: f64) -> Self {
                $name(if v.is_nan() { $min } else { v.clamp($min, $max) })
            }
        }

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<Self, String> {
                if v.is_finite() && ($min..=$max).contains(&v) {
                    Ok($name(v))
                } else {
                    Err(format!(
                        "`{v}` is out of range: expected {} from {} to {}",
                        $what,
                        crate::data::units::plain($shown),
                        crate::data::units::plain($max)
                    ))
                }
            }
        }

        impl From<$name> for f64 {
            fn from(v: $name) -> f64 {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&plain(self.0))
            }
        }
    };
}

/// Defines a bounded `u32` newtype read through `TryFrom<f64>` (whole numbers only).
macro_rules! bounded_u32 {
    ($(#[$doc:meta])* $name:ident, $max:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
        #[serde(into = "u32")]
        pub struct $name(u32);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_u32(BoundedVisitor::<$name>::new($what))
            }
        }

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<Self, String> {
                if v.fract() == 0.0 && (0.0..=f64::from($max)).contains(&v) {
                    Ok($name(v as u32))
                } else {
                    Err(format!("`{}` is out of range: expected {} from 0 to {}", plain(v), $what, $max))
                }
            }
        }

        impl $name {
            /// Largest accepted value.
            pub const MAX: u32 = $max;

            /// The value.
            pub fn get(self) -> u32 {
                self.0
            }

            /// A value clamped to the bound.
            pub fn clamped(v: u32) -> Self {
                $name(v.min($max))
            }
        }


        impl From<$name> for u32 {
            fn from(v: $name) -> u32 {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

bounded_f64!(
    /// An amount in US dollars, 0 to one million.
    Usd, 0.0, 1_000_000.0, "an amount in USD"
);
bounded_f64!(
    /// A number of CEUs, 0 to 1,000.
    Ceus, 0.0, 1_000.0, "a number of CEUs"
);
bounded_f64!(
    /// Contact or study hours, 0 to 100,000.
    Hours, 0.0, 100_000.0, "a number of hours"
);
bounded_f64!(
    /// Study hours a week: at most 80. Read from 0 (a reader's stand-in for a missing value
    /// must be accepted); the profile and the catalog ask for at least [`MIN_WEEKLY_HOURS`].
    WeeklyHours, 0.0, 80.0, "hours a week", MIN_WEEKLY_HOURS
);

/// The fewest study hours a week a plan can be made with.
pub const MIN_WEEKLY_HOURS: f64 = 1.0;
bounded_f64!(
    /// A calendar length in months, possibly fractional: 0 to 1,200 (100 years).
    MonthSpan, 0.0, 1_200.0, "a number of months"
);
bounded_f64!(
    /// A length in weeks: 0 to 520 (10 years).
    WeekSpan, 0.0, 520.0, "a number of weeks"
);
bounded_f64!(
    /// A share of a whole: 0 to 1 (0.4 is 40%).
    Share, 0.0, 1.0, "a fraction"
);
bounded_u32!(
    /// Whole months: 0 to 1,200 (100 years).
    Months, 1_200, "a number of months"
);
bounded_u32!(
    /// Whole days: 0 to 36,500 (100 years).
    DayCount, 36_500, "a number of days"
);

/// Reads a number through `TryFrom<f64>`, so an out-of-range value is refused at its own
/// line and column. Every type's range includes 0, the reader's stand-in for a value it has
/// already reported.
struct BoundedVisitor<T> {
    what: &'static str,
    kind: std::marker::PhantomData<fn() -> T>,
}

impl<T> BoundedVisitor<T> {
    fn new(what: &'static str) -> Self {
        BoundedVisitor {
            what,
            kind: std::marker::PhantomData,
        }
    }
}

impl<T: TryFrom<f64, Error = String>> serde::de::Visitor<'_> for BoundedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.what)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
        T::try_from(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_f64(v as f64)
    }
}

/// A number as written, without a needless `.0`; huge magnitudes in scientific notation.
pub fn plain(v: f64) -> String {
    let v = v + 0.0;
    if !v.is_finite() {
        v.to_string()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else if v.abs() >= 1e9 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_enforced() {
        assert!(Usd::try_from(190.0).is_ok());
        assert!(Usd::try_from(-1.0).is_err());
        assert!(Usd::try_from(f64::NAN).is_err());
        assert!(
            MonthSpan::try_from(1e308)
                .unwrap_err()
                .contains("0 to 1200")
        );
        assert!(DayCount::try_from(4_294_967_295.0).is_err());
        assert!(Months::try_from(2.5).is_err());
        assert!(WeeklyHours::try_from(81.0).is_err());
        assert_eq!(Share::clamped(2.0).get(), 1.0);
    }
}
