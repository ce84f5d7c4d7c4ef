//! Council pages: the list, one council (members, dossiers, conflict flags, constitution), a
//! member's score sheet (checked as they type), and the explained results.

use domain::council::CouncilRole;
use domain::scoring::{
    check_sheet, format_halves, parse_halves, Exclusion, ScoringRules, SheetEntry, TieBreak,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::{action_error, refresh_on_success, route_id, ErrorBox, FieldError};
use crate::councils::api::{
    council_calibration, council_results, evaluation_summary, get_council, get_sheet,
    list_councils, paper_sheet, AddMember, AnswerInvitation, Certify, CloseScoring, Constitute,
    CouncilView, CreateCouncil, DecideConflict, DeclareConflict, EnterPaperSheet, InviteMembers,
    ReopenSheet, SaveSheet, SetAttendance,
};
use crate::i18n::{t, use_lang};

#[component]
pub fn CouncilsPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| list_councils(None));
    view! {
        <section class="panel">
            <h1>{t("Hội đồng tư vấn tuyển chọn", "Selection councils")}</h1>
            <Transition fallback=|| ()>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty" data-testid="councils-empty">{t("Chưa có hội đồng nào.", "No council yet.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul data-testid="council-list">
                            {rows.into_iter().map(|c| view! {
                                <li><A href=format!("/councils/{}", c.id)>{c.name}</A>" · "{move || c.status.label(lang.get())}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The "form a council" form on a call's page, for officers.
#[component]
pub fn NewCouncil(call_id: i32) -> impl IntoView {
    let create = ServerAction::<CreateCouncil>::new();
    let name = RwSignal::new(String::new());
    let codes = RwSignal::new(String::new());
    let error = action_error(create.value());
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/councils/{id}"), Default::default());
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| { ev.prevent_default(); create.dispatch(CreateCouncil {
            call_id,
            name: name.get_untracked(),
            receipt_codes: Some(codes.get_untracked().split([',', ';', ' ']).map(str::to_string).filter(|c| !c.is_empty()).collect()),
        }); }>
            <label for="council-name">{t("Lập hội đồng cho các hồ sơ hợp lệ", "Form a council for the valid dossiers")}</label>
            <input id="council-name" data-testid="council-name" bind:value=name />
            <label for="council-codes">{t("Chỉ các hồ sơ (mã, cách nhau bằng dấu phẩy; để trống: mọi hồ sơ hợp lệ chưa có hội đồng)", "Only these dossiers (receipt codes, comma-separated; empty: every valid one without a council)")}</label>
            <input id="council-codes" data-testid="council-codes" bind:value=codes />
            <button type="submit" class="button secondary" data-testid="create-council">{t("Lập hội đồng", "Form council")}</button>
        </form>
        <FieldError error field="name" />
        <FieldError error field="receipt_codes" />
        <ErrorBox error />
    }
}

#[component]
pub fn CouncilPage() -> impl IntoView {
    let id = route_id();
    let add = ServerAction::<AddMember>::new();
    let decide = ServerAction::<DecideConflict>::new();
    let constitute = ServerAction::<Constitute>::new();
    let close = ServerAction::<CloseScoring>::new();
    let declare = ServerAction::<DeclareConflict>::new();
    let attend = ServerAction::<SetAttendance>::new();
    let invite = ServerAction::<InviteMembers>::new();
    let answer = ServerAction::<AnswerInvitation>::new();
    let reopen = ServerAction::<ReopenSheet>::new();
    // Reloaded after each action that succeeds; a refused one keeps what was typed and shows
    // why beside it.
    let changed = RwSignal::new(0u32);
    refresh_on_success(add, changed);
    refresh_on_success(decide, changed);
    refresh_on_success(constitute, changed);
    refresh_on_success(close, changed);
    refresh_on_success(declare, changed);
    refresh_on_success(attend, changed);
    refresh_on_success(invite, changed);
    refresh_on_success(answer, changed);
    refresh_on_success(reopen, changed);
    let view_res = Resource::new(move || (id.get(), changed.get()), |(id, _)| get_council(id));
    let actions = Actions {
        add,
        decide,
        constitute,
        close,
        declare,
        attend,
        invite,
        answer,
        reopen,
    };
    view! {
        <Transition fallback=|| ()>
            {move || view_res.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(c) => view! { <Council c actions /> }.into_any(),
            })}
        </Transition>
    }
}

/// The council page's actions: each refreshes the council when it succeeds.
#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddMember>,
    decide: ServerAction<DecideConflict>,
    constitute: ServerAction<Constitute>,
    close: ServerAction<CloseScoring>,
    declare: ServerAction<DeclareConflict>,
    attend: ServerAction<SetAttendance>,
    invite: ServerAction<InviteMembers>,
    answer: ServerAction<AnswerInvitation>,
    reopen: ServerAction<ReopenSheet>,
}

