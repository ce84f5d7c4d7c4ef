//! `/proposals/councils/:id`: an identification council's seats and answers, the proposals it
//! judges with the ballots in (and the count once closed), and the officer's steps.

use domain::council::{CouncilRole, CouncilState, Invitation};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::identification::api::*;

/// Every step of the page, so that any success reloads the council.
#[derive(Clone, Copy)]
struct Steps {
    seat: ServerAction<SeatAssessor>,
    unseat: ServerAction<UnseatAssessor>,
    answer: ServerAction<AnswerSeat>,
    constitute: ServerAction<ConstituteIdentification>,
    attend: ServerAction<IdentificationAttendance>,
    close: ServerAction<CloseIdentification>,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            seat: ServerAction::new(),
            unseat: ServerAction::new(),
            answer: ServerAction::new(),
            constitute: ServerAction::new(),
            attend: ServerAction::new(),
            close: ServerAction::new(),
        }
    }

    fn version(self) -> usize {
        self.seat.version().get()
            + self.unseat.version().get()
            + self.answer.version().get()
            + self.constitute.version().get()
            + self.attend.version().get()
            + self.close.version().get()
    }

    fn error(self) -> Signal<Option<crate::error::AppError>> {
        let all = [
            action_error(self.unseat.value()),
            action_error(self.answer.value()),
            action_error(self.constitute.value()),
            action_error(self.attend.value()),
            action_error(self.close.value()),
        ];
        Signal::derive(move || all.iter().find_map(|e| e.get()))
    }
}

