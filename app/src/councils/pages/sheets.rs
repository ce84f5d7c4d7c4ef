//! Score sheets: a member's own blind sheet and the secretary's entry of a paper sheet.

use super::*;

#[component]
pub fn SheetPage() -> impl IntoView {
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        let n = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (n("id"), n("app"))
    });
    let certify = ServerAction::<Certify>::new();
    let sheet = Resource::new(
        move || (ids.get(), certify.version().get()),
        |((c, a), _)| get_sheet(c, a),
    );
    let certify_error = action_error(certify.value());
    view! {
        <Transition fallback=|| ()>
            {move || sheet.get().map(|r| {
                let (council_id, application_id) = ids.get_untracked();
                match r {
                    Err(crate::error::AppError::Invalid { problem: crate::error::Problem::NotCertified, .. }) => view! {
                        <section class="panel" data-testid="certify">
                            <h1>{t("Cam kết không có xung đột lợi ích", "No-conflict certification")}</h1>
                            <p>{t(
                                "Tôi xác nhận không là chủ nhiệm, thành viên nhóm thực hiện, không thuộc tổ chức chủ trì, không là đồng tác giả hay có quan hệ gia đình với người thực hiện hồ sơ này.",
                                "I confirm that I am not the applicant or on the team, not from the host organisation, and not a co-author or relative of anyone on this dossier.",
                            )}</p>
                            <ErrorBox error=certify_error with_fields=true />
                            <button class="button" data-testid="certify-button" on:click=move |_| { certify.dispatch(Certify { council_id, application_id }); }>
                                {t("Tôi cam kết và mở phiếu chấm", "I certify; open the sheet")}
                            </button>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                    Ok(s) => view! { <SheetForm council_id application_id view=s /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The secretary enters a member's signed paper sheet.
#[component]
pub fn PaperSheetPage() -> impl IntoView {
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        let n = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (n("id"), n("app"), n("user"))
    });
    let sheet = Resource::new(move || ids.get(), |(c, a, u)| paper_sheet(c, a, u));
    view! {
        <Transition fallback=|| ()>
            {move || sheet.get().map(|r| {
                let (council_id, application_id, user_id) = ids.get_untracked();
                match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                    Ok(s) => view! { <SheetForm council_id application_id view=s paper_for=user_id /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn SheetForm(
    council_id: i32,
    application_id: i32,
    view: crate::councils::api::SheetView,
    /// The member whose signed paper sheet the secretary is entering.
    #[prop(optional)]
    paper_for: Option<i32>,
) -> impl IntoView {
    let lang = use_lang();
    let rules = ScoringRules {
        criteria: view.criteria.clone(),
        half_points: view.half_points,
        ..ScoringRules::default()
    };
    let submitted = view.submitted_at.is_some();
    let n = view.criteria.len();
    let texts: Vec<RwSignal<String>> = (0..n)
        .map(|i| {
            RwSignal::new(
                view.entry
                    .scores
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|h| format_halves(h.into()))
                    .unwrap_or_default(),
            )
        })
        .collect();
    let comments: Vec<RwSignal<String>> = (0..n)
        .map(|i| RwSignal::new(view.entry.comments.get(i).cloned().unwrap_or_default()))
        .collect();
    let review = RwSignal::new(view.review.clone());
    let entry = {
        let texts = texts.clone();
        let comments = comments.clone();
        Memo::new(move |_| SheetEntry {
            // An unreadable entry counts as above any maximum, so the check flags it.
            scores: texts
                .iter()
                .map(|t| {
                    let v = t.get();
                    if v.trim().is_empty() {
                        None
                    } else {
                        Some(parse_halves(&v).unwrap_or(u32::MAX))
                    }
                })
                .collect(),
            comments: comments.iter().map(|c| c.get()).collect(),
        })
    };
    let problems = Memo::new(move |_| check_sheet(&rules, &entry.get()));
    let total = move || {
        entry
            .get()
            .scores
            .iter()
            .map(|s| u64::from(s.unwrap_or(0).min(200)))
            .sum::<u64>()
    };
    let save = ServerAction::<SaveSheet>::new();
    let enter = ServerAction::<EnterPaperSheet>::new();
    let save_error = action_error(save.value());
    let enter_error = action_error(enter.value());
    let error = Signal::derive(move || save_error.get().or(enter_error.get()));
    let done = move || {
        save.value().get().is_some_and(|r| r.is_ok())
            || enter.value().get().is_some_and(|r| r.is_ok())
    };
    let send = move |submit: bool| match paper_for {
        Some(user_id) => {
            enter.dispatch(EnterPaperSheet {
                council_id,
                application_id,
                user_id,
                entry: entry.get_untracked(),
                review: review.get_untracked(),
            });
        }
        None => {
            save.dispatch(SaveSheet {
                council_id,
                application_id,
                entry: entry.get_untracked(),
                review: review.get_untracked(),
                submit,
            });
        }
    };
    let submitted = submitted || paper_for.is_some() && done();
    view! {
        <section class="panel" data-testid="sheet">
            <h1>{t("Phiếu đánh giá hồ sơ", "Score sheet")}</h1>
            {paper_for.is_some().then(|| view! { <p class="hint" data-testid="paper-mode">{t("Nhập từ phiếu giấy có chữ ký của thành viên: phiếu được nộp ngay và đánh dấu là phiếu giấy.", "Entered from the member's signed paper sheet: submitted at once and marked as paper.")}</p> })}
            {submitted.then(|| view! { <p class="alert ok" data-testid="sheet-locked">{t("Phiếu đã nộp và bị khóa.", "The sheet is submitted and locked.")}</p> })}
            {view.criteria.iter().enumerate().map(|(i, c)| {
                let (vi, en, max) = (c.name_vi.clone(), c.name_en.clone(), c.max_points);
                let text = texts[i];
                let comment = comments[i];
                let field = format!("scores.{i}");
                view! {
                    <div class="row">
                        <label for=format!("score-{i}")>{move || format!("{} ({} {max})", lang.get().pick(&vi, &en), lang.get().pick("tối đa", "max"))}</label>
                        <input id=format!("score-{i}") data-testid=format!("score-{i}") inputmode="decimal" class="year" disabled=submitted
                            prop:value=move || text.get() on:input:target=move |ev| text.set(ev.target().value()) />
                        {move || problems.get().into_iter().find(|(p, pr)| *p == Some(i) && *pr != domain::scoring::ScoreProblem::Missing).map(|(_, p)| view! {
                            <p class="field-error" data-testid=format!("problem-score-{i}")>{p.message(lang.get())}</p>
                        })}
                        <FieldError error field=field />
                        <label for=format!("comment-{i}")>{t("Nhận xét", "Comment")}</label>
                        <textarea id=format!("comment-{i}") rows="2" disabled=submitted prop:value=move || comment.get() on:input:target=move |ev| comment.set(ev.target().value())></textarea>
                    </div>
                }
            }).collect_view()}
            <p data-testid="sheet-total">{move || format!("{}: {}", lang.get().pick("Tổng điểm", "Total"), format_halves(total()))}</p>
            <label for="review">{t("Nhận xét chung (ủy viên phản biện: nhận xét phản biện)", "Overall comments (reviewers: the written review)")}</label>
            <textarea id="review" rows="4" disabled=submitted prop:value=move || review.get() on:input:target=move |ev| review.set(ev.target().value())></textarea>
            <ErrorBox error with_fields=true />
            <Show when=done>
                <p class="alert ok" role="status" data-testid="sheet-saved">{t("Đã lưu phiếu.", "Sheet saved.")}</p>
            </Show>
            {(!submitted).then(|| view! {
                {paper_for.is_none().then(|| view! { <button class="button secondary" data-testid="save-sheet" on:click=move |_| send(false)>{t("Lưu nháp", "Save draft")}</button> })}
                " "
                <button class="button" data-testid="submit-sheet" disabled=move || !problems.get().is_empty() on:click=move |_| send(true)>{t("Nộp phiếu (không sửa được nữa)", "Submit (final)")}</button>
            })}
            <p><A href=format!("/councils/{council_id}")>{t("‹ Về hội đồng", "‹ Back to the council")}</A></p>
        </section>
    }
}
