//! A funded task: reports, inspections, acceptance, termination, settlement, registration,
//! closing and amendments.

use super::examples::ballot;
use super::{endpoint, Access, Endpoint, Party};
use domain::execution::{ProgressReport, Registration};
use domain::roles::Permission;
use domain::settlement::{Compliance, Declaration, FailureCause};

pub fn endpoints() -> Vec<Endpoint> {
    [running(), acceptance(), ending(), closing_and_amendments()]
        .into_iter()
        .flatten()
        .collect()
}

fn running() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(
                Party::TaskReaders,
                &[Permission::SuperviseTasks, Permission::ViewFund],
            ),
            (
                "Tiến độ, nghiệm thu, quyết toán, đăng ký kết quả và các bước người hỏi được làm",
                "Progress, acceptance, settlement, registration and the steps open to the asker",
            ),
            crate::execution::api::GetExecution { contract_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::TaskLeader, &[]),
            (
                "Nộp báo cáo tiến độ cho kỳ đang mở",
                "File the progress report for the open period",
            ),
            crate::execution::api::FileReport {
                contract_id: 1,
                report: ProgressReport::default(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            (
                "Chấp nhận báo cáo tiến độ hoặc yêu cầu bổ sung (kèm ghi chú)",
                "Accept a progress report or send it back with a note",
            ),
            crate::execution::api::ReviewReport {
                report_id: 1,
                accept: true,
                note: "Ghi chú".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            ("Ghi nhận kiểm tra định kỳ", "Record an inspection"),
            crate::execution::api::RecordInspection {
                contract_id: 1,
                inspected_on: "2027-03-15".into(),
                findings: "Đúng tiến độ".into(),
            },
        ),
        endpoint(
            Access::Parties(Party::TaskLeader, &[]),
            (
                "Nộp báo cáo tổng hợp và minh chứng từng sản phẩm, đề nghị nghiệm thu",
                "Submit the final report and evidence per product for acceptance",
            ),
            crate::execution::api::SubmitFinal {
                contract_id: 1,
                final_report: "Báo cáo tổng hợp kết quả".into(),
                evidence: vec!["Báo cáo số 12/2028".into()],
            },
        ),
    ]
}

fn acceptance() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::TaskHost, &[]),
            (
                "Tổ chức chủ trì tự đánh giá",
                "The host organisation's self-evaluation",
            ),
            crate::execution::api::SelfEvaluate {
                contract_id: 1,
                ballot: ballot(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            (
                "Thành lập hội đồng nghiệm thu (người đầu là chủ tịch, thứ hai là thư ký)",
                "Name the acceptance council (first chair, second secretary)",
            ),
            crate::execution::api::NameCouncil {
                contract_id: 1,
                emails: vec!["tv1@hd.vn".into()],
            },
        ),
        endpoint(
            Access::Parties(Party::AcceptanceCouncil, &[]),
            (
                "Phiếu đánh giá từng sản phẩm và nhiệm vụ",
                "Rate each product and the task",
            ),
            crate::execution::api::Vote {
                contract_id: 1,
                ballot: ballot(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            (
                "Kết luận nghiệm thu theo quy tắc biểu quyết",
                "Conclude by the vote rule",
            ),
            crate::execution::api::Conclude { contract_id: 1 },
        ),
    ]
}

fn ending() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::DecideSettlements]),
            (
                "Chấm dứt hợp đồng kèm lý do",
                "Terminate the contract with reasons",
            ),
            crate::execution::api::Terminate {
                contract_id: 1,
                reason: "Lý do".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            (
                "Ghi nhận nguyên nhân không hoàn thành và danh sách kiểm tra tuân thủ",
                "Record why the task was not completed and the compliance checklist",
            ),
            crate::execution::api::RecordCause {
                contract_id: 1,
                cause: FailureCause::ForceMajeure,
                compliance: Compliance::default(),
                evidence: "Đề nghị cấp kinh phí đợt 1".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::DecideSettlements]),
            (
                "Quyết định miễn trừ trách nhiệm (Luật 93/2025 Điều 9)",
                "Decide on liability exemption (Law 93/2025 Art. 9)",
            ),
            crate::execution::api::DecideExemption {
                contract_id: 1,
                grant: true,
                reason: "Lý do".into(),
            },
        ),
        endpoint(
            Access::Parties(Party::TaskLeader, &[]),
            (
                "Kê khai quyết toán: khoán theo sản phẩm, khoản khác theo chứng từ",
                "Declare the settlement: lump sums by products, the rest by documents",
            ),
            crate::execution::api::DeclareSettlement {
                contract_id: 1,
                declaration: Declaration::default(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::DecideSettlements]),
            (
                "Phê duyệt quyết toán; ghi sổ quyết toán, phải thu hồi và giải phóng cam kết",
                "Approve the settlement; post settled, refund due and released money",
            ),
            crate::execution::api::ApproveSettlement {
                contract_id: 1,
                key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(),
                shown: domain::settlement::Statement {
                    settled_dong: 89_000_000,
                    refund_dong: 10_000_000,
                    release_dong: 0,
                    final_payment_dong: 0,
                },
            },
        ),
    ]
}

fn closing_and_amendments() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::RecordFundReceipts]),
            (
                "Ghi nhận kinh phí tổ chức chủ trì nộp trả",
                "Record money refunded by the host",
            ),
            crate::execution::api::RecordRefund {
                contract_id: 1,
                key: "9f1c2e4a-7b3d-4c8e-a1f0-5d6b7c8e9f01".into(),
                amount_dong: 10_000_000,
                document: "QĐ 123/QĐ-UBND".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            (
                "Đăng ký kết quả (TT 14/2014) và số giấy chứng nhận",
                "Register the results (TT 14/2014) with the certificate number",
            ),
            crate::execution::api::RegisterResults {
                contract_id: 1,
                certificate_number: "GCN-01/2028".into(),
                registration: Registration::default(),
            },
        ),
        endpoint(
            Access::Parties(Party::TaskLeader, &[]),
            ("Đề nghị điều chỉnh: gia hạn, điều chuyển giữa các khoản chi (tổng không đổi), thay đổi thành viên, sản phẩm", "Request an amendment: extension, money moved between lines (same total), member or product changes"),
            crate::execution::api::RequestAmendment { contract_id: 1, request: domain::amendment::Request::default() },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks, Permission::DecideSettlements]),
            ("Duyệt (tạo phiên bản hợp đồng mới, lùi hạn các đợt chưa cấp) hoặc không duyệt điều chỉnh", "Approve (a new contract version, unpaid tranches moved) or reject an amendment"),
            crate::execution::api::DecideAmendment { amendment_id: 1, approve: true, note: "Ghi chú".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::SuperviseTasks]),
            ("Thanh lý: khi đã quyết toán, nộp trả đủ và đăng ký kết quả", "Close: once settled, refunded and registered"),
            crate::execution::api::CloseTask { contract_id: 1 },
        ),
    ]
}
