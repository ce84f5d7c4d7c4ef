//! Termination, the exemption decision and result registration on the execution panel.

use super::*;
use domain::glossary;

#[component]
pub(super) fn TerminateForm(id: i32, a: Actions) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = action_error(a.terminate.value());
    view! {
        <section class="panel">
            <h2>{t("Chấm dứt hợp đồng", "Terminate the contract")}</h2>
            <label for="terminate-reason">{t("Lý do chấm dứt", "Reasons")}</label>
            <textarea id="terminate-reason" data-testid="terminate-reason" bind:value=reason></textarea>
            <FieldError error field="reason" />
            <StepError error=error />
            <ErrorBox error />
            <button class="button secondary" data-testid="terminate" on:click=move |_| { a.terminate.dispatch(Terminate { contract_id: id, reason: reason.get_untracked() }); }>
                {t("Chấm dứt hợp đồng", "Terminate")}
            </button>
        </section>
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Exemption(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_record = v.mine.contains(&Step::RecordCause);
    let may_decide = v.mine.contains(&Step::DecideExemption);
    if v.failure_cause.is_none() && !may_record {
        return ().into_any();
    }
    let cause = RwSignal::new(
        v.failure_cause
            .unwrap_or(FailureCause::TargetsMissedDespiteCompliance)
            .code()
            .to_string(),
    );
    let c = v.compliance.unwrap_or_default();
    let checks = [
        RwSignal::new(c.procedures_followed),
        RwSignal::new(c.no_fraud),
        RwSignal::new(c.no_intentional_violation),
        RwSignal::new(c.funds_used_on_purpose),
    ];
    let labels = [
        (
            "Tuân thủ đầy đủ quy trình, quy định",
            "Procedures fully followed",
        ),
        ("Không có gian lận", "No fraud"),
        ("Không cố ý vi phạm", "No intentional violation"),
        (
            "Sử dụng kinh phí đúng mục đích, đúng phạm vi",
            "Funds used on purpose and in scope",
        ),
    ];
    let evidence = RwSignal::new(v.cause_evidence.clone());
    let reason = RwSignal::new(String::new());
    let record_error = action_error(a.record_cause.value());
    let decide_error = action_error(a.decide_exemption.value());
    let shown_cause = v.failure_cause;
    let exemption = v.exemption;
    view! {
        <section class="panel" data-testid="exemption">
            <h2>{t("Miễn trừ trách nhiệm (Luật 93/2025, Điều 9)", "Liability exemption (Law 93/2025, Art. 9)")}</h2>
            {shown_cause.map(|c| view! {
                <dl class="facts">
                    <dt>{t("Nguyên nhân", "Cause")}</dt><dd data-testid="failure-cause">{move || c.label(lang.get())}</dd>
                    <dt>{t("Căn cứ, minh chứng", "Evidence")}</dt><dd>{v.cause_evidence.clone()}</dd>
                    <dt>{t("Quyết định", "Decision")}</dt>
                    <dd data-testid="exemption-decision">{move || match exemption {
                        Some(true) => lang.get().pick("Được miễn trừ: chỉ nộp trả phần chưa chi", "Exempted: only the unspent money is refunded"),
                        Some(false) => lang.get().pick("Không miễn trừ: nộp trả phần chưa chi và một phần đã chi theo quy định", "Not exempted: the unspent money and the rulebook's share of what was spent are refunded"),
                        None => lang.get().pick("Chờ lãnh đạo quyết định", "Awaiting the leader"),
                    }}{(!v.exemption_reason.is_empty()).then(|| format!(" — {}", v.exemption_reason))}</dd>
                </dl>
            })}
            {may_record.then(|| view! {
                <form data-testid="cause-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let compliance = Compliance {
                        procedures_followed: checks[0].get_untracked(),
                        no_fraud: checks[1].get_untracked(),
                        no_intentional_violation: checks[2].get_untracked(),
                        funds_used_on_purpose: checks[3].get_untracked(),
                    };
                    let cause = FailureCause::from_code(&cause.get_untracked()).unwrap_or(FailureCause::Subjective);
                    a.record_cause.dispatch(RecordCause { contract_id: id, cause, compliance, evidence: evidence.get_untracked() });
                }>
                    <label for="failure-cause">{t("Nguyên nhân", "Cause")}</label>
                    <select id="failure-cause" data-testid="failure-cause-input" prop:value=move || cause.get() on:change:target=move |ev| cause.set(ev.target().value())>
                        {FailureCause::ALL.into_iter().map(|c| view! { <option value=c.code()>{move || c.label(lang.get())}</option> }).collect_view()}
                    </select>
                    <fieldset>
                        <legend>{t("Danh sách kiểm tra tuân thủ", "Compliance checklist")}</legend>
                        {checks.into_iter().zip(labels).enumerate().map(|(i, (s, (vi, en)))| view! {
                            <label class="check"><input type="checkbox" data-testid=format!("compliance-{i}") prop:checked=move || s.get() on:change:target=move |ev| s.set(ev.target().checked()) />{move || lang.get().pick(vi, en)}</label>
                        }).collect_view()}
                    </fieldset>
                    <label for="cause-evidence">{t("Căn cứ, minh chứng", "Evidence")}</label>
                    <textarea id="cause-evidence" data-testid="cause-evidence" bind:value=evidence></textarea>
                    <FieldError error=record_error field="evidence" />
                    <StepError error=record_error />
                    <ErrorBox error=record_error />
                    <button class="button" type="submit" data-testid="record-cause">{t("Ghi nhận nguyên nhân", "Record the cause")}</button>
                </form>
            })}
            {may_decide.then(|| view! {
                <label for="exemption-reason">{t("Lý do quyết định", "Reasons for the decision")}</label>
                <textarea id="exemption-reason" data-testid="exemption-reason" bind:value=reason></textarea>
                <FieldError error=decide_error field="reason" />
                <ErrorBox error=decide_error with_fields=true />
                <button class="button" data-testid="grant-exemption" on:click=move |_| { a.decide_exemption.dispatch(DecideExemption { contract_id: id, grant: true, reason: reason.get_untracked() }); }>{t("Miễn trừ trách nhiệm", "Grant exemption")}</button>
                " "
                <button class="button secondary" data-testid="refuse-exemption" on:click=move |_| { a.decide_exemption.dispatch(DecideExemption { contract_id: id, grant: false, reason: reason.get_untracked() }); }>{t("Không miễn trừ", "Refuse")}</button>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub(super) fn Registration(v: ExecutionView, a: Actions) -> impl IntoView {
    let id = v.contract_id;
    let may = v.mine.contains(&Step::Register);
    let number_in = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let application = RwSignal::new(String::new());
    let keywords = RwSignal::new(String::new());
    let error = action_error(a.register.value());
    if v.registration.is_none() && !may {
        return ().into_any();
    }
    view! {
        <section class="panel" data-testid="registration">
            <h2>{t("Đăng ký kết quả (TT 14/2014)", "Result registration (TT 14/2014)")}</h2>
            {v.registration.as_ref().map(|r| view! {
                <dl class="facts">
                    <dt>{t("Số giấy chứng nhận", "Certificate number")}</dt><dd data-testid="certificate">{v.certificate_number.clone().unwrap_or_default()}</dd>
                    <dt>{term(glossary::RESULTS_SUMMARY)}</dt><dd>{r.summary.clone()}</dd>
                    <dt>{term(glossary::WHERE_APPLIED)}</dt><dd>{r.application.clone()}</dd>
                    <dt>{t("Từ khóa", "Keywords")}</dt><dd>{r.keywords.clone()}</dd>
                </dl>
            })}
            {may.then(|| view! {
                <form data-testid="register-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.register.dispatch(RegisterResults { contract_id: id, certificate_number: number_in.get_untracked(), registration: Registration { summary: summary.get_untracked(), application: application.get_untracked(), keywords: keywords.get_untracked() } });
                }>
                    <label for="certificate-number">{t("Số giấy chứng nhận đăng ký kết quả", "Registration certificate number")}</label>
                    <input id="certificate-number" data-testid="certificate-number" bind:value=number_in />
                    <FieldError error field="certificate_number" />
                    <label for="results-summary">{term(glossary::RESULTS_SUMMARY)}</label>
                    <textarea id="results-summary" data-testid="results-summary" bind:value=summary></textarea>
                    <FieldError error field="summary" />
                    <label for="results-application">{term(glossary::WHERE_APPLIED)}</label>
                    <input id="results-application" data-testid="results-application" bind:value=application />
                    <label for="results-keywords">{t("Từ khóa", "Keywords")}</label>
                    <input id="results-keywords" data-testid="results-keywords" bind:value=keywords />
                    <StepError error=error />
                    <ErrorBox error />
                    <button class="button" type="submit" data-testid="register">{t("Đăng ký kết quả", "Register")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
