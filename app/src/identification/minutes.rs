//! The identification council's minutes (biên bản họp hội đồng tư vấn xác định nhiệm vụ), once
//! its meeting closed: members and attendance, conflicts, the count on each proposal (ballots
//! unnamed when the rulebook makes them secret) and its recommendation. A page to print and
//! a PDF laid out from the same blocks.

use domain::format::format_datetime;
use domain::identification::verdict_label;
use domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use super::api::{CountView, IdentificationView};
use crate::councils::minutes::Block;
use crate::error::AppError;

/// One counted ballot: who (or "Phiếu 2" when secret), its total and its vote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BallotLine {
    pub voter: String,
    pub total: String,
    pub order: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MinutesProposal {
    pub title: String,
    pub receipt_code: Option<String>,
    pub proposer: String,
    pub conflicted: Vec<String>,
    pub count: CountView,
    pub ballots: Vec<BallotLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MinutesOfIdentification {
    pub council: IdentificationView,
    pub rulebook_version: i32,
    pub proposals: Vec<MinutesProposal>,
}

/// The minutes, once the meeting closed (its members and the department).
#[server(prefix = "/api", endpoint = "identification/minutes", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn identification_minutes(id: i32) -> Result<MinutesOfIdentification, AppError> {
    crate::error::finish(server::minutes(id).await)
}

fn general(m: &MinutesOfIdentification, lang: Lang) -> Vec<Block> {
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let c = &m.council;
    let present = c.members.iter().filter(|x| x.present).count();
    let criteria: Vec<String> = c
        .rules
        .criteria
        .iter()
        .map(|k| format!("{} ({})", lang.pick(&k.name_vi, &k.name_en), k.max_points))
        .collect();
    vec![
        Block::Title(p(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness",
        )),
        Block::Title(format!(
            "{}\n{}",
            p(
                "BIÊN BẢN HỌP HỘI ĐỒNG TƯ VẤN XÁC ĐỊNH NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ",
                "MINUTES OF THE TASK IDENTIFICATION COUNCIL"
            ),
            c.name
        )),
        Block::Heading(p("I. Thông tin chung", "I. General")),
        Block::Para(format!(
            "{}: {}",
            p("Đợt đề xuất", "Proposal round"),
            c.round_title
        )),
        Block::Para(format!(
            "{}: {} · {}: {}",
            p("Phiên bản quy định áp dụng", "Rulebook version"),
            m.rulebook_version,
            p("Kết thúc phiên họp lúc", "Meeting closed at"),
            c.closed_at.map(format_datetime).unwrap_or_default()
        )),
        Block::Para(format!(
            "{}: {}. {}: {present}/{}.",
            p("Tiêu chí đánh giá (điểm tối đa)", "Criteria (most points)"),
            criteria.join("; "),
            p("Số thành viên có mặt", "Members present"),
            c.members.len()
        )),
    ]
}

fn members(m: &MinutesOfIdentification, lang: Lang) -> Block {
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    Block::Table(
        vec![0.6, 4.0, 3.0, 1.5],
        vec![
            p("STT", "No."),
            p("Họ và tên", "Name"),
            p("Vị trí", "Seat"),
            p("Có mặt", "Present"),
        ],
        m.council
            .members
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let here = if x.present {
                    p("Có", "Yes")
                } else {
                    p("Vắng", "Absent")
                };
                vec![
                    (i + 1).to_string(),
                    x.name.clone(),
                    x.role.label(lang).into(),
                    here,
                ]
            })
            .collect(),
    )
}

fn proposal(i: usize, x: &MinutesProposal, m: &MinutesOfIdentification, lang: Lang) -> Vec<Block> {
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let code = x.receipt_code.clone().unwrap_or_default();
    let mut out = vec![Block::Heading(format!("{}. {} ({code})", i + 1, x.title))];
    out.push(Block::Para(format!(
        "{}: {}",
        p("Người đề xuất", "Proposed by"),
        x.proposer
    )));
    if !x.conflicted.is_empty() {
        out.push(Block::Para(format!(
            "{}: {}",
            p(
                "Không bỏ phiếu do xung đột lợi ích",
                "Not voting (conflict of interest)"
            ),
            x.conflicted.join(", ")
        )));
    }
    let criteria = &m.council.rules.criteria;
    out.push(Block::Table(
        vec![6.0, 2.0],
        vec![p("Tiêu chí", "Criterion"), p("Điểm trung bình", "Mean")],
        criteria
            .iter()
            .zip(&x.count.criterion_means)
            .map(|(k, mean)| vec![lang.pick(&k.name_vi, &k.name_en).to_string(), mean.clone()])
            .chain([vec![p("Tổng", "Total"), x.count.mean.clone()]])
            .collect(),
    ));
    out.push(Block::Table(
        vec![2.5, 1.5, 2.5, 5.0],
        vec![
            p("Phiếu", "Ballot"),
            p("Tổng điểm", "Total"),
            p("Bỏ phiếu", "Vote"),
            p("Ý kiến", "Remarks"),
        ],
        x.ballots
            .iter()
            .map(|b| {
                vec![
                    b.voter.clone(),
                    b.total.clone(),
                    verdict_label(b.order, lang).into(),
                    b.note.clone(),
                ]
            })
            .collect(),
    ));
    out.push(Block::Para(format!(
        "{}: {} / {} {}; {} {}. {}: {}.",
        p("Số phiếu hợp lệ", "Ballots counted"),
        x.count.counted,
        x.count.for_order,
        p("đề nghị đặt hàng", "for ordering"),
        x.count.against,
        p("không đề nghị", "against"),
        p("Kết luận của hội đồng", "The council's conclusion"),
        verdict_label(x.count.order, lang)
    )));
    out
}

