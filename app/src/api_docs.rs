//! The page at `/api`: every server function, so provincial systems and scripts can do what the
//! UI does. A test checks this list against the functions the server actually registers.

use leptos::prelude::*;

use crate::i18n::{t, use_lang};

pub struct Endpoint {
    pub path: &'static str,
    pub who: (&'static str, &'static str),
    pub input: &'static str,
    pub output: &'static str,
    pub summary: (&'static str, &'static str),
}

const ANYONE: (&str, &str) = ("Bất kỳ ai", "Anyone");
const SIGNED_IN: (&str, &str) = ("Người đã đăng nhập", "Signed-in person");
const ADMIN: (&str, &str) = ("Quản trị hệ thống", "Administrator");
const OFFICER: (&str, &str) = ("Chuyên viên Sở KH&CN", "Department officer");
const RESEARCHER: (&str, &str) = (
    "Nhà khoa học (hồ sơ của mình)",
    "Researcher (own applications)",
);

/// The JSON of a call's form, shared by create and update.
pub const CALL_FORM: &str = "{ title, summary, level: \"Provincial\"|\"Grassroots\", formation: \"Grant\"|\"OrderOpenSelection\"|\"OrderDirectAssignment\", fields: [string], priority_areas: [PriorityArea], opens_at: RFC 3339, closes_at: RFC 3339, budget_envelope_dong: number, required_documents: [string] }";

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/api/auth/session",
        who: ANYONE,
        input: "{}",
        output: "{ me: Me | null, demo: bool }",
        summary: (
            "Người đang dùng và vai trò",
            "Who is signed in and their roles",
        ),
    },
    Endpoint {
        path: "/api/auth/login",
        who: ANYONE,
        input: "{ email: string, password: string }",
        output: "Me (+ cookie sid)",
        summary: ("Đăng nhập bằng mật khẩu", "Sign in with a password"),
    },
    Endpoint {
        path: "/api/auth/logout",
        who: ANYONE,
        input: "{}",
        output: "null",
        summary: (
            "Đăng xuất, hủy phiên trên máy chủ",
            "Sign out, ending the session on the server",
        ),
    },
    Endpoint {
        path: "/api/auth/change_password",
        who: SIGNED_IN,
        input: "{ current: string, new_password: string }",
        output: "null",
        summary: (
            "Đổi mật khẩu; kết thúc các phiên khác",
            "Change password; ends other sessions",
        ),
    },
    Endpoint {
        path: "/api/auth/language",
        who: ANYONE,
        input: "{ lang: \"Vi\" | \"En\" }",
        output: "null",
        summary: (
            "Ghi nhớ ngôn ngữ giao diện",
            "Remember the interface language",
        ),
    },
    Endpoint {
        path: "/api/tokens/list",
        who: SIGNED_IN,
        input: "{}",
        output: "[{ id, name, prefix, created_at, last_used_at, revoked_at }]",
        summary: ("Mã truy cập API của tôi", "My API tokens"),
    },
    Endpoint {
        path: "/api/tokens/create",
        who: SIGNED_IN,
        input: "{ name: string }",
        output: "{ id: number, token: string } (chỉ hiện một lần / shown once)",
        summary: ("Tạo mã truy cập API", "Create an API token"),
    },
    Endpoint {
        path: "/api/tokens/revoke",
        who: SIGNED_IN,
        input: "{ id: number }",
        output: "null",
        summary: ("Thu hồi mã truy cập", "Revoke a token"),
    },
    Endpoint {
        path: "/api/setup/complete",
        who: ("Người giữ liên kết thiết lập", "Holder of the setup link"),
        input: "{ token, display_name, email, password }",
        output: "null (+ cookie sid)",
        summary: (
            "Tạo quản trị viên đầu tiên",
            "Create the first administrator",
        ),
    },
    Endpoint {
        path: "/api/home/todos",
        who: SIGNED_IN,
        input: "{}",
        output: "[Todo]",
        summary: ("Việc cần làm của tôi", "My to-do list"),
    },
    Endpoint {
        path: "/api/public/open_calls",
        who: ANYONE,
        input: "{ page: number }",
        output: "{ items: [OpenCall], page, pages, total }",
        summary: ("Các đợt đang nhận hồ sơ", "Calls open for proposals"),
    },
    Endpoint {
        path: "/api/calls/choices",
        who: OFFICER,
        input: "{}",
        output: "[{ id, code, title }]",
        summary: ("Các đợt đã công bố, để lọc hồ sơ", "Published calls, to filter applications by"),
    },
    Endpoint {
        path: "/api/calls/list",
        who: OFFICER,
        input: "{ query: string, page: number }",
        output: "{ items: [CallRow], page, pages, total }",
        summary: ("Danh sách đợt (cả bản nháp); tìm không dấu, khớp đúng dấu xếp trước", "All calls incl. drafts; diacritic-insensitive search, exact matches first"),
    },
    Endpoint {
        path: "/api/calls/get",
        who: ("Bất kỳ ai (bản nháp: chuyên viên)", "Anyone (drafts: officers)"),
        input: "{ id: number }",
        output: "CallView { id, code, status, form, rulebook_version, published_at, publication_issues, editable }",
        summary: ("Chi tiết một đợt", "One call"),
    },
    Endpoint {
        path: "/api/calls/create",
        who: OFFICER,
        input: "{ form: CallForm }",
        output: "number (id)",
        summary: ("Tạo đợt (bản nháp)", "Create a call (draft)"),
    },
    Endpoint {
        path: "/api/calls/update",
        who: OFFICER,
        input: "{ id: number, form: CallForm }",
        output: "null",
        summary: ("Sửa đợt; đợt đã công bố chỉ sửa lời văn, gia hạn", "Edit a call; once published only wording and a later deadline"),
    },
    Endpoint {
        path: "/api/calls/publish",
        who: OFFICER,
        input: "{ id: number }",
        output: "null",
        summary: ("Công bố đợt, ghim phiên bản bộ quy tắc", "Publish a call, pinning the rulebook version"),
    },
    Endpoint {
        path: "/api/applications/create",
        who: RESEARCHER,
        input: "{ call_id: number }",
        output: "number (id)",
        summary: ("Tạo hồ sơ nháp cho một đợt đang mở", "Start a draft for an open call"),
    },
    Endpoint {
        path: "/api/applications/save",
        who: RESEARCHER,
        input: "{ id: number, form: ApplicationForm }",
        output: "null",
        summary: ("Lưu nháp (hoặc bản bổ sung khi bị trả lại)", "Save the draft (or the correction when returned)"),
    },
    Endpoint {
        path: "/api/applications/get",
        who: ("Chủ hồ sơ; chuyên viên (trừ bản nháp)", "Owner; officers (not drafts)"),
        input: "{ id: number }",
        output: "ApplicationView { form, issues, totals, labour_dong, status, receipt_code, decisions, … }",
        summary: ("Hồ sơ, kết quả kiểm tra trước khi nộp và tổng kinh phí", "The dossier, its pre-submit check and totals"),
    },
    Endpoint {
        path: "/api/applications/submit",
        who: RESEARCHER,
        input: "{ id: number }",
        output: "{ code: \"ĐX-2026-0007\", submitted_at }",
        summary: ("Nộp (hoặc nộp lại sau bổ sung) khi đợt còn mở", "Submit (or resubmit a correction) while open"),
    },
    Endpoint {
        path: "/api/applications/withdraw",
        who: RESEARCHER,
        input: "{ id: number }",
        output: "null",
        summary: ("Rút hồ sơ trước hạn", "Withdraw before the deadline"),
    },
    Endpoint {
        path: "/api/applications/mine",
        who: RESEARCHER,
        input: "{ page: number }",
        output: "{ items: [ApplicationRow], page, pages, total }",
        summary: ("Hồ sơ của tôi", "My applications"),
    },
    Endpoint {
        path: "/api/applications/list",
        who: OFFICER,
        input: "{ filter: { call_id: number | null, status: \"submitted\" | \"returned\" | \"valid\" | \"invalid\" | \"withdrawn\" | \"awaiting_host\" | null, query: string }, page: number }",
        output: "{ items: [ApplicationRow], page, pages, total }",
        summary: ("Hồ sơ đã nộp (không gồm bản nháp), lọc theo đợt, trạng thái, tên", "Submitted applications (never drafts), by call, status, title"),
    },
    Endpoint {
        path: "/api/applications/versions",
        who: ("Chủ hồ sơ; chuyên viên", "Owner; officers"),
        input: "{ id: number }",
        output: "[{ version, submitted_at, changes: [{ path, before, after }] }]",
        summary: ("Các lần nộp, mỗi lần so với lần trước", "Each submission compared with the one before"),
    },
    Endpoint {
        path: "/api/applications/decide",
        who: OFFICER,
        input: "{ id, decision: \"Valid\" | { Invalid: { reasons } } | { Return: { reasons, deadline } } }",
        output: "null",
        summary: ("Kết luận tính hợp lệ: hợp lệ, không hợp lệ, trả lại bổ sung", "Validity: valid, invalid, returned for correction"),
    },
    Endpoint {
        path: "/api/admin/users/list",
        who: ADMIN,
        input: "{ query: string, page: number }",
        output: "{ items: [UserRow], page, pages, total }",
        summary: ("Danh sách người dùng", "List users"),
    },
    Endpoint {
        path: "/api/admin/users/get",
        who: ADMIN,
        input: "{ id: number }",
        output: "UserDetail",
        summary: ("Chi tiết người dùng và vai trò", "A user and their roles"),
    },
    Endpoint {
        path: "/api/admin/users/create",
        who: ADMIN,
        input: "{ email, display_name, organisation_id: number | null, role: Role | null }",
        output: "{ id: number, temporary_password: string }",
        summary: (
            "Tạo tài khoản với mật khẩu tạm thời",
            "Create an account with a temporary password",
        ),
    },
    Endpoint {
        path: "/api/admin/users/set_active",
        who: ADMIN,
        input: "{ id: number, active: bool }",
        output: "null",
        summary: (
            "Khóa hoặc mở khóa tài khoản",
            "Disable or enable an account",
        ),
    },
    Endpoint {
        path: "/api/admin/roles/grant",
        who: ADMIN,
        input: "{ user_id: number, role: Role, organisation_id: number | null }",
        output: "null",
        summary: (
            "Gán vai trò (có thể theo phạm vi)",
            "Grant a role (optionally scoped)",
        ),
    },
    Endpoint {
        path: "/api/admin/roles/revoke",
        who: ADMIN,
        input: "{ grant_id: number }",
        output: "null",
        summary: ("Gỡ vai trò", "Revoke a role"),
    },
    Endpoint {
        path: "/api/admin/organisations/list",
        who: ADMIN,
        input: "{ query: string, page: number }",
        output: "{ items: [OrganisationRow], page, pages, total }",
        summary: ("Danh sách tổ chức", "List organisations"),
    },
    Endpoint {
        path: "/api/admin/organisations/create",
        who: ADMIN,
        input: "{ name, short_name, tax_code, address }",
        output: "number (id)",
        summary: ("Thêm tổ chức", "Add an organisation"),
    },
    Endpoint {
        path: "/api/applications/attachments/upload",
        who: RESEARCHER,
        input: "multipart/form-data: application_id, document (\"\" = tài liệu khác / other), file",
        output: "{ id, document, file_name, content_type, size_bytes, uploaded_at }",
        summary: (
            "Đính kèm tệp (PDF, Word, Excel, PowerPoint, OpenDocument; kiểm tra theo nội dung, giới hạn dung lượng) vào hồ sơ nháp hoặc bị trả lại",
            "Attach a file (PDF, Word, Excel, PowerPoint, OpenDocument; checked by content, size-limited) to a draft or returned dossier",
        ),
    },
    Endpoint {
        path: "/api/applications/attachments/remove",
        who: RESEARCHER,
        input: "{ id: number }",
        output: "null",
        summary: (
            "Bỏ tệp khỏi hồ sơ (các phiên bản đã nộp vẫn giữ)",
            "Remove a file from the dossier (submitted versions keep it)",
        ),
    },
    Endpoint {
        path: "/api/cv/mine",
        who: SIGNED_IN,
        input: "{}",
        output: "{ cv: ScientificCv, issues: [Issue], updated_at, this_year }",
        summary: ("Lý lịch khoa học của tôi", "My scientific CV"),
    },
    Endpoint {
        path: "/api/cv/save",
        who: SIGNED_IN,
        input: "{ cv: ScientificCv }",
        output: "[Issue] (những mục còn thiếu / what is still missing)",
        summary: (
            "Lưu lý lịch khoa học (dùng cho mọi hồ sơ; bắt buộc đủ khi nộp)",
            "Save the scientific CV (used by every application; must be complete to submit)",
        ),
    },
    Endpoint {
        path: "/api/organisations/get",
        who: SIGNED_IN,
        input: "{ id: number }",
        output: "{ id, details: OrganisationDetails, editable: bool }",
        summary: ("Thông tin pháp lý của tổ chức", "An organisation's legal details"),
    },
    Endpoint {
        path: "/api/organisations/update",
        who: (
            "Quản trị hệ thống; tài khoản tổ chức chủ trì (tổ chức của mình)",
            "Administrator; host-organisation account (its own)",
        ),
        input: "{ id: number, details: { name, short_name, tax_code, address, representative, representative_title, phone, email, bank_account, bank_name } }",
        output: "null",
        summary: ("Cập nhật thông tin pháp lý", "Update the legal details"),
    },
    Endpoint {
        path: "/api/rulebooks/current",
        who: SIGNED_IN,
        input: "{}",
        output: "{ rulebook: Rulebook, published_at, editable }",
        summary: ("Quy định đang áp dụng (phiên bản mới nhất)", "The rulebook in force (latest version)"),
    },
    Endpoint {
        path: "/api/rulebooks/publish",
        who: ADMIN,
        input: "{ based_on: number, rulebook: Rulebook }",
        output: "number (phiên bản mới / new version)",
        summary: (
            "Ban hành phiên bản quy định mới (các đợt đã công bố giữ phiên bản cũ)",
            "Publish a new rulebook version (published calls keep theirs)",
        ),
    },
    Endpoint {
        path: "/api/applications/host_queue",
        who: ("Tổ chức chủ trì", "Host organisation"),
        input: "{ page: number }",
        output: "{ items: [ApplicationRow], page, pages, total }",
        summary: ("Hồ sơ chờ tổ chức chủ trì xác nhận", "Dossiers awaiting the host's confirmation"),
    },
    Endpoint {
        path: "/api/applications/host_decide",
        who: ("Tổ chức chủ trì (hồ sơ của tổ chức mình)", "Host organisation (its own dossiers)"),
        input: "{ id: number, decision: \"Confirm\" | { Decline: { reasons } } }",
        output: "null",
        summary: (
            "Xác nhận (chuyển Sở tiếp nhận) hoặc không xác nhận (trả về bản nháp)",
            "Confirm (on to the department) or decline (back to draft)",
        ),
    },
    Endpoint {
        path: "/api/councils/calibration",
        who: ("Chủ tịch hội đồng (sau khi kết thúc chấm)", "The council's chair (after closing)"),
        input: "{ id }",
        output: "[{ dossier, members: [[name, raw, z]], std_dev_points, range_points }]",
        summary: (
            "Hiệu chỉnh: điểm chuẩn hóa z của từng thành viên và độ vênh giữa các thành viên (không thay đổi kết quả chính thức)",
            "Calibration: each member's z-scores and the disagreement per dossier (changes nothing official)",
        ),
    },
    Endpoint {
        path: "/api/tasks/get",
        who: ("Chuyên viên, lãnh đạo Sở; người được xem hồ sơ", "Officers, the leader; whoever may read the dossier"),
        input: "{ application_id }",
        output: "null | { lines: [{ kind, description, asked_fund_dong, approved_fund_dong, reason }], asked_fund_dong, approved_fund_dong, approved, reasons, may_appraise, may_decide }",
        summary: ("Thẩm định và phê duyệt của một hồ sơ được hội đồng đề nghị", "A recommended dossier's appraisal and approval"),
    },
    Endpoint {
        path: "/api/tasks/appraise",
        who: OFFICER,
        input: "{ application_id, changes: [{ line, approved_fund_dong, reason }] }",
        output: "number (kinh phí từ Quỹ sau thẩm định / the fund's amount after appraisal)",
        summary: ("Thẩm định kinh phí: giảm từng khoản kèm lý do, không vượt đề nghị", "Appraise: lower lines with reasons, never above what was asked"),
    },
    Endpoint {
        path: "/api/tasks/decide",
        who: ("Lãnh đạo Sở", "Department leader"),
        input: "{ application_id, approve: bool, reasons }",
        output: "null",
        summary: ("Phê duyệt hoặc không phê duyệt (kèm lý do) nhiệm vụ đã thẩm định", "Approve, or reject with reasons, an appraised task"),
    },
    Endpoint {
        path: "/api/tasks/list",
        who: ("Chuyên viên, lãnh đạo Sở", "Officers, the leader"),
        input: "{ page }",
        output: "{ items: [TaskApproval], page, pages, total }",
        summary: ("Nhiệm vụ đã thẩm định, chờ phê duyệt trước", "Appraised tasks, those awaiting approval first"),
    },
    Endpoint {
        path: "/api/fund/position",
        who: ("Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở", "Fund accountant and director; department leader and officers"),
        input: "{ as_of: \"yyyy-mm-dd\" | null }",
        output: "{ position: { received_dong, available_dong, committed_dong, pending_dong, disbursed_dong }, by_source: [[source, dong]], as_of, may_receive }",
        summary: ("Tình hình Quỹ: đã nhận, chưa phân bổ, đã cam kết, đang chờ chi, đã chi (hiện tại hoặc cuối một ngày)", "The fund's position now or at the end of a day"),
    },
    Endpoint {
        path: "/api/fund/receive",
        who: ("Kế toán Quỹ", "Fund accountant"),
        input: "{ key, source: \"StateBudget\" | \"Contribution\" | \"Recovered\" | \"Interest\", amount_dong, document, note }",
        output: "number (transfer id; the same for the same key)",
        summary: ("Ghi nhận tiền Quỹ nhận được từ một nguồn, kèm văn bản", "Record money received from a source, with its document"),
    },
    Endpoint {
        path: "/api/fund/correct_receipt",
        who: ("Kế toán Quỹ", "Fund accountant"),
        input: "{ key, transfer_id, amount_dong, note }",
        output: "number (transfer id)",
        summary: ("Điều chỉnh khoản thu ghi sai bằng một giao dịch mới ghi rõ giao dịch được điều chỉnh", "Correct a receipt by a new transfer naming it"),
    },
    Endpoint {
        path: "/api/fund/transfers",
        who: ("Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở", "Fund accountant and director; department leader and officers"),
        input: "{ account: \"available\" | \"source:state_budget\" | \"committed:ID\" | \"disbursed:ID\" | null, page }",
        output: "{ items: [{ id, at, debit, credit, amount_dong, flow, pending_id, corrects, document, note, by }], page, pages, total }",
        summary: ("Sổ chi tiết một tài khoản (hoặc mọi giao dịch), mới nhất trước", "An account's statement (or every transfer), newest first"),
    },
    Endpoint {
        path: "/api/fund/reconcile",
        who: ("Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở", "Fund accountant and director; department leader and officers"),
        input: "{}",
        output: "{ accounts, differences: [{ account, stored, derived }], broken: string | null, position }",
        summary: ("Đối chiếu: số dư lưu trữ bằng số dư tính lại từ các giao dịch", "Reconciliation: stored balances equal those derived from the transfers"),
    },
    Endpoint {
        path: "/api/contracts/create",
        who: OFFICER,
        input: "{ application_id, tranches: [{ amount_dong, due_at, condition }] }",
        output: "number (contract id)",
        summary: ("Lập dự thảo hợp đồng cho hồ sơ được hội đồng đánh giá đạt; các đợt cấp cộng đúng bằng kinh phí", "Draft the contract of a dossier the council passed; tranches add up to its total"),
    },
    Endpoint {
        path: "/api/contracts/sign",
        who: ("Lãnh đạo Sở", "Department leader"),
        input: "{ id, key }",
        output: "null",
        summary: ("Ký hợp đồng: cam kết kinh phí từ nguồn chưa phân bổ của Quỹ trong cùng giao dịch", "Sign: commits the total from the fund's available money in the same transaction"),
    },
    Endpoint {
        path: "/api/contracts/get",
        who: ("Vai trò Quỹ và Sở; người được xem hồ sơ", "Fund and department roles; whoever may read the dossier"),
        input: "{ id }",
        output: "{ id, code, title, total_dong, status, tranches, payments, committed_dong, pending_dong, disbursed_dong, may_sign, may_prepare }",
        summary: ("Hợp đồng, các đợt cấp và khoản chi", "A contract, its tranches and payments"),
    },
    Endpoint {
        path: "/api/contracts/of_application",
        who: ("Người được xem hồ sơ", "Whoever may read the dossier"),
        input: "{ application_id }",
        output: "number | null",
        summary: ("Hợp đồng của một hồ sơ, nếu có", "The dossier's contract, if any"),
    },
    Endpoint {
        path: "/api/contracts/list",
        who: ("Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở", "Fund accountant and director; department leader and officers"),
        input: "{ page }",
        output: "{ items: [{ id, code, title, total_dong, status }], page, pages, total }",
        summary: ("Danh sách hợp đồng", "Contracts"),
    },
    Endpoint {
        path: "/api/payments/prepare",
        who: ("Kế toán Quỹ", "Fund accountant"),
        input: "{ key, contract_id, tranche_seq, evidence }",
        output: "number (payment id; the same for the same key)",
        summary: ("Lập khoản chi một đợt (chờ Giám đốc duyệt; tiền được giữ chỗ)", "Prepare a tranche payment (pending; its money reserved)"),
    },
    Endpoint {
        path: "/api/payments/approve",
        who: ("Giám đốc Quỹ (không phải người lập)", "Fund director (not whoever prepared it)"),
        input: "{ key, payment_id }",
        output: "null",
        summary: ("Duyệt chi: ghi sổ một lần dù gửi nhiều lần", "Approve: posted once however often sent"),
    },
    Endpoint {
        path: "/api/payments/reject",
        who: ("Giám đốc Quỹ (không phải người lập)", "Fund director (not whoever prepared it)"),
        input: "{ key, payment_id, reason }",
        output: "null",
        summary: ("Từ chối khoản chi, ghi lý do; tiền giữ chỗ được giải phóng", "Reject with a reason; the reservation is released"),
    },
    Endpoint {
        path: "/api/payments/list",
        who: ("Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở", "Fund accountant and director; department leader and officers"),
        input: "{ status: \"pending\" | \"posted\" | \"voided\" | null, page }",
        output: "{ items: [{ id, contract_code, tranche_seq, amount_dong, status, prepared_by, decided_by, reason, may_decide }], page, pages, total }",
        summary: ("Khoản chi theo trạng thái (chờ duyệt: hàng đợi của Giám đốc)", "Payments by state (pending: the director's queue)"),
    },
    Endpoint {
        path: "/api/experts/list",
        who: OFFICER,
        input: "{ query: string, page: number }",
        output: "{ items: [{ id, has_account, form: ExpertForm, councils, council_count }], page, pages, total }",
        summary: ("Tìm chuyên gia theo tên, tổ chức, chuyên ngành (không dấu cũng được)", "Search experts by name, organisation or field (diacritics optional)"),
    },
    Endpoint {
        path: "/api/experts/save",
        who: OFFICER,
        input: "{ id: number | null, form: { name, email, organisation, fields: [string], degree, note } }",
        output: "number (id)",
        summary: ("Thêm hoặc sửa chuyên gia", "Add or correct an expert"),
    },
    Endpoint {
        path: "/api/experts/from_researcher",
        who: OFFICER,
        input: "{ email }",
        output: "number (id)",
        summary: ("Thêm chuyên gia từ lý lịch khoa học của một nhà khoa học", "Add an expert from a researcher's scientific CV"),
    },
    Endpoint {
        path: "/api/councils/evaluation",
        who: ("Người được xem hồ sơ (chủ nhiệm, thành viên, tổ chức chủ trì, chuyên viên)", "Whoever may read the dossier"),
        input: "{ application_id }",
        output: "null | { closed_at, criteria, pass_mean_total, mean_total, criterion_means, passed, rank, of, sheets_counted, comments, reviews }",
        summary: ("Kết quả đánh giá của hội đồng cho hồ sơ, không kèm tên thành viên", "The council's evaluation of the dossier, without members' names"),
    },
    Endpoint {
        path: "/api/councils/minutes",
        who: ("Chuyên viên; Chủ tịch, thư ký của hội đồng (sau khi kết thúc chấm)", "Officers; the council's chair and secretary (after closing)"),
        input: "{ id }",
        output: "{ council_name, call_code, call_title, rulebook_version, closed_at, members, conflicts, reopenings, results }",
        summary: ("Dữ liệu biên bản họp hội đồng", "The data of the council's minutes"),
    },
    Endpoint {
        path: "/api/councils/invite",
        who: ("Chuyên viên Sở", "Department officers"),
        input: "{ council_id }",
        output: "number (lời mời đã gửi / invitations sent)",
        summary: (
            "Gửi lời mời cho các thành viên dự kiến, sau khi mọi cảnh báo xung đột của họ đã được quyết định",
            "Invite the proposed members, once their conflict flags are decided",
        ),
    },
    Endpoint {
        path: "/api/councils/answer_invitation",
        who: ("Người được mời vào hội đồng", "The invited person"),
        input: "{ council_id, accept: bool }",
        output: "null",
        summary: ("Nhận lời hoặc từ chối tham gia hội đồng", "Accept or decline the seat"),
    },
    Endpoint {
        path: "/api/councils/reopen_sheet",
        who: ("Chủ tịch hội đồng (khi đang chấm)", "The council's chair (while scoring)"),
        input: "{ council_id, application_id, user_id, reason }",
        output: "null",
        summary: ("Mở lại phiếu đã nộp của một thành viên, ghi lý do", "Reopen a member's submitted sheet, with a recorded reason"),
    },
    Endpoint {
        path: "/api/councils/paper_sheet",
        who: ("Thư ký khoa học của hội đồng", "The council's secretary"),
        input: "{ council_id, application_id, user_id }",
        output: "{ criteria, half_points, entry, review, submitted_at, problems }",
        summary: ("Phiếu trống để nhập phiếu giấy của một thành viên", "The empty sheet for entering a member's paper sheet"),
    },
    Endpoint {
        path: "/api/councils/enter_paper_sheet",
        who: ("Thư ký khoa học của hội đồng", "The council's secretary"),
        input: "{ council_id, application_id, user_id, entry: { scores, comments }, review }",
        output: "null",
        summary: ("Nhập phiếu giấy đã ký của thành viên (nộp ngay, đánh dấu phiếu giấy)", "Enter a member's signed paper sheet (submitted, marked as paper)"),
    },
    Endpoint {
        path: "/api/councils/attendance",
        who: ("Thư ký khoa học của hội đồng; chuyên viên", "The council's secretary; officers"),
        input: "{ council_id, user_id, present: bool }",
        output: "null",
        summary: ("Ghi nhận thành viên có mặt tại phiên họp (để kiểm tra số lượng tối thiểu)", "Record attendance at the meeting (for the quorum)"),
    },
    Endpoint {
        path: "/api/councils/list",
        who: SIGNED_IN,
        input: "{ call_id: number | null }",
        output: "[{ id, name, call_id, status }]",
        summary: ("Hội đồng (chuyên viên: tất cả; thành viên: của mình)", "Councils (officers: all; members: their own)"),
    },
    Endpoint {
        path: "/api/councils/create",
        who: OFFICER,
        input: "{ call_id, name, receipt_codes?: [string] }",
        output: "number (id)",
        summary: ("Lập hội đồng cho các hồ sơ hợp lệ của một đợt", "Form a council for a call's valid dossiers"),
    },
    Endpoint {
        path: "/api/councils/get",
        who: ("Chuyên viên; thành viên hội đồng", "Officers; council members"),
        input: "{ id: number }",
        output: "CouncilView",
        summary: ("Hội đồng: thành viên, hồ sơ, cảnh báo xung đột, thành phần so với quy định", "A council: members, dossiers, conflict flags, composition against the rulebook"),
    },
    Endpoint {
        path: "/api/councils/add_member",
        who: OFFICER,
        input: "{ council_id, email, role: \"Chair\"|\"ViceChair\"|\"Secretary\"|\"Reviewer\"|\"Member\" }",
        output: "null",
        summary: ("Thêm thành viên; tự động phát hiện xung đột lợi ích", "Seat a member; conflicts detected from the data"),
    },
    Endpoint {
        path: "/api/councils/remove_member",
        who: OFFICER,
        input: "{ council_id, user_id }",
        output: "null",
        summary: ("Bỏ thành viên khi hội đồng đang thành lập", "Remove a member while forming"),
    },
    Endpoint {
        path: "/api/councils/decide_conflict",
        who: OFFICER,
        input: "{ conflict_id, confirm: bool, note }",
        output: "null",
        summary: ("Xác nhận hoặc bác bỏ cảnh báo xung đột (ghi lý do)", "Confirm or dismiss a conflict flag (with a reason)"),
    },
    Endpoint {
        path: "/api/councils/declare_conflict",
        who: ("Thành viên hội đồng", "Council member"),
        input: "{ council_id, application_id, note }",
        output: "null",
        summary: ("Tự khai báo xung đột lợi ích với một hồ sơ", "Declare a conflict on a dossier"),
    },
    Endpoint {
        path: "/api/councils/constitute",
        who: OFFICER,
        input: "{ id }",
        output: "null",
        summary: ("Thành lập (kiểm tra thành phần, xung đột) và mở chấm điểm", "Constitute (composition, conflicts checked) and open scoring"),
    },
    Endpoint {
        path: "/api/councils/certify",
        who: ("Thành viên hội đồng", "Council member"),
        input: "{ council_id, application_id }",
        output: "null",
        summary: ("Cam kết không xung đột trước khi mở phiếu chấm", "Certify no conflict before opening the sheet"),
    },
    Endpoint {
        path: "/api/councils/sheet",
        who: ("Thành viên hội đồng (phiếu của mình)", "Council member (own sheet)"),
        input: "{ council_id, application_id }",
        output: "SheetView",
        summary: ("Phiếu chấm của tôi", "My score sheet"),
    },
    Endpoint {
        path: "/api/councils/save_sheet",
        who: ("Thành viên hội đồng (phiếu của mình)", "Council member (own sheet)"),
        input: "{ council_id, application_id, entry: { scores: [half points | null], comments: [string] }, review, submit: bool }",
        output: "null",
        summary: ("Lưu nháp hoặc nộp phiếu (nộp rồi thì khóa)", "Save a draft or submit the sheet (then locked)"),
    },
    Endpoint {
        path: "/api/councils/close",
        who: ("Thư ký khoa học của hội đồng", "The council's secretary"),
        input: "{ id }",
        output: "null",
        summary: ("Kết thúc phiên chấm; kết quả được công bố cho hội đồng", "Close scoring; results open to the council"),
    },
    Endpoint {
        path: "/api/councils/results",
        who: ("Chuyên viên; thành viên hội đồng (sau khi kết thúc chấm)", "Officers; members (after closing)"),
        input: "{ id }",
        output: "ResultsView",
        summary: ("Kết quả, xếp hạng và giải thích từng con số", "Results, ranking and the explanation of every number"),
    },
    Endpoint {
        path: "/api/execution/get",
        who: ("Người được xem hợp đồng, thành viên hội đồng nghiệm thu", "Whoever may read the contract, acceptance council members"),
        input: "{ contract_id }",
        output: "ExecutionView",
        summary: ("Tiến độ, nghiệm thu, quyết toán, đăng ký kết quả và các bước người hỏi được làm", "Progress, acceptance, settlement, registration and the steps open to the asker"),
    },
    Endpoint {
        path: "/api/execution/report",
        who: ("Chủ nhiệm nhiệm vụ", "The task's leader"),
        input: "{ contract_id, report: { work_done, products: [{ name, percent, note }], spent_dong, problems } }",
        output: "number (kỳ báo cáo / period)",
        summary: ("Nộp báo cáo tiến độ cho kỳ đang mở", "File the progress report for the open period"),
    },
    Endpoint {
        path: "/api/execution/review",
        who: OFFICER,
        input: "{ report_id, accept: bool, note }",
        output: "null",
        summary: ("Chấp nhận báo cáo tiến độ hoặc yêu cầu bổ sung (kèm ghi chú)", "Accept a progress report or send it back with a note"),
    },
    Endpoint {
        path: "/api/execution/inspect",
        who: OFFICER,
        input: "{ contract_id, inspected_on: yyyy-mm-dd, findings }",
        output: "null",
        summary: ("Ghi nhận kiểm tra định kỳ", "Record an inspection"),
    },
    Endpoint {
        path: "/api/execution/submit_final",
        who: ("Chủ nhiệm nhiệm vụ", "The task's leader"),
        input: "{ contract_id, final_report, evidence: [string] }",
        output: "null",
        summary: ("Nộp báo cáo tổng hợp và minh chứng từng sản phẩm, đề nghị nghiệm thu", "Submit the final report and evidence per product for acceptance"),
    },
    Endpoint {
        path: "/api/execution/self_evaluate",
        who: ("Tổ chức chủ trì", "Host organisation"),
        input: "{ contract_id, ballot: { products: [\"Excellent\"|\"Pass\"|\"Fail\"], task, comment } }",
        output: "null",
        summary: ("Tổ chức chủ trì tự đánh giá", "The host organisation's self-evaluation"),
    },
    Endpoint {
        path: "/api/execution/name_council",
        who: OFFICER,
        input: "{ contract_id, emails: [string] }",
        output: "null",
        summary: ("Thành lập hội đồng nghiệm thu (người đầu là chủ tịch, thứ hai là thư ký)", "Name the acceptance council (first chair, second secretary)"),
    },
    Endpoint {
        path: "/api/execution/vote",
        who: ("Thành viên hội đồng nghiệm thu", "Acceptance council member"),
        input: "{ contract_id, ballot }",
        output: "null",
        summary: ("Phiếu đánh giá từng sản phẩm và nhiệm vụ", "Rate each product and the task"),
    },
    Endpoint {
        path: "/api/execution/conclude",
        who: OFFICER,
        input: "{ contract_id }",
        output: "\"Excellent\"|\"Pass\"|\"Fail\"",
        summary: ("Kết luận nghiệm thu theo quy tắc biểu quyết", "Conclude by the vote rule"),
    },
    Endpoint {
        path: "/api/execution/terminate",
        who: ("Lãnh đạo Sở", "Department leader"),
        input: "{ contract_id, reason }",
        output: "null",
        summary: ("Chấm dứt hợp đồng kèm lý do", "Terminate the contract with reasons"),
    },
    Endpoint {
        path: "/api/execution/record_cause",
        who: OFFICER,
        input: "{ contract_id, cause, compliance: { procedures_followed, no_fraud, no_intentional_violation, funds_used_on_purpose }, evidence }",
        output: "null",
        summary: ("Ghi nhận nguyên nhân không hoàn thành và danh sách kiểm tra tuân thủ", "Record why the task was not completed and the compliance checklist"),
    },
    Endpoint {
        path: "/api/execution/decide_exemption",
        who: ("Lãnh đạo Sở", "Department leader"),
        input: "{ contract_id, grant: bool, reason }",
        output: "null",
        summary: ("Quyết định miễn trừ trách nhiệm (Luật 93/2025 Điều 9)", "Decide on liability exemption (Law 93/2025 Art. 9)"),
    },
    Endpoint {
        path: "/api/execution/declare",
        who: ("Chủ nhiệm nhiệm vụ", "The task's leader"),
        input: "{ contract_id, declaration: { documented_dong: [number], documents, spent_dong } }",
        output: "Statement",
        summary: ("Kê khai quyết toán: khoán theo sản phẩm, khoản khác theo chứng từ", "Declare the settlement: lump sums by products, the rest by documents"),
    },
    Endpoint {
        path: "/api/execution/settle",
        who: ("Lãnh đạo Sở", "Department leader"),
        input: "{ contract_id, key }",
        output: "Statement",
        summary: ("Phê duyệt quyết toán; ghi sổ quyết toán, phải thu hồi và giải phóng cam kết", "Approve the settlement; post settled, refund due and released money"),
    },
    Endpoint {
        path: "/api/execution/refund",
        who: ("Kế toán Quỹ", "Fund accountant"),
        input: "{ contract_id, key, amount_dong, document }",
        output: "null",
        summary: ("Ghi nhận kinh phí tổ chức chủ trì nộp trả", "Record money refunded by the host"),
    },
    Endpoint {
        path: "/api/execution/register",
        who: OFFICER,
        input: "{ contract_id, certificate_number, registration: { summary, application, keywords } }",
        output: "null",
        summary: ("Đăng ký kết quả (TT 14/2014) và số giấy chứng nhận", "Register the results (TT 14/2014) with the certificate number"),
    },
    Endpoint {
        path: "/api/execution/request_amendment",
        who: ("Chủ nhiệm nhiệm vụ", "The task's leader"),
        input: "{ contract_id, request: { extension_months, lines_dong: [number], other_changes, reason } }",
        output: "number (id)",
        summary: ("Đề nghị điều chỉnh: gia hạn, điều chuyển giữa các khoản chi (tổng không đổi), thay đổi thành viên, sản phẩm", "Request an amendment: extension, money moved between lines (same total), member or product changes"),
    },
    Endpoint {
        path: "/api/execution/decide_amendment",
        who: ("Chuyên viên (điều chỉnh nhỏ), lãnh đạo Sở", "Officer (small amendments), the leader"),
        input: "{ amendment_id, approve: bool, note }",
        output: "null",
        summary: ("Duyệt (tạo phiên bản hợp đồng mới, lùi hạn các đợt chưa cấp) hoặc không duyệt điều chỉnh", "Approve (a new contract version, unpaid tranches moved) or reject an amendment"),
    },
    Endpoint {
        path: "/api/execution/close",
        who: OFFICER,
        input: "{ contract_id }",
        output: "null",
        summary: ("Thanh lý: khi đã quyết toán, nộp trả đủ và đăng ký kết quả", "Close: once settled, refunded and registered"),
    },
    Endpoint {
        path: "/api/public/tasks",
        who: ANYONE,
        input: "{ page, q }",
        output: "{ items: [PublicTask], page, pages, total }",
        summary: ("Nhiệm vụ được tài trợ, công khai (không có dữ liệu cá nhân khác)", "Funded tasks, public (no other personal data)"),
    },
];

