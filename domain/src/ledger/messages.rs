//! What each rejection says to the person who made the request, in Vietnamese and English.

use super::*;

impl Rejection {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem: the table of messages a translator reads"
    )]
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::format_dong;
        let (vi, en): (String, String) = match self {
            Rejection::KeyMissing => (
                "Thiếu mã chống gửi trùng (idempotency key) của giao dịch.".into(),
                "The transfer has no idempotency key.".into(),
            ),
            Rejection::AmountMustBePositive => (
                "Số tiền phải là số nguyên dương (đồng).".into(),
                "The amount must be a positive whole number of đồng.".into(),
            ),
            Rejection::SameAccount => (
                "Tài khoản ghi nợ và ghi có phải khác nhau.".into(),
                "Debit and credit accounts must differ.".into(),
            ),
            Rejection::KeyReusedDifferently => (
                "Mã giao dịch này đã dùng cho một giao dịch khác nội dung.".into(),
                "This key was already used for a different transfer.".into(),
            ),
            Rejection::PendingNotFound => (
                "Không tìm thấy khoản chi đang chờ duyệt.".into(),
                "No such pending payment.".into(),
            ),
            Rejection::PendingAlreadyPosted => (
                "Khoản chi này đã được duyệt và ghi sổ.".into(),
                "This payment was already approved and posted.".into(),
            ),
            Rejection::PendingAlreadyVoided => (
                "Khoản chi này đã bị từ chối (hủy).".into(),
                "This payment was already rejected (voided).".into(),
            ),
            Rejection::PendingMismatch => (
                "Tài khoản hoặc số tiền không khớp với khoản chi chờ duyệt.".into(),
                "Accounts or amount differ from the pending payment.".into(),
            ),
            Rejection::SamePersonCannotApprove => (
                "Người lập khoản chi không được tự duyệt hoặc từ chối khoản chi đó.".into(),
                "Whoever prepared a payment may not approve or reject it.".into(),
            ),
            Rejection::CorrectedNotFound => (
                "Không tìm thấy giao dịch được điều chỉnh.".into(),
                "The transfer being corrected does not exist.".into(),
            ),
            Rejection::NotCorrectable => (
                "Chỉ điều chỉnh được một khoản thu đã ghi sổ.".into(),
                "Only a posted receipt can be corrected.".into(),
            ),
            Rejection::CorrectionExceedsOriginal { left_dong } => (
                format!(
                    "Số điều chỉnh vượt khoản thu gốc: chỉ còn điều chỉnh được {}.",
                    format_dong(*left_dong)
                ),
                format!(
                    "The correction exceeds the receipt: {} left to correct.",
                    format_dong(*left_dong)
                ),
            ),
            Rejection::ContractNotActive => (
                "Hợp đồng chưa ký hoặc đã chấm dứt, thanh lý: không chi được.".into(),
                "The contract is not signed, or is terminated or closed: no payment.".into(),
            ),
            Rejection::CrossesBooks => (
                "Kinh phí của Quỹ và kinh phí của đơn vị quản lý được ghi sổ riêng: không chuyển từ sổ này sang sổ kia.".into(),
                "The fund's books and a managing unit's are kept apart: money does not move from one to the other.".into(),
            ),
            Rejection::InsufficientAvailable { free_dong } => (
                format!(
                    "Nguồn chưa phân bổ không đủ (của Quỹ, hoặc của đơn vị quản lý với nhiệm vụ đơn vị tự chi): chỉ còn {}.",
                    format_dong(*free_dong)
                ),
                format!(
                    "Not enough available (in the fund, or in the managing unit's budget for a task it pays): {} left.",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::ExceedsCommitted { free_dong } => (
                format!(
                    "Vượt kinh phí đã cam kết cho hợp đồng: chỉ còn {} (kể cả các khoản đang chờ duyệt).",
                    format_dong(*free_dong)
                ),
                format!(
                    "Exceeds the contract's commitment: {} left (pending payments included).",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::ExceedsOutstanding { free_dong } => (
                format!(
                    "Vượt số tiền còn lại của hợp đồng: chỉ còn {}.",
                    format_dong(*free_dong)
                ),
                format!(
                    "Exceeds what is outstanding on the contract: {} left.",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::Overflow => (
                format!(
                    "Số tiền vượt giới hạn ghi sổ của Quỹ ({}).",
                    format_dong(super::LIMIT_DONG)
                ),
                format!(
                    "The amount is beyond what the fund's ledger holds ({}).",
                    format_dong(super::LIMIT_DONG)
                ),
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
