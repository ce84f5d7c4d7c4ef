//! The council's minutes (biên bản họp hội đồng) and score summary, generated from the data
//! once scoring is closed: one list of blocks (headings, paragraphs, tables) feeds both the
//! printable page and the PDF, so the two never disagree; the summary also goes to Excel.

use chrono::{DateTime, Utc};
use domain::council::ConflictReason;
use domain::format::format_datetime;
use domain::glossary;
use domain::scoring::{format_halves, Exclusion, Mean, TieBreak};
use domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::councils::api::{MemberView, ResultView, ResultsView};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MinutesConflict {
    pub member: String,
    pub dossier: String,
    pub reason: ConflictReason,
    /// `flagged`, `confirmed` or `dismissed`.
    pub status: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reopening {
    pub at: DateTime<Utc>,
    pub member: String,
    pub dossier: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MinutesView {
    pub council_id: i32,
    pub council_name: String,
    pub call_code: String,
    pub call_title: String,
    pub rulebook_version: i32,
    pub closed_at: Option<DateTime<Utc>>,
    pub members: Vec<MemberView>,
    pub conflicts: Vec<MinutesConflict>,
    pub reopenings: Vec<Reopening>,
    pub results: ResultsView,
}

/// The minutes' data, for officers and for the council's chair and secretary (who sign them),
/// once scoring is closed. A chair or secretary conflicted on a dossier does not see its scores
/// here either.
#[server(prefix = "/api", endpoint = "councils/minutes", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn council_minutes(id: i32) -> Result<MinutesView, AppError> {
    crate::error::finish(server::minutes(id).await)
}

/// One piece of the minutes.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    /// Column shares, header, rows.
    Table(Vec<f32>, Vec<String>, Vec<Vec<String>>),
    /// (title, name) left and right.
    Signatures((String, String), (String, String)),
}

/// How a dossier's result came about, sentence by sentence: zeroed criteria, excluded sheets,
/// the tie-break that separated it from the one above, conflicted members left out.
pub fn explain(r: &ResultView, criteria: &[domain::scoring::Criterion], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !r.outcome.zeroed_criteria.is_empty() {
        let names: Vec<String> = r
            .outcome
            .zeroed_criteria
            .iter()
            .filter_map(|i| criteria.get(*i))
            .map(|c| lang.pick(&c.name_vi, &c.name_en).to_string())
            .collect();
        out.push(match lang {
            Lang::Vi => format!("Quá 1/3 thành viên chấm 0: {}.", names.join(", ")),
            Lang::En => format!("Scored 0 by more than a third: {}.", names.join(", ")),
        });
    }
    for (_, e) in &r.outcome.excluded {
        if let Exclusion::Outlier {
            total,
            mean_sum,
            mean_count,
            limit_points,
        } = e
        {
            let mean = Mean {
                sum: *mean_sum,
                count: *mean_count,
            }
            .display();
            out.push(match lang {
                Lang::Vi => format!(
                    "Loại phiếu {} điểm: lệch quá {limit_points} điểm so với trung bình {mean} của mọi phiếu.",
                    format_halves(*total)
                ),
                Lang::En => format!(
                    "Sheet of {} points excluded: more than {limit_points} points from the mean {mean} of all sheets.",
                    format_halves(*total)
                ),
            });
        }
    }
    if let Some(rule) = r.ranked.tie_broken_by {
        out.push(match (rule, lang) {
            (Some(TieBreak::CriterionMean(i)), Lang::Vi) => format!(
                "Bằng điểm hồ sơ xếp trên; phân định theo điểm trung bình tiêu chí {}.",
                i + 1
            ),
            (Some(TieBreak::CriterionMean(i)), Lang::En) => format!(
                "Tied with the one above; separated by the mean of criterion {}.",
                i + 1
            ),
            (Some(TieBreak::FewerSheetsBelowPass), l) => l
                .pick(
                    "Bằng điểm; phân định theo số phiếu dưới ngưỡng đạt.",
                    "Tied; separated by sheets below the pass mark.",
                )
                .into(),
            (None, l) => l
                .pick(
                    "Bằng điểm; phân định theo thứ tự nộp hồ sơ.",
                    "Tied; separated by order of receipt.",
                )
                .into(),
        });
    }
    if !r.conflicted.is_empty() {
        out.push(match lang {
            Lang::Vi => format!(
                "Không tham gia do xung đột lợi ích: {}.",
                r.conflicted.join(", ")
            ),
            Lang::En => format!(
                "Left out for a conflict of interest: {}.",
                r.conflicted.join(", ")
            ),
        });
    }
    out
}