/// Plain GET addresses that answer with a file (same authentication as the API).
pub const DOWNLOADS: &[Endpoint] = &[
    Endpoint {
        path: "GET /exports/contracts/{id}/acceptance.pdf",
        who: ("Người được xem hợp đồng", "Whoever may read the contract"),
        input: "",
        output: "application/pdf",
        summary: (
            "Biên bản họp hội đồng nghiệm thu (sau khi kết luận)",
            "Minutes of the acceptance council (once concluded)",
        ),
    },
    Endpoint {
        path: "GET /open-data/tasks.csv",
        who: ANYONE,
        input: "",
        output: "text/csv",
        summary: (
            "Dữ liệu mở: nhiệm vụ được tài trợ (CSV, UTF-8)",
            "Open data: funded tasks (CSV, UTF-8)",
        ),
    },
    Endpoint {
        path: "GET /open-data/tasks.json",
        who: ANYONE,
        input: "",
        output: "application/json",
        summary: (
            "Dữ liệu mở: nhiệm vụ được tài trợ (JSON)",
            "Open data: funded tasks (JSON)",
        ),
    },
    Endpoint {
        path: "GET /open-data/schema.json",
        who: ANYONE,
        input: "",
        output: "application/json",
        summary: (
            "Lược đồ (JSON Schema) của dữ liệu mở",
            "The open data's JSON Schema",
        ),
    },
    Endpoint {
        path: "GET /files/attachments/{id}",
        who: ("Người được xem hồ sơ", "Whoever may read the dossier"),
        input: "",
        output: "the file",
        summary: ("Tải tệp đính kèm", "Download an attachment"),
    },
    Endpoint {
        path: "GET /exports/calls/{id}/applications.xlsx?status=…",
        who: OFFICER,
        input: "status: như bộ lọc / as the list filter",
        output: ".xlsx",
        summary: (
            "Xuất hồ sơ đã nộp của một đợt ra Excel",
            "Export a call's submitted applications to Excel",
        ),
    },
    Endpoint {
        path: "GET /exports/fund/years/{year}/report.xlsx",
        who: (
            "Kế toán, Giám đốc Quỹ; lãnh đạo, chuyên viên Sở",
            "Fund accountant and director; department leader and officers",
        ),
        input: "",
        output: ".xlsx",
        summary: (
            "Báo cáo năm tài chính của Quỹ: đầu năm, cuối năm, phát sinh và mọi giao dịch",
            "The fund's fiscal-year report: opening, closing, movements and every transfer",
        ),
    },
    Endpoint {
        path: "GET /exports/calls/{id}/approval.pdf",
        who: (
            "Lãnh đạo, chuyên viên Sở; vai trò Quỹ",
            "The leader, officers; fund roles",
        ),
        input: "",
        output: ".pdf",
        summary: (
            "Quyết định phê duyệt danh mục nhiệm vụ và kinh phí của một đợt",
            "A call's approval decision: tasks and amounts",
        ),
    },
    Endpoint {
        path: "GET /exports/councils/{id}/minutes.pdf",
        who: (
            "Chuyên viên; Chủ tịch, thư ký của hội đồng (sau khi kết thúc chấm)",
            "Officers; the council's chair and secretary (after closing)",
        ),
        input: "",
        output: ".pdf",
        summary: ("Biên bản họp hội đồng (PDF)", "The council's minutes (PDF)"),
    },
    Endpoint {
        path: "GET /exports/councils/{id}/scores.xlsx",
        who: (
            "Chuyên viên; Chủ tịch, thư ký của hội đồng (sau khi kết thúc chấm)",
            "Officers; the council's chair and secretary (after closing)",
        ),
        input: "",
        output: ".xlsx",
        summary: (
            "Bảng tổng hợp điểm và từng phiếu chấm (Excel)",
            "Score summary and every sheet (Excel)",
        ),
    },
];

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="panel">
            <h1>{t("Giao diện lập trình (API)", "Programming interface (API)")}</h1>
            <p>{t(
                "Mọi chức năng của giao diện đều gọi được qua API: gửi POST với thân JSON tới đường dẫn dưới đây, xác thực bằng cookie phiên hoặc tiêu đề “Authorization: Bearer <mã>” (tạo mã ở trang Tài khoản). Lỗi trả về mã HTTP 401, 403, 404, 422 hoặc 429 kèm thân JSON mô tả lỗi; máy chủ luôn kiểm tra vai trò và phạm vi.",
                "Everything the interface does can be done through the API: POST a JSON body to the paths below, authenticated by the session cookie or an “Authorization: Bearer <token>” header (create tokens on the Account page). Errors come back as HTTP 401, 403, 404, 422 or 429 with a JSON body; the server always checks role and scope.",
            )}</p>
            <pre class="code">"curl -X POST -H 'Authorization: Bearer stk_…' -H 'Content-Type: application/json' -d '{\"page\":1}' http://127.0.0.1:3000/api/public/open_calls"</pre>
            <table class="table" data-testid="api-endpoints">
                <thead><tr>
                    <th>{t("Đường dẫn", "Path")}</th>
                    <th>{t("Ai được gọi", "Who")}</th>
                    <th>{t("Đầu vào", "Input")}</th>
                    <th>{t("Kết quả", "Output")}</th>
                    <th>{t("Mô tả", "Summary")}</th>
                </tr></thead>
                <tbody>
                    {ENDPOINTS.iter().map(|e| view! {
                        <tr>
                            <td><code>{e.path}</code></td>
                            <td>{move || lang.get().pick(e.who.0, e.who.1)}</td>
                            <td><code>{e.input}</code></td>
                            <td><code>{e.output}</code></td>
                            <td>{move || lang.get().pick(e.summary.0, e.summary.1)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{t("Tải tệp", "Downloads")}</h2>
            <ul data-testid="api-downloads">
                {DOWNLOADS.iter().map(|e| view! {
                    <li><code>{e.path}</code>" — "{move || lang.get().pick(e.summary.0, e.summary.1)}" ("{move || lang.get().pick(e.who.0, e.who.1)}")"</li>
                }).collect_view()}
            </ul>
            <h2>{t("Kiểu dữ liệu", "Types")}</h2>
            <p><code>"CallForm = "{CALL_FORM}</code></p>
            <p><code>"PriorityArea = \"HighTechAgricultureForestry\" | \"DeepProcessing\" | \"TourismHeritageDigitisation\" | \"Health\" | \"Education\" | \"DigitalTransformation\""</code></p>
        </section>
    }
}
