//! Timestamps: kept as the string that was read (byte-exact replay), parsed on demand.
//!
//! Emitted as `YYYY-MM-DDTHH:MM:SS.mmm+00:00` (spec §14); read with any RFC 3339 offset and
//! 0 to 9 fraction digits.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// An RFC 3339 timestamp string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// Formats Unix milliseconds the way Labelbox exports do: `2024-04-10T15:21:31.517+00:00`.
    pub fn from_millis(millis: i64) -> Timestamp {
        let mut s = String::with_capacity(29);
        write_millis(&mut s, millis);
        Timestamp(s)
    }

    /// Parses to Unix milliseconds (sub-millisecond digits are truncated).
    pub fn millis(&self) -> Option<i64> {
        parse_rfc3339_millis(&self.0)
    }

    /// The string as read or written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date-time" })
    }
}

/// Appends Unix milliseconds as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
pub fn write_millis(out: &mut String, millis: i64) {
    let secs = millis.div_euclid(1000);
    let ms = millis.rem_euclid(1000) as u32;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400) as u32;
    let (y, m, d) = civil_from_days(days);
    let mut buf = [0u8; 29];
    put4(&mut buf[0..4], y as u32);
    buf[4] = b'-';
    put2(&mut buf[5..7], m);
    buf[7] = b'-';
    put2(&mut buf[8..10], d);
    buf[10] = b'T';
    put2(&mut buf[11..13], sod / 3600);
    buf[13] = b':';
    put2(&mut buf[14..16], sod / 60 % 60);
    buf[16] = b':';
    put2(&mut buf[17..19], sod % 60);
    buf[19] = b'.';
    buf[20] = b'0' + (ms / 100) as u8;
    buf[21] = b'0' + (ms / 10 % 10) as u8;
    buf[22] = b'0' + (ms % 10) as u8;
    buf[23..29].copy_from_slice(b"+00:00");
    // Every byte written above is ASCII, so this is one copy (the fallback never runs).
    match std::str::from_utf8(&buf) {
        Ok(text) => out.push_str(text),
        Err(_) => out.extend(buf.iter().map(|&b| char::from(b))),
    }
}

fn put2(b: &mut [u8], v: u32) {
    b[0] = b'0' + (v / 10 % 10) as u8;
    b[1] = b'0' + (v % 10) as u8;
}

fn put4(b: &mut [u8], v: u32) {
    put2(&mut b[0..2], v / 100);
    put2(&mut b[2..4], v % 100);
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) to days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` at the start of `b`, as days since the Unix epoch; `None` for bad digits or
/// separators, or a day its month lacks (`2024-02-30`).
pub(crate) fn parse_date_days(b: &[u8]) -> Option<i64> {
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(i64::from(y), mo) {
        return None;
    }
    Some(days_from_civil(i64::from(y), mo, d))
}

/// `hh:mm:ss` at `b[at..]`, as seconds of the day; seconds up to `max_second` (60 where a
/// leap second is allowed).
pub(crate) fn parse_time_secs(b: &[u8], at: usize, max_second: u32) -> Option<i64> {
    let (h, mi, se) = (
        digits(b, at, 2)?,
        digits(b, at + 3, 2)?,
        digits(b, at + 6, 2)?,
    );
    if b.get(at + 2) != Some(&b':') || b.get(at + 5) != Some(&b':') {
        return None;
    }
    if h > 23 || mi > 59 || se > max_second {
        return None;
    }
    Some(i64::from(h * 3600 + mi * 60 + se))
}

/// Parses an RFC 3339 date-time (`T` or space separator, `Z` or `±HH:MM` offset, optional
/// fraction) to Unix milliseconds.
pub fn parse_rfc3339_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let days = parse_date_days(b)?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let secs_of_day = parse_time_secs(b, 11, 60)?;
    let mut i = 19;
    let mut ms = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                ms = ms * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 9 {
            return None;
        }
        for _ in n..3 {
            ms *= 10;
        }
    }
    let offset_min: i64 = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (digits(b, i + 1, 2)?, digits(b, i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let v = i64::from(oh * 60 + om);
            if sign == b'+' { v } else { -v }
        }
        _ => return None,
    };
    let secs = days * 86_400 + secs_of_day - offset_min * 60;
    Some(secs * 1000 + i64::from(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<i64>) {
        assert_eq!(parse_rfc3339_millis(input), expect, "{input}");
    }

    #[test]
    fn parses_the_forms_the_spec_lists() {
        check("2023-12-07T20:34:06.540+00:00", Some(1_701_981_246_540));
        check("2024-04-10T15:21:31.000+00:00", Some(1_712_762_491_000));
        check("2023-04-16T17:04:23+00:00", Some(1_681_664_663_000));
        check("2021-07-15T22:57:30.000Z", Some(1_626_389_850_000));
        check("2021-07-15T23:57:30.000+01:00", Some(1_626_389_850_000));
        check("2021-07-15T22:57:30.123456789Z", Some(1_626_389_850_123));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2024-02-30T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+0000",
            "2024-01-01",
            "not a date at all, really",
        ] {
            check(bad, None);
        }
    }

    #[test]
    fn formats_and_parses_back() {
        for ms in [
            0i64,
            1_701_981_246_540,
            951_782_400_000,
            4_102_444_799_999,
            -86_400_001,
        ] {
            let t = Timestamp::from_millis(ms);
            assert_eq!(t.millis(), Some(ms), "{t:?}");
        }
        assert_eq!(
            Timestamp::from_millis(1_701_981_246_540).as_str(),
            "2023-12-07T20:34:06.540+00:00"
        );
    }
}
