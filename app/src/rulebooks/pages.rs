//! `/admin/rulebook`: the rules in force; administrators publish a new version from them.

use domain::format::format_dong;
use domain::rulebook::{format_coefficient, parse_coefficient, LabourCoefficients, Rulebook};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{ErrorBox, FieldError};
use crate::error::{AppError, Problem};
use crate::fields::number;
use crate::i18n::{t, use_lang};
use crate::rulebooks::api::{current_rulebook, PublishRulebook, RulebookView};

/// One coefficient: its path, Vietnamese and English label, and how to read it.
type Coefficient = (
    &'static str,
    &'static str,
    &'static str,
    fn(&LabourCoefficients) -> u32,
);

/// The five coefficients.
const COEFFICIENTS: [Coefficient; 5] = [
    (
        "labour.leader_permille",
        "Chủ nhiệm nhiệm vụ",
        "Task leader",
        |l| l.leader_permille,
    ),
    (
        "labour.secretary_permille",
        "Thư ký khoa học",
        "Scientific secretary",
        |l| l.secretary_permille,
    ),
    (
        "labour.main_member_permille",
        "Thành viên chính",
        "Main member",
        |l| l.main_member_permille,
    ),
    ("labour.member_permille", "Thành viên", "Member", |l| {
        l.member_permille
    }),
    (
        "labour.technician_permille",
        "Kỹ thuật viên, nhân viên hỗ trợ",
        "Technician, support",
        |l| l.technician_permille,
    ),
];

