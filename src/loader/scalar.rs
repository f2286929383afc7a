//! What a plain scalar means under the YAML 1.2 core schema.

/// A plain scalar's meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    /// An integer (decimal, `0o` octal or `0x` hex) that fits in an `i128`.
    Int(i128),
    /// An integer too large for any Rust integer type.
    BigInt,
    Float(f64),
    Str,
}

/// Resolves plain scalar text: `null`/`~`/empty, `true`/`false`, integers, floats
/// (including `.inf` and `.nan`), else text.
pub fn resolve(text: &str) -> Resolved {
    let Some(&first) = text.as_bytes().first() else {
        return Resolved::Null;
    };
    // The usual number (CEUs, a count): a few decimal digits, read at once.
    if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n = text.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0'));
        return Resolved::Int(i128::from(n));
    }
    // Most values are words: rule them out at once.
    if !(first.is_ascii_digit()
        || matches!(
            first,
            b'-' | b'+' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
        ))
    {
        return Resolved::Str;
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    let (negative, digits) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if matches!(digits, ".inf" | ".Inf" | ".INF") {
        return Resolved::Float(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if digits.len() == text.len() {
        for (prefix, radix) in [("0x", 16), ("0o", 8)] {
            if let Some(n) = text.strip_prefix(prefix) {
                return int(n, radix, false);
            }
        }
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return int(digits, 10, negative);
    }
    if is_float(digits) {
        return text.parse::<f64>().map_or(Resolved::Str, Resolved::Float);
    }
    Resolved::Str
}

fn int(digits: &str, radix: u32, negative: bool) -> Resolved {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Resolved::Str;
    }
    match i128::from_str_radix(digits, radix) {
        Ok(n) if negative => Resolved::Int(-n),
        Ok(n) => Resolved::Int(n),
        Err(_) => Resolved::BigInt,
    }
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (sign already removed).
fn is_float(t: &str) -> bool {
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    mantissa_ok && exp.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        use Resolved::*;
        for (text, want) in [
            ("", Null),
            ("~", Null),
            ("NULL", Null),
            ("nul", Str),
            ("True", Bool(true)),
            ("yes", Str),
            ("007", Int(7)),
            ("-3", Int(-3)),
            ("+3", Int(3)),
            ("0x1F", Int(31)),
            ("0o17", Int(15)),
            ("-0x1", Str),
            ("1_000", Str),
            ("99999999999999999999999999999999999999999", BigInt),
            ("1.5", Float(1.5)),
            (".5", Float(0.5)),
            ("5.", Float(5.0)),
            ("1e3", Float(1000.0)),
            ("-.inf", Float(f64::NEG_INFINITY)),
            ("1e", Str),
            (".", Str),
            ("-", Str),
            ("2026-01-05", Str),
            ("$4,000", Str),
        ] {
            assert_eq!(resolve(text), want, "{text}");
        }
        assert!(matches!(resolve(".nan"), Float(f) if f.is_nan()));
    }

    proptest::proptest! {
        #[test]
        fn digits_read_as_their_integer(text in "[0-9]{1,45}") {
            let want = text.parse::<i128>().map_or(Resolved::BigInt, Resolved::Int);
            proptest::prop_assert_eq!(resolve(&text), want);
        }
    }
}
