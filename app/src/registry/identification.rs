//! The identification council: formation, seats and answers, ballots, the meeting, minutes.

use super::{endpoint, Access, Endpoint, Party};
use crate::identification::api::*;
use crate::identification::minutes::IdentificationMinutes;
use domain::council::CouncilRole;
use domain::identification::Ballot;
use domain::roles::Permission;
use domain::scoring::SheetEntry;

const READERS: &[Permission] = &[Permission::ManageProposals, Permission::ApproveOrders];
const RUNS: Access = Access::Holds(&[Permission::ManageProposals]);

fn ballot() -> Ballot {
    Ballot {
        entry: SheetEntry {
            scores: vec![Some(40), Some(30), Some(30), Some(20), Some(30)],
            comments: Vec::new(),
        },
        order: Some(true),
        note: "Cấp thiết, chưa trùng lặp".into(),
    }
}

pub fn endpoints() -> Vec<Endpoint> {
    let mut all = formation();
    all.extend(sitting());
    all
}

fn formation() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(READERS),
            (
                "Các hội đồng tư vấn xác định nhiệm vụ của một đợt đề xuất",
                "A proposal round's identification councils",
            ),
            ListIdentification { round_id: 1 },
        ),
        endpoint(
            RUNS,
            (
                "Thành lập hội đồng tư vấn xác định nhiệm vụ cho các đề xuất đã nộp của đợt",
                "Form an identification council for the round's submitted proposals",
            ),
            CreateIdentification {
                round_id: 1,
                name: "Hội đồng tư vấn xác định nhiệm vụ nông nghiệp".into(),
                proposal_ids: vec![],
            },
        ),
        endpoint(
            RUNS,
            (
                "Mời một người vào hội đồng (theo thư điện tử) với vị trí",
                "Seat (and invite) a person by e-mail",
            ),
            SeatAssessor {
                council_id: 1,
                email: "chuyengia@vien.vn".into(),
                role: CouncilRole::Member,
            },
        ),
        endpoint(
            RUNS,
            (
                "Bỏ một người khỏi hội đồng đang thành lập",
                "Unseat a person while the council is formed",
            ),
            UnseatAssessor {
                council_id: 1,
                user_id: 1,
            },
        ),
        endpoint(
            Access::Parties(Party::Assessor, &[]),
            (
                "Nhận lời hoặc từ chối tham gia hội đồng",
                "Accept or decline the seat",
            ),
            AnswerSeat {
                council_id: 1,
                accept: true,
            },
        ),
        endpoint(
            RUNS,
            (
                "Thành lập chính thức hội đồng (đủ thành phần, mọi người đã nhận lời)",
                "Constitute the council",
            ),
            ConstituteIdentification { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Assessor, READERS),
            (
                "Một hội đồng: thành viên, các đề xuất, số phiếu đã nộp, kết quả sau khi họp xong",
                "A council: members, proposals, ballots in, the count once closed",
            ),
            GetIdentification { id: 1 },
        ),
    ]
}

fn sitting() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::Assessor, &[]),
            (
                "Phiếu đánh giá của tôi cho một đề xuất",
                "My ballot on one proposal",
            ),
            MyBallot {
                council_id: 1,
                proposal_id: 1,
            },
        ),
        endpoint(
            Access::Parties(Party::Assessor, &[]),
            (
                "Lưu hoặc nộp phiếu (lần đầu kèm cam kết không xung đột lợi ích)",
                "Save or submit the ballot (the first save certifies no conflict)",
            ),
            SaveBallot {
                council_id: 1,
                proposal_id: 1,
                ballot: ballot(),
                certify: true,
                submit: false,
            },
        ),
        endpoint(
            Access::Parties(Party::Assessor, &[]),
            (
                "Khai xung đột lợi ích với một đề xuất",
                "Declare a conflict with a proposal",
            ),
            DeclareProposalConflict {
                council_id: 1,
                proposal_id: 1,
                note: "Đồng tác giả với người đề xuất".into(),
            },
        ),
        endpoint(
            RUNS,
            (
                "Ghi điểm danh thành viên dự họp",
                "Record a member's attendance",
            ),
            IdentificationAttendance {
                council_id: 1,
                user_id: 1,
                present: true,
            },
        ),
        endpoint(
            RUNS,
            (
                "Kết thúc phiên họp (đủ số thành viên, đủ phiếu)",
                "Close the meeting (quorum, every ballot in)",
            ),
            CloseIdentification { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Assessor, READERS),
            (
                "Biên bản họp hội đồng (sau khi họp xong)",
                "The council's minutes (once closed)",
            ),
            IdentificationMinutes { id: 1 },
        ),
    ]
}
