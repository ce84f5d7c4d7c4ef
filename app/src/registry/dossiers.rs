//! Calls, the rulebook, the public lists, and the dossiers researchers send.

use super::examples::call_form;
use super::examples::UploadForm;
use super::{endpoint, multipart, Access, Endpoint, Party};
use crate::applications::api::{Decision, HostDecision, ListFilter};
use domain::application::ApplicationForm;
use domain::roles::Permission;
use domain::rulebook::Rulebook;

pub fn endpoints() -> Vec<Endpoint> {
    [
        calls_and_rulebooks(),
        letters(),
        public(),
        applications(),
        revisions(),
        applications_reviewed(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn letters() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            (
                "Gửi thư cho mọi người nộp hồ sơ của đợt, điền trường theo từng hồ sơ",
                "Send a letter to every applicant of a call, its fields filled for each dossier",
            ),
            crate::letters::api::SendLetters {
                call_id: 1,
                subject: "Thông báo về hồ sơ {ma_ho_so}".into(),
                body: "Kính gửi {ho_ten},\n\nHồ sơ «{ten_ho_so}»: {ket_qua}.".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            ("Thư đã gửi của một đợt", "The letters sent for a call"),
            crate::letters::api::ListLetters {
                call_id: 1,
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            ("Gửi lại một thư", "Send a letter again"),
            crate::letters::api::ResendLetter { id: 1 },
        ),
    ]
}

fn calls_and_rulebooks() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::CheckApplications]),
            (
                "Các đợt đã công bố, để lọc hồ sơ",
                "Published calls, to filter applications by",
            ),
            crate::applications::api::CallChoices {},
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            (
                "Danh sách đợt (cả bản nháp); tìm không dấu, khớp đúng dấu xếp trước",
                "All calls incl. drafts; diacritic-insensitive search, exact matches first",
            ),
            crate::calls::api::ListCalls {
                query: "nông nghiệp".into(),
                page: 1,
            },
        ),
        endpoint(
            Access::Parties(Party::Published, &[Permission::ManageCalls]),
            ("Chi tiết một đợt", "One call"),
            crate::calls::api::GetCall { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            ("Tạo đợt (bản nháp)", "Create a call (draft)"),
            crate::calls::api::CreateCall { form: call_form() },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            (
                "Sửa đợt; đợt đã công bố chỉ sửa lời văn, gia hạn",
                "Edit a call; once published only wording and a later deadline",
            ),
            crate::calls::api::UpdateCall {
                id: 1,
                form: call_form(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageCalls]),
            (
                "Công bố đợt, ghim phiên bản bộ quy tắc",
                "Publish a call, pinning the rulebook version",
            ),
            crate::calls::api::PublishCall { id: 1 },
        ),
        endpoint(
            Access::SignedIn,
            (
                "Quy định đang áp dụng (phiên bản mới nhất) của một cấp, một đơn vị quản lý hoặc một loại nhiệm vụ",
                "The rulebook in force (latest version) of a level, a managing unit or a task type",
            ),
            crate::rulebooks::api::CurrentRulebook {
                level: Some(domain::call::TaskLevel::Grassroots),
                unit_id: None,
                kind: Some(domain::call::TaskKind::PilotProduction),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageRulebooks]),
            (
                "Ban hành phiên bản quy định mới (các đợt đã công bố giữ phiên bản cũ)",
                "Publish a new rulebook version (published calls keep theirs)",
            ),
            crate::rulebooks::api::PublishRulebook {
                based_on: 1,
                rulebook: Rulebook::national_default(),
            },
        ),
    ]
}

fn public() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Public,
            ("Các đợt đang nhận hồ sơ", "Calls open for proposals"),
            crate::home::api::OpenCalls { page: 1 },
        ),
        endpoint(
            Access::Public,
            (
                "Nhiệm vụ được tài trợ, công khai (không có dữ liệu cá nhân khác)",
                "Funded tasks, public (no other personal data)",
            ),
            crate::portal::api::PublicTasks {
                page: 1,
                status: None,
                level: Some("grassroots".into()),
                q: Some("ca phe".into()),
                year: Some(2027),
                host: None,
                rating: None,
                sort: Some("granted".into()),
                field: None,
            },
        ),
        endpoint(
            Access::Public,
            (
                "Trang của một nhiệm vụ được tài trợ",
                "One funded task's page",
            ),
            crate::portal::api::FundedTask { id: 1 },
        ),
        endpoint(
            Access::Public,
            (
                "Số nhiệm vụ được tài trợ: cấp tỉnh, cấp cơ sở và tổng",
                "Funded tasks counted: provincial, grassroots and in all",
            ),
            crate::portal::api::TaskCounts {},
        ),
        endpoint(
            Access::Public,
            (
                "Các lĩnh vực nhiệm vụ được tài trợ ghi, lĩnh vực nhiều nhiệm vụ nhất trước",
                "The fields funded tasks name, the most named first",
            ),
            crate::portal::api::TaskFields {},
        ),
    ]
}

