//! Acceptance on the execution panel: the final report, ballots and the verdict.

use super::*;
use domain::glossary;

/// Ratings for each product and the task, with a comment: the host's self-evaluation and each
/// member's ballot.
#[component]
pub(super) fn BallotForm(
    products: Vec<String>,
    prefix: &'static str,
    error: Signal<Option<AppError>>,
    submit_label: (&'static str, &'static str),
    on_ballot: Callback<Ballot>,
) -> impl IntoView {
    let lang = use_lang();
    let ratings: Vec<RwSignal<String>> = products
        .iter()
        .map(|_| RwSignal::new("pass".to_string()))
        .collect();
    let task = RwSignal::new("pass".to_string());
    let comment = RwSignal::new(String::new());
    let select = move |sig: RwSignal<String>, tid: String| {
        view! {
            <select id=tid.clone() data-testid=tid prop:value=move || sig.get() on:change:target=move |ev| sig.set(ev.target().value())>
                {Rating::ALL.into_iter().map(|r| view! { <option value=r.code()>{move || r.label(lang.get())}</option> }).collect_view()}
            </select>
        }
    };
    let read = ratings.clone();
    view! {
        <form data-testid=format!("{prefix}-form") novalidate on:submit=move |ev| {
            ev.prevent_default();
            let products = read.iter().map(|s| Rating::from_code(&s.get_untracked()).unwrap_or(Rating::Fail)).collect();
            on_ballot.run(Ballot { products, task: Rating::from_code(&task.get_untracked()).unwrap_or(Rating::Fail), comment: comment.get_untracked() });
        }>
            {products.iter().zip(ratings).enumerate().map(|(i, (p, s))| view! {
                <label for=format!("{prefix}-product-{i}")>{p.clone()}</label>
                {select(s, format!("{prefix}-product-{i}"))}
            }).collect_view()}
            <label for=format!("{prefix}-task")>{t("Xếp loại nhiệm vụ", "The task's rating")}</label>
            {select(task, format!("{prefix}-task"))}
            <label for=format!("{prefix}-comment")>{term(glossary::COMMENT)}</label>
            <textarea id=format!("{prefix}-comment") data-testid=format!("{prefix}-comment") bind:value=comment></textarea>
            <ErrorBox error with_fields=true />
            <button class="button" type="submit" data-testid=format!("{prefix}-submit")>{move || lang.get().pick(submit_label.0, submit_label.1)}</button>
        </form>
    }
}

