//! Money as people read it: "$105", "$80,000", "$12.50", "CHF 40", and "$25k" on an axis.

use std::fmt::Write as _;

/// The prefix written before an amount: "$", "CA$", or "CHF " for a code without a symbol.
fn money_prefix(currency: &str) -> String {
    let code = currency.trim();
    let sym = match code.to_ascii_uppercase().as_str() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "" => "",
        _ => return format!("{code} "),
    };
    sym.to_string()
}

/// Digits with a comma every three from the right.
pub fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The unsigned amount: whole numbers without decimals, otherwise two decimals.
fn amount(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    if v >= 1e15 {
        return group_thousands(&format!("{v:.0}"));
    }
    let cents = (v * 100.0).round() as u64;
    let mut s = group_thousands(&(cents / 100).to_string());
    if !cents.is_multiple_of(100) {
        let _ = write!(s, ".{:02}", cents % 100);
    }
    s
}

/// Format one money figure: "$105", "$80,000", "$12.50", "€40"; `currency` is an ISO 4217 code.
/// Known symbols: USD $, EUR €, GBP £, JPY ¥, INR ₹, CAD CA$, AUD A$; otherwise "CHF 40".
/// Whole numbers without decimals; otherwise 2 decimals. Thousands separated by commas.
pub fn format_money(value: f64, currency: &str) -> String {
    let a = amount(value.abs());
    let neg = value < 0.0 && a != "0";
    format!("{}{}{a}", if neg { "-" } else { "" }, money_prefix(currency))
}

/// Compact form for axis ticks of annual pay: "$25k", "$2.5M"; small values as `format_money`.
pub fn format_money_compact(value: f64, currency: &str) -> String {
    let a = value.abs();
    let (div, suffix) = if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e3 {
        (1e3, "k")
    } else {
        return format_money(value, currency);
    };
    let x = (a / div * 10.0).round() / 10.0;
    let num = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}{}{num}{suffix}", money_prefix(currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(format_money(105.0, "USD"), "$105");
        assert_eq!(format_money(80000.0, "USD"), "$80,000");
        assert_eq!(format_money(12.5, "USD"), "$12.50");
        assert_eq!(format_money(40.0, "EUR"), "€40");
        assert_eq!(format_money(40.0, "CHF"), "CHF 40");
        assert_eq!(format_money(1234567.891, "GBP"), "£1,234,567.89");
        assert_eq!(format_money(5000.0, "JPY"), "¥5,000");
        assert_eq!(format_money(999.0, "INR"), "₹999");
        assert_eq!(format_money(100000.0, "CAD"), "CA$100,000");
        assert_eq!(format_money(60.0, "AUD"), "A$60");
        assert_eq!(format_money(60.0, "usd"), "$60");
        assert_eq!(format_money(0.0, "USD"), "$0");
        assert_eq!(format_money(12.999, "USD"), "$13");
        assert_eq!(format_money(0.05, "USD"), "$0.05");
        assert_eq!(format_money(-1500.0, "USD"), "-$1,500");
        assert_eq!(format_money(100.0, "USD"), "$100");
        assert_eq!(format_money(1000.0, "USD"), "$1,000");
        assert_eq!(format_money(f64::NAN, "USD"), "$?");
    }

    #[test]
    fn compact_money() {
        assert_eq!(format_money_compact(100000.0, "USD"), "$100k");
        assert_eq!(format_money_compact(25000.0, "USD"), "$25k");
        assert_eq!(format_money_compact(2500.0, "USD"), "$2.5k");
        assert_eq!(format_money_compact(1500000.0, "EUR"), "€1.5M");
        assert_eq!(format_money_compact(0.0, "USD"), "$0");
        assert_eq!(format_money_compact(50000.0, "CHF"), "CHF 50k");
    }
}