pub fn blocks(m: &MinutesOfIdentification, lang: Lang) -> Vec<Block> {
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let mut out = general(m, lang);
    out.push(Block::Heading(p("II. Thành phần hội đồng", "II. Members")));
    out.push(members(m, lang));
    out.push(Block::Heading(p(
        "III. Kết quả đánh giá từng đề xuất",
        "III. Each proposal",
    )));
    for (i, x) in m.proposals.iter().enumerate() {
        out.extend(proposal(i, x, m, lang));
    }
    let seat = |role| {
        m.council
            .members
            .iter()
            .find(|x| x.role == role)
            .map_or_else(String::new, |x| x.name.clone())
    };
    out.push(Block::Signatures(
        (
            p("THƯ KÝ KHOA HỌC", "SECRETARY"),
            seat(domain::council::CouncilRole::Secretary),
        ),
        (
            p("CHỦ TỊCH HỘI ĐỒNG", "CHAIR"),
            seat(domain::council::CouncilRole::Chair),
        ),
    ));
    out
}

/// The printable minutes, with the PDF beside them.
#[component]
pub fn IdentificationMinutesPage() -> impl IntoView {
    use crate::components::{route_id, ErrorBox};
    use crate::councils::minutes::document;
    use crate::i18n::{t, use_lang};
    let lang = use_lang();
    let id = route_id();
    let minutes = Resource::new(move || id.get(), identification_minutes);
    view! {
        <Transition fallback=|| ()>
            {move || minutes.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                Ok(m) => {
                    let cid = m.council.id;
                    view! {
                        <p class="no-print">
                            <button class="button secondary" data-testid="print-minutes" on:click=|_| { let _ = window().print(); }>{t("In biên bản", "Print")}</button>
                            " "
                            <a class="button secondary" href=format!("/proposals/councils/{cid}")>{t("Về hội đồng", "Back to the council")}</a>
                            " "
                            <a class="button secondary" data-testid="minutes-pdf" rel="external" download href=format!("/exports/identification/{cid}/minutes.pdf")>{t("Tải PDF", "Download PDF")}</a>
                        </p>
                        <article class="panel minutes" data-testid="identification-minutes">
                            {move || document(blocks(&m, lang.get()))}
                        </article>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use domain::council::CouncilAction;
    use domain::scoring::Mean;
    use domain::Lang;

    use super::*;
    use crate::identification::server::{readable, rules_of, status_of, Sitting};

    pub async fn minutes(id: i32) -> Result<MinutesOfIdentification, AppError> {
        let db = &crate::kit::state()?.db;
        let (_, c, _) = readable(db, id).await?;
        status_of(&c)?
            .after(CouncilAction::ReadResults)
            .map_err(|e| AppError::invalid("status", crate::error::Problem::Council(e)))?;
        let council = crate::identification::server::view::get(id).await?;
        let rules = rules_of(db, &c).await?;
        let s = Sitting::load(db, id).await?;
        let counts = s.counts(&rules);
        let proposals = council
            .proposals
            .iter()
            .map(|jp| {
                let counted = counts
                    .get(&jp.id)
                    .map(|v| v.outcome.counted.clone())
                    .unwrap_or_default();
                let ballots = s
                    .ballots
                    .iter()
                    .filter(|b| b.proposal_id == jp.id && counted.contains(&i64::from(b.user_id)))
                    .enumerate()
                    .map(|(i, b)| {
                        let total: u64 = b
                            .ballot
                            .0
                            .entry
                            .scores
                            .iter()
                            .flatten()
                            .map(|h| u64::from(*h))
                            .sum();
                        BallotLine {
                            voter: if rules.secret_ballot {
                                format!("Phiếu {}", i + 1)
                            } else {
                                s.name(b.user_id)
                            },
                            total: Mean {
                                sum: total,
                                count: 1,
                            }
                            .display(),
                            order: b.ballot.0.order == Some(true),
                            note: b.ballot.0.note.clone(),
                        }
                    })
                    .collect();
                Ok(MinutesProposal {
                    title: jp.title.clone(),
                    receipt_code: jp.receipt_code.clone(),
                    proposer: jp.proposer.clone(),
                    conflicted: jp.conflicted.clone(),
                    count: jp.count.clone().ok_or(AppError::Internal)?,
                    ballots,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(MinutesOfIdentification {
            council,
            rulebook_version: c.rulebook_version,
            proposals,
        })
    }

    pub async fn minutes_pdf(id: i32) -> Result<(String, Vec<u8>), AppError> {
        let m = minutes(id).await?;
        let bytes = crate::councils::minutes::server::pdf_of(
            &format!("Biên bản họp {}", m.council.name),
            blocks(&m, Lang::Vi),
        )?;
        Ok((format!("bien-ban-xac-dinh-nhiem-vu-{id}.pdf"), bytes))
    }
}