fn verdict(passed: bool, lang: Lang) -> String {
    if passed {
        lang.pick("Đạt", "Pass").into()
    } else {
        lang.pick("Không đạt", "Fail").into()
    }
}

/// The minutes as blocks, in the reader's language.
#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub fn blocks(m: &MinutesView, lang: Lang) -> Vec<Block> {
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let mut out = vec![
        Block::Title(p(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness",
        )),
        Block::Title(format!(
            "{}\n{}",
            p("BIÊN BẢN HỌP HỘI ĐỒNG", "MINUTES OF THE COUNCIL MEETING"),
            m.council_name
        )),
    ];
    let present = m.members.iter().filter(|x| x.present).count();
    out.push(Block::Heading(p("I. Thông tin chung", "I. General")));
    out.push(Block::Para(format!(
        "{}: {} · {}",
        glossary::CALL.pick(lang),
        m.call_code,
        m.call_title
    )));
    out.push(Block::Para(format!(
        "{}: {} · {}: {}",
        p("Phiên bản quy định áp dụng", "Rulebook version"),
        m.rulebook_version,
        p("Kết thúc phiên chấm lúc", "Scoring closed at"),
        m.closed_at.map(format_datetime).unwrap_or_default()
    )));
    out.push(Block::Para(match lang {
        Lang::Vi => format!(
            "Số thành viên có mặt: {present}/{}. Hội đồng đủ điều kiện làm việc với từng hồ sơ theo quy định (đã kiểm tra khi kết thúc phiên chấm).",
            m.members.len()
        ),
        Lang::En => format!(
            "Members present: {present}/{}. The quorum was checked for every dossier when scoring closed.",
            m.members.len()
        ),
    }));
    out.push(Block::Heading(p("II. Thành phần hội đồng", "II. Members")));
    out.push(Block::Table(
        vec![0.6, 4.0, 3.0, 1.5],
        vec![
            p("STT", "No."),
            glossary::FULL_NAME.pick(lang).to_string(),
            p("Vị trí", "Seat"),
            p("Có mặt", "Present"),
        ],
        m.members
            .iter()
            .enumerate()
            .map(|(i, x)| {
                vec![
                    (i + 1).to_string(),
                    x.name.clone(),
                    x.role.label(lang).into(),
                    if x.present {
                        p("Có", "Yes")
                    } else {
                        p("Vắng", "Absent")
                    },
                ]
            })
            .collect(),
    ));
    out.push(Block::Heading(p(
        "III. Xung đột lợi ích",
        "III. Conflicts of interest",
    )));
    if m.conflicts.is_empty() {
        out.push(Block::Para(p(
            "Không có cảnh báo hay khai báo xung đột lợi ích nào.",
            "No conflict was flagged or declared.",
        )));
    } else {
        out.push(Block::Table(
            vec![2.8, 2.6, 2.8, 2.2, 2.8],
            vec![
                glossary::MEMBER.pick(lang).to_string(),
                p("Hồ sơ", "Dossier"),
                p("Căn cứ", "Ground"),
                p("Quyết định", "Decision"),
                glossary::REASON.pick(lang).to_string(),
            ],
            m.conflicts
                .iter()
                .map(|c| {
                    vec![
                        c.member.clone(),
                        c.dossier.clone(),
                        c.reason.message(lang),
                        match c.status.as_str() {
                            "confirmed" => p("Xác nhận: không chấm", "Confirmed: not scoring"),
                            "dismissed" => p("Bác bỏ", "Dismissed"),
                            _ => p("Chưa quyết định", "Undecided"),
                        },
                        c.note.clone(),
                    ]
                })
                .collect(),
        ));
    }
    let criteria = &m.results.criteria;
    out.push(Block::Heading(p(
        "IV. Kết quả đánh giá và xếp hạng",
        "IV. Results and ranking",
    )));
    out.push(Block::Para(match lang {
        Lang::Vi => format!(
            "Hồ sơ đạt khi điểm trung bình các phiếu hợp lệ từ {} trở lên và không tiêu chí nào bị quá 1/3 thành viên chấm 0.",
            m.results.pass_mean_total
        ),
        Lang::En => format!(
            "A dossier passes with a mean of valid sheets of at least {} and no criterion scored 0 by more than a third.",
            m.results.pass_mean_total
        ),
    }));
    out.push(Block::Table(
        vec![1.1, 2.6, 4.6, 1.5, 1.7],
        vec![
            p("Hạng", "Rank"),
            p("Mã hồ sơ", "Receipt"),
            glossary::TASK_TITLE.pick(lang).to_string(),
            p("Điểm TB", "Mean"),
            glossary::VERDICT.pick(lang).to_string(),
        ],
        m.results
            .results
            .iter()
            .map(|r| {
                vec![
                    r.ranked.rank.to_string(),
                    r.dossier.receipt_code.clone(),
                    r.dossier.title.clone(),
                    r.outcome.mean_total.display(),
                    verdict(r.outcome.passed, lang),
                ]
            })
            .collect(),
    ));
    for r in &m.results.results {
        out.push(Block::Heading(format!(
            "{}. {} · {}",
            r.ranked.rank, r.dossier.receipt_code, r.dossier.title
        )));
        let mut widths = vec![3.5];
        let mut header = vec![glossary::MEMBER.pick(lang).to_string()];
        for (i, c) in criteria.iter().enumerate() {
            widths.push(1.3);
            header.push(format!("TC{} ({})", i + 1, c.max_points));
        }
        widths.extend([1.2, 1.6]);
        header.extend([
            glossary::TOTAL.pick(lang).to_string(),
            p("Được tính", "Counted"),
        ]);
        let mut rows: Vec<Vec<String>> = r
            .sheets
            .iter()
            .map(|s| {
                let mut row = vec![if s.from_paper {
                    format!("{} ({})", s.member, p("phiếu giấy", "paper"))
                } else {
                    s.member.clone()
                }];
                row.extend(s.scores.iter().map(|h| format_halves((*h).into())));
                row.push(format_halves(s.total));
                row.push(if s.counted {
                    p("Có", "Yes")
                } else {
                    p("Không", "No")
                });
                row
            })
            .collect();
        let mut mean_row = vec![p("Trung bình", "Mean")];
        mean_row.extend(r.outcome.criterion_means.iter().map(|m| m.display()));
        mean_row.push(r.outcome.mean_total.display());
        mean_row.push(verdict(r.outcome.passed, lang));
        rows.push(mean_row);
        out.push(Block::Table(widths, header, rows));
        for line in explain(r, criteria, lang) {
            out.push(Block::Para(line));
        }
    }
    if !m.reopenings.is_empty() {
        out.push(Block::Heading(p(
            "V. Phiếu được Chủ tịch mở lại",
            "V. Sheets reopened by the chair",
        )));
        out.push(Block::Table(
            vec![2.5, 2.8, 2.6, 3.6],
            vec![
                p("Thời điểm", "When"),
                glossary::MEMBER.pick(lang).to_string(),
                p("Hồ sơ", "Dossier"),
                glossary::REASON.pick(lang).to_string(),
            ],
            m.reopenings
                .iter()
                .map(|x| {
                    vec![
                        format_datetime(x.at),
                        x.member.clone(),
                        x.dossier.clone(),
                        x.reason.clone(),
                    ]
                })
                .collect(),
        ));
    }
    out.push(Block::Heading(glossary::VERDICT.pick(lang).to_string()));
    let passed: Vec<String> = m
        .results
        .results
        .iter()
        .filter(|r| r.outcome.passed)
        .map(|r| {
            format!(
                "{}. {} · {}",
                r.ranked.rank, r.dossier.receipt_code, r.dossier.title
            )
        })
        .collect();
    out.push(Block::Para(if passed.is_empty() {
        p(
            "Không hồ sơ nào đạt yêu cầu để kiến nghị.",
            "No dossier passed; none is recommended.",
        )
    } else {
        format!(
            "{}\n{}",
            p(
                "Hội đồng kiến nghị các hồ sơ đạt yêu cầu, theo thứ tự xếp hạng:",
                "The council recommends the dossiers that passed, in rank order:"
            ),
            passed.join("\n")
        )
    }));
    let name_of = |role| {
        m.members
            .iter()
            .find(|x| x.role == role)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    out.push(Block::Signatures(
        (
            p("THƯ KÝ KHOA HỌC", "SCIENTIFIC SECRETARY"),
            name_of(domain::council::CouncilRole::Secretary),
        ),
        (
            p("CHỦ TỊCH HỘI ĐỒNG", "CHAIR"),
            name_of(domain::council::CouncilRole::Chair),
        ),
    ));
    out
}

