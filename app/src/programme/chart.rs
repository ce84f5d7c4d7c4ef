//! The dashboard's charts, drawn as SVG in the page itself (docs/programme.md, "Charts"): a bar
//! towards each target and bars by year. Plain shapes the server renders, readable without
//! JavaScript and printed as they are; the text is the page's own, so Vietnamese shows in the
//! reader's font, and every chart carries its figures as text for screen readers.

use leptos::prelude::*;

/// How far an indicator stands towards its target: a bar filled `percent` of its width.
#[component]
pub fn ProgressBar(percent: u32, label: String) -> impl IntoView {
    let percent = percent.min(100);
    let class = if percent == 100 { "met" } else { "towards" };
    view! {
        <svg class="progress-bar" viewBox="0 0 100 8" preserveAspectRatio="none" width="120" height="12"
            role="img" aria-label=label data-testid="progress-bar" data-percent=percent.to_string()>
            <rect class="track" x="0" y="0" width="100" height="8" rx="2" />
            <rect class=format!("fill {class}") x="0" y="0" width=percent.to_string() height="8" rx="2" />
        </svg>
    }
}

/// Bars by year, two series stacked (provincial below, grassroots above), each bar labelled
/// with its year and its total as the page writes it (`format`).
#[component]
pub fn YearBars(
    title: String,
    years: Vec<i32>,
    provincial: Vec<i64>,
    grassroots: Vec<i64>,
    format: fn(i64) -> String,
    testid: &'static str,
) -> impl IntoView {
    const WIDTH: i64 = 320;
    const HEIGHT: i64 = 140;
    const BASE: i64 = 116;
    let totals: Vec<i64> = provincial
        .iter()
        .zip(&grassroots)
        .map(|(p, g)| p.saturating_add(*g).max(0))
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0).max(1);
    let slot = WIDTH / i64::try_from(years.len().max(1)).unwrap_or(1);
    // Bars take 60 % of the slot, scaled so the tallest is 96 units high.
    let high = |v: i64| i64::try_from(i128::from(v.max(0)) * 96 / i128::from(top)).unwrap_or(96);
    let bars = years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let x = i64::try_from(i).unwrap_or(0) * slot + slot / 5;
            let w = slot * 3 / 5;
            let (p, g) = (provincial[i].max(0), grassroots[i].max(0));
            let (hp, ht) = (high(p), high(p.saturating_add(g)));
            view! {
                <g>
                    <rect class="provincial" x=x.to_string() y=(BASE - hp).to_string() width=w.to_string() height=hp.to_string() />
                    <rect class="grassroots" x=x.to_string() y=(BASE - ht).to_string() width=w.to_string() height=(ht - hp).to_string() />
                    <text x=(x + w / 2).to_string() y=(BASE - ht - 4).to_string() text-anchor="middle" class="value">{format(totals[i])}</text>
                    <text x=(x + w / 2).to_string() y=(BASE + 16).to_string() text-anchor="middle" class="year">{year.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let summary = years
        .iter()
        .zip(&totals)
        .map(|(y, v)| format!("{y}: {}", format(*v)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="img" aria-label=format!("{title}: {summary}")>
                <line x1="0" y1=BASE.to_string() x2=WIDTH.to_string() y2=BASE.to_string() class="axis" />
                {bars}
            </svg>
        </figure>
    }
}