#[component]
pub fn RulebookPage() -> impl IntoView {
    let publish = ServerAction::<PublishRulebook>::new();
    let loaded = Resource::new(move || publish.version().get(), |_| current_rulebook());
    view! {
        <Transition fallback=|| ()>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(v) => view! { <RulebookView view=v publish /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn RulebookView(view: RulebookView, publish: ServerAction<PublishRulebook>) -> impl IntoView {
    let lang = use_lang();
    let rb = view.rulebook.clone();
    let based_on = rb.version;
    let coefficients: Vec<RwSignal<String>> = COEFFICIENTS
        .iter()
        .map(|(_, _, _, get)| RwSignal::new(format_coefficient(get(&rb.labour))))
        .collect();
    let base_rate = RwSignal::new(domain::format::group_thousands(
        rb.labour_base_rate_dong_per_day,
    ));
    let months = RwSignal::new(rb.max_duration_months.to_string());
    let host = RwSignal::new(rb.host_confirmation_required);
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| publish.value().get().and_then(|r| r.err()))
    });
    let published = move || publish.value().get().and_then(|r| r.ok());
    let inputs = coefficients.clone();
    // Not edited on this form yet: carried over unchanged.
    let (council, scoring) = (rb.council.clone(), rb.scoring.clone());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        local_error.set(None);
        let bad = |path: &str| Some(AppError::invalid(path, Problem::NotANumber));
        let mut values = [0u32; 5];
        for (i, (path, ..)) in COEFFICIENTS.iter().enumerate() {
            match parse_coefficient(&inputs[i].get_untracked()) {
                Some(v) => values[i] = v,
                None => return local_error.set(bad(path)),
            }
        }
        let Some(rate) = number(&base_rate.get_untracked()) else {
            return local_error.set(bad("labour_base_rate_dong_per_day"));
        };
        let Ok(max_months) = months.get_untracked().trim().parse::<u32>() else {
            return local_error.set(bad("max_duration_months"));
        };
        publish.dispatch(PublishRulebook {
            based_on,
            rulebook: Rulebook {
                version: based_on,
                labour: LabourCoefficients {
                    leader_permille: values[0],
                    secretary_permille: values[1],
                    main_member_permille: values[2],
                    member_permille: values[3],
                    technician_permille: values[4],
                },
                labour_base_rate_dong_per_day: rate,
                max_duration_months: max_months,
                host_confirmation_required: host.get_untracked(),
                council: council.clone(),
                scoring: scoring.clone(),
            },
        });
    };
    let facts = view! {
        <dl class="facts" data-testid="rulebook">
            <dt>{t("Phiên bản", "Version")}</dt><dd data-testid="rulebook-version">{rb.version}</dd>
            <dt>{t("Ban hành lúc", "Published")}</dt><dd>{domain::format::format_datetime(view.published_at)}</dd>
            {COEFFICIENTS.iter().map(|(_, vi, en, get)| view! {
                <dt>{move || format!("{} {}", lang.get().pick("Hệ số", "Coefficient"), lang.get().pick(vi, en))}</dt>
                <dd>{format_coefficient(get(&rb.labour))}</dd>
            }).collect_view()}
            <dt>{t("Tiền công ngày theo hệ số 1,0", "Daily labour at coefficient 1.0")}</dt><dd>{format_dong(rb.labour_base_rate_dong_per_day)}</dd>
            <dt>{t("Thời gian thực hiện tối đa", "Longest duration")}</dt><dd>{rb.max_duration_months}" "{t("tháng", "months")}</dd>
            <dt>{t("Tổ chức chủ trì xác nhận hồ sơ", "Host organisation confirms dossiers")}</dt>
            <dd>{move || if rb.host_confirmation_required { lang.get().pick("Có", "Yes") } else { lang.get().pick("Không", "No") }}</dd>
        </dl>
    };
    view! {
        <section class="panel">
            <h1>{t("Quy định áp dụng (rulebook)", "Rules in force (rulebook)")}</h1>
            <p class="hint">{t(
                "Mỗi đợt giữ phiên bản quy định có hiệu lực khi công bố; ban hành phiên bản mới không làm thay đổi các đợt đang chạy.",
                "Each call keeps the version in force when it was published; a new version never changes a running call.",
            )}</p>
            {facts}
        </section>
        <Show when=move || view.editable>
            <form class="panel" on:submit=submit.clone() data-testid="rulebook-form" novalidate>
                <h2>{t("Ban hành phiên bản mới", "Publish a new version")}</h2>
                {COEFFICIENTS.iter().zip(coefficients.clone()).map(|((path, vi, en, _), value)| {
                    let id = path.replace('.', "-");
                    view! {
                        <label for=id.clone()>{move || format!("{} {}", lang.get().pick("Hệ số", "Coefficient"), lang.get().pick(vi, en))}</label>
                        <input id=id.clone() data-testid=id inputmode="decimal" prop:value=move || value.get()
                            on:input:target=move |ev| value.set(ev.target().value()) />
                        <FieldError error field=*path />
                    }
                }).collect_view()}
                <label for="labour_base_rate_dong_per_day">{t("Tiền công ngày theo hệ số 1,0 (đồng)", "Daily labour at coefficient 1.0 (đồng)")}</label>
                <input id="labour_base_rate_dong_per_day" data-testid="labour_base_rate_dong_per_day" inputmode="numeric"
                    prop:value=move || base_rate.get() on:input:target=move |ev| base_rate.set(ev.target().value()) />
                <FieldError error field="labour_base_rate_dong_per_day" />
                <label for="max_duration_months">{t("Thời gian thực hiện tối đa (tháng)", "Longest duration (months)")}</label>
                <input id="max_duration_months" data-testid="max_duration_months" inputmode="numeric"
                    prop:value=move || months.get() on:input:target=move |ev| months.set(ev.target().value()) />
                <FieldError error field="max_duration_months" />
                <label class="check">
                    <input type="checkbox" data-testid="host_confirmation_required" prop:checked=move || host.get()
                        on:change:target=move |ev| host.set(ev.target().checked()) />
                    {t("Hồ sơ phải được tổ chức chủ trì xác nhận trước khi Sở tiếp nhận", "Dossiers need the host organisation's confirmation before the department receives them")}
                </label>
                <FieldError error field="version" />
                <ErrorBox error />
                {move || published().map(|v| view! {
                    <p class="alert ok" role="status" data-testid="rulebook-published">{move || match lang.get() {
                        domain::Lang::Vi => format!("Đã ban hành phiên bản {v}. Các đợt công bố từ nay áp dụng phiên bản này."),
                        domain::Lang::En => format!("Version {v} published. Calls published from now on use it."),
                    }}</p>
                })}
                <button type="submit" class="button" data-testid="publish-rulebook" disabled=move || publish.pending().get()>
                    {t("Ban hành phiên bản mới", "Publish new version")}
                </button>
            </form>
        </Show>
    }
}