#[component]
fn Council(c: CouncilView, actions: Actions) -> impl IntoView {
    use crate::councils::api::CouncilStatus;
    use domain::council::Invitation;
    let Actions {
        add,
        decide,
        constitute,
        close,
        declare,
        attend,
        invite,
        answer,
        reopen,
    } = actions;
    let lang = use_lang();
    let id = c.id;
    let forming = c.status == CouncilStatus::Forming;
    let scoring = c.status == CouncilStatus::Scoring;
    let closed = c.status == CouncilStatus::Closed;
    let manages = c.manages;
    let secretary = c.my_role == Some(CouncilRole::Secretary);
    let seated = c.my_role.is_some();
    let email = RwSignal::new(String::new());
    let role_index = RwSignal::new(4usize);
    let note = RwSignal::new(String::new());
    let add_error = action_error(add.value());
    let decide_error = action_error(decide.value());
    let constitute_error = action_error(constitute.value());
    let close_error = action_error(close.value());
    let declare_error = action_error(declare.value());
    let invite_error = action_error(invite.value());
    let answer_error = action_error(answer.value());
    let reopen_error = action_error(reopen.value());
    let reason = RwSignal::new(String::new());
    let chair = c.my_role == Some(CouncilRole::Chair);
    let my_invitation = c.my_invitation;
    let name_of = {
        let members = c.members.clone();
        move |uid: i32| {
            members
                .iter()
                .find(|m| m.user_id == uid)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        }
    };
    let title_of = {
        let dossiers = c.dossiers.clone();
        move |aid: i32| {
            dossiers
                .iter()
                .find(|d| d.id == aid)
                .map(|d| format!("{} · {}", d.receipt_code, d.title))
                .unwrap_or_default()
        }
    };
    let problems = c.composition_problems.clone();
    let my_conflicts: Vec<i32> = c
        .conflicts
        .iter()
        .filter(|f| f.status != "dismissed")
        .map(|f| f.application_id)
        .collect();
    view! {
        <section class="panel" data-testid="council">
            <h1>{c.name.clone()}</h1>
            <p data-testid="council-status">{move || c.status.label(lang.get())}</p>
            <h2>{t("Thành viên", "Members")}</h2>
            <table class="table" data-testid="council-members">
                <thead><tr><th>{t("Họ và tên", "Name")}</th><th>{t("Vị trí", "Seat")}</th><th>{t("Lời mời", "Invitation")}</th><th>{t("Có mặt", "Present")}</th></tr></thead>
                <tbody>
                    {c.members.iter().map(|m| {
                        let role = m.role;
                        let invitation = m.invitation;
                        let (uid, present) = (m.user_id, m.present);
                        let can_mark = scoring && (manages || secretary);
                        view! {
                            <tr>
                                <td>{m.name.clone()}</td>
                                <td>{move || role.label(lang.get())}</td>
                                <td data-testid="invitation">{move || invitation.label(lang.get())}</td>
                                <td>
                                    <input type="checkbox" data-testid="present" aria-label="Có mặt / Present"
                                        prop:checked=present disabled=!can_mark
                                        on:change:target=move |ev| { attend.dispatch(SetAttendance { council_id: id, user_id: uid, present: ev.target().checked() }); } />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!problems.is_empty()).then(|| view! {
                <ul class="issues" data-testid="composition-problems">
                    {problems.iter().map(|p| { let p = *p; view! { <li>{move || p.message(lang.get())}</li> } }).collect_view()}
                </ul>
            })}
            {(manages && forming).then(|| view! {
                <form class="inline filters" on:submit=move |ev| {
                    ev.prevent_default();
                    let role = CouncilRole::ALL[role_index.get_untracked().min(4)];
                    add.dispatch(AddMember { council_id: id, email: email.get_untracked(), role });
                }>
                    <label>{t("Thư điện tử của thành viên (gõ tên để chọn từ cơ sở dữ liệu chuyên gia)", "Member's e-mail (type a name to pick from the expert database)")}
                        <input data-testid="member-email" list="expert-emails" bind:value=email />
                    </label>
                    <ExpertSuggestions query=email />
                    <label>{t("Vị trí", "Seat")}
                        <select data-testid="member-role" on:change:target=move |ev| role_index.set(ev.target().selected_index().max(0) as usize)>
                            {CouncilRole::ALL.into_iter().enumerate().map(|(i, r)| view! {
                                <option selected=move || role_index.try_get() == Some(i)>{move || r.label(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="button secondary" data-testid="add-member">{t("Thêm", "Add")}</button>
                </form>
                <FieldError error=add_error field="email" />
                <ErrorBox error=add_error />
                <p>
                    <button class="button secondary" data-testid="invite-members" on:click=move |_| { invite.dispatch(InviteMembers { council_id: id }); }>
                        {t("Gửi lời mời cho thành viên dự kiến", "Invite the proposed members")}
                    </button>
                </p>
                <FieldError error=invite_error field="conflicts" />
                <ErrorBox error=invite_error />
            })}
            {(forming && my_invitation.is_some_and(|i| i != Invitation::Proposed)).then(|| view! {
                <div class="alert" data-testid="my-invitation">
                    <p>{t("Sở mời bạn tham gia hội đồng này.", "The department invites you to sit on this council.")}</p>
                    <button class="button" data-testid="accept-invitation" on:click=move |_| { answer.dispatch(AnswerInvitation { council_id: id, accept: true }); }>{t("Nhận lời", "Accept")}</button>
                    " "
                    <button class="button secondary" data-testid="decline-invitation" on:click=move |_| { answer.dispatch(AnswerInvitation { council_id: id, accept: false }); }>{t("Từ chối", "Decline")}</button>
                    <ErrorBox error=answer_error with_fields=true />
                </div>
            })}
        </section>
        {(!c.progress.is_empty() || (scoring && (manages || chair || secretary))).then(|| {
            let progress = c.progress.clone();
            let members = c.members.clone();
            view! {
                <section class="panel" data-testid="progress">
                    <h2>{t("Tiến độ chấm (không hiện điểm)", "Scoring progress (no scores shown)")}</h2>
                    <table class="table">
                        <thead><tr><th>{t("Hồ sơ", "Dossier")}</th>
                            {members.iter().map(|m| view! { <th>{m.name.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {c.dossiers.iter().map(|d| {
                                let aid = d.id;
                                view! {
                                    <tr>
                                        <td>{d.receipt_code.clone()}</td>
                                        {members.iter().map(|m| {
                                            let uid = m.user_id;
                                            let p = progress.iter().find(|p| p.application_id == aid && p.user_id == uid).cloned();
                                            let submitted = p.as_ref().is_some_and(|p| p.submitted);
                                            let paper = p.as_ref().is_some_and(|p| p.from_paper);
                                            let started = p.is_some();
                                            view! {
                                                <td data-testid=format!("progress-{aid}-{uid}")>
                                                    {move || match (submitted, paper, started) {
                                                        (true, true, _) => lang.get().pick("Đã nộp (phiếu giấy)", "Submitted (paper)"),
                                                        (true, false, _) => lang.get().pick("Đã nộp", "Submitted"),
                                                        (false, _, true) => lang.get().pick("Đang chấm", "In progress"),
                                                        _ => lang.get().pick("Chưa mở", "Not opened"),
                                                    }}
                                                    {(chair && scoring && submitted).then(|| view! {
                                                        " " <button class="link" data-testid="reopen-sheet" on:click=move |_| {
                                                            reopen.dispatch(ReopenSheet { council_id: id, application_id: aid, user_id: uid, reason: reason.get_untracked() });
                                                        }>{t("Mở lại", "Reopen")}</button>
                                                    })}
                                                    {(secretary && scoring && !submitted).then(|| view! {
                                                        " " <A href=format!("/councils/{id}/paper/{aid}/{uid}") attr:data-testid="enter-paper">{t("Nhập phiếu giấy", "Enter paper sheet")}</A>
                                                    })}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(chair && scoring).then(|| view! {
                        <label for="reopen-reason">{t("Lý do mở lại phiếu (bắt buộc, được ghi lại)", "Reason for reopening (required, recorded)")}</label>
                        <input id="reopen-reason" data-testid="reopen-reason" bind:value=reason />
                        <FieldError error=reopen_error field="note" />
                        <ErrorBox error=reopen_error />
                    })}
                </section>
            }
        })}

        <section class="panel">
            <h2>{t("Hồ sơ được đánh giá", "Dossiers under review")}</h2>
            <ul data-testid="council-dossiers">
                {c.dossiers.iter().map(|d| {
                    let aid = d.id;
                    let conflicted = my_conflicts.contains(&aid) && seated;
                    view! {
                        <li>
                            {format!("{} · {}", d.receipt_code, d.title)}
                            {(seated && (scoring || closed) && !conflicted).then(|| view! {
                                " " <A href=format!("/councils/{id}/sheets/{aid}") attr:data-testid="open-sheet">{t("Phiếu chấm", "Score sheet")}</A>
                            })}
                            {(seated && conflicted).then(|| view! { " " <span class="badge">{t("xung đột lợi ích: không chấm", "conflict: not scoring")}</span> })}
                            {(seated && !closed && !conflicted).then(|| view! {
                                " " <button class="link" data-testid="declare-conflict" on:click=move |_| {
                                    declare.dispatch(DeclareConflict { council_id: id, application_id: aid, note: note.get_untracked() });
                                }>{t("Khai báo xung đột", "Declare a conflict")}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(seated && !closed).then(|| view! {
                <label for="conflict-note">{t("Lý do khai báo xung đột (đồng tác giả, quan hệ…)", "Reason for a declared conflict (co-authorship, relationship…)")}</label>
                <input id="conflict-note" bind:value=note />
                <FieldError error=declare_error field="note" />
            })}
        </section>

        <section class="panel" data-testid="conflicts">
            <h2>{t("Xung đột lợi ích", "Conflicts of interest")}</h2>
            {c.conflicts.is_empty().then(|| view! { <p class="empty">{t("Không có cảnh báo nào.", "No flag.")}</p> })}
            <ul>
                {c.conflicts.iter().map(|f| {
                    let fid = f.id;
                    let reason = f.reason.clone();
                    let flagged = f.status == "flagged";
                    let status = f.status.clone();
                    view! {
                        <li data-testid="conflict">
                            {name_of(f.user_id)}" — "{title_of(f.application_id)}": "{move || reason.message(lang.get())}
                            " ("{move || match status.as_str() {
                                "flagged" => lang.get().pick("chờ quyết định", "awaiting decision"),
                                "confirmed" => lang.get().pick("đã xác nhận: không chấm hồ sơ này", "confirmed: does not score it"),
                                _ => lang.get().pick("đã bác bỏ", "dismissed"),
                            }}")"
                            {f.note.is_empty().then(String::new).unwrap_or_else(|| format!(" — {}", f.note))}
                            {(manages && flagged).then(|| view! {
                                " " <button class="link" data-testid="confirm-conflict" on:click=move |_| { decide.dispatch(DecideConflict { conflict_id: fid, confirm: true, note: note.get_untracked() }); }>{t("Xác nhận", "Confirm")}</button>
                                " " <button class="link" data-testid="dismiss-conflict" on:click=move |_| { decide.dispatch(DecideConflict { conflict_id: fid, confirm: false, note: note.get_untracked() }); }>{t("Bác bỏ", "Dismiss")}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(manages && forming).then(|| view! {
                <label for="decision-note">{t("Lý do quyết định (bắt buộc)", "Reason for the decision (required)")}</label>
                <input id="decision-note" data-testid="decision-note" bind:value=note />
                <FieldError error=decide_error field="note" />
            })}
        </section>

        <section class="panel">
            {(manages && forming).then(|| view! {
                <FieldError error=constitute_error field="members" />
                <FieldError error=constitute_error field="conflicts" />
                <ErrorBox error=constitute_error />
                <button class="button" data-testid="constitute" on:click=move |_| { constitute.dispatch(Constitute { id }); }>
                    {t("Thành lập hội đồng và mở chấm điểm", "Constitute and open scoring")}
                </button>
            })}
            {(secretary && scoring).then(|| view! {
                <FieldError error=close_error field="attendance" />
                <ErrorBox error=close_error />
                <button class="button" data-testid="close-scoring" on:click=move |_| { close.dispatch(CloseScoring { id }); }>
                    {t("Kết thúc phiên chấm", "Close scoring")}
                </button>
            })}
            {closed.then(|| view! {
                <A href=format!("/councils/{id}/results") attr:class="button" attr:data-testid="open-results">{t("Xem kết quả", "See the results")}</A>
            })}
            {(closed && (manages || secretary || c.my_role == Some(CouncilRole::Chair))).then(|| view! {
                " " <A href=format!("/councils/{id}/minutes") attr:class="button secondary" attr:data-testid="open-minutes">{t("Biên bản họp", "Minutes")}</A>
            })}
        </section>
    }
}

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
fn SheetForm(
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

/// The chair's calibration table (z-scores, disagreement); informational only.
#[component]
fn Calibration(id: i32) -> impl IntoView {
    let cal = Resource::new(move || id, council_calibration);
    view! {
        <Transition fallback=|| ()>
            {move || cal.get().and_then(Result::ok).map(|rows| view! {
                <section class="panel" data-testid="calibration">
                    <h2>{t("Hiệu chỉnh (chỉ để tham khảo, không thay đổi kết quả)", "Calibration (for reference; changes nothing official)")}</h2>
                    <table class="table">
                        <thead><tr>
                            <th>{t("Hồ sơ", "Dossier")}</th><th>{t("Thành viên: điểm (z)", "Member: total (z)")}</th>
                            <th>{t("Độ lệch chuẩn", "Std dev")}</th><th>{t("Chênh lệch cao nhất – thấp nhất", "Max − min")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <td>{r.dossier.receipt_code.clone()}</td>
                                    <td>{r.members.iter().map(|(n, raw, z)| match z {
                                        Some(z) => format!("{n}: {raw:.1} ({z:+.2})"),
                                        None => format!("{n}: {raw:.1}"),
                                    }.replace('.', ",")).collect::<Vec<_>>().join("; ")}</td>
                                    <td>{format!("{:.2}", r.std_dev_points).replace('.', ",")}</td>
                                    <td>{format!("{:.1}", r.range_points).replace('.', ",")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })}
        </Transition>
    }
}

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
                                            <thead><tr><th>{t("Thành viên", "Member")}</th><th>{t("Điểm từng tiêu chí", "Per criterion")}</th><th>{t("Tổng", "Total")}</th><th>{t("Được tính", "Counted")}</th></tr></thead>
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

/// Experts with an account whose name, organisation or field matches what is typed, offered
/// as the e-mail to seat.
#[component]
fn ExpertSuggestions(query: RwSignal<String>) -> impl IntoView {
    let found = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 || q.contains('@') {
                return Vec::new();
            }
            crate::experts::api::list_experts(q, 1)
                .await
                .map(|p| p.items)
                .unwrap_or_default()
        }
    });
    view! {
        <datalist id="expert-emails">
            {move || found.get().unwrap_or_default().into_iter().filter(|e| e.has_account && !e.form.email.is_empty()).map(|e| view! {
                <option value=e.form.email.clone()>{format!("{} — {} ({})", e.form.name, e.form.organisation, e.form.fields.join("; "))}</option>
            }).collect_view()}
        </datalist>
    }
}
