//! Progress reports (filed, reviewed) and inspections on the execution panel.

use super::*;
use domain::glossary;

#[component]
pub(super) fn Progress(v: ExecutionView, a: Actions, may_file: bool) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let officer_reviews = v.may_supervise;
    let review_note = RwSignal::new(String::new());
    let review_error = action_error(a.review.value());
    view! {
        <section class="panel" data-testid="progress">
            <h2>{t("Tiến độ thực hiện", "Progress")}</h2>
            <table class="table" data-testid="periods">
                <thead><tr><th>{t("Kỳ", "Period")}</th><th>{t("Kết thúc", "Ends")}</th><th>{term(glossary::DEADLINE)}</th><th>{term(glossary::STATUS)}</th></tr></thead>
                <tbody>{v.periods.iter().map(|p| {
                    let filed = v.reports.iter().rev().find(|r| r.period == p.number).map(|r| r.status);
                    let overdue = p.overdue;
                    view! {
                        <tr data-testid=format!("period-{}", p.number)>
                            <td>{p.number}</td><td>{format_date(p.ends_at)}</td><td>{format_date(p.due_at)}</td>
                            <td>{move || match (filed, overdue) {
                                (_, true) => view! { <span class="badge warn" data-testid="overdue">{lang.get().pick("Quá hạn", "Overdue")}</span> }.into_any(),
                                (Some(s), _) => s.label(lang.get()).into_any(),
                                (None, _) => lang.get().pick("Chưa nộp", "Not filed").into_any(),
                            }}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
            {v.reports.iter().rev().map(|r| {
                let rid = r.id;
                let submitted = r.status == ReportStatus::Submitted;
                let status = r.status;
                let period = r.period;
                view! {
                    <article class="report" data-testid="progress-report">
                        <h3>{move || format!("{} {} · {}", lang.get().pick("Báo cáo kỳ", "Report for period"), period, status.label(lang.get()))}</h3>
                        <p class="hint">{format!("{} · {}", r.filed_by, format_datetime(r.filed_at))}</p>
                        <p>{r.report.work_done.clone()}</p>
                        <ul>{r.report.products.iter().map(|p| view! { <li>{format!("{}: {} %{}", p.name, p.percent, if p.note.is_empty() { String::new() } else { format!(" — {}", p.note) })}</li> }).collect_view()}</ul>
                        <p>{term(glossary::SPENT)}": "{format_dong(r.report.spent_dong)}</p>
                        {(!r.report.problems.is_empty()).then(|| view! { <p>{t("Khó khăn", "Problems")}": "{r.report.problems.clone()}</p> })}
                        {(!r.review_note.is_empty()).then(|| view! { <p class="hint">{term(glossary::COMMENT)}": "{r.review_note.clone()}</p> })}
                        {(submitted && officer_reviews).then(|| view! {
                            <button class="button" data-testid="accept-report" on:click=move |_| { a.review.dispatch(ReviewReport { report_id: rid, accept: true, note: review_note.get_untracked() }); }>{t("Chấp nhận", "Accept")}</button>
                            " "
                            <button class="button secondary" data-testid="return-report" on:click=move |_| { a.review.dispatch(ReviewReport { report_id: rid, accept: false, note: review_note.get_untracked() }); }>{t("Yêu cầu bổ sung", "Send back")}</button>
                        })}
                    </article>
                }
            }).collect_view()}
            {(officer_reviews && v.reports.iter().any(|r| r.status == ReportStatus::Submitted)).then(|| view! {
                <label for="review-note">{t("Ý kiến (bắt buộc khi yêu cầu bổ sung)", "Note (required to send back)")}</label>
                <input id="review-note" data-testid="review-note" bind:value=review_note />
                <FieldError error=review_error field="note" />
                <StepError error=review_error />
                <ErrorBox error=review_error />
            })}
            {may_file.then(|| view! { <ReportForm id products=v.products.clone() next=v.next_period.unwrap_or(1) a /> })}
        </section>
        <Inspections v a show_form=officer_reviews />
    }
}

#[component]
pub(super) fn ReportForm(id: i32, products: Vec<String>, next: u32, a: Actions) -> impl IntoView {
    let work = RwSignal::new(String::new());
    let problems = RwSignal::new(String::new());
    let spent = RwSignal::new(String::new());
    let percents: Vec<RwSignal<String>> = products
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let lang = use_lang();
    let error = action_error(a.report.value());
    let local = RwSignal::new(None::<AppError>);
    let shown = Signal::derive(move || local.get().or_else(|| error.get()));
    let names = products.clone();
    let inputs = percents.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local.set(None);
        let Some(spent_dong) = number(&spent.get_untracked()) else {
            return local.set(Some(AppError::invalid(
                "spent_dong",
                crate::error::Problem::NotANumber,
            )));
        };
        let mut items = Vec::new();
        for (i, (name, p)) in names.iter().zip(&inputs).enumerate() {
            let Ok(percent) = p.get_untracked().trim().parse::<u32>() else {
                return local.set(Some(AppError::invalid(
                    &format!("products.{i}.percent"),
                    crate::error::Problem::NotANumber,
                )));
            };
            items.push(ProductProgress {
                name: name.clone(),
                percent,
                note: String::new(),
            });
        }
        a.report.dispatch(FileReport {
            contract_id: id,
            report: ProgressReport {
                work_done: work.get_untracked(),
                products: items,
                spent_dong,
                problems: problems.get_untracked(),
            },
        });
    };
    view! {
        <form on:submit=submit data-testid="report-form" novalidate>
            <h3>{move || format!("{} {next}", lang.get().pick("Nộp báo cáo tiến độ kỳ", "File the progress report for period"))}</h3>
            <label for="work-done">{t("Nội dung công việc đã thực hiện", "Work done")}</label>
            <textarea id="work-done" data-testid="work-done" bind:value=work></textarea>
            <FieldError error=shown field="work_done" />
            {products.iter().zip(percents).enumerate().map(|(i, (p, s))| {
                let fid = format!("product-percent-{i}");
                view! {
                    <label for=fid.clone()>{format!("{p} (%)")}</label>
                    <input id=fid.clone() data-testid=fid inputmode="numeric" bind:value=s />
                    <FieldError error=shown field=format!("products.{i}.percent") />
                }
            }).collect_view()}
            <label for="spent">{t("Kinh phí đã chi đến nay (đồng)", "Spent so far (đồng)")}</label>
            <AmountInput value=spent id="spent" testid="spent" />
            <FieldError error=shown field="spent_dong" />
            <label for="problems">{t("Khó khăn, kiến nghị", "Problems, proposals")}</label>
            <textarea id="problems" data-testid="problems" bind:value=problems></textarea>
            <StepError error=shown />
            <ErrorBox error=shown />
            <button class="button" type="submit" data-testid="file-report">{t("Nộp báo cáo", "File the report")}</button>
        </form>
    }
}

#[component]
pub(super) fn Inspections(v: ExecutionView, a: Actions, show_form: bool) -> impl IntoView {
    let id = v.contract_id;
    let on = RwSignal::new(String::new());
    let findings = RwSignal::new(String::new());
    let error = action_error(a.inspect.value());
    view! {
        <section class="panel" data-testid="inspections">
            <h2>{t("Kiểm tra, đánh giá định kỳ", "Inspections")}</h2>
            {v.inspections.is_empty().then(|| view! { <p class="empty">{t("Chưa có đợt kiểm tra nào.", "No inspection yet.")}</p> })}
            <ul>{v.inspections.iter().map(|i| view! {
                <li data-testid="inspection">{format!("{} — {} ({})", format_date(i.inspected_on), i.findings, i.recorded_by)}</li>
            }).collect_view()}</ul>
            {show_form.then(|| view! {
                <form data-testid="inspection-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.inspect.dispatch(RecordInspection { contract_id: id, inspected_on: on.get_untracked(), findings: findings.get_untracked() });
                }>
                    <label for="inspected-on">{t("Ngày kiểm tra", "Date")}</label>
                    <input id="inspected-on" type="date" data-testid="inspected-on" bind:value=on />
                    <FieldError error field="inspected_on" />
                    <label for="findings">{t("Kết quả kiểm tra", "Findings")}</label>
                    <textarea id="findings" data-testid="findings" bind:value=findings></textarea>
                    <FieldError error field="findings" />
                    <StepError error=error />
                    <ErrorBox error />
                    <button class="button" type="submit" data-testid="record-inspection">{t("Ghi nhận", "Record")}</button>
                </form>
            })}
        </section>
    }
}
