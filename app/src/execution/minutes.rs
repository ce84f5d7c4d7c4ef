//! The acceptance council's minutes (biên bản họp hội đồng nghiệm thu), built once as blocks for
//! the printable page (`/contracts/{id}/acceptance`) and the PDF
//! (`/exports/contracts/{id}/acceptance.pdf`): the task, the council, the host's
//! self-evaluation, the tally of ballots per product and for the task (who voted what is not
//! shown, as on a tally sheet), the verdict by the rulebook's vote rule, signatures.

use domain::acceptance::Rating;
use domain::format::format_datetime;
use domain::glossary;
use domain::Lang;
use leptos::prelude::*;

use crate::councils::minutes::{document, Block};
use crate::execution::api::{get_execution, ExecutionView};

fn role_label(role: &str, lang: Lang) -> &'static str {
    match role {
        "chair" => lang.pick("Chủ tịch", "Chair"),
        "secretary" => lang.pick("Thư ký", "Secretary"),
        _ => lang.pick("Ủy viên", "Member"),
    }
}

/// The minutes' blocks; empty until the council has concluded.
#[expect(
    clippy::too_many_lines,
    reason = "one document's content from top to bottom"
)]
pub fn blocks(v: &ExecutionView, lang: Lang) -> Vec<Block> {
    let Some(verdict) = &v.verdict else {
        return Vec::new();
    };
    let p = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    let mut out = vec![
        Block::Title(p(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness",
        )),
        Block::Title(format!(
            "{}\n{}",
            p(
                "BIÊN BẢN HỌP HỘI ĐỒNG NGHIỆM THU",
                "MINUTES OF THE ACCEPTANCE COUNCIL"
            ),
            v.title
        )),
        Block::Heading(p("I. Thông tin chung", "I. General")),
        Block::Para(format!(
            "{}: {} · {}: {} · {}: {}",
            glossary::CONTRACT.pick(lang),
            v.code,
            glossary::HOST_ORGANISATION.pick(lang),
            v.organisation,
            p("Chủ nhiệm", "Leader"),
            v.leader_name
        )),
        Block::Para(format!(
            "{}: {}",
            p("Kết luận lúc", "Concluded at"),
            v.concluded_at.map(format_datetime).unwrap_or_default()
        )),
        Block::Heading(p("II. Thành phần hội đồng", "II. Members")),
        Block::Table(
            vec![0.6, 4.5, 2.0, 2.0],
            vec![
                p("TT", "No."),
                glossary::FULL_NAME.pick(lang).to_string(),
                glossary::ROLE.pick(lang).to_string(),
                p("Phiếu", "Ballot"),
            ],
            v.members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    vec![
                        (i + 1).to_string(),
                        m.name.clone(),
                        role_label(&m.role, lang).into(),
                        if m.voted {
                            p("Đã bỏ phiếu", "Cast")
                        } else {
                            p("Không bỏ phiếu", "None")
                        },
                    ]
                })
                .collect(),
        ),
    ];
    if let Some(b) = &v.self_evaluation {
        out.push(Block::Heading(p(
            "III. Tự đánh giá của tổ chức chủ trì",
            "III. The host's self-evaluation",
        )));
        let mut lines: Vec<String> = v
            .products
            .iter()
            .zip(&b.products)
            .map(|(name, r)| format!("{name}: {}", r.label(lang)))
            .collect();
        lines.push(format!(
            "{}: {}",
            glossary::TASK.pick(lang),
            b.task.label(lang)
        ));
        if !b.comment.is_empty() {
            lines.push(b.comment.clone());
        }
        out.push(Block::Para(lines.join("\n")));
    }
    out.push(Block::Heading(p(
        "IV. Kết quả kiểm phiếu",
        "IV. Tally of the ballots",
    )));
    let header = vec![
        p("Nội dung đánh giá", "Rated"),
        Rating::Excellent.label(lang).into(),
        Rating::Pass.label(lang).into(),
        Rating::Fail.label(lang).into(),
        p("Hội đồng kết luận", "Council's rating"),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let names = v
        .products
        .iter()
        .cloned()
        .chain(std::iter::once(glossary::TASK.pick(lang).to_string()));
    let ratings = verdict
        .products
        .iter()
        .copied()
        .chain(std::iter::once(verdict.task));
    for ((name, counts), rating) in names.zip(&v.tally).zip(ratings) {
        rows.push(vec![
            name,
            counts[0].to_string(),
            counts[1].to_string(),
            counts[2].to_string(),
            rating.label(lang).into(),
        ]);
    }
    out.push(Block::Table(vec![4.0, 1.3, 1.3, 1.3, 2.2], header, rows));
    out.push(Block::Heading(p("V. Kết luận", "V. Conclusion")));
    out.push(Block::Para(match lang {
        Lang::Vi => format!(
            "Với {} phiếu hợp lệ, theo quy tắc biểu quyết của quy định áp dụng, hội đồng đánh giá nhiệm vụ: {}.",
            verdict.ballots,
            verdict.task.label(lang).to_uppercase()
        ),
        Lang::En => format!(
            "On {} valid ballots, by the rulebook's vote rule, the council rates the task: {}.",
            verdict.ballots,
            verdict.task.label(lang).to_uppercase()
        ),
    }));
    let name_of = |role: &str| {
        v.members
            .iter()
            .find(|m| m.role == role)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    out.push(Block::Signatures(
        (p("THƯ KÝ HỘI ĐỒNG", "SECRETARY"), name_of("secretary")),
        (p("CHỦ TỊCH HỘI ĐỒNG", "CHAIR"), name_of("chair")),
    ));
    out
}

/// The printable minutes, with the PDF beside them.
#[component]
pub fn AcceptanceMinutesPage() -> impl IntoView {
    use crate::components::{route_id, ErrorBox};
    use crate::i18n::{t, use_lang};
    let lang = use_lang();
    let id = route_id();
    let view_of = Resource::new(move || id.get(), get_execution);
    view! {
        <Transition fallback=|| ()>
            {move || view_of.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(v) if v.verdict.is_none() => view! {
                    <section class="panel">
                        <h1>{t("Biên bản nghiệm thu", "Acceptance minutes")}</h1>
                        <p class="empty" data-testid="no-minutes">{t("Hội đồng nghiệm thu chưa kết luận.", "The acceptance council has not concluded yet.")}</p>
                    </section>
                }.into_any(),
                Ok(v) => {
                    let cid = v.contract_id;
                    view! {
                        <p class="no-print">
                            <button class="button secondary" on:click=|_| { let _ = window().print(); }>{t("In biên bản", "Print")}</button>
                            " "
                            <a class="button secondary" data-testid="acceptance-pdf" rel="external" download href=format!("/exports/contracts/{cid}/acceptance.pdf")>{t("Tải PDF", "Download PDF")}</a>
                        </p>
                        <article class="panel minutes" data-testid="acceptance-minutes">
                            {move || document(blocks(&v, lang.get()))}
                        </article>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::error::AppError;

    /// The minutes as a PDF, from the same blocks; 404 until the council concluded.
    pub async fn acceptance_pdf(id: i32) -> Result<(String, Vec<u8>), AppError> {
        let v = crate::execution::server::view::get(id).await?;
        let blocks = blocks(&v, Lang::Vi);
        if blocks.is_empty() {
            return Err(AppError::invalid(
                "step",
                crate::error::Problem::Closeout(domain::closeout::Blocked::NotConcluded),
            ));
        }
        let bytes = crate::councils::minutes::server::pdf_of(
            &format!("Biên bản nghiệm thu {}", v.code),
            blocks,
        )?;
        Ok((format!("bien-ban-nghiem-thu-{}.pdf", v.contract_id), bytes))
    }
}
