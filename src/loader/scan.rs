//! What a line of text holds, found quickly: where it ends, whether it is printable ASCII,
//! and whether its other characters are ones the fast reader ([`super::fast`]) allows.

/// The length of the line at the start of `bytes` (up to its `\n`, or all of them) and
/// whether it is printable ASCII (`0x20..=0x7e`). Eight bytes are looked at a time while
/// they are all printable ASCII, which is most of a usual log.
#[inline(always)]
pub fn scan_line(bytes: &[u8]) -> (usize, bool) {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let mut i = 0;
    while let Some((word, _)) = bytes[i..].split_first_chunk::<8>() {
        let w = u64::from_le_bytes(*word);
        // A byte below 0x20 (a control character or the line break), or one of 0x7f and
        // above (DEL, or part of a multi-byte character), sets that byte's high bit.
        let low = w.wrapping_sub(ONES * 0x20) & !w;
        let high = w.wrapping_add(ONES) | w;
        let flagged = (low | high) & HIGHS;
        if flagged != 0 {
            // The first flagged byte: when it is the line break, the line ends there,
            // printable ASCII.
            let at = i + (flagged.trailing_zeros() / 8) as usize;
            if bytes[at] == b'\n' {
                return (at, true);
            }
            break;
        }
        i += 8;
    }
    let mut ascii = true;
    for (j, &b) in bytes[i..].iter().enumerate() {
        if b == b'\n' {
            return (i + j, ascii);
        }
        ascii &= b.wrapping_sub(0x20) < 0x5f;
    }
    (bytes.len(), ascii)
}

/// Whether a line with non-ASCII text holds only characters the subset allows.
pub fn safe_unicode(line: &str) -> bool {
    line.chars().all(|c| {
        !(c.is_control()
            || matches!(
                c,
                '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
    })
}

#[cfg(test)]
mod tests {
    use super::scan_line;

    #[test]
    fn scanning_a_line_finds_its_end_and_whether_it_is_printable_ascii() {
        let naive = |b: &[u8]| {
            let len = b.iter().position(|c| *c == b'\n').unwrap_or(b.len());
            (len, b[..len].iter().all(|c| (0x20..0x7f).contains(c)))
        };
        for len in 0..26 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut line = vec![b'a'; len];
                    line[at] = byte;
                    line.extend_from_slice(b"\nb\x01");
                    assert_eq!(scan_line(&line), naive(&line), "{line:?}");
                    line.truncate(len);
                    assert_eq!(scan_line(&line), naive(&line), "{line:?}");
                }
            }
        }
    }
}
