//! What is wrong with one item of a form, and where: the problems every form's check names
//! (the thuyết minh, a call, a CV, a contract's tranches, the rulebook), shown next to the field
//! at `path`.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// What is wrong with one item of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum FormProblem {
    Required,
    TooLong {
        max_chars: usize,
    },
    TooManyRows {
        max_rows: usize,
    },
    DurationOutOfRange {
        max_months: u32,
    },
    NoLeader,
    SeveralLeaders,
    NoSecretary,
    SeveralSecretaries,
    DaysOutOfRange {
        max_days: u32,
    },
    QuantityZero,
    AmountNotPositive,
    NegativeShare,
    SplitDoesNotAddUp {
        amount_dong: i64,
        fund_dong: i64,
        counterpart_dong: i64,
    },
    LumpSumNotAllowed,
    LabourMismatch {
        expected_dong: i64,
        stated_dong: i64,
    },
    /// A contract's tranches do not add up to its total.
    TranchesDoNotAddUp {
        total_dong: i64,
        sum_dong: i64,
    },
    TotalTooLarge,
    /// Text with a NUL character (U+0000), which no database column keeps.
    NulCharacter,
    ClosesBeforeOpens,
    ClosingNotInFuture,
    YearOutOfRange {
        min: i32,
        max: i32,
    },
    EndsBeforeStart,
    /// The applicant's scientific CV is missing or incomplete.
    CvIncomplete,
    /// A choice that is not in its catalogue (a call's field of science).
    NotInCatalogue,
    NumberOutOfRange {
        min: i64,
        max: i64,
    },
    InvalidEmail,
    /// A dossier answering an ordered task departs from the ordered name, objectives or
    /// products without saying where and why (`proposal::order_issue`).
    DepartsFromOrder {
        title: bool,
        objectives: bool,
        products: bool,
    },
    /// A score on a ballot or sheet (`scoring::check_sheet`).
    Score(crate::scoring::ScoreProblem),
    /// A vote not to order a proposed task gives its reasons.
    ReasonForNotOrdering,
    /// A managing unit's own rulebook governs grassroots tasks only.
    UnitRulebookIsGrassroots,
    /// Provincial tasks are the fund's to pay.
    ProvincialTasksFundPaid,
}

