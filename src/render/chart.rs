//! Small charts drawn at build time as inline SVG, so they need no script, scale with the page,
//! print, and follow the page's colours (the CSS classes `chart-*` in `static/pages.css`).
//!
//! Each chart is an image (`role="img"`) named by its `<title>`, with every number and its unit in
//! its `<desc>`, and each number as text at the end of its bar.

use super::xml::escape;
use std::fmt::Write;

/// The drawing has no viewBox: it is as wide as its box (`width="100%"`), its text is drawn at
/// its CSS size whatever the width, and bar lengths are percentages of the width, so the chart
/// uses the room it has on a wide screen and stays readable on a 320 px phone.
/// Longest bar, in percent of the width; the rest of the row is room for its number.
pub(crate) const BAR_MAX: f64 = 85.0;
/// Label size and line height, in CSS pixels.
const FONT: u32 = 16;
const LINE: u32 = 21;
/// Bar thickness and the space after each row.
const BAR_HEIGHT: u32 = 16;
const ROW_GAP: u32 = 12;
/// Longest label line, in characters, before it wraps (fits a 288 px wide chart at `FONT`).
const LABEL_CHARS: usize = 32;

/// One bar: what it stands for and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bar<'a> {
    /// Plain-text label, drawn above the bar.
    pub label: &'a str,
    /// The number the bar's length shows.
    pub value: usize,
}

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub(crate) struct BarChart<'a> {
    /// Prefix for the ids of the title and description (unique within the page).
    pub id: &'a str,
    /// Short title, e.g. "Symptoms often seen with back spasm".
    pub title: &'a str,
    /// What one unit is, singular and plural, e.g. ("article", "articles").
    pub unit: (&'a str, &'a str),
    /// Bars, top to bottom.
    pub bars: Vec<Bar<'a>>,
}

impl BarChart<'_> {
    /// `n article(s)`.
    fn amount(&self, n: usize) -> String {
        let unit = if n == 1 { self.unit.0 } else { self.unit.1 };
        format!("{n} {unit}")
    }

    /// The text alternative: every bar's label and number, in order.
    pub(crate) fn description(&self) -> String {
        let items: Vec<String> = self
            .bars
            .iter()
            .map(|b| format!("{}: {}", b.label, self.amount(b.value)))
            .collect();
        format!("{}.", items.join("; "))
    }

    /// The chart as an `<svg>` element; empty when there are no bars.
    pub(crate) fn to_svg(&self) -> String {
        if self.bars.is_empty() {
            return String::new();
        }
        let max = self.bars.iter().map(|b| b.value).max().unwrap_or(0);
        let mut rows = String::new();
        let mut y = 0;
        for bar in &self.bars {
            y = self.row(&mut rows, bar, max, y);
        }
        let id = escape(self.id);
        format!(
            "<svg class=\"chart\" width=\"100%\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
             <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>\n{rows}</svg>",
            height = y.saturating_sub(ROW_GAP),
            title = escape(self.title),
            desc = escape(&self.description()),
        )
    }

    /// Draws one row (label lines, bar, number) from `y` down; returns where the next row starts.
    fn row(&self, out: &mut String, bar: &Bar<'_>, max: usize, mut y: u32) -> u32 {
        for line in wrap(bar.label, LABEL_CHARS) {
            y += LINE;
            let _ = writeln!(
                out,
                "<text class=\"chart-label\" x=\"0\" y=\"{}\">{}</text>",
                y - (LINE - FONT),
                escape(&line)
            );
        }
        let top = y + 4;
        let width = bar_width(bar.value, max);
        let _ = writeln!(
            out,
            "<rect class=\"chart-bar\" x=\"0\" y=\"{top}\" width=\"{width:.1}%\" height=\"{BAR_HEIGHT}\"/>\
             <text class=\"chart-value\" x=\"{:.1}%\" y=\"{}\">{}</text>",
            width + 1.5,
            top + BAR_HEIGHT - 3,
            bar.value
        );
        top + BAR_HEIGHT + ROW_GAP
    }
}

