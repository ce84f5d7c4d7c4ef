//! Where tasks come from: proposal rounds, proposals, the council's conclusions, the ordered
//! list and the calls its items become.

use super::{endpoint, Access, Endpoint, Party};
use crate::proposals::api::*;
use domain::proposal::{ExpectedProduct, HostMethod, ProposalForm, Recommendation, Wording};
use domain::roles::Permission;

const READERS: &[Permission] = &[Permission::ManageProposals, Permission::ApproveOrders];

fn wording() -> Wording {
    Wording {
        title: "Chế biến sâu cà phê Đắk Lắk".into(),
        objectives: "Quy trình chế biến cà phê đặc sản quy mô hợp tác xã".into(),
        products: vec![ExpectedProduct {
            name: "Quy trình chế biến".into(),
            target: "01 quy trình được Sở công nhận".into(),
        }],
        method: HostMethod::OpenSelection,
        designated_organisation_id: None,
        method_reason: String::new(),
    }
}

fn form() -> ProposalForm {
    ProposalForm {
        wording: wording(),
        problem: "Cà phê xuất khẩu thô, giá trị gia tăng thấp".into(),
        keywords: "cà phê; chế biến sâu".into(),
        field: "Khoa học nông nghiệp".into(),
        priority_area: Some(domain::call::PriorityArea::DeepProcessing),
        duration_months: 24,
        budget_dong: 1_500_000_000,
        other_resources: "Hợp tác xã đối ứng 300.000.000 đ".into(),
    }
}

pub fn endpoints() -> Vec<Endpoint> {
    let mut all = rounds();
    all.extend(proposals());
    all.extend(super::identification::endpoints());
    all
}

fn rounds() -> Vec<Endpoint> {
    let at = chrono::DateTime::from_timestamp(1_796_083_200, 0).unwrap_or_default();
    vec![
        endpoint(
            Access::SignedIn,
            (
                "Các đợt đề xuất nhiệm vụ, mới nhất trước",
                "Proposal rounds, newest first",
            ),
            ListRounds { page: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageProposals]),
            (
                "Mở (hoặc sửa) một đợt đề xuất với hạn nộp",
                "Open (or correct) a proposal round with its deadline",
            ),
            SaveRound {
                id: None,
                form: RoundForm {
                    title: "Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2027".into(),
                    opens_at: at,
                    closes_at: at + chrono::Duration::days(30),
                },
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveOrders]),
            (
                "Ban hành quyết định phê duyệt danh mục nhiệm vụ đặt hàng của đợt",
                "Issue the decision approving the round's ordered list",
            ),
            IssueList {
                round_id: 1,
                decision_number: "125/QĐ-SKHCN".into(),
            },
        ),
        endpoint(
            Access::Holds(READERS),
            (
                "Các đề xuất của một đợt, lọc theo tên và trạng thái",
                "A round's proposals, by title and state",
            ),
            ListProposals {
                round_id: 1,
                query: "cà phê".into(),
                status: None,
                page: 1,
            },
        ),
    ]
}

fn proposals() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ProposeTasks, Permission::ManageProposals]),
            (
                "Tìm tổ chức theo tên để nêu tổ chức được giao trực tiếp",
                "Find organisations by name, to name a direct assignment's host",
            ),
            HostChoices { query: "viện".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::ProposeTasks]),
            ("Đề xuất của tôi", "My proposals"),
            MyProposals { page: 1 },
        ),
        endpoint(
            Access::Parties(Party::ProposalReaders, READERS),
            (
                "Một đề xuất: nội dung, các nhiệm vụ và đề xuất gần giống, kết luận của hội đồng và phần chỉnh sửa",
                "A proposal: its content, close tasks and proposals, the council's conclusion and its changes",
            ),
            GetProposal { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Proposer, &[]),
            ("Bắt đầu hoặc lưu bản nháp đề xuất", "Start or save a draft proposal"),
            SaveProposal { id: Some(1), round_id: 1, form: form() },
        ),
        endpoint(
            Access::Parties(Party::Proposer, &[]),
            ("Gửi đề xuất (trả về số tiếp nhận)", "Submit the proposal (answers its receipt code)"),
            SubmitProposal { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Proposer, &[]),
            ("Rút đề xuất", "Withdraw the proposal"),
            WithdrawProposal { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageProposals]),
            (
                "Ghi kết luận của hội đồng tư vấn xác định nhiệm vụ, theo lời văn của hội đồng",
                "Record the identification council's conclusion, in the council's wording",
            ),
            RecommendProposal {
                id: 1,
                recommendation: Recommendation { order: true, wording: wording(), note: "Cấp thiết".into() },
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveOrders]),
            ("Phê duyệt hoặc không phê duyệt một nhiệm vụ đặt hàng", "Approve or decline an ordered item"),
            DecideProposal { id: 1, approve: true, reason: String::new() },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageProposals]),
            (
                "Tạo đợt tuyển chọn hoặc giao trực tiếp từ nhiệm vụ đặt hàng",
                "Make an ordered item a call (open selection or direct assignment)",
            ),
            OpenCall { id: 1 },
        ),
    ]
}