impl FormProblem {
    #[expect(
        clippy::too_many_lines,
        reason = "one message per problem, in both languages"
    )]
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::format_dong as d;
        match (self, lang) {
            (FormProblem::Required, Lang::Vi) => "Chưa điền mục này.".into(),
            (FormProblem::Required, Lang::En) => "This item is missing.".into(),
            (FormProblem::TooLong { max_chars }, Lang::Vi) => format!("Không được dài quá {max_chars} ký tự."),
            (FormProblem::TooLong { max_chars }, Lang::En) => format!("Must not exceed {max_chars} characters."),
            (FormProblem::TooManyRows { max_rows }, Lang::Vi) => format!("Không được quá {max_rows} dòng."),
            (FormProblem::TooManyRows { max_rows }, Lang::En) => format!("At most {max_rows} rows."),
            (FormProblem::DurationOutOfRange { max_months }, Lang::Vi) => format!("Thời gian thực hiện phải từ 1 đến {max_months} tháng."),
            (FormProblem::DurationOutOfRange { max_months }, Lang::En) => format!("The duration must be 1 to {max_months} months."),
            (FormProblem::NoLeader, Lang::Vi) => "Nhóm thực hiện phải có đúng một chủ nhiệm nhiệm vụ.".into(),
            (FormProblem::NoLeader, Lang::En) => "The team must have exactly one task leader.".into(),
            (FormProblem::SeveralLeaders, Lang::Vi) => "Chỉ được có một chủ nhiệm nhiệm vụ.".into(),
            (FormProblem::SeveralLeaders, Lang::En) => "There can be only one task leader.".into(),
            (FormProblem::NoSecretary, Lang::Vi) => "Nhóm thực hiện phải có đúng một thư ký khoa học.".into(),
            (FormProblem::NoSecretary, Lang::En) => "The team must have exactly one scientific secretary.".into(),
            (FormProblem::SeveralSecretaries, Lang::Vi) => "Chỉ được có một thư ký khoa học.".into(),
            (FormProblem::SeveralSecretaries, Lang::En) => "There can be only one scientific secretary.".into(),
            (FormProblem::DaysOutOfRange { max_days }, Lang::Vi) => format!("Số ngày công phải từ 1 đến {max_days} (theo thời gian thực hiện)."),
            (FormProblem::DaysOutOfRange { max_days }, Lang::En) => format!("Working days must be 1 to {max_days} (from the duration)."),
            (FormProblem::QuantityZero, Lang::Vi) => "Số lượng sản phẩm phải lớn hơn 0.".into(),
            (FormProblem::QuantityZero, Lang::En) => "The quantity must be above 0.".into(),
            (FormProblem::AmountNotPositive, Lang::Vi) => "Số tiền phải lớn hơn 0.".into(),
            (FormProblem::AmountNotPositive, Lang::En) => "The amount must be above 0.".into(),
            (FormProblem::NegativeShare, Lang::Vi) => "Phần kinh phí từ mỗi nguồn không được âm.".into(),
            (FormProblem::NegativeShare, Lang::En) => "No source's share may be negative.".into(),
            (FormProblem::SplitDoesNotAddUp { amount_dong, fund_dong, counterpart_dong }, Lang::Vi) => format!(
                "Kinh phí từ Quỹ ({}) cộng vốn đối ứng ({}) phải bằng tổng dòng ({}).",
                d(*fund_dong), d(*counterpart_dong), d(*amount_dong)
            ),
            (FormProblem::SplitDoesNotAddUp { amount_dong, fund_dong, counterpart_dong }, Lang::En) => format!(
                "The fund's share ({}) plus counterpart funding ({}) must equal the line's total ({}).",
                d(*fund_dong), d(*counterpart_dong), d(*amount_dong)
            ),
            (FormProblem::LumpSumNotAllowed, Lang::Vi) => "Khoản chi này không được khoán (mua tài sản, thuê dịch vụ không có định mức, đoàn ra).".into(),
            (FormProblem::LumpSumNotAllowed, Lang::En) => "This line cannot be lump-sum (asset purchases, services without norms, trips abroad).".into(),
            (FormProblem::LabourMismatch { expected_dong, stated_dong }, Lang::Vi) => format!(
                "Tiền công ghi {} nhưng tính theo hệ số, ngày công và mức lương cơ sở là {}.",
                d(*stated_dong), d(*expected_dong)
            ),
            (FormProblem::LabourMismatch { expected_dong, stated_dong }, Lang::En) => format!(
                "Labour is stated as {} but coefficients, days and the base rate give {}.",
                d(*stated_dong), d(*expected_dong)
            ),
            (FormProblem::TotalTooLarge, Lang::Vi) => "Tổng kinh phí vượt quá giới hạn có thể xử lý.".into(),
            (FormProblem::TotalTooLarge, Lang::En) => "The total is beyond what can be handled.".into(),
            (FormProblem::NulCharacter, Lang::Vi) => "Văn bản chứa ký tự NUL (mã 0), không lưu được: hãy gõ hoặc dán lại.".into(),
            (FormProblem::NulCharacter, Lang::En) => "The text holds a NUL character (code 0), which cannot be stored: type or paste it again.".into(),
            (FormProblem::ClosesBeforeOpens, Lang::Vi) => "Thời điểm đóng phải sau thời điểm mở.".into(),
            (FormProblem::ClosesBeforeOpens, Lang::En) => "The closing time must be after the opening time.".into(),
            (FormProblem::ClosingNotInFuture, Lang::Vi) => "Thời điểm đóng đã qua; không thể công bố đợt này.".into(),
            (FormProblem::ClosingNotInFuture, Lang::En) => "The closing time has passed; the call cannot be published.".into(),
            (FormProblem::YearOutOfRange { min, max }, Lang::Vi) => format!("Năm phải {}.", crate::format::span(min, max, Lang::Vi)),
            (FormProblem::YearOutOfRange { min, max }, Lang::En) => format!("The year must be {}.", crate::format::span(min, max, Lang::En)),
            (FormProblem::EndsBeforeStart, Lang::Vi) => "Năm kết thúc không được trước năm bắt đầu.".into(),
            (FormProblem::EndsBeforeStart, Lang::En) => "The end year cannot be before the start year.".into(),
            (FormProblem::NotInCatalogue, Lang::Vi) => "Hãy chọn trong danh mục.".into(),
            (FormProblem::NotInCatalogue, Lang::En) => "Choose one from the list.".into(),
            (FormProblem::CvIncomplete, Lang::Vi) => "Lý lịch khoa học của chủ nhiệm chưa có hoặc chưa đủ (cần ít nhất học vị và quá trình công tác).".into(),
            (FormProblem::NumberOutOfRange { min, max }, Lang::Vi) => format!("Giá trị phải {}.", crate::format::span(crate::format::group_thousands(*min), crate::format::group_thousands(*max), Lang::Vi)),
            (FormProblem::NumberOutOfRange { min, max }, Lang::En) => format!("The value must be {}.", crate::format::span(crate::format::group_thousands(*min), crate::format::group_thousands(*max), Lang::En)),
            (FormProblem::TranchesDoNotAddUp { total_dong, sum_dong }, Lang::Vi) => format!("Tổng các đợt cấp ({}) phải bằng kinh phí hợp đồng ({}).", crate::format::format_dong(*sum_dong), crate::format::format_dong(*total_dong)),
            (FormProblem::TranchesDoNotAddUp { total_dong, sum_dong }, Lang::En) => format!("The tranches ({}) must add up to the contract's total ({}).", crate::format::format_dong(*sum_dong), crate::format::format_dong(*total_dong)),
            (FormProblem::InvalidEmail, Lang::Vi) => "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@donvi.gov.vn).".into(),
            (FormProblem::InvalidEmail, Lang::En) => "Not a valid e-mail address (e.g. name@agency.gov.vn).".into(),
            (FormProblem::DepartsFromOrder { title, objectives, products }, lang) => {
                let parts: Vec<&str> = [
                    (*title, lang.pick("tên", "title")),
                    (*objectives, lang.pick("mục tiêu", "objectives")),
                    (*products, lang.pick("sản phẩm", "products")),
                ]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
                match lang {
                    Lang::Vi => format!("Hồ sơ khác nhiệm vụ đặt hàng ở {}: giữ đúng như danh mục đã phê duyệt, hoặc nêu điểm khác và lý do.", parts.join(", ")),
                    Lang::En => format!("The dossier departs from the ordered task's {}: keep them as approved, or say where it departs and why.", parts.join(", ")),
                }
            }
            (FormProblem::Score(p), lang) => p.message(lang),
            (FormProblem::ReasonForNotOrdering, Lang::Vi) => "Nêu lý do không đề nghị đặt hàng nhiệm vụ này.".into(),
            (FormProblem::ReasonForNotOrdering, Lang::En) => "Give the reasons for not recommending this task.".into(),
            (FormProblem::ProvincialTasksFundPaid, lang) => lang.pick("Nhiệm vụ cấp tỉnh do Quỹ cấp kinh phí; chỉ nhiệm vụ cấp cơ sở mới do đơn vị quản lý tự chi.", "Provincial tasks are paid by the fund; only grassroots tasks may be paid by their managing unit.").into(),
            (FormProblem::UnitRulebookIsGrassroots, lang) => lang.pick("Quy định riêng của đơn vị quản lý chỉ áp dụng cho nhiệm vụ cấp cơ sở.", "A managing unit's own rulebook governs grassroots tasks only.").into(),
            (FormProblem::CvIncomplete, Lang::En) => "The applicant's scientific CV is missing or incomplete (degrees and positions are needed).".into(),
        }
    }
}

/// One problem and where it is: a path such as `team.2.days` that the form links to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Issue {
    pub path: String,
    pub problem: FormProblem,
}

pub(crate) fn issue(path: impl Into<String>, problem: FormProblem) -> Issue {
    Issue {
        path: path.into(),
        problem,
    }
}
