//! Results: the ranking with its explanation, and the applicant's evaluation without names.

use super::*;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let results = Resource::new(move || id.get(), council_results);
    view! {
        <Calibration id=id.get_untracked() />
        <Transition fallback=|| ()>
            {move || results.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                Ok(v) => {
                    let criteria = v.criteria.clone();
                    let pass = v.pass_mean_total;
                    view! {
                        <section class="panel" data-testid="results">
                            <h1>{t("Kết quả đánh giá và xếp hạng", "Results and ranking")}</h1>
                            <p class="hint">{move || match lang.get() {
                                domain::Lang::Vi => format!("Đạt khi điểm trung bình các phiếu hợp lệ từ {pass} trở lên và không tiêu chí nào bị quá 1/3 thành viên chấm 0. Thành viên có xung đột lợi ích không được tính."),
                                domain::Lang::En => format!("Passes with a mean of valid sheets of at least {pass} and no criterion scored 0 by more than a third. Conflicted members are not counted."),
                            }}</p>
                            {v.results.into_iter().map(|r| {
                                let criteria = criteria.clone();
                                let o = r.outcome.clone();
                                let passed = o.passed;
                                let tie = r.ranked.tie_broken_by;
                                let crit2 = criteria.clone();
                                view! {
                                    <article class="card" data-testid="result">
                                        <h2>{format!("{}. {} · {}", r.ranked.rank, r.dossier.receipt_code, r.dossier.title)}</h2>
                                        <p data-testid="result-verdict">
                                            <strong>{move || if passed { lang.get().pick("Đạt", "Pass") } else { lang.get().pick("Không đạt", "Fail") }}</strong>
                                            " · "{move || lang.get().pick("Điểm trung bình", "Mean total")}": "<span data-testid="result-mean">{o.mean_total.display()}</span>
                                        </p>
                                        <p>{move || {
                                            let l = lang.get();
                                            o.criterion_means.iter().zip(&criteria).map(|(m, c)| format!("{}: {}", l.pick(&c.name_vi, &c.name_en), m.display())).collect::<Vec<_>>().join(" · ")
                                        }}</p>
                                        {(!r.outcome.zeroed_criteria.is_empty()).then(|| {
                                            let names: Vec<String> = r.outcome.zeroed_criteria.iter().filter_map(|i| crit2.get(*i).map(|c| c.name_vi.clone())).collect();
                                            view! { <p class="field-error">{format!("Quá 1/3 thành viên chấm 0: {}", names.join(", "))}</p> }
                                        })}
                                        {tie.map(|rule| view! { <p class="hint">{move || match (rule, lang.get()) {
                                            (Some(TieBreak::CriterionMean(i)), domain::Lang::Vi) => format!("Bằng điểm hồ sơ xếp trên; phân định theo điểm trung bình tiêu chí {}.", i + 1),
                                            (Some(TieBreak::CriterionMean(i)), domain::Lang::En) => format!("Tied with the one above; separated by the mean of criterion {}.", i + 1),
                                            (Some(TieBreak::FewerSheetsBelowPass), l) => l.pick("Bằng điểm; phân định theo số phiếu dưới ngưỡng đạt.", "Tied; separated by sheets below the pass mark.").into(),
                                            (None, l) => l.pick("Bằng điểm; phân định theo thứ tự nộp hồ sơ.", "Tied; separated by order of receipt.").into(),
                                        }}</p> })}
                                        <table class="table">
                                            <thead><tr><th>{term(glossary::MEMBER)}</th><th>{t("Điểm từng tiêu chí", "Per criterion")}</th><th>{t("Tổng", "Total")}</th><th>{t("Được tính", "Counted")}</th></tr></thead>
                                            <tbody>
                                                {r.sheets.into_iter().map(|s| view! {
                                                    <tr>
                                                        <td>{s.member}{s.from_paper.then(|| view! { " " <span class="badge">{t("phiếu giấy", "paper")}</span> })}</td>
                                                        <td>{s.scores.iter().map(|h| format_halves((*h).into())).collect::<Vec<_>>().join(" · ")}</td>
                                                        <td>{format_halves(s.total)}</td>
                                                        <td>{move || if s.counted { lang.get().pick("Có", "Yes") } else { lang.get().pick("Không (ngoại lệ)", "No (outlier)") }}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                        {r.outcome.excluded.iter().filter_map(|(_, e)| match e {
                                            Exclusion::Outlier { total, mean_sum, mean_count, limit_points } => Some(format!(
                                                "Loại phiếu {} điểm: lệch quá {} điểm so với trung bình {} của mọi phiếu.",
                                                format_halves(*total), limit_points, domain::scoring::Mean { sum: *mean_sum, count: *mean_count }.display()
                                            )),
                                            Exclusion::Malformed => None,
                                        }).map(|s| view! { <p class="hint">{s}</p> }).collect_view()}
                                        {(!r.conflicted.is_empty()).then(|| view! {
                                            <p class="hint">{format!("Không tham gia do xung đột lợi ích: {}", r.conflicted.join(", "))}</p>
                                        })}
                                    </article>
                                }
                            }).collect_view()}
                        </section>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// On a dossier's page, once its council has closed scoring: the figures and the members'
/// comments, without names.
#[component]
pub fn EvaluationPanel(application_id: i32) -> impl IntoView {
    let lang = use_lang();
    let summary = Resource::new(move || application_id, evaluation_summary);
    view! {
        <Transition fallback=|| ()>
            {move || summary.get().and_then(Result::ok).flatten().map(|e| {
                let criteria = e.criteria.clone();
                let passed = e.passed;
                view! {
                    <section class="panel" data-testid="evaluation">
                        <h2>{t("Kết quả đánh giá của hội đồng", "The council's evaluation")}</h2>
                        <p data-testid="evaluation-verdict">
                            <strong>{move || if passed { lang.get().pick("Đạt", "Pass") } else { lang.get().pick("Không đạt", "Fail") }}</strong>
                            {move || match lang.get() {
                                domain::Lang::Vi => format!(" · điểm trung bình {} (ngưỡng đạt {}) · xếp hạng {}/{} · {} phiếu hợp lệ", e.mean_total.display(), e.pass_mean_total, e.rank, e.of, e.sheets_counted),
                                domain::Lang::En => format!(" · mean {} (pass mark {}) · ranked {}/{} · {} valid sheets", e.mean_total.display(), e.pass_mean_total, e.rank, e.of, e.sheets_counted),
                            }}
                        </p>
                        {criteria.into_iter().enumerate().map(|(i, c)| {
                            let mean = e.criterion_means.get(i).map(|m| m.display()).unwrap_or_default();
                            let comments = e.comments.get(i).cloned().unwrap_or_default();
                            view! {
                                <h3>{move || format!("{} — {mean}/{}", lang.get().pick(&c.name_vi, &c.name_en), c.max_points)}</h3>
                                <ul>{comments.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                            }
                        }).collect_view()}
                        {(!e.reviews.is_empty()).then(|| view! {
                            <h3>{t("Nhận xét chung", "Overall comments")}</h3>
                            <ul>{e.reviews.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                        })}
                        <p class="hint">{t("Ý kiến được trình bày không kèm tên thành viên hội đồng.", "Comments are shown without the members' names.")}</p>
                    </section>
                }
            })}
        </Transition>
    }
}
