//! Councils: formation, conflicts, invitations, blind sheets, the meeting, results; experts.

use super::examples::sheet_entry;
use super::{endpoint, Access, Endpoint, Party};
use domain::council::CouncilRole;
use domain::expert::ExpertForm;
use domain::roles::Permission;

pub fn endpoints() -> Vec<Endpoint> {
    [formation(), scoring(), results_and_experts()]
        .into_iter()
        .flatten()
        .collect()
}

fn formation() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Lập hội đồng cho đợt (tất cả hồ sơ hợp lệ chưa có hội đồng, hoặc các mã hồ sơ đã chọn)", "Form a council for a call (every valid dossier without a council, or the chosen receipt codes)"),
            crate::councils::api::CreateCouncil { call_id: 1, name: "Hội đồng tuyển chọn số 1".into(), receipt_codes: None },
        ),
        endpoint(
            Access::Parties(Party::DossierReaders, &[Permission::ManageCouncils]),
            ("Kết quả đánh giá của hội đồng cho hồ sơ, không kèm tên thành viên", "The council's evaluation of the dossier, without members' names"),
            crate::councils::api::EvaluationSummary { application_id: 1 },
        ),
        endpoint(
            Access::SignedIn,
            ("Hội đồng (chuyên viên: tất cả; thành viên: của mình)", "Councils (officers: all; members: their own)"),
            crate::councils::api::ListCouncils { call_id: None },
        ),
        endpoint(
            Access::Parties(Party::CouncilMember, &[Permission::ManageCouncils]),
            ("Hội đồng: thành viên, hồ sơ, cảnh báo xung đột, thành phần so với quy định", "A council: members, dossiers, conflict flags, composition against the rulebook"),
            crate::councils::api::GetCouncil { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Thêm thành viên; tự động phát hiện xung đột lợi ích", "Seat a member; conflicts detected from the data"),
            crate::councils::api::AddMember { council_id: 1, email: "nkh@vien.vn".into(), role: CouncilRole::Reviewer },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Bỏ thành viên khi hội đồng đang thành lập", "Remove a member while forming"),
            crate::councils::api::RemoveMember { council_id: 1, user_id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Xác nhận hoặc bác bỏ cảnh báo xung đột (ghi lý do)", "Confirm or dismiss a conflict flag (with a reason)"),
            crate::councils::api::DecideConflict { conflict_id: 1, confirm: true, note: "Ghi chú".into() },
        ),
        endpoint(
            Access::Parties(Party::CouncilMember, &[]),
            ("Tự khai báo xung đột lợi ích với một hồ sơ", "Declare a conflict on a dossier"),
            crate::councils::api::DeclareConflict { council_id: 1, application_id: 1, note: "Ghi chú".into() },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Thành lập (kiểm tra thành phần, xung đột) và mở chấm điểm", "Constitute (composition, conflicts checked) and open scoring"),
            crate::councils::api::Constitute { id: 1 },
        ),
    ]
}

fn scoring() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::CouncilMember, &[]),
            ("Cam kết không xung đột trước khi mở phiếu chấm", "Certify no conflict before opening the sheet"),
            crate::councils::api::Certify { council_id: 1, application_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::CouncilMember, &[]),
            ("Phiếu chấm của tôi", "My score sheet"),
            crate::councils::api::GetSheet { council_id: 1, application_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::CouncilMember, &[]),
            ("Lưu nháp hoặc nộp phiếu (nộp rồi thì khóa)", "Save a draft or submit the sheet (then locked)"),
            crate::councils::api::SaveSheet { council_id: 1, application_id: 1, entry: sheet_entry(), review: "…".into(), submit: true },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Gửi lời mời cho các thành viên dự kiến, sau khi mọi cảnh báo xung đột của họ đã được quyết định", "Invite the proposed members, once their conflict flags are decided"),
            crate::councils::api::InviteMembers { council_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Invitee, &[]),
            ("Nhận lời hoặc từ chối tham gia hội đồng", "Accept or decline the seat"),
            crate::councils::api::AnswerInvitation { council_id: 1, accept: true },
        ),
        endpoint(
            Access::Parties(Party::CouncilChair, &[]),
            ("Mở lại phiếu đã nộp của một thành viên, ghi lý do", "Reopen a member's submitted sheet, with a recorded reason"),
            crate::councils::api::ReopenSheet { council_id: 1, application_id: 1, user_id: 1, reason: "Lý do".into() },
        ),
        endpoint(
            Access::Parties(Party::CouncilSecretary, &[]),
            ("Phiếu trống để nhập phiếu giấy của một thành viên", "The empty sheet for entering a member's paper sheet"),
            crate::councils::api::PaperSheet { council_id: 1, application_id: 1, user_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::CouncilSecretary, &[]),
            ("Nhập phiếu giấy đã ký của thành viên (nộp ngay, đánh dấu phiếu giấy)", "Enter a member's signed paper sheet (submitted, marked as paper)"),
            crate::councils::api::EnterPaperSheet { council_id: 1, application_id: 1, user_id: 1, entry: sheet_entry(), review: "…".into() },
        ),
    ]
}