fn applications() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::DossierReaders, &[Permission::CheckApplications]),
            (
                "Các lần nộp, mỗi lần so với lần trước",
                "Each submission compared with the one before",
            ),
            crate::applications::api::ApplicationVersions { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::SubmitApplications]),
            (
                "Tạo hồ sơ nháp cho một đợt đang mở",
                "Start a draft for an open call",
            ),
            crate::applications::api::CreateApplication { call_id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Applicant, &[]),
            (
                "Lưu nháp (hoặc bản bổ sung khi bị trả lại)",
                "Save the draft (or the correction when returned)",
            ),
            crate::applications::api::SaveApplication {
                id: 1,
                form: ApplicationForm {
                    title: "Ứng dụng công nghệ cao trong sản xuất rau an toàn".into(),
                    duration_months: 24,
                    ..ApplicationForm::default()
                },
            },
        ),
        endpoint(
            Access::Parties(
                Party::DossierReaders,
                &[Permission::CheckApplications, Permission::DraftContracts],
            ),
            (
                "Hồ sơ, kết quả kiểm tra trước khi nộp và tổng kinh phí",
                "The dossier, its pre-submit check and totals",
            ),
            crate::applications::api::GetApplication { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Applicant, &[]),
            (
                "Nộp (hoặc nộp lại sau bổ sung) khi đợt còn mở",
                "Submit (or resubmit a correction) while open",
            ),
            crate::applications::api::SubmitApplication { id: 1 },
        ),
        endpoint(
            Access::Parties(Party::Applicant, &[]),
            ("Rút hồ sơ trước hạn", "Withdraw before the deadline"),
            crate::applications::api::WithdrawApplication { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::SubmitApplications]),
            ("Hồ sơ của tôi", "My applications"),
            crate::applications::api::MyApplications { page: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::CheckApplications]),
            (
                "Hồ sơ đã nộp (không gồm bản nháp), lọc theo đợt, trạng thái, tên",
                "Submitted applications (never drafts), by call, status, title",
            ),
            crate::applications::api::ListApplications {
                filter: ListFilter::default(),
                page: 1,
            },
        ),
    ]
}

fn applications_reviewed() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ConfirmApplications]),
            ("Hồ sơ chờ tổ chức chủ trì xác nhận", "Dossiers awaiting the host's confirmation"),
            crate::applications::api::HostQueue { page: 1 },
        ),
        endpoint(
            Access::Parties(Party::Host, &[]),
            ("Xác nhận (chuyển Sở tiếp nhận) hoặc không xác nhận (trả về bản nháp)", "Confirm (on to the department) or decline (back to draft)"),
            crate::applications::api::HostDecide { id: 1, decision: HostDecision::Confirm },
        ),
        endpoint(
            Access::Holds(&[Permission::CheckApplications]),
            ("Kết luận tính hợp lệ: hợp lệ, không hợp lệ, trả lại bổ sung", "Validity: valid, invalid, returned for correction"),
            crate::applications::api::DecideApplication { id: 1, decision: Decision::Valid },
        ),
        multipart::<crate::attachments::UploadAttachment, UploadForm>(
            Access::Parties(Party::Applicant, &[]),
            ("Đính kèm tệp (PDF, Word, Excel, PowerPoint, OpenDocument; kiểm tra theo nội dung, giới hạn dung lượng) vào hồ sơ nháp hoặc bị trả lại", "Attach a file (PDF, Word, Excel, PowerPoint, OpenDocument; checked by content, size-limited) to a draft or returned dossier"),
            &UploadForm {
                application_id: 1,
                document: "Thuyết minh".into(),
                file: "thuyet-minh.pdf".into(),
            },
        ),
        endpoint(
            Access::Parties(Party::Applicant, &[]),
            ("Bỏ tệp khỏi hồ sơ (các phiên bản đã nộp vẫn giữ)", "Remove a file from the dossier (submitted versions keep it)"),
            crate::attachments::RemoveAttachment { id: 1 },
        ),
    ]
}

/// Revising a dossier to the selection council's conclusions before appraisal.
fn revisions() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ManageCouncils]),
            (
                "Ghi yêu cầu hoàn thiện hồ sơ theo kết luận của hội đồng tuyển chọn",
                "Record the selection council's requests for the dossier's revision",
            ),
            crate::applications::api::RequestRevision {
                application_id: 1,
                requests: "Làm rõ phương pháp lấy mẫu; giảm kinh phí thuê khoán.".into(),
            },
        ),
        endpoint(
            Access::Parties(Party::Applicant, &[]),
            (
                "Gửi hồ sơ đã hoàn thiện (lưu thành phiên bản mới)",
                "Send the revised dossier (kept as a new version)",
            ),
            crate::applications::api::SubmitRevision { id: 1 },
        ),
    ]
}
