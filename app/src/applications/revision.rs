//! The panel of a dossier's revision to the selection council's conclusions (hoàn thiện hồ sơ,
//! `domain::revision`): the officer records the council's requests; the researcher revises the
//! thuyết minh and sends it; everyone who reads the dossier sees the requests and when it was
//! revised (the versions panel shows what changed).

use domain::format::format_datetime;
use domain::revision::Revision;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::applications::api::{RequestRevision, RevisionView, SubmitRevision};
use crate::components::{action_error, refresh_on_success, ErrorBox, FieldError};
use crate::i18n::t;

#[component]
pub fn RevisionPanel(
    id: i32,
    revision: Option<RevisionView>,
    can_request: bool,
    is_owner: bool,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let request = ServerAction::<RequestRevision>::new();
    let send = ServerAction::<SubmitRevision>::new();
    refresh_on_success(request, changed);
    refresh_on_success(send, changed);
    let request_error = action_error(request.value());
    let send_error = action_error(send.value());
    let requests = RwSignal::new(String::new());
    let form = can_request.then(|| view! {
        <section class="panel" data-testid="request-revision">
            <h2>{t("Yêu cầu hoàn thiện hồ sơ theo kết luận của hội đồng", "Ask for the dossier's revision to the council's conclusions")}</h2>
            <label for="revision-requests">{t("Các nội dung hội đồng yêu cầu chỉnh sửa, bổ sung", "What the council asks to change or add")}</label>
            <textarea id="revision-requests" data-testid="revision-requests" rows="4" bind:value=requests></textarea>
            <FieldError error=request_error field="requests" />
            <FieldError error=request_error field="status" />
            <ErrorBox error=request_error />
            <button class="button" data-testid="save-revision-requests" disabled=move || request.pending().get()
                on:click=move |_| { request.dispatch(RequestRevision { application_id: id, requests: requests.get_untracked() }); }>
                {t("Ghi yêu cầu", "Record the requests")}
            </button>
        </section>
    });
    let shown = revision.map(|r| {
        let awaited = r.state == Revision::Requested;
        view! {
            <section class="panel" data-testid="revision">
                <h2>{t("Hoàn thiện hồ sơ theo kết luận của hội đồng", "Revision to the council's conclusions")}</h2>
                <p class="pre" data-testid="revision-requests-shown">{r.requests.clone()}</p>
                <p class="muted">{t("Yêu cầu ghi lúc", "Requested at")}" "{format_datetime(r.requested_at)}
                    {r.revised_at.map(|at| format!(" · {}", format_datetime(at)))}</p>
                {match r.revised_at {
                    Some(_) => view! { <p class="alert ok" data-testid="revised">{t("Hồ sơ đã được hoàn thiện; phần thay đổi ở mục các phiên bản.", "Revised; the versions panel shows what changed.")}</p> }.into_any(),
                    None => view! { <p class="alert" data-testid="revision-awaited">{t("Đang chờ chủ nhiệm hoàn thiện hồ sơ; chưa thẩm định kinh phí.", "Awaiting the researcher's revision; no appraisal yet.")}</p> }.into_any(),
                }}
                {(is_owner && awaited).then(|| view! {
                    <A href=format!("/applications/{id}/edit") attr:class="button secondary" attr:data-testid="revise-application">{t("Chỉnh sửa thuyết minh", "Revise the description")}</A>
                    " "
                    <button class="button" data-testid="send-revision" disabled=move || send.pending().get()
                        on:click=move |_| { send.dispatch(SubmitRevision { id }); }>
                        {t("Gửi hồ sơ đã hoàn thiện", "Send the revised dossier")}
                    </button>
                    <ErrorBox error=send_error with_fields=true />
                })}
            </section>
        }
    });
    view! { {form} {shown} }
}
