//! Where a new cart-value range starts and ends, on the form's own text.
//!
//! The wizard's control adds a range in the browser with this function. It works on the typed
//! text with a small fixed-point reading rather than `Decimal`, because `Decimal`'s parsing and
//! printing would add about 12 KB of gzipped WASM to every admin page's controls (measured).

/// A typed amount as `units / 10^scale`: `"12,50"` is `(1250, 2)`.
#[derive(Debug, Clone, Copy)]
struct Amount {
    units: u128,
    scale: u32,
}

/// More digits than a cart value can have: the text is then not read.
const MAX_DIGITS: usize = 28;

impl Amount {
    /// A non-negative amount typed with `.` or `,` (French keyboards type a comma).
    fn read(text: &str) -> Option<Self> {
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = format!("{whole}{fraction}");
        let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if digits.is_empty() || digits.len() > MAX_DIGITS || !plain(whole) || !plain(fraction) {
            return None;
        }
        Some(Self {
            units: digits.parse().ok()?,
            scale: u32::try_from(fraction.len()).ok()?,
        })
    }

    fn at_scale(self, scale: u32) -> u128 {
        self.units * 10u128.pow(scale - self.scale)
    }

    fn plus(self, whole: u128) -> Self {
        Self {
            units: self.units + whole * 10u128.pow(self.scale),
            ..self
        }
    }

    fn above(self, other: Self) -> bool {
        let scale = self.scale.max(other.scale);
        self.at_scale(scale) > other.at_scale(scale)
    }

    /// Without trailing zeros: `60.50` is written `60.5`, `60.00` is `60`.
    fn write(self) -> String {
        let power = 10u128.pow(self.scale);
        let (whole, fraction) = (self.units / power, self.units % power);
        let scale = usize::try_from(self.scale).unwrap_or_default();
        let fraction = format!("{fraction:0scale$}");
        match fraction.trim_end_matches('0') {
            "" => whole.to_string(),
            kept => format!("{whole}.{kept}"),
        }
    }
}

/// How far after the last range's start a new range starts.
const STEP: u128 = 50;

/// The new range's `(min, max)` after a last range typed `min`–`max`; the last range then has
/// no upper bound. The new range starts 50 after the last start (empty when that start is not
/// a number) and keeps the old upper bound when it is still above the new start.
pub fn next_range_bounds(last_min: &str, last_max: &str) -> (String, String) {
    let Some(start) = Amount::read(last_min).map(|m| m.plus(STEP)) else {
        return (String::new(), String::new());
    };
    let max = Amount::read(last_max)
        .filter(|end| end.above(start))
        .map(|_| last_max.to_owned())
        .unwrap_or_default();
    (start.write(), max)
}

#[cfg(test)]
mod tests {
    use super::next_range_bounds;

    #[test]
    fn a_new_range_starts_fifty_after_the_last_start_and_keeps_the_bound_above_it() {
        assert_eq!(next_range_bounds("0", "200"), ("50".into(), "200".into()));
        assert_eq!(
            next_range_bounds("150", "200"),
            ("200".into(), String::new())
        );
        assert_eq!(next_range_bounds("100", ""), ("150".into(), String::new()));
    }

    #[test]
    fn decimals_typed_with_a_comma_or_a_point_are_added_and_written_without_trailing_zeros() {
        assert_eq!(
            next_range_bounds("12,50", "62.6"),
            ("62.5".into(), "62.6".into())
        );
        assert_eq!(
            next_range_bounds(" 10.00 ", "60.001"),
            ("60".into(), "60.001".into())
        );
        assert_eq!(
            next_range_bounds("10.5", "60,5"),
            ("60.5".into(), String::new())
        );
    }

    #[test]
    fn a_start_that_is_not_an_amount_gives_an_empty_range() {
        for start in [
            "",
            "abc",
            "-5",
            "1.2.3",
            "1e3",
            "99999999999999999999999999999",
        ] {
            assert_eq!(
                next_range_bounds(start, "200"),
                (String::new(), String::new()),
                "{start}"
            );
        }
    }
}
