//! Timestamps in the three forms of spec §14, the wider RFC 3339 forms a reader should accept,
//! and the legacy v1 form.
//!
//! Every value parses with [`Timestamp::millis`]. Times are not ordered with anything else.

use fauxport_model::Timestamp;
use proptest::prelude::*;

/// `0000-01-01T00:00:00.000Z` in Unix milliseconds: the first instant a 4-digit year can write.
pub const MIN_MILLIS: i64 = -62_167_219_200_000;
/// `9999-12-31T23:59:59.999Z` in Unix milliseconds: the last instant a 4-digit year can write.
pub const MAX_MILLIS: i64 = 253_402_300_799_999;

/// 2015-01-01 to 2035-01-01, where realistic exports live.
const RECENT: std::ops::Range<i64> = 1_420_070_400_000..2_051_222_400_000;
/// One day in milliseconds: the margin that keeps a shifted local time inside four-digit years.
const DAY: i64 = 86_400_000;

/// Unix milliseconds: mostly 2015-2035, sometimes anywhere in years 0000-9999.
pub fn millis() -> BoxedStrategy<i64> {
    prop_oneof![9 => RECENT, 1 => MIN_MILLIS..=MAX_MILLIS].boxed()
}

/// A timestamp in one of the three forms exports use (spec §14), always with `+00:00`:
/// milliseconds (`2023-12-07T20:34:06.540+00:00`, i.e. [`Timestamp::from_millis`]), whole seconds
/// written as `.000`, or no fraction at all (`2023-04-16T17:04:23+00:00`).
pub fn timestamp() -> BoxedStrategy<Timestamp> {
    prop_oneof![
        5 => millis().prop_map(Timestamp::from_millis),
        3 => millis().prop_map(|ms| Timestamp::from_millis(ms.div_euclid(1000) * 1000)),
        2 => millis().prop_map(|ms| {
            let mut s = Timestamp::from_millis(ms).0;
            s.replace_range(19..23, "");
            Timestamp(s)
        }),
    ]
    .boxed()
}

/// A timestamp in the wider forms RFC 3339 allows and [`Timestamp::millis`] reads: `Z`, `z` or
/// any `±HH:MM` offset (`-00:00` included), and no fraction or 1 to 9 fraction digits. The digits
/// after the third are random.
pub fn rfc3339_timestamp() -> BoxedStrategy<Timestamp> {
    let offset = prop_oneof![
        Just(None),
        (any::<bool>(), 0..24i64, 0..60i64).prop_map(|(east, h, m)| Some((east, h, m))),
    ];
    (
        MIN_MILLIS + DAY..=MAX_MILLIS - DAY,
        0..=9usize,
        "[0-9]{6}",
        offset,
        any::<bool>(),
    )
        .prop_map(|(utc, digits, sub_millis, offset, upper_z)| {
            let shift = offset.map_or(0, |(east, h, m)| {
                let minutes = h * 60 + m;
                if east { minutes } else { -minutes }
            });
            // The local wall-clock time, written with `+00:00` and then cut and re-suffixed.
            let local = Timestamp::from_millis(utc + shift * 60_000).0;
            let mut s = local[..19].to_owned();
            if digits > 0 {
                s.push('.');
                let fraction = format!("{}{sub_millis}", &local[20..23]);
                s.push_str(&fraction[..digits]);
            }
            match offset {
                None => s.push(if upper_z { 'Z' } else { 'z' }),
                Some((east, h, m)) => {
                    s.push_str(&format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }));
                }
            }
            Timestamp(s)
        })
        .boxed()
}

/// A legacy v1 timestamp: `2021-07-15T22:57:30.000Z` (spec §14, §18).
pub fn v1_timestamp() -> BoxedStrategy<String> {
    millis()
        .prop_map(|ms| {
            let mut s = Timestamp::from_millis(ms).0;
            s.replace_range(23.., "Z");
            s
        })
        .boxed()
}
