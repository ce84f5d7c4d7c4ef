//! How long the steps took, on the dashboard: medians in days by year and level, with the
//! number of cases behind each year (docs/programme.md, "Durations").

use domain::programme::durations::StepDays;
use leptos::prelude::*;

use crate::i18n::{t, use_lang};

#[component]
pub fn DurationTable(years: Vec<i32>, durations: Vec<StepDays>) -> impl IntoView {
    let lang = use_lang();
    let levels = super::pages::LEVEL_ROWS;
    let head = years.clone();
    let rows = durations.into_iter().flat_map(move |d| {
        levels.into_iter().map(move |(level, (vi, en))| {
            let step = d.step;
            let cells = d.of(level).iter().zip(&d.cases).map(|(days, n)| {
                let text = days.map_or_else(|| "—".to_string(), |v| v.to_string());
                // The number of cases once, on the row of all levels.
                let note = (level.is_none() && *n > 0).then(|| format!(" ({n})"));
                view! { <td>{text}<span class="muted">{note}</span></td> }
            }).collect_view();
            view! {
                <tr data-testid="duration" data-step=step.code() data-level=level.map(|l| l.code()).unwrap_or("all")>
                    <th scope="row" class:sub=level.is_some()><span class:sr-only=level.is_some()>{move || step.label(lang.get())}</span></th>
                    <td>{move || lang.get().pick(vi, en)}</td>
                    {cells}
                </tr>
            }
        }).collect::<Vec<_>>()
    }).collect::<Vec<_>>();
    view! {
        <h3>{t("Thời gian xử lý (trung vị, ngày; trong ngoặc: số nhiệm vụ)", "How long steps took (median days; in brackets: tasks)")}</h3>
        <table class="table numbers" data-testid="durations">
            <thead><tr>
                <th scope="col">{t("Bước", "Step")}</th>
                <th scope="col">{t("Cấp", "Level")}</th>
                {head.into_iter().map(|y| view! { <th scope="col">{y.to_string()}</th> }).collect_view()}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