pub(super) fn ballot_summary(products: &[String], b: &Ballot) -> impl IntoView {
    let task = b.task;
    view! {
        <ul>
            {products.iter().zip(b.products.clone()).map(|(p, r)| view! { <li>{format!("{p}: ")}{rating_label(r)}</li> }).collect_view()}
            <li><strong>{term(glossary::TASK)}": "</strong>{rating_label(task)}</li>
        </ul>
        {(!b.comment.is_empty()).then(|| view! { <p>{b.comment.clone()}</p> })}
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Acceptance(v: ExecutionView, a: Actions) -> impl IntoView {
    let id = v.contract_id;
    let may = |s: Step| v.mine.contains(&s);
    let final_report = RwSignal::new(String::new());
    let evidence: Vec<RwSignal<String>> = v
        .products
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let final_error = action_error(a.submit_final.value());
    let emails = RwSignal::new(String::new());
    let council_error = action_error(a.name_council.value());
    let conclude_error = action_error(a.conclude.value());
    let ev_read = evidence.clone();
    let lang = use_lang();
    let ballots = v.ballots;
    view! {
        <section class="panel" data-testid="acceptance">
            <h2>{t("Nghiệm thu", "Acceptance")}</h2>
            {v.submitted_at.map(|at| view! {
                <h3>{t("Báo cáo tổng hợp", "Final report")}" · "{format_datetime(at)}</h3>
                <p data-testid="final-report">{v.final_report.clone()}</p>
                <table class="table">
                    <thead><tr><th>{term(glossary::PRODUCT)}</th><th>{t("Minh chứng", "Evidence")}</th></tr></thead>
                    <tbody>{v.products.iter().zip(v.evidence.clone()).map(|(p, e)| view! { <tr><td>{p.clone()}</td><td>{e}</td></tr> }).collect_view()}</tbody>
                </table>
            })}
            {may(Step::SubmitFinalReport).then(|| view! {
                <form data-testid="final-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.submit_final.dispatch(SubmitFinal { contract_id: id, final_report: final_report.get_untracked(), evidence: ev_read.iter().map(|s| s.get_untracked()).collect() });
                }>
                    <h3>{t("Đề nghị nghiệm thu", "Request acceptance")}</h3>
                    <label for="final-report">{t("Báo cáo tổng hợp kết quả", "Final report")}</label>
                    <textarea id="final-report" data-testid="final-report-input" bind:value=final_report></textarea>
                    <FieldError error=final_error field="final_report" />
                    {v.products.iter().zip(evidence).enumerate().map(|(i, (p, s))| view! {
                        <label for=format!("evidence-{i}")>{format!("{p}: ")}{t("minh chứng (số hiệu, nơi lưu, đường dẫn)", "evidence (reference, where kept, link)")}</label>
                        <input id=format!("evidence-{i}") data-testid=format!("evidence-{i}") bind:value=s />
                        <FieldError error=final_error field=format!("evidence.{i}") />
                    }).collect_view()}
                    <StepError error=final_error />
                    <ErrorBox error=final_error />
                    <button class="button" type="submit" data-testid="submit-final">{t("Nộp hồ sơ nghiệm thu", "Submit for acceptance")}</button>
                </form>
            })}
            {v.self_evaluation.as_ref().map(|b| view! {
                <h3>{t("Tổ chức chủ trì tự đánh giá", "The host's self-evaluation")}</h3>
                <div data-testid="self-evaluation">{ballot_summary(&v.products, b)}</div>
            })}
            {may(Step::SelfEvaluate).then(|| view! {
                <h3>{t("Tự đánh giá của tổ chức chủ trì", "Self-evaluation by the host")}</h3>
                <BallotForm products=v.products.clone() prefix="self" error=action_error(a.self_evaluate.value())
                    submit_label=("Gửi tự đánh giá", "Send the self-evaluation")
                    on_ballot=Callback::new(move |ballot| { a.self_evaluate.dispatch(SelfEvaluate { contract_id: id, ballot }); }) />
            })}
            {(!v.members.is_empty()).then(|| view! {
                <h3>{t("Hội đồng nghiệm thu", "Acceptance council")}</h3>
                <table class="table" data-testid="acceptance-members">
                    <thead><tr><th>{term(glossary::MEMBER)}</th><th>{term(glossary::ROLE)}</th><th>{t("Đã bỏ phiếu", "Voted")}</th></tr></thead>
                    <tbody>{v.members.iter().map(|m| {
                        let role = m.role.clone();
                        let voted = m.voted;
                        view! {
                            <tr><td>{m.name.clone()}</td>
                            <td>{move || match role.as_str() { "chair" => lang.get().pick("Chủ tịch", "Chair"), "secretary" => lang.get().pick("Thư ký", "Secretary"), _ => lang.get().pick("Ủy viên", "Member") }}</td>
                            <td>{move || if voted { lang.get().pick("Đã bỏ phiếu", "Yes") } else { lang.get().pick("Chưa", "Not yet") }}</td></tr>
                        }
                    }).collect_view()}</tbody>
                </table>
                <p class="hint" data-testid="ballot-count">{move || format!("{} {}", ballots, lang.get().pick("phiếu đã gửi", "ballots cast"))}</p>
            })}
            {may(Step::NameCouncil).then(|| view! {
                <form data-testid="council-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let list = emails.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                    a.name_council.dispatch(NameCouncil { contract_id: id, emails: list });
                }>
                    <label for="council-emails">{t("Thư điện tử các thành viên, mỗi dòng một người (người đầu là Chủ tịch, thứ hai là Thư ký)", "Members' e-mails, one per line (first the chair, second the secretary)")}</label>
                    <textarea id="council-emails" data-testid="council-emails" bind:value=emails></textarea>
                    <ErrorBox error=council_error with_fields=true />
                    <button class="button" type="submit" data-testid="name-council">{t("Thành lập hội đồng nghiệm thu", "Name the acceptance council")}</button>
                </form>
            })}
            {v.my_ballot.as_ref().map(|b| view! {
                <h3>{t("Phiếu của bạn", "Your ballot")}</h3>
                <div data-testid="my-ballot">{ballot_summary(&v.products, b)}</div>
            })}
            {may(Step::Vote).then(|| view! {
                <h3>{t("Phiếu đánh giá nghiệm thu", "Your acceptance ballot")}</h3>
                <BallotForm products=v.products.clone() prefix="ballot" error=action_error(a.vote.value())
                    submit_label=("Gửi phiếu", "Cast the ballot")
                    on_ballot=Callback::new(move |ballot| { a.vote.dispatch(Vote { contract_id: id, ballot }); }) />
            })}
            {may(Step::Conclude).then(|| view! {
                <ErrorBox error=conclude_error with_fields=true />
                <button class="button" data-testid="conclude" on:click=move |_| { a.conclude.dispatch(Conclude { contract_id: id }); }>
                    {t("Kết luận nghiệm thu", "Conclude")}
                </button>
            })}
            {v.verdict.as_ref().map(|verdict| {
                let task = verdict.task;
                view! {
                    <h3>{t("Kết luận của hội đồng", "The council's verdict")}</h3>
                    <p data-testid="verdict"><strong>{rating_label(task)}</strong>{format!(" · {} ", verdict.ballots)}{t("phiếu", "ballots")}</p>
                    <ul>{v.products.iter().zip(verdict.products.clone()).map(|(p, r)| view! { <li>{format!("{p}: ")}{rating_label(r)}</li> }).collect_view()}</ul>
                    <p><leptos_router::components::A href=format!("/contracts/{id}/acceptance") attr:data-testid="acceptance-minutes-link">{t("Biên bản họp hội đồng nghiệm thu", "Minutes of the acceptance council")}</leptos_router::components::A></p>
                }
            })}
        </section>
    }
}