/// The printable minutes: the browser's print (or "save as PDF") gives the paper copy; the
/// PDF and Excel downloads sit beside it.
#[component]
pub fn MinutesPage() -> impl IntoView {
    use crate::components::{route_id, ErrorBox};
    use crate::i18n::{t, use_lang};
    let lang = use_lang();
    let id = route_id();
    let minutes = Resource::new(move || id.get(), council_minutes);
    view! {
        <Transition fallback=|| ()>
            {move || minutes.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) with_fields=true /> }.into_any(),
                Ok(m) => {
                    let cid = m.council_id;
                    view! {
                        <p class="no-print">
                            <button class="button secondary" data-testid="print-minutes" on:click=|_| { let _ = window().print(); }>{t("In biên bản", "Print")}</button>
                            " "
                            <a class="button secondary" data-testid="minutes-pdf" rel="external" download href=format!("/exports/councils/{cid}/minutes.pdf")>{t("Tải PDF", "Download PDF")}</a>
                            " "
                            <a class="button secondary" data-testid="scores-xlsx" rel="external" download href=format!("/exports/councils/{cid}/scores.xlsx")>{t("Bảng điểm (.xlsx)", "Scores (.xlsx)")}</a>
                        </p>
                        <article class="panel minutes" data-testid="minutes">
                            {move || document(blocks(&m, lang.get()))}
                        </article>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// A document's blocks as the page shows them: the national motto first, then the document's
/// own title as the page's heading.
pub fn document(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, b)| match b {
            Block::Title(s) if i > 0 => {
                view! { <h1 class="minutes-title">{lines(s)}</h1> }.into_any()
            }
            b => render(b),
        })
        .collect_view()
}

fn lines(s: String) -> impl IntoView {
    s.split('\n')
        .map(|l| view! { <span>{l.to_string()}</span><br /> })
        .collect_view()
}

fn render(b: Block) -> AnyView {
    match b {
        Block::Title(s) => view! { <p class="minutes-title">{lines(s)}</p> }.into_any(),
        Block::Heading(s) => view! { <h2>{s}</h2> }.into_any(),
        Block::Para(s) => view! { <p>{lines(s)}</p> }.into_any(),
        Block::Table(_, header, rows) => view! {
            <table class="table">
                <thead><tr>{header.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
            </table>
        }
        .into_any(),
        Block::Signatures((lt, ln), (rt, rn)) => view! {
            <div class="signatures">
                <div><strong>{lt}</strong><p class="signature-space"></p><strong>{ln}</strong></div>
                <div><strong>{rt}</strong><p class="signature-space"></p><strong>{rn}</strong></div>
            </div>
        }
        .into_any(),
    }
}

#[cfg(feature = "ssr")]
pub mod server;
