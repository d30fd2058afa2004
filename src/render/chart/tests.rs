//! Tests of the band chart: its markup, its scale, and where text goes at every width.

use super::super::measure::testing::*;
use super::*;

fn fig() -> Figures {
    Figures::default()
}

/// A length as a number, "%" or not.
fn len(a: &[(String, String)], k: &str) -> f64 {
    a.iter().find(|(key, _)| key == k).unwrap().1.trim_end_matches('%').parse().unwrap()
}

// --- band_chart

fn sample_rows<'a>(a: &'a Figures, b: &'a Figures) -> Vec<ChartRow<'a>> {
    vec![
        ChartRow { label: "Evaluation & <feedback> \"work\" 'x'", figures: a, href: Some("/roles/a?b=1&c=2") },
        ChartRow { label: "Annotation", figures: b, href: None },
    ]
}

#[test]
fn chart_is_csp_safe_and_accessible() {
    let a = Figures { low: Some(12.0), high: Some(25.0), approx: true, ..fig() };
    let b = Figures { high: Some(350.0), up_to: true, ..fig() };
    let svg = band_chart(&sample_rows(&a, &b), Basis::Hourly, "USD", "pay-1");
    assert!(svg.starts_with("<svg "));
    assert!(svg.ends_with("</svg>"));
    assert!(!svg.contains("style"), "{svg}");
    assert!(!svg.to_lowercase().contains("<script"));
    assert!(!svg.contains("url("));
    assert!(!svg.contains("xlink"));
    // One drawing for every width: no viewBox, the container's width, a height in pixels.
    assert!(!svg.contains("viewBox"));
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.contains(r#" width="100%""#) && open.contains(r#" height=""#), "{open}");
    // Every place across the chart is a percentage (or 0); text sits beside one by `dx`.
    for a in elements(&svg, "rect", "ch-bar approx").iter().chain(&elements(&svg, "text", "ch-val")) {
        let x = &a.iter().find(|(k, _)| k == "x").unwrap().1;
        assert!(x == "0" || x.ends_with('%'), "{x}");
    }
    assert!(svg.contains(r#"<title id="pay-1-t">"#));
    assert!(svg.contains(r#"<desc id="pay-1-d">"#));
    assert!(svg.contains(r#"aria-labelledby="pay-1-t""#));
    assert!(svg.contains(r#"aria-describedby="pay-1-d""#));
    assert!(svg.contains(r#"role="group""#)); // it holds a link
                                              // The desc is the full text alternative.
    assert!(svg.contains("Evaluation &amp; &lt;feedback&gt; &quot;work&quot; &#39;x&#39;: around $12–$25 an hour."));
    assert!(svg.contains("Annotation: up to $350 an hour."));
    // Escaped label and href, no raw specials.
    assert!(svg.contains(r#"href="/roles/a?b=1&amp;c=2""#));
    assert!(!svg.contains("<feedback>"));
    assert!(!svg.contains("\"work\""));
    // Approximate marks and labels.
    assert!(svg.contains(r#"class="ch-bar approx""#));
    assert!(text_of(&svg, "ch-val").contains(&"~$12–$25".to_string()));
    assert!(text_of(&svg, "ch-val").contains(&"up to $350".to_string()));
    assert!(svg.contains(r#"class="ch-upto""#));
    // Axis: 0..400 by 100 and a unit caption.
    assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$100", "$200", "$300", "$400"]);
    assert_eq!(text_of(&svg, "ch-unit"), vec!["USD per hour"]);
}

#[test]
fn chart_without_links_is_img() {
    let a = Figures { low: Some(80000.0), open_high: true, ..fig() };
    let rows = [ChartRow { label: "Full-time", figures: &a, href: None }];
    let svg = band_chart(&rows, Basis::Annual, "USD", "c");
    assert!(svg.contains(r#"role="img" aria-labelledby="c-t c-d""#));
    assert!(!svg.contains("<a "));
    assert!(svg.contains(r#"class="ch-arrow""#));
    assert!(svg.contains(r#"class="ch-open""#));
    assert_eq!(text_of(&svg, "ch-val"), vec!["$80,000+"]);
    assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$25k", "$50k", "$75k", "$100k"]);
    assert_eq!(text_of(&svg, "ch-unit"), vec!["USD per year"]);
    assert!(svg.contains("Full-time: $80,000 or more a year."));
}

#[test]
fn chart_is_deterministic() {
    let a = Figures { low: Some(60.0), high: Some(100.0), open_high: true, ..fig() };
    let b = Figures { median: Some(70.0), p10: Some(40.0), p25: Some(55.0), p75: Some(85.0), p90: Some(95.0), ..fig() };
    let one = band_chart(&sample_rows(&a, &b), Basis::Hourly, "USD", "d");
    let two = band_chart(&sample_rows(&a.clone(), &b.clone()), Basis::Hourly, "USD", "d");
    assert_eq!(one, two);
}

#[test]
fn bars_are_proportional() {
    let a = Figures { low: Some(20.0), high: Some(40.0), ..fig() };
    let b = Figures { low: Some(50.0), high: Some(100.0), ..fig() };
    let rows = [ChartRow { label: "A", figures: &a, href: None }, ChartRow { label: "B", figures: &b, href: None }];
    let svg = band_chart(&rows, Basis::Hourly, "USD", "p");
    let bars = elements(&svg, "rect", "ch-bar");
    assert_eq!(bars.len(), 2);
    // Scale 0..100: percentages of the plot are the figures themselves.
    let (xa, wa) = (len(&bars[0], "x"), len(&bars[0], "width"));
    let (xb, wb) = (len(&bars[1], "x"), len(&bars[1], "width"));
    assert!((xa - 20.0).abs() < 0.1, "{xa}");
    assert!((wa - 20.0).abs() < 0.1, "{wa}");
    assert!((xb - 50.0).abs() < 0.1, "{xb}");
    assert!((wb - 50.0).abs() < 0.1, "{wb}");
    // Row B sits below row A.
    assert!(attr(&bars[1], "y") > attr(&bars[0], "y"));
    assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$25", "$50", "$75", "$100"]);
}

#[test]
fn chart_shapes() {
    let pct = Figures {
        median: Some(95000.0),
        p10: Some(70000.0),
        p25: Some(80000.0),
        p75: Some(110000.0),
        p90: Some(130000.0),
        ..fig()
    };
    let mean = Figures { mean: Some(105000.0), approx: true, ..fig() };
    let rows = [
        ChartRow { label: "Percentiles", figures: &pct, href: None },
        ChartRow { label: "Mean", figures: &mean, href: None },
    ];
    let svg = band_chart(&rows, Basis::Annual, "USD", "s");
    let boxes = elements(&svg, "rect", "ch-box");
    assert_eq!(boxes.len(), 1);
    assert!(svg.contains(r#"class="ch-median""#));
    assert_eq!(svg.matches(r#"class="ch-whisker""#).count(), 3);
    assert!(svg.contains(r#"class="ch-dot ch-mean approx""#));
    assert_eq!(text_of(&svg, "ch-val"), vec!["median $95,000", "average ~$105,000"]);
    // Box spans p25..p75 on a 0..150k scale.
    let unit = 100.0 / 150000.0;
    assert!((len(&boxes[0], "x") / unit - 80000.0).abs() < 100.0);
    assert!((len(&boxes[0], "width") / unit - 30000.0).abs() < 100.0);
    // Every number printed with at most one decimal.
    for part in svg.split('"') {
        if let Some((_, frac)) = part.trim_end_matches('%').split_once('.') {
            if part.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '%') {
                assert!(frac.len() <= 1, "{part}");
            }
        }
    }
}

#[test]
fn long_label_wraps_and_is_kept_in_desc() {
    let a = Figures { low: Some(1.0), high: Some(2.0), ..fig() };
    let long = "Evaluation and feedback work for large language models in regulated industries such as \
                healthcare, finance and law, reviewed by domain experts";
    let rows = [ChartRow { label: long, figures: &a, href: Some("/pay/") }];
    let svg = band_chart(&rows, Basis::Hourly, "USD", "w");
    let labels = text_of(&svg, "ch-label");
    assert_eq!(labels.len(), LABEL_LINES);
    assert!(labels[LABEL_LINES - 1].ends_with('…'));
    assert!(labels.iter().all(|l| text_width(l, LABEL_SIZE) <= LABEL_W));
    assert!(svg.contains(&format!("{}: $1–$2 an hour.", esc(long))));
    assert!(svg.contains(&format!(r#"aria-label="{}""#, esc(long))));
}

/// The box of every mark, value and label of a chart on a plot `w` px wide: (class, left,
/// right, top, bottom) in pixels from the plot's left edge and the chart's top.
fn boxes(svg: &str, w: f64) -> Vec<(String, f64, f64, f64, f64)> {
    let len = |a: &[(String, String)], k: &str| {
        a.iter().find(|(key, _)| key == k).map_or(0.0, |(_, v)| match v.strip_suffix('%') {
            Some(p) => p.parse::<f64>().unwrap() / 100.0 * w,
            None => v.parse().unwrap(),
        })
    };
    let mut out = Vec::new();
    for tag in svg.split('<').skip(1) {
        let name = tag.split([' ', '>']).next().unwrap();
        let Some(end) = tag.find('>') else { continue };
        let a = parse_attrs(tag[name.len()..end].trim_end_matches('/'));
        let Some(class) = a.iter().find(|(k, _)| k == "class").map(|(_, v)| v.clone()) else { continue };
        let bx = match name {
            "rect" if class != "ch-hit" => {
                let x = len(&a, "x");
                let y = len(&a, "y");
                (x, x + len(&a, "width"), y, y + len(&a, "height"))
            }
            "circle" => {
                let (x, y, r) = (len(&a, "cx"), len(&a, "cy"), len(&a, "r"));
                (x - r, x + r, y - r, y + r)
            }
            "line" => (len(&a, "x1"), len(&a, "x2"), len(&a, "y1"), len(&a, "y2")),
            "text" if class == "ch-val" => {
                let text = &tag[end + 1..];
                let tw = text_width(text, SMALL);
                let x = len(&a, "x") + len(&a, "dx");
                let y = len(&a, "y");
                let anchored_end = a.iter().any(|(k, v)| k == "text-anchor" && v == "end");
                if anchored_end {
                    (x - tw, x, y - 10.0, y + 3.0)
                } else {
                    (x, x + tw, y - 10.0, y + 3.0)
                }
            }
            _ => continue,
        };
        out.push((class, bx.0, bx.1, bx.2, bx.3));
    }
    out
}

#[test]
fn values_never_touch_marks_or_leave_the_chart_at_any_width() {
    let shapes = [
        Figures { low: Some(0.0), high: Some(1000.0), ..fig() },
        Figures { low: Some(900.0), high: Some(1000.0), approx: true, ..fig() },
        Figures { low: Some(200.0), high: Some(990.0), ..fig() },
        Figures { low: Some(700.0), open_high: true, ..fig() },
        Figures { low: Some(10.0), open_high: true, ..fig() },
        Figures { low: Some(100.0), high: Some(800.0), open_high: true, ..fig() },
        Figures { high: Some(995.0), up_to: true, ..fig() },
        Figures { median: Some(500.0), ..fig() },
        Figures { median: Some(1000.0), ..fig() },
        Figures { median: Some(0.0), ..fig() },
        Figures { mean: Some(980.0), approx: true, ..fig() },
        Figures {
            p10: Some(100.0),
            p25: Some(300.0),
            median: Some(500.0),
            p75: Some(700.0),
            p90: Some(950.0),
            mean: Some(520.0),
            ..fig()
        },
        Figures { low: Some(400.0), high: Some(600.0), median: Some(500.0), p25: Some(450.0), ..fig() },
    ];
    for basis in [Basis::Annual, Basis::Hourly] {
        for cur in ["USD", "CHF"] {
            let scaled: Vec<Figures> = shapes
                .iter()
                .map(|f| {
                    let k = if basis == Basis::Annual { 150.0 } else { 0.1 };
                    let m = |v: Option<f64>| v.map(|x| x * k);
                    Figures {
                        low: m(f.low),
                        high: m(f.high),
                        median: m(f.median),
                        mean: m(f.mean),
                        p10: m(f.p10),
                        p25: m(f.p25),
                        p75: m(f.p75),
                        p90: m(f.p90),
                        ..f.clone()
                    }
                })
                .collect();
            let rows: Vec<ChartRow> =
                scaled.iter().map(|f| ChartRow { label: "A row", figures: f, href: None }).collect();
            let svg = band_chart(&rows, basis, cur, "g");
            assert_eq!(text_of(&svg, "ch-val").len(), shapes.len());
            for w in [PLOT_MIN, 311.0, 600.0, 968.0] {
                let all = boxes(&svg, w);
                let marks: Vec<_> = all.iter().filter(|b| b.0 != "ch-val").collect();
                for v in all.iter().filter(|b| b.0 == "ch-val") {
                    assert!(v.1 >= -PAD && v.2 <= w + PAD, "{cur} at {w} px: {v:?} leaves the chart");
                    for m in &marks {
                        let apart = v.2 <= m.1 || v.1 >= m.2 || v.4 <= m.3 || v.3 >= m.4;
                        assert!(apart, "{cur} at {w} px: value {v:?} touches {m:?}\n{svg}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_linked_label_is_a_24_px_target() {
    let a = Figures { low: Some(1.0), high: Some(2.0), ..fig() };
    let rows = [ChartRow { label: "A", figures: &a, href: Some("/roles/a/") }];
    let svg = band_chart(&rows, Basis::Hourly, "USD", "h");
    let hit = elements(&svg, "rect", "ch-hit");
    assert_eq!(hit.len(), 1);
    assert!(len(&hit[0], "width") >= 24.0 && len(&hit[0], "height") >= 24.0);
    assert!(svg.contains(r#"<a class="ch-link" href="/roles/a/"><rect class="ch-hit""#));
    // The box is behind the words and above the bar.
    let bar = &elements(&svg, "rect", "ch-bar")[0];
    assert!(len(&hit[0], "y") + len(&hit[0], "height") <= len(bar, "y"));
}

#[test]
fn odd_inputs_do_not_panic() {
    let odd = [f64::NAN, f64::INFINITY, -f64::INFINITY, -5.0, 0.0, 1e300, 1e-300, 0.004];
    for (i, &a) in odd.iter().enumerate() {
        let b = odd[(i * 3 + 1) % odd.len()];
        let f = Figures {
            low: Some(a),
            high: Some(b),
            median: Some(b),
            p25: Some(a),
            mean: Some(a),
            open_high: i % 2 == 0,
            up_to: i % 3 == 0,
            approx: i % 4 == 0,
            ..fig()
        };
        let rows = [ChartRow { label: "", figures: &f, href: Some("") }];
        let svg = band_chart(&rows, Basis::Annual, "XXX", "o");
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        let _ = describe(&f, Basis::Hourly, "");
        let _ = format_money(a, "");
    }
}

#[test]
fn empty_chart() {
    let svg = band_chart(&[], Basis::Hourly, "USD", "e");
    assert!(svg.contains("No pay figures."));
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn nice_axes() {
    assert_eq!(nice_axis(350.0), (100.0, 4));
    assert_eq!(nice_axis(100000.0), (25000.0, 4));
    assert_eq!(nice_axis(25.0), (10.0, 3));
    assert_eq!(nice_axis(105.0), (50.0, 3));
    for d in [0.3, 1.0, 7.0, 12.5, 99.0, 101.0, 999.0, 123456.0, 9e6] {
        let (step, n) = nice_axis(d);
        assert!((2..=4).contains(&n), "{d}");
        assert!(step * f64::from(n) >= d, "{d}");
    }
}
