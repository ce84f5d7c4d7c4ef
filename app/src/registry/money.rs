//! Appraisal and approval, contracts, the fund's receipts, statements and payments.

use super::{endpoint, Access, Endpoint, Party};
use domain::ledger::Source;
use domain::roles::Permission;

pub fn endpoints() -> Vec<Endpoint> {
    [
        approvals_and_contracts(),
        contract_list(),
        fund(),
        payments(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn approvals_and_contracts() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::DossierReaders, &[Permission::DraftContracts, Permission::ApproveTasks]),
            ("Thẩm định và phê duyệt của một hồ sơ được hội đồng đề nghị", "A recommended dossier's appraisal and approval"),
            crate::tasks::api::GetTaskApproval { application_id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::DraftContracts]),
            ("Thẩm định kinh phí: giảm từng khoản kèm lý do, không vượt đề nghị", "Appraise: lower lines with reasons, never above what was asked"),
            crate::tasks::api::AppraiseTask { application_id: 1, changes: vec![] },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveTasks]),
            ("Phê duyệt hoặc không phê duyệt (kèm lý do) nhiệm vụ đã thẩm định", "Approve, or reject with reasons, an appraised task"),
            crate::tasks::api::DecideTask { application_id: 1, revision: 1, approve: true, reasons: "…".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::DraftContracts, Permission::ApproveTasks]),
            ("Nhiệm vụ đã thẩm định, chờ phê duyệt trước", "Appraised tasks, those awaiting approval first"),
            crate::tasks::api::ListTasks { page: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::DraftContracts]),
            ("Lập dự thảo hợp đồng cho hồ sơ được hội đồng đánh giá đạt; các đợt cấp cộng đúng bằng kinh phí", "Draft the contract of a dossier the council passed; tranches add up to its total"),
            crate::fund::api::CreateContract { application_id: 1, tranches: vec![] },
        ),
        endpoint(
            Access::Holds(&[Permission::SignContracts]),
            ("Ký hợp đồng: cam kết kinh phí từ nguồn chưa phân bổ của Quỹ (hoặc của đơn vị quản lý tự chi) trong cùng giao dịch", "Sign: commits the total from the fund's available money (or the paying unit's) in the same transaction"),
            crate::fund::api::SignContract { id: 1, key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into() },
        ),
        endpoint(
            Access::Parties(Party::TaskReaders, &[Permission::ViewFund, Permission::DraftContracts]),
            ("Hợp đồng, các đợt cấp và khoản chi", "A contract, its tranches and payments"),
            crate::fund::api::GetContract { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::DossierReaders, &[Permission::ViewFund, Permission::DraftContracts]),
            ("Hợp đồng của một hồ sơ, nếu có", "The dossier's contract, if any"),
            crate::fund::api::ContractOfApplication { application_id: 1 },
        ),
    ]
}

fn contract_list() -> Vec<Endpoint> {
    vec![endpoint(
        Access::Holds(&[Permission::ViewFund]),
        ("Danh sách hợp đồng", "Contracts"),
        crate::fund::api::ListContracts { page: 1 },
    )]
}

fn fund() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ViewFund]),
            ("Tình hình Quỹ (hoặc sổ kinh phí riêng của một đơn vị quản lý): đã nhận, chưa phân bổ, đã cam kết, đang chờ chi, đã chi (hiện tại hoặc cuối một ngày)", "The fund's position (or a managing unit's own book) now or at the end of a day"),
            crate::fund::api::FundOverview { as_of: None, unit: None },
        ),
        endpoint(
            Access::Holds(&[Permission::RecordFundReceipts]),
            ("Ghi nhận tiền Quỹ nhận được từ một nguồn (hoặc kinh phí đơn vị quản lý đưa vào sổ riêng), kèm văn bản", "Record money received from a source (or a managing unit's budget put into its book), with its document"),
            crate::fund::api::RecordReceipt { key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(), source: Source::StateBudget, amount_dong: 10_000_000, document: "QĐ 123/QĐ-UBND".into(), note: "Ghi chú".into(), unit: None },
        ),
        endpoint(
            Access::Holds(&[Permission::RecordFundReceipts]),
            ("Điều chỉnh khoản thu ghi sai bằng một giao dịch mới ghi rõ giao dịch được điều chỉnh", "Correct a receipt by a new transfer naming it"),
            crate::fund::api::CorrectReceipt { key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(), transfer_id: 1, amount_dong: 10_000_000, note: "Ghi chú".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::ViewFund]),
            ("Sổ chi tiết một tài khoản (hoặc mọi giao dịch), mới nhất trước", "An account's statement (or every transfer), newest first"),
            crate::fund::api::FundTransfers { account: None, page: 1, unit: None },
        ),
        endpoint(
            Access::Holds(&[Permission::ViewFund]),
            ("Đối chiếu: số dư lưu trữ bằng số dư tính lại từ các giao dịch", "Reconciliation: stored balances equal those derived from the transfers"),
            crate::fund::api::ReconcileFund { unit: None },
        ),
        endpoint(
            Access::Holds(&[Permission::PreparePayments]),
            ("Lập khoản chi một đợt (chờ Giám đốc duyệt; tiền được giữ chỗ)", "Prepare a tranche payment (pending; its money reserved)"),
            crate::fund::api::PreparePayment { key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(), contract_id: 1, tranche_seq: 1, evidence: "Đề nghị cấp kinh phí đợt 1".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::ApprovePayments]),
            ("Duyệt chi: ghi sổ một lần dù gửi nhiều lần", "Approve: posted once however often sent"),
            crate::fund::api::ApprovePayment { key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(), payment_id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ApprovePayments]),
            ("Từ chối khoản chi, ghi lý do; tiền giữ chỗ được giải phóng", "Reject with a reason; the reservation is released"),
            crate::fund::api::RejectPayment { key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(), payment_id: 1, reason: "Lý do".into() },
        ),
    ]
}

fn payments() -> Vec<Endpoint> {
    vec![endpoint(
        Access::Holds(&[Permission::ViewFund]),
        (
            "Khoản chi theo trạng thái (chờ duyệt: hàng đợi của Giám đốc)",
            "Payments by state (pending: the director's queue)",
        ),
        crate::fund::api::ListPayments {
            status: None,
            page: 1,
            unit: None,
        },
    )]
}