fn results_and_experts() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::CouncilSecretary, &[Permission::ManageCouncils]),
            ("Ghi nhận thành viên có mặt tại phiên họp (để kiểm tra số lượng tối thiểu)", "Record attendance at the meeting (for the quorum)"),
            crate::councils::api::SetAttendance { council_id: 1, user_id: 1, present: true },
        ),
        endpoint(
            Access::Parties(Party::CouncilSecretary, &[]),
            ("Kết thúc phiên chấm; kết quả được công bố cho hội đồng", "Close scoring; results open to the council"),
            crate::councils::api::CloseScoring { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::CouncilChair, &[]),
            ("Hiệu chỉnh: điểm chuẩn hóa z của từng thành viên và độ vênh giữa các thành viên (không thay đổi kết quả chính thức)", "Calibration: each member's z-scores and the disagreement per dossier (changes nothing official)"),
            crate::councils::api::CouncilCalibration { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::CouncilMember, &[Permission::ManageCouncils]),
            ("Kết quả, xếp hạng và giải thích từng con số", "Results, ranking and the explanation of every number"),
            crate::councils::api::CouncilResults { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::ChairOrSecretary, &[Permission::ManageCouncils]),
            ("Dữ liệu biên bản họp hội đồng", "The data of the council's minutes"),
            crate::councils::minutes::CouncilMinutes { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Tìm chuyên gia theo tên, tổ chức, chuyên ngành (không dấu cũng được)", "Search experts by name, organisation or field (diacritics optional)"),
            crate::experts::api::ListExperts { query: "nông nghiệp".into(), page: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Thêm hoặc sửa chuyên gia", "Add or correct an expert"),
            crate::experts::api::SaveExpert { id: None, form: ExpertForm::default() },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Thêm chuyên gia từ lý lịch khoa học của một nhà khoa học", "Add an expert from a researcher's scientific CV"),
            crate::experts::api::ExpertFromResearcher { email: "nkh@vien.vn".into() },
        ),
        endpoint(
            Access::SignedIn,
            ("Tự đăng ký vào cơ sở dữ liệu chuyên gia, từ lý lịch khoa học", "Register oneself for the expert database, from one's CV"),
            crate::experts::applying::ApplyAsExpert { fields: vec!["Khoa học đất".into()], keywords: "đất phèn; cải tạo đất".into() },
        ),
        endpoint(
            Access::SignedIn,
            ("Đăng ký chuyên gia của tôi và tình trạng", "My expert entry and where it stands"),
            crate::experts::applying::MyExpertEntry {},
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Chuyên gia tự đăng ký đang chờ duyệt", "Experts who registered and wait"),
            crate::experts::applying::ExpertApplications { page: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            ("Chấp nhận hoặc không chấp nhận (có lý do) một chuyên gia tự đăng ký", "Accept, or refuse with a reason, an expert who registered"),
            crate::experts::applying::DecideExpert { id: 1, verdict: domain::registration::Verdict::Approve },
        ),
    ]
}