/// A bar's length in percent of the chart's width: proportional to `value / max` (rounded to a
/// tenth), at least 0.5 when `value` is not zero.
pub(crate) fn bar_width(value: usize, max: usize) -> f64 {
    if value == 0 || max == 0 {
        return 0.0;
    }
    let exact = value.min(max) as f64 / max as f64 * BAR_MAX;
    ((exact * 10.0).round() / 10.0).max(0.5)
}

/// Splits `text` into lines of at most `limit` characters at spaces; a longer word keeps a line
/// of its own.
fn wrap(text: &str, limit: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > limit {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(bars: &[(&'a str, usize)]) -> BarChart<'a> {
        BarChart {
            id: "seen",
            title: "Often seen with back spasm",
            unit: ("article", "articles"),
            bars: bars
                .iter()
                .map(|&(label, value)| Bar { label, value })
                .collect(),
        }
    }

    /// The `width` attribute of every bar (a percentage), in order.
    fn bar_widths(svg: &str) -> Vec<f64> {
        svg.split("<rect class=\"chart-bar\"")
            .skip(1)
            .map(|rest| {
                let start = rest.find("width=\"").expect("width") + 7;
                let end = start + rest[start..].find("%\"").expect("percent");
                rest[start..end].parse().expect("number")
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_to_their_numbers() {
        let svg = chart(&[("Muscle spasm", 6), ("Back pain", 3), ("Leg pain", 2)]).to_svg();
        assert_eq!(bar_widths(&svg), vec![BAR_MAX, 42.5, 28.3]);
        assert_eq!(bar_width(1, 1000), 0.5, "a non-zero bar stays visible");
        assert_eq!(bar_width(0, 5), 0.0);
        assert!(
            svg.contains("width=\"100%\""),
            "the chart takes the width it has"
        );
    }

    #[test]
    fn every_label_and_number_is_drawn_as_text_and_named_in_the_description() {
        let c = chart(&[("Muscle spasm", 2), ("Back pain", 1)]);
        let svg = c.to_svg();
        for text in [
            ">Muscle spasm</text>",
            ">2</text>",
            ">Back pain</text>",
            ">1</text>",
        ] {
            assert!(svg.contains(text), "{text} missing from {svg}");
        }
        assert!(svg.contains("role=\"img\" aria-labelledby=\"seen-title seen-desc\""));
        assert!(svg.contains("<title id=\"seen-title\">Often seen with back spasm</title>"));
        assert!(svg.contains(
            "<desc id=\"seen-desc\">Muscle spasm: 2 articles; Back pain: 1 article.</desc>"
        ));
    }

    #[test]
    fn long_labels_wrap_and_the_drawing_grows_to_fit() {
        let short = chart(&[("Leg pain", 1)]).to_svg();
        let long = chart(&[(
            "Numbness between the legs and in the buttocks (saddle numbness)",
            1,
        )])
        .to_svg();
        assert!(long.contains(">Numbness between the legs and in</text>"));
        assert!(long.contains(">the buttocks (saddle numbness)</text>"));
        let height = |svg: &str| -> u32 {
            let start = svg.find("height=\"").expect("height") + 8;
            svg[start..start + svg[start..].find('"').expect("quote")]
                .parse()
                .expect("number")
        };
        assert_eq!(height(&long), height(&short) + LINE);
        assert_eq!(
            wrap("Supercalifragilistic", 5),
            vec!["Supercalifragilistic"]
        );
    }

    #[test]
    fn text_is_escaped_and_an_empty_chart_draws_nothing() {
        let svg = chart(&[("<script>&\"", 1)]).to_svg();
        assert!(svg.contains(">&lt;script&gt;&amp;&quot;</text>"));
        assert!(!svg.contains("<script>"));
        assert_eq!(chart(&[]).to_svg(), "");
    }
}
