//! One line's rulebook in force, and the form that publishes its next version.

use domain::call::{TaskKind, TaskLevel};
use domain::council::CouncilRules;
use domain::format::format_dong;
use domain::glossary;
use domain::rulebook::{format_coefficient, parse_coefficient, LabourCoefficients, Rulebook};
use domain::scoring::{Criterion, ScoringRules, TieBreak};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{ErrorBox, FieldError};
use crate::error::{AppError, Problem};
use crate::fields::{number, AmountInput};
use crate::i18n::{t, term, terms, use_lang};
use crate::rulebooks::api::{PublishRulebook, RulebookView};

use super::tables::{COEFFICIENTS, TASK_RULES};

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "the rulebook's facts and its form, in the order the page shows them"
)]
pub fn RulebookView(
    view: RulebookView,
    publish: ServerAction<PublishRulebook>,
    /// The managing unit whose own line is shown (and published).
    unit: Option<i32>,
    /// The task type whose own line is shown (and published).
    kind: Option<TaskKind>,
) -> impl IntoView {
    let lang = use_lang();
    let rb = view.rulebook.clone();
    let based_on = rb.version;
    let rb_level = rb.level;
    let rb_kind = rb.kind;
    let coefficients: Vec<RwSignal<String>> = COEFFICIENTS
        .iter()
        .map(|(_, _, _, get)| RwSignal::new(format_coefficient(get(&rb.labour))))
        .collect();
    let base_rate = RwSignal::new(domain::format::group_thousands(
        rb.labour_base_rate_dong_per_day,
    ));
    let months = RwSignal::new(rb.max_duration_months.to_string());
    let host = RwSignal::new(rb.host_confirmation_required);
    let fund_pays = RwSignal::new(rb.fund_pays);
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| publish.value().get().and_then(|r| r.err()))
    });
    let published = move || publish.value().get().and_then(|r| r.ok());
    let inputs = coefficients.clone();
    let text = |v: u32| RwSignal::new(v.to_string());
    let c = &rb.council;
    let council_min = text(c.min_members);
    let council_max = text(c.max_members);
    let council_reviewers = text(c.reviewers);
    let quorum = (text(c.quorum.0), text(c.quorum.1));
    let sc = &rb.scoring;
    let half_points = RwSignal::new(sc.half_points);
    let pass_mark = text(sc.pass_mean_total);
    let zero_share = (text(sc.zero_share.0), text(sc.zero_share.1));
    let outlier = RwSignal::new(sc.outlier_points.map(|p| p.to_string()).unwrap_or_default());
    // Criteria rows: (name vi, name en, max points), added and removed as the form goes.
    let criteria = RwSignal::new(
        sc.criteria
            .iter()
            .map(|c| {
                (
                    RwSignal::new(c.name_vi.clone()),
                    RwSignal::new(c.name_en.clone()),
                    RwSignal::new(c.max_points.to_string()),
                )
            })
            .collect::<Vec<_>>(),
    );
    // Ties: up to two criteria whose means decide, in order ("" for none).
    let tie_of = |k: usize| {
        RwSignal::new(
            sc.tie_break
                .iter()
                .filter_map(|t| match t {
                    TieBreak::CriterionMean(i) => Some(i.to_string()),
                    TieBreak::FewerSheetsBelowPass => None,
                })
                .nth(k)
                .unwrap_or_default(),
        )
    };
    let ties = [tie_of(0), tie_of(1)];
    let keeps_below_pass = sc.tie_break.contains(&TieBreak::FewerSheetsBelowPass);
    // The rules for running and closing tasks: one input each, from the version edited.
    let base = rb.clone();
    let task_rules: Vec<RwSignal<String>> = TASK_RULES
        .iter()
        .map(|(_, _, _, get, _)| RwSignal::new(get(&rb).to_string()))
        .collect();
    let task_inputs = task_rules.clone();
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
        let int = |v: RwSignal<String>, path: &str| {
            v.get_untracked()
                .trim()
                .parse::<u32>()
                .map_err(|_| AppError::invalid(path, Problem::NotANumber))
        };
        let read = || -> Result<(CouncilRules, ScoringRules), AppError> {
            let council = CouncilRules {
                min_members: int(council_min, "council.min_members")?,
                max_members: int(council_max, "council.max_members")?,
                reviewers: int(council_reviewers, "council.reviewers")?,
                quorum: (
                    int(quorum.0, "council.quorum")?,
                    int(quorum.1, "council.quorum")?,
                ),
            };
            let mut list = Vec::new();
            for (i, (vi, en, max)) in criteria.get_untracked().into_iter().enumerate() {
                list.push(Criterion {
                    name_vi: vi.get_untracked().trim().to_string(),
                    name_en: en.get_untracked().trim().to_string(),
                    max_points: int(max, &format!("scoring.criteria.{i}.max_points"))?,
                });
            }
            let outlier_text = outlier.get_untracked();
            let mut tie_break = Vec::new();
            for (k, tie) in ties.iter().enumerate() {
                let v = tie.get_untracked();
                if !v.is_empty() {
                    tie_break
                        .push(TieBreak::CriterionMean(
                            int(*tie, &format!("scoring.tie_break.{k}"))? as usize,
                        ));
                }
            }
            if keeps_below_pass {
                tie_break.push(TieBreak::FewerSheetsBelowPass);
            }
            let scoring = ScoringRules {
                criteria: list,
                half_points: half_points.get_untracked(),
                pass_mean_total: int(pass_mark, "scoring.pass_mean_total")?,
                zero_share: (
                    int(zero_share.0, "scoring.zero_share")?,
                    int(zero_share.1, "scoring.zero_share")?,
                ),
                outlier_points: if outlier_text.trim().is_empty() {
                    None
                } else {
                    Some(int(outlier, "scoring.outlier_points")?)
                },
                tie_break,
            };
            Ok((council, scoring))
        };
        let (council, scoring) = match read() {
            Ok(v) => v,
            Err(e) => return local_error.set(Some(e)),
        };
        let mut next = Rulebook {
            version: based_on,
            level: rb_level,
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
            fund_pays: fund_pays.get_untracked(),
            council,
            scoring,
            unit_id: unit.map(i64::from),
            kind,
            ..base.clone()
        };
        for ((path, _, _, _, put), value) in TASK_RULES.iter().zip(&task_inputs) {
            match value.get_untracked().trim().parse::<u32>() {
                Ok(v) => put(&mut next, v),
                Err(_) => return local_error.set(bad(path)),
            }
        }
        publish.dispatch(PublishRulebook {
            based_on,
            rulebook: next,
        });
    };
    let facts = view! {
        <dl class="facts" data-testid="rulebook">
            <dt>{t("Phiên bản", "Version")}</dt><dd data-testid="rulebook-version">{rb.version}</dd>
            <dt>{t("Ban hành lúc", "Published")}</dt><dd>{domain::format::format_datetime(view.published_at)}</dd>
            <dt>{t("Áp dụng cho loại nhiệm vụ", "For task type")}</dt>
            <dd data-testid="rulebook-kind">{move || rb_kind.map_or_else(
                || lang.get().pick("Mọi loại", "Every type"),
                |k| k.label(lang.get()),
            )}</dd>
            {COEFFICIENTS.iter().map(|(_, vi, en, get)| view! {
                <dt>{move || format!("{} {}", lang.get().pick("Hệ số", "Coefficient"), lang.get().pick(vi, en))}</dt>
                <dd>{format_coefficient(get(&rb.labour))}</dd>
            }).collect_view()}
            <dt>{t("Tiền công ngày theo hệ số 1,0", "Daily labour at coefficient 1.0")}</dt><dd>{format_dong(rb.labour_base_rate_dong_per_day)}</dd>
            <dt>{t("Thời gian thực hiện tối đa", "Longest duration")}</dt><dd>{rb.max_duration_months}" "{t("tháng", "months")}</dd>
            <dt>{t("Tổ chức chủ trì xác nhận hồ sơ", "Host organisation confirms dossiers")}</dt>
            <dd>{move || if rb.host_confirmation_required { lang.get().pick("Có", "Yes") } else { lang.get().pick("Không", "No") }}</dd>
            {fund_pays_fact(rb.fund_pays)}
            <dt>{t("Hội đồng tuyển chọn", "Selection council")}</dt>
            <dd data-testid="rulebook-council">{move || match lang.get() {
                domain::Lang::Vi => format!("{}–{} thành viên, {} phản biện; có mặt tối thiểu {}/{}", rb.council.min_members, rb.council.max_members, rb.council.reviewers, rb.council.quorum.0, rb.council.quorum.1),
                domain::Lang::En => format!("{}–{} members, {} reviewers; quorum {}/{}", rb.council.min_members, rb.council.max_members, rb.council.reviewers, rb.council.quorum.0, rb.council.quorum.1),
            }}</dd>
            <dt>{t("Phiếu chấm", "Score sheet")}</dt>
            <dd data-testid="rulebook-scoring">{
                let sc = rb.scoring.clone();
                move || {
                    let l = lang.get();
                    let list = sc.criteria.iter().map(|c| format!("{} {}", l.pick(&c.name_vi, &c.name_en), c.max_points)).collect::<Vec<_>>().join(", ");
                    match l {
                        domain::Lang::Vi => format!("{list}; đạt từ {} điểm, không tiêu chí nào bị quá {}/{} số phiếu chấm 0; {}; loại phiếu lệch: {}", sc.pass_mean_total, sc.zero_share.0, sc.zero_share.1, if sc.half_points { "chấm đến 0,5 điểm" } else { "chấm điểm nguyên" }, sc.outlier_points.map(|p| format!("quá {p} điểm")).unwrap_or_else(|| "không áp dụng".into())),
                        domain::Lang::En => format!("{list}; pass at {} with no criterion zeroed by more than {}/{}; {}; outlier rule: {}", sc.pass_mean_total, sc.zero_share.0, sc.zero_share.1, if sc.half_points { "half points" } else { "whole points" }, sc.outlier_points.map(|p| format!("over {p} points")).unwrap_or_else(|| "off".into())),
                    }
                }
            }</dd>
            <dt>{t("Báo cáo tiến độ", "Progress reports")}</dt>
            <dd data-testid="rulebook-reporting">{move || match lang.get() {
                domain::Lang::Vi => format!("{} tháng một kỳ, nộp trong {} ngày sau kỳ", rb.reporting.interval_months, rb.reporting.grace_days),
                domain::Lang::En => format!("every {} months, due {} days after the period", rb.reporting.interval_months, rb.reporting.grace_days),
            }}</dd>
            <dt>{t("Hội đồng nghiệm thu", "Acceptance council")}</dt>
            <dd data-testid="rulebook-acceptance">{move || {
                let a = &rb.acceptance;
                match lang.get() {
                    domain::Lang::Vi => format!("{}–{} thành viên; kết luận khi có {} ‰ số phiếu; một mức xếp loại cần {} ‰ số phiếu từ mức đó trở lên", a.min_members, a.max_members, a.quorum_permille, a.vote_permille),
                    domain::Lang::En => format!("{}–{} members; a verdict needs {} ‰ of ballots; a rating needs {} ‰ of ballots at or above it", a.min_members, a.max_members, a.quorum_permille, a.vote_permille),
                }
            }}</dd>
            <dt>{terms(glossary::AMENDMENT)}</dt>
            <dd data-testid="rulebook-amendment">{move || match lang.get() {
                domain::Lang::Vi => format!("gia hạn tối đa {} tháng; chuyên viên duyệt khi gia hạn đến {} tháng và điều chuyển đến {} ‰ tổng kinh phí, còn lại lãnh đạo duyệt", rb.amendment.max_extension_months, rb.amendment.officer_max_extension_months, rb.amendment.officer_max_moved_permille),
                domain::Lang::En => format!("at most {} months' extension; an officer approves up to {} months and {} ‰ of the total moved, the leader the rest", rb.amendment.max_extension_months, rb.amendment.officer_max_extension_months, rb.amendment.officer_max_moved_permille),
            }}</dd>
            <dt>{t("Quyết toán nhiệm vụ không hoàn thành", "Settling tasks not completed")}</dt>
            <dd data-testid="rulebook-settlement">{move || match lang.get() {
                domain::Lang::Vi => format!("nguyên nhân chủ quan: hoàn trả phần chưa chi và {} ‰ số đã chi", rb.settlement.subjective_spent_share_permille),
                domain::Lang::En => format!("subjective cause: refund the unspent money and {} ‰ of what was spent", rb.settlement.subjective_spent_share_permille),
            }}</dd>
        </dl>
    }
    .into_any();
    view! {
        <section class="panel">
            <h1>{t("Quy định áp dụng", "Rules in force (rulebook)")}</h1>
            <p class="hint">{t(
                "Mỗi đợt giữ phiên bản quy định có hiệu lực khi công bố; ban hành phiên bản mới không làm thay đổi các đợt đang chạy.",
                "Each call keeps the version in force when it was published; a new version never changes a running call.",
            )}</p>
            {(kind.is_some() && !view.own_line).then(|| view! {
                <p class="hint" data-testid="kind-line-note">{t(
                    "Loại nhiệm vụ này chưa có quy định riêng: các đợt thuộc loại này áp dụng quy định dưới đây. Ban hành tại đây sẽ tạo quy định riêng cho loại nhiệm vụ này.",
                    "This task type has no rulebook of its own yet: its calls pin the rulebook below. Publishing here starts the type's own.",
                )}</p>
            })}
            {(unit.is_some() && kind.is_none() && !view.own_line).then(|| view! {
                <p class="hint" data-testid="unit-line-note">{t(
                    "Đơn vị chưa ban hành quy định riêng: các đợt của đơn vị đang áp dụng quy định cấp cơ sở chung dưới đây. Ban hành tại đây sẽ tạo quy định riêng của đơn vị.",
                    "The unit has no rulebook of its own yet: its calls pin the grassroots rulebook below. Publishing here starts the unit's own.",
                )}</p>
            })}
            <Show when=move || rb_level == TaskLevel::Grassroots>
                <p class="hint" data-testid="grassroots-note">{t(
                    "Nhiệm vụ cấp cơ sở: văn bản để đơn vị quản lý quy định quy mô hội đồng. Mặc định: hội đồng tuyển chọn 3–7 thành viên, 1 phản biện; hội đồng nghiệm thu 3–7 thành viên; kinh phí do đơn vị quản lý tự chi từ kinh phí của mình, ghi sổ riêng (trừ khi quy định ghi Quỹ cấp); các quy định khác như cấp tỉnh.",
                    "Grassroots tasks: the texts leave council sizes to the managing unit. Defaults: selection councils of 3–7 members with one reviewer; acceptance councils of 3–7; paid by the managing unit from its own budget, in its own book (unless the rulebook says the fund pays); everything else as for provincial tasks.",
                )}</p>
            </Show>
            {facts}
        </section>
        <Show when=move || view.editable>
            <form class="panel" on:submit=submit.clone() data-testid="rulebook-form" novalidate>
                <h2>{term(glossary::PUBLISH_VERSION)}</h2>
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
                <AmountInput value=base_rate id="labour_base_rate_dong_per_day" testid="labour_base_rate_dong_per_day" />
                <FieldError error field="labour_base_rate_dong_per_day" />
                <label for="max_duration_months">{t("Thời gian thực hiện tối đa (tháng)", "Longest duration (months)")}</label>
                <input id="max_duration_months" data-testid="max_duration_months" inputmode="numeric"
                    prop:value=move || months.get() on:input:target=move |ev| months.set(ev.target().value()) />
                <FieldError error field="max_duration_months" />
                <fieldset>
                    <legend>{t("Hội đồng tuyển chọn", "Selection council")}</legend>
                    <div class="grid-3">
                        <label>{t("Số thành viên tối thiểu", "Fewest members")}<input data-testid="council-min_members" inputmode="numeric" bind:value=council_min /></label>
                        <label>{t("Số thành viên tối đa", "Most members")}<input data-testid="council-max_members" inputmode="numeric" bind:value=council_max /></label>
                        <label>{t("Số ủy viên phản biện", "Reviewers")}<input data-testid="council-reviewers" inputmode="numeric" bind:value=council_reviewers /></label>
                    </div>
                    <FieldError error field="council.min_members" />
                    <FieldError error field="council.max_members" />
                    <FieldError error field="council.reviewers" />
                    <label for="council-quorum-0">{t("Số thành viên có mặt tối thiểu (tỷ lệ)", "Quorum (share present)")}</label>
                    <span class="inline"><input id="council-quorum-0" class="year" data-testid="council-quorum-0" inputmode="numeric" bind:value=quorum.0 />" / "<input class="year" data-testid="council-quorum-1" inputmode="numeric" aria-label=move || lang.get().pick("Mẫu số của tỷ lệ có mặt", "Quorum share, denominator") bind:value=quorum.1 /></span>
                    <FieldError error field="council.quorum" />
                </fieldset>
                <fieldset data-testid="rulebook-task-rules">
                    <legend>{t("Thực hiện, điều chỉnh, nghiệm thu, quyết toán", "Running, amending, accepting, settling")}</legend>
                    {TASK_RULES.iter().zip(task_rules.clone()).map(|((path, vi, en, _, _), value)| {
                        let id = path.replace('.', "-");
                        view! {
                            <label for=id.clone()>{move || lang.get().pick(vi, en)}</label>
                            <input id=id.clone() data-testid=id inputmode="numeric" bind:value=value />
                            <FieldError error field=*path />
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset data-testid="rulebook-criteria">
                    <legend>{t("Phiếu chấm điểm", "Score sheet")}</legend>
                    {move || criteria.get().into_iter().enumerate().map(|(i, (vi, en, max))| {
                        let field = format!("scoring.criteria.{i}.max_points");
                        view! {
                            <div class="grid-3">
                                <label>{move || format!("{} {}", lang.get().pick("Tiêu chí", "Criterion"), i + 1)}<input data-testid=format!("criterion-{i}-vi") bind:value=vi /></label>
                                <label>{t("Tên tiếng Anh", "English name")}<input bind:value=en /></label>
                                <label>{t("Điểm tối đa", "Max points")}<input data-testid=format!("criterion-{i}-max") inputmode="numeric" bind:value=max /></label>
                            </div>
                            <FieldError error field=format!("scoring.criteria.{i}.name_vi") />
                            <FieldError error field=field />
                            <button type="button" class="link" on:click=move |_| criteria.update(|c| { if i < c.len() { c.remove(i); } })>{t("Bỏ tiêu chí này", "Remove this criterion")}</button>
                        }
                    }).collect_view()}
                    <p><button type="button" class="button secondary" data-testid="add-criterion" on:click=move |_| criteria.update(|c| c.push((RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()))))>{t("Thêm tiêu chí", "Add a criterion")}</button></p>
                    <FieldError error field="scoring.criteria" />
                    <label class="check">
                        <input type="checkbox" data-testid="half_points" prop:checked=move || half_points.get() on:change:target=move |ev| half_points.set(ev.target().checked()) />
                        {t("Cho phép chấm đến 0,5 điểm", "Allow half points")}
                    </label>
                    <div class="grid-3">
                        <label>{t("Điểm trung bình tối thiểu để đạt", "Pass mark (mean total)")}<input data-testid="pass_mean_total" inputmode="numeric" bind:value=pass_mark /></label>
                        <label>{t("Loại phiếu lệch trung bình quá (điểm; để trống: không áp dụng)", "Exclude sheets further from the mean than (points; empty: off)")}<input data-testid="outlier_points" inputmode="numeric" bind:value=outlier /></label>
                    </div>
                    <FieldError error field="scoring.pass_mean_total" />
                    <FieldError error field="scoring.outlier_points" />
                    <label for="zero-share-0">{t("Không đạt khi một tiêu chí bị chấm 0 bởi quá (tỷ lệ số phiếu)", "Fails when a criterion is zeroed by more than (share of sheets)")}</label>
                    <span class="inline"><input id="zero-share-0" class="year" data-testid="zero_share-0" inputmode="numeric" bind:value=zero_share.0 />" / "<input class="year" data-testid="zero_share-1" inputmode="numeric" aria-label=move || lang.get().pick("Mẫu số của tỷ lệ số phiếu chấm 0", "Zeroed share, denominator") bind:value=zero_share.1 /></span>
                    <FieldError error field="scoring.zero_share" />
                    {ties.into_iter().enumerate().map(|(k, tie)| view! {
                        <label>{move || match (k, lang.get()) {
                            (0, l) => l.pick("Khi bằng điểm, xét điểm trung bình tiêu chí", "On a tie, compare the mean of criterion"),
                            (_, l) => l.pick("Nếu vẫn bằng, xét tiêu chí", "Then criterion"),
                        }}
                            <select on:change:target=move |ev| tie.set(ev.target().value())>
                                <option value="" selected=move || tie.get().is_empty()>{t("(không)", "(none)")}</option>
                                {move || criteria.get().into_iter().enumerate().map(|(i, (vi, _, _))| view! {
                                    <option value=i.to_string() selected=move || tie.get() == i.to_string()>{move || format!("{}. {}", i + 1, vi.get())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <FieldError error field=format!("scoring.tie_break.{k}") />
                    }).collect_view()}
                </fieldset>
                <label class="check">
                    <input type="checkbox" data-testid="host_confirmation_required" prop:checked=move || host.get()
                        on:change:target=move |ev| host.set(ev.target().checked()) />
                    {t("Hồ sơ phải được tổ chức chủ trì xác nhận trước khi Sở tiếp nhận", "Dossiers need the host organisation's confirmation before the department receives them")}
                </label>
                {fund_pays_field(rb_level, fund_pays, error)}
                <ErrorBox error />
                {move || published().map(|v| view! {
                    <p class="alert ok" role="status" data-testid="rulebook-published">{move || match lang.get() {
                        domain::Lang::Vi => format!("Đã ban hành phiên bản {v}. Các đợt công bố từ nay áp dụng phiên bản này."),
                        domain::Lang::En => format!("Version {v} published. Calls published from now on use it."),
                    }}</p>
                })}
                <button type="submit" class="button" data-testid="publish-rulebook" disabled=move || publish.pending().get()>
                    {term(glossary::PUBLISH_VERSION)}
                </button>
            </form>
        </Show>
    }
}

/// Who pays the tasks a version governs, in the facts.
fn fund_pays_fact(fund_pays: bool) -> AnyView {
    let lang = use_lang();
    view! {
        <dt>{t("Nguồn kinh phí", "Paid by")}</dt>
        <dd data-testid="rulebook-fund-pays">{move || match (fund_pays, lang.get()) {
            (true, l) => l.pick("Quỹ phát triển KH&CN tỉnh cấp", "The provincial S&T fund"),
            (false, l) => l.pick("Đơn vị quản lý tự chi từ kinh phí của mình (sổ riêng)", "The managing unit, from its own budget (its own book)"),
        }}</dd>
    }
    .into_any()
}

/// Whether the fund pays, asked of grassroots lines only (provincial tasks are the fund's); the
/// default the texts leave to the unit is said beside it. Then the version's error, in one
/// view, so the form's tree stays within the compiler's type depth.
fn fund_pays_field(
    level: TaskLevel,
    fund_pays: RwSignal<bool>,
    error: Signal<Option<AppError>>,
) -> AnyView {
    view! {
        <Show when=move || level == TaskLevel::Grassroots>
            <label class="check">
                <input type="checkbox" data-testid="fund_pays" prop:checked=move || fund_pays.get()
                    on:change:target=move |ev| fund_pays.set(ev.target().checked()) />
                {t("Quỹ phát triển KH&CN tỉnh cấp kinh phí (mặc định với nhiệm vụ cấp cơ sở: không, đơn vị quản lý tự chi từ kinh phí của mình)", "The provincial S&T fund pays (the default for grassroots tasks: no, the managing unit pays from its own budget)")}
            </label>
        </Show>
        <FieldError error field="fund_pays" />
        <FieldError error field="version" />
    }
    .into_any()
}
