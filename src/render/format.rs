//! Number and list formatting shared by the view models.

/// `1748.0` → `$1,748`; cents shown only when present.
pub fn usd(v: f64) -> String {
    let whole = v.trunc() as i64;
    let cents = ((v - v.trunc()) * 100.0).round() as i64;
    let s = format!("${}", thousands(whole));
    if cents == 0 {
        s
    } else {
        format!("{s}.{cents:02}")
    }
}

/// `194800` → `194,800`.
pub fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// A number without a needless `.0`; huge magnitudes in scientific notation.
pub fn num(v: f64) -> String {
    let v = v + 0.0; // -0 prints as 0
    if v.is_finite() && v.abs() >= 1e9 {
        format!("{v:e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// `min`–`max`, or one figure when they are equal.
pub fn range(min: f64, max: f64, unit: impl Fn(f64) -> String) -> String {
    if min == max {
        unit(min)
    } else {
        format!("{}–{}", unit(min), unit(max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(usd(1748.0), "$1,748");
        assert_eq!(usd(12578.5), "$12,578.50");
        assert_eq!(thousands(194800), "194,800");
        assert_eq!(thousands(-29000), "-29,000");
        assert_eq!(num(10.5), "10.5");
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(-0.0), "0");
        assert_eq!(range(2000.0, 7500.0, usd), "$2,000–$7,500");
    }
}
