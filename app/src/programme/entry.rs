//! Entering a figure (the responsible unit) and deciding on it (the department's officer).

use domain::format::format_datetime;
use domain::programme::{format_figure, Decision};
use leptos::prelude::*;

use super::api::{submit_figure, DecideFigure, FigureView, IndicatorView};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::error::AppError;
use crate::i18n::{t, use_lang};

/// What the page says once an action succeeded: kept by the page, above what it redraws.
pub type Notice = RwSignal<Option<(String, String)>>;

/// The unit's form: one of its indicators, the year, the figure, a note and the evidence file,
/// sent together. `done` is told of the figure entered, `notice` says so.
#[component]
pub fn FigureEntry(
    indicators: Vec<IndicatorView>,
    years: (i32, i32),
    done: WriteSignal<u32>,
    notice: Notice,
) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let lang = use_lang();
    let error = RwSignal::new(None::<AppError>);
    let submit = Action::new_local(|data: &web_sys::FormData| submit_figure(data.clone().into()));
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(f)) => {
            error.set(None);
            notice.set(Some(entered(&f)));
            done.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        if let Some(data) = form.and_then(|f| web_sys::FormData::new_with_form(&f).ok()) {
            submit.dispatch_local(data);
        }
    };
    let other = Signal::derive(move || {
        error.get().filter(|e| {
            !["value", "year", "note", "file", "indicator"]
                .iter()
                .any(|f| e.for_field(f).is_some())
        })
    });
    view! {
        <section class="panel" data-testid="figure-entry">
            <h2>{t("Nhập số liệu chỉ tiêu của đơn vị", "Enter your unit's figures")}</h2>
            <form class="stack" on:submit=on_submit>
                <label>{t("Chỉ tiêu", "Indicator")}
                    <select name="indicator_id" data-testid="figure-indicator">
                        {indicators.into_iter().map(|i| view! {
                            <option value=i.id.to_string()>{move || format!("{} ({})", lang.get().pick(&i.name, &i.name_en), lang.get().pick(&i.unit, &i.unit_en))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <FieldError error field="indicator" />
                <label>{t("Năm", "Year")}
                    <input name="year" type="number" required min=years.0.to_string() max=years.1.to_string()
                        value=years.1.to_string() data-testid="figure-year" />
                </label>
                <FieldError error field="year" />
                <label>{t("Số liệu (ví dụ 2,5)", "Figure (e.g. 2.5)")}
                    <input name="value" required inputmode="decimal" data-testid="figure-value" />
                </label>
                <FieldError error field="value" />
                <label>{t("Ghi chú (nguồn, cách tính)", "Note (source, how it was counted)")}
                    <textarea name="note" rows="2" maxlength="2000" data-testid="figure-note"></textarea>
                </label>
                <FieldError error field="note" />
                <label>{t("Tệp minh chứng", "Evidence file")}
                    <input name="file" type="file" required data-testid="figure-file"
                        accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods" />
                </label>
                <FieldError error field="file" />
                <ErrorBox error=other />
                <button type="submit" class="button" data-testid="figure-submit" disabled=move || submit.pending().get()>
                    {t("Gửi Sở duyệt", "Send for approval")}
                </button>
            </form>
        </section>
    }
}

/// The confirmation of a figure sent, in both languages.
fn entered(f: &FigureView) -> (String, String) {
    use domain::Lang::{En, Vi};
    (
        format!(
            "Đã gửi số liệu năm {} của «{}»: {} {}, chờ Sở duyệt.",
            f.year,
            f.indicator,
            format_figure(f.value, Vi),
            f.unit
        ),
        format!(
            "Sent the {} figure of «{}»: {} {}, awaiting approval.",
            f.year,
            f.indicator,
            format_figure(f.value, En),
            f.unit
        ),
    )
}

/// The figures awaiting approval, each with its evidence, approved or returned with a reason.
#[component]
pub fn PendingFigures(
    pending: Vec<FigureView>,
    done: WriteSignal<u32>,
    notice: Notice,
) -> impl IntoView {
    let lang = use_lang();
    let decide = ServerAction::<DecideFigure>::new();
    let error = action_error(decide.value());
    Effect::new(move |_| {
        if let Some(Ok(())) = decide.value().get() {
            let approved = decide
                .input()
                .get_untracked()
                .is_none_or(|d| d.decision == Decision::Approve);
            notice.set(Some(if approved {
                ("Đã duyệt số liệu.".into(), "The figure is approved.".into())
            } else {
                (
                    "Đã trả lại số liệu cho đơn vị.".into(),
                    "The figure is returned to the unit.".into(),
                )
            }));
            done.update(|n| *n += 1);
        }
    });
    view! {
        <section class="panel" id="pending" data-testid="pending-figures">
            <h2>{t("Số liệu chờ duyệt", "Figures awaiting approval")}</h2>
            {pending.is_empty().then(|| view! { <p class="muted" data-testid="pending-empty">{t("Không có số liệu nào chờ duyệt.", "Nothing awaits approval.")}</p> })}
            <ErrorBox error with_fields=true />
            <FieldError error field="note" />
            <ul class="cards">
                {pending.into_iter().map(|f| {
                    let reason = RwSignal::new(String::new());
                    let id = f.id;
                    let href = f.evidence_href();
                    view! {
                        <li data-testid="pending-figure">
                            <strong>{format!("{} — {}", f.indicator, f.year)}</strong>
                            <p>
                                <span data-testid="pending-value">{move || format!("{} {}", format_figure(f.value, lang.get()), f.unit)}</span>
                                " · "{f.entered_by.clone()}" · "{format_datetime(f.entered_at)}
                            </p>
                            {(!f.note.is_empty()).then(|| view! { <p>{f.note.clone()}</p> })}
                            <p><a href=href rel="external" download data-testid="pending-evidence">{f.evidence_name.clone()}</a></p>
                            <label>{t("Lý do trả lại", "Reason for returning")}
                                <input data-testid="return-reason" bind:value=reason />
                            </label>
                            <p class="actions">
                                <button class="button" data-testid="approve-figure" disabled=move || decide.pending().get()
                                    on:click=move |_| { decide.dispatch(DecideFigure { id, decision: Decision::Approve, reason: String::new() }); }>
                                    {t("Duyệt", "Approve")}
                                </button>" "
                                <button class="button secondary" data-testid="return-figure" disabled=move || decide.pending().get()
                                    on:click=move |_| { decide.dispatch(DecideFigure { id, decision: Decision::Return, reason: reason.get_untracked() }); }>
                                    {t("Trả lại", "Return")}
                                </button>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