#[component]
fn Members(c: IdentificationView, steps: Steps) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    let forming = c.status == CouncilState::Forming;
    let scoring = c.status == CouncilState::Scoring;
    let manage = c.may.manage;
    view! {
        <table class="table" data-testid="assessors">
            <thead><tr><th>{t("Họ và tên", "Name")}</th><th>{t("Vị trí", "Seat")}</th><th>{t("Lời mời", "Invitation")}</th><th>{t("Có mặt", "Present")}</th><th><span class="visually-hidden">{t("Thao tác", "Actions")}</span></th></tr></thead>
            <tbody>{c.members.into_iter().map(|m| {
                let uid = m.user_id;
                view! {
                    <tr data-testid="assessor-row">
                        <td>{m.name.clone()}</td>
                        <td>{move || m.role.label(lang.get())}</td>
                        <td data-testid="invitation">{move || m.invitation.label(lang.get())}</td>
                        <td><input type="checkbox" data-testid="present" aria-label=format!("Có mặt: {}", m.name) prop:checked=m.present disabled=!(manage && scoring)
                            on:change:target=move |ev| { steps.attend.dispatch(IdentificationAttendance { council_id: id, user_id: uid, present: ev.target().checked() }); } /></td>
                        <td>{(manage && forming).then(|| view! {
                            <button class="button secondary" data-testid="unseat" on:click=move |_| { steps.unseat.dispatch(UnseatAssessor { council_id: id, user_id: uid }); }>{t("Bỏ khỏi hội đồng", "Unseat")}</button>
                        })}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn SeatForm(id: i32, steps: Steps) -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(CouncilRole::Member);
    let error = action_error(steps.seat.value());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        steps.seat.dispatch(SeatAssessor {
            council_id: id,
            email: email.get_untracked(),
            role: role.get_untracked(),
        });
    };
    view! {
        <form novalidate class="inline" on:submit=submit>
            <label>{t("Thư điện tử", "E-mail")}<input type="email" data-testid="assessor-email" bind:value=email /></label>
            <label>{t("Vị trí", "Seat")}
                <select data-testid="assessor-role" on:change:target=move |ev| {
                    if let Some(r) = CouncilRole::from_code(&ev.target().value()) { role.set(r) }
                }>
                    {CouncilRole::ALL.into_iter().map(|r| view! {
                        <option value=r.code() selected=move || role.get() == r>{move || r.label(lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button" data-testid="seat-assessor">{t("Mời vào hội đồng", "Seat and invite")}</button>
            <FieldError error field="email" />
            <ErrorBox error />
        </form>
    }
}

#[component]
fn Proposals(c: IdentificationView) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    let vote = c.may.vote;
    view! {
        <table class="table" data-testid="judged-proposals">
            <thead><tr><th>{t("Đề xuất", "Proposal")}</th><th>{t("Phiếu đã nộp", "Ballots in")}</th><th>{t("Xung đột lợi ích", "Conflicts")}</th><th>{t("Kết quả", "Count")}</th></tr></thead>
            <tbody>{c.proposals.into_iter().map(|p| {
                let pid = p.id;
                let mine = p.mine.clone();
                view! {
                    <tr data-testid="judged-proposal">
                        <td>{format!("{} · ", p.receipt_code.clone().unwrap_or_default())}<A href=format!("/proposals/{pid}")>{p.title.clone()}</A>
                            {mine.filter(|_| vote).map(|m| view! { <br />
                                <A href=format!("/proposals/councils/{id}/ballots/{pid}") attr:data-testid="open-ballot">{
                                    if m.conflicted { t("Xung đột lợi ích: không bỏ phiếu", "Conflicted: not voting")() }
                                    else if m.submitted { t("Phiếu đã nộp", "Ballot submitted")() }
                                    else { t("Đánh giá, bỏ phiếu", "Judge and vote")() }
                                }</A> })}</td>
                        <td data-testid="ballots-in">{format!("{}/{}", p.submitted, p.voters)}</td>
                        <td>{p.conflicted.join(", ")}</td>
                        <td>{p.count.map(|n| view! {
                            <span data-testid="count-mean">{n.mean.clone()}</span>" · "
                            <span data-testid="count-votes">{move || format!("{} {} / {} {}", n.for_order, lang.get().pick("đặt hàng", "for"), n.against, lang.get().pick("không", "against"))}</span>" · "
                            <strong data-testid="count-verdict">{move || domain::identification::verdict_label(n.order, lang.get())}</strong>
                        })}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn Actions(c: IdentificationView, steps: Steps) -> impl IntoView {
    let id = c.id;
    let lang = use_lang();
    let forming = c.status == CouncilState::Forming;
    let scoring = c.status == CouncilState::Scoring;
    let problems = c.composition.clone();
    view! {
        {(c.may.answer).then(|| view! {
            <p>{t("Bạn được mời tham gia hội đồng.", "You are invited to sit on this council.")}" "
                <button class="button" data-testid="accept-seat" on:click=move |_| { steps.answer.dispatch(AnswerSeat { council_id: id, accept: true }); }>{t("Nhận lời", "Accept")}</button>" "
                <button class="button secondary" data-testid="decline-seat" on:click=move |_| { steps.answer.dispatch(AnswerSeat { council_id: id, accept: false }); }>{t("Từ chối", "Decline")}</button>
            </p>
        })}
        {(c.may.manage && forming).then(|| view! {
            <ul class="problems" data-testid="composition">{problems.into_iter().map(|p| view! { <li>{move || p.message(lang.get())}</li> }).collect_view()}</ul>
            <button class="button" data-testid="constitute-identification" on:click=move |_| { steps.constitute.dispatch(ConstituteIdentification { id }); }>{t("Thành lập chính thức", "Constitute")}</button>
        })}
        {(c.may.manage && scoring).then(|| view! {
            <button class="button" data-testid="close-identification" on:click=move |_| { steps.close.dispatch(CloseIdentification { id }); }>{t("Kết thúc phiên họp", "Close the meeting")}</button>
        })}
        {(c.status == CouncilState::Closed).then(|| view! {
            <A href=format!("/proposals/councils/{id}/minutes") attr:data-testid="identification-minutes-link" attr:class="button secondary">{t("Biên bản họp", "Minutes")}</A>
        })}
        <ErrorBox error=steps.error() with_fields=true />
    }
}

#[component]
pub fn IdentificationPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let steps = Steps::new();
    let council = Resource::new(
        move || (id.get(), steps.version()),
        |(id, _)| get_identification(id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || council.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                Ok(c) => {
                    let seat_form = c.may.manage && c.status == CouncilState::Forming;
                    let accepted = c.members.iter().filter(|m| m.invitation == Invitation::Accepted).count();
                    let seated = c.members.len();
                    let (name, round_id, round_title, status) = (c.name.clone(), c.round_id, c.round_title.clone(), c.status);
                    view! {
                        <section class="panel" data-testid="identification">
                            <h1>{name}</h1>
                            <p><A href=format!("/proposals/rounds/{round_id}")>{round_title}</A></p>
                            <p data-testid="identification-status">{move || status.label(lang.get())}</p>
                            <h2>{move || format!("{} ({accepted}/{} {})", lang.get().pick("Thành viên", "Members"), seated, lang.get().pick("đã nhận lời", "accepted"))}</h2>
                            <Members c=c.clone() steps />
                            {seat_form.then(|| view! { <SeatForm id=c.id steps /> })}
                            <h2>{t("Các đề xuất hội đồng xem xét", "Proposals judged")}</h2>
                            <Proposals c=c.clone() />
                            <Actions c=c.clone() steps />
                        </section>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
