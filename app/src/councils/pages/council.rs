//! One council's page: members, invitations, conflicts, the register, dossiers and their sheets, the chair's calibration.

use super::*;

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub(super) fn Council(c: CouncilView, actions: Actions) -> impl IntoView {
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
            <h2>{terms(glossary::MEMBER)}</h2>
            <table class="table" data-testid="council-members">
                <thead><tr><th>{term(glossary::FULL_NAME)}</th><th>{t("Vị trí", "Seat")}</th><th>{t("Lời mời", "Invitation")}</th><th>{t("Có mặt", "Present")}</th></tr></thead>
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

/// The chair's calibration table (z-scores, disagreement); informational only.
#[component]
pub(super) fn Calibration(id: i32) -> impl IntoView {
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

/// Experts with an account whose name, organisation or field matches what is typed, offered
/// as the e-mail to seat.
#[component]
pub(super) fn ExpertSuggestions(query: RwSignal<String>) -> impl IntoView {
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
