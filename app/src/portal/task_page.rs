//! One funded task's public page (`/public/tasks/:id`, docs/portal.md): its own address to share,
//! what the money bought and how far it went.

use domain::format::{format_date, format_dong};
use domain::glossary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{route_id, ErrorBox};
use crate::i18n::{t, term, use_lang};
use crate::portal::api::{funded_task, PublicTaskDetail};

#[component]
pub fn PublicTaskPage() -> impl IntoView {
    let id = route_id();
    let task = Resource::new(move || id.get(), funded_task);
    view! {
        <Suspense fallback=|| ()>
            {move || task.get().map(|r| match r {
                Ok(d) => view! { <TaskFacts d /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
            })}
        </Suspense>
        <p><A href="/public/tasks" attr:data-testid="back-to-portal">{t("← Danh sách nhiệm vụ được tài trợ", "← Funded tasks")}</A></p>
    }
}

#[component]
fn TaskFacts(d: PublicTaskDetail) -> impl IntoView {
    let lang = use_lang();
    let p = d.task;
    let (status, rating, level) = (p.status, p.rating, p.level);
    let money = |v: Option<i64>| v.map(format_dong).unwrap_or_else(|| "—".into());
    view! {
        <article class="panel" data-testid="public-task-page">
            <p class="hint">{p.code.clone()}" · "{move || level.label(lang.get())}{p.managing_unit.clone().map(|u| format!(" · {u}"))}</p>
            <h1 data-testid="public-task-title">{p.title.clone()}</h1>
            <dl class="facts">
                <dt>{term(glossary::HOST_ORGANISATION)}</dt><dd data-testid="public-task-host">{p.organisation.clone()}</dd>
                <dt>{t("Chủ nhiệm nhiệm vụ", "Task leader")}</dt><dd>{p.leader_name.clone()}</dd>
                <dt>{t("Lĩnh vực", "Field")}</dt><dd>{d.field.clone()}</dd>
                <dt>{term(glossary::CALL)}</dt><dd>{d.call_code.clone()}" · "{d.call_title.clone()}</dd>
                <dt>{t("Ngày ký, thời gian thực hiện", "Signed, term")}</dt>
                <dd>{p.signed_at.map(format_date)}", "{move || match lang.get() {
                    domain::Lang::Vi => format!("{} tháng", d.duration_months),
                    domain::Lang::En => format!("{} months", d.duration_months),
                }}</dd>
                <dt>{term(glossary::STATUS)}</dt><dd data-testid="public-task-status">{move || status.label(lang.get())}{p.closed_at.map(|c| format!(" · {}", format_date(c)))}</dd>
            </dl>
            <h2>{t("Kinh phí", "Money")}</h2>
            <dl class="facts">
                <dt>{t("Được cấp theo hợp đồng", "Granted by the contract")}</dt><dd class="num" data-testid="public-task-granted">{format_dong(p.granted_dong)}</dd>
                <dt>{term(glossary::DISBURSED)}</dt><dd class="num" data-testid="public-task-paid">{format_dong(p.paid_dong)}</dd>
                <dt>{t("Đã quyết toán", "Settled")}</dt><dd class="num">{money(d.settled_dong)}</dd>
                <dt>{t("Phải thu hồi", "To be refunded")}</dt><dd class="num">{money(d.refund_dong)}</dd>
            </dl>
            <h2>{t("Kết quả", "Results")}</h2>
            <dl class="facts">
                <dt>{t("Kết quả nghiệm thu", "Acceptance")}</dt>
                <dd data-testid="public-task-rating">{move || rating.map(|r| r.label(lang.get())).unwrap_or_else(|| lang.get().pick("Chưa nghiệm thu", "Not yet accepted"))}</dd>
                <dt>{t("Giấy chứng nhận đăng ký kết quả", "Results registration certificate")}</dt><dd>{p.certificate_number.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("Tóm tắt kết quả", "Summary of results")}</dt><dd data-testid="public-task-results">{p.results.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("Từ khóa", "Keywords")}</dt><dd>{d.keywords.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("Ứng dụng kết quả", "Where the results are applied")}</dt><dd>{d.applied.clone().unwrap_or_else(|| "—".into())}</dd>
            </dl>
        </article>
    }
}
