//! The two tiers of error (docs/errors.md): expected failures are typed and shown in the user's
//! language next to what caused them; anything else is an opaque `Internal` whose cause chain
//! only the server log sees.

use domain::account::FieldProblem;
use domain::issue::FormProblem;
use domain::lifecycle::TransitionError;
use domain::password::PasswordProblem;
use domain::roles::GrantProblem;
use domain::Lang;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Why a field's value was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Problem {
    Field(FieldProblem),
    Password(PasswordProblem),
    Grant(GrantProblem),
    Form(FormProblem),
    File(domain::attachment::FileProblem),
    Detail(domain::organisation::DetailProblem),
    Transition(TransitionError),
    PublishedCallRulesFixed,
    AlreadyPublished,
    EmailTaken,
    OrganisationNameTaken,
    RoleAlreadyGranted,
    WrongCurrentPassword,
    UnknownOrganisation,
    LastAdministrator,
    NotYourself,
    TooManyTokens,
    /// A value that is not one of the offered choices (a filter, a document kind…).
    UnknownChoice,
    /// Another rulebook version was published while this one was being edited.
    RulebookChanged,
    /// Not a number as people write them (e.g. "0,3" or "500.000").
    NotANumber,
    Composition(domain::council::CompositionProblem),
    Score(domain::scoring::ScoreProblem),
    /// Conflict flags still wait for the officer's decision.
    ConflictsUnresolved,
    /// The member has a conflict of interest on this dossier.
    Conflicted,
    /// What the council's state does not allow (its one transition table in domain).
    Council(domain::council::CouncilStateError),
    /// Seats whose invitation is not yet accepted.
    NotAccepted {
        count: u32,
    },
    /// No invitation has been sent to this seat yet.
    NotInvited,
    /// A sheet that was not submitted cannot be reopened.
    SheetNotSubmitted,
    /// The member has not certified the absence of conflict on this dossier.
    NotCertified,
    /// A submitted sheet is locked.
    SheetLocked,
    /// The member has begun (or had reopened) their sheet online: they finish it themselves,
    /// the secretary does not write over it from paper.
    OnlineSheetBegun,
    AlreadyOnCouncil,
    /// The dossier has not passed a closed council: no contract.
    NotRecommended,
    ContractExists,
    /// The task is not approved by the leader yet: no contract.
    NotApproved,
    /// The budget has not been appraised yet: nothing to approve.
    NotAppraised,
    /// The leader has already decided on this task.
    AlreadyDecided,
    /// A direct assignment, answered only by its designated host organisation's researchers.
    NotDesignatedHost,
    /// A managing unit's own officer or leader is granted only for an organisation the
    /// administrator marked as a managing unit.
    NotManagingUnit,
    /// A managing unit runs grassroots tasks only; provincial ones are the department's.
    UnitRunsGrassroots,
    /// A managing unit with calls or staff of its own stays one.
    UnitInUse,
    /// What the approver was shown changed before they decided (another appraisal, another
    /// declaration): they see it again and decide on that.
    ChangedSinceShown,
    ContractNotDraft,
    /// The tranche already has a payment pending or posted.
    TrancheAlreadyPaid,
    /// A ledger transfer refused by `domain::ledger::check`.
    Ledger(domain::ledger::Rejection),
    /// A receipt code that is not one of the call's valid dossiers without a council.
    DossierNotAvailable(String),
    /// This account is already in the expert database.
    AlreadyExpert,
    /// The researcher has not written a scientific CV yet.
    NoCv,
    /// No active account has this e-mail.
    NoSuchAccount,
    Quorum(domain::council::QuorumProblem),
    /// A close-out step the task's state does not allow now (one table in domain).
    Closeout(domain::closeout::Blocked),
    /// The leader may not lead, or the host may not host, a new task now.
    Ineligible(domain::eligibility::Ineligible),
    Acceptance(domain::acceptance::AcceptanceProblem),
    Exemption(domain::settlement::ExemptionProblem),
    Settlement(domain::settlement::SettlementProblem),
    /// No reporting period is open for a report now.
    NoReportDue,
    /// The report was already reviewed.
    AlreadyReviewed,
    CertificateTaken,
    /// An inspection dated before the contract was signed or after today.
    InspectionDate,
    Amendment(domain::amendment::AmendmentProblem),
    /// Another amendment of this contract awaits a decision.
    AmendmentPending,
    /// Payments still await the director: decided first, then the contract ends.
    PaymentsPending,
    /// The person deciding wrote the dossier or is on its team.
    OwnCase,
    /// What the proposal's state does not allow (its one transition table in domain).
    Proposal(domain::proposal::NotNow),
    /// The proposal round is not taking proposals now.
    RoundClosed,
    /// A revision step the dossier's revision state does not allow (`domain::revision`).
    Revision(domain::revision::RevisionProblem),
    /// The round's ordered list has been issued: its items are fixed.
    ListIssued,
    /// The ordered list is not issued yet: no call from its items.
    ListNotIssued,
    /// Items the council recommended still wait for the leader's decision.
    ItemsUndecided {
        count: u32,
    },
    /// No item was approved: there is no list to issue.
    NothingOrdered,
    /// No submitted proposal of the round waits for an identification council.
    NoProposalsToJudge,
    /// A ballot on a proposal the member is conflicted on.
    ConflictedProposal,
    /// A submitted ballot is final.
    BallotSubmitted,
    /// Closing while present members have not submitted their ballots.
    BallotsMissing {
        count: u32,
    },
    /// A conclusion recorded before the proposal's identification council closed.
    NotJudged,
    /// A conclusion that says the opposite of the council's count.
    AgainstCouncil {
        order: bool,
    },
}

impl Problem {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem: the table of messages a translator reads"
    )]
    pub fn message(&self, lang: Lang) -> String {
        let pick = |vi: &str, en: &str| lang.pick(vi, en).to_string();
        match self {
            Problem::Field(p) => p.message(lang),
            Problem::Password(p) => p.message(lang),
            Problem::Grant(p) => p.message(lang),
            Problem::Form(p) => p.message(lang),
            Problem::File(p) => p.message(lang),
            Problem::Detail(p) => p.message(lang),
            Problem::Transition(e) => e.message(lang),
            Problem::PublishedCallRulesFixed => pick(
                "Đợt đã công bố: chỉ được sửa lời văn và gia hạn thời điểm đóng; cấp, phương thức, hồ sơ yêu cầu, thời điểm mở và kinh phí không đổi được.",
                "The call is published: only wording and a later closing time may change; level, formation, required documents, opening time and budget are fixed.",
            ),
            Problem::Composition(p) => p.message(lang),
            Problem::Score(p) => p.message(lang),
            Problem::ConflictsUnresolved => pick(
                "Còn cảnh báo xung đột lợi ích chưa được xác nhận hoặc bác bỏ.",
                "Conflict-of-interest flags still await a decision.",
            ),
            Problem::Conflicted => pick(
                "Bạn có xung đột lợi ích với hồ sơ này nên không được chấm.",
                "You have a conflict of interest with this dossier and may not score it.",
            ),
            Problem::Council(e) => e.message(lang),
            Problem::NotAccepted { count } => match lang {
                Lang::Vi => format!("Còn {count} thành viên chưa nhận lời mời: hội đồng chỉ thành lập khi mọi thành viên đã nhận lời."),
                Lang::En => format!("{count} members have not accepted their invitation: a council is constituted once all have."),
            },
            Problem::NotInvited => pick(
                "Chưa có lời mời nào được gửi cho vị trí này.",
                "No invitation has been sent for this seat.",
            ),
            Problem::SheetNotSubmitted => pick(
                "Phiếu này chưa nộp nên không cần mở lại.",
                "This sheet is not submitted, so there is nothing to reopen.",
            ),
            Problem::NotCertified => pick(
                "Hãy cam kết không có xung đột lợi ích với hồ sơ này trước khi mở phiếu chấm.",
                "Certify that you have no conflict with this dossier before opening its sheet.",
            ),
            Problem::SheetLocked => pick(
                "Phiếu đã nộp và bị khóa; chỉ Chủ tịch mở lại được.",
                "The sheet is submitted and locked; only the chair can reopen it.",
            ),
            Problem::OwnCase => pick(
                "Bạn là chủ nhiệm hoặc thành viên của hồ sơ này nên không được quyết định về nó; một người khác cùng vai trò sẽ xử lý.",
                "You wrote this dossier or are on its team, so you may not decide on it; someone else in your role will.",
            ),
            Problem::OnlineSheetBegun => pick(
                "Thành viên đã bắt đầu (hoặc được mở lại) phiếu trực tuyến; thành viên tự hoàn tất phiếu đó, thư ký không nhập đè phiếu giấy.",
                "The member has begun (or had reopened) the sheet online; they finish it themselves, the secretary does not enter paper over it.",
            ),
            Problem::Quorum(p) => p.message(lang),
            Problem::Closeout(b) => b.message(lang),
            Problem::Ineligible(i) => i.message(lang),
            Problem::Proposal(n) => n.message(lang),
            Problem::Revision(r) => r.message(lang).to_string(),
            Problem::ListIssued => pick(
                "Danh mục nhiệm vụ đặt hàng của đợt này đã được ban hành; không thay đổi được.",
                "This round's ordered list has been issued; it cannot change.",
            ),
            Problem::ListNotIssued => pick(
                "Danh mục nhiệm vụ đặt hàng chưa được ban hành: chưa tạo đợt tuyển chọn hoặc giao trực tiếp được.",
                "The ordered list is not issued yet: no call can be made from it.",
            ),
            Problem::ItemsUndecided { count } => match lang {
                Lang::Vi => format!("Còn {count} nhiệm vụ hội đồng đề nghị đặt hàng chưa được quyết định."),
                Lang::En => format!("{count} recommended items still await a decision."),
            },
            Problem::NoProposalsToJudge => pick(
                "Không còn đề xuất đã nộp nào của đợt chờ hội đồng xem xét.",
                "No submitted proposal of the round is waiting for a council.",
            ),
            Problem::ConflictedProposal => pick(
                "Bạn đã khai có xung đột lợi ích (hoặc là người đề xuất, cùng tổ chức đề xuất) nên không bỏ phiếu cho đề xuất này.",
                "You have a conflict of interest with this proposal (declared, or you proposed it or work for its proposer) and do not vote on it.",
            ),
            Problem::BallotSubmitted => pick(
                "Phiếu đã nộp, không sửa được nữa.",
                "The ballot is submitted and can no longer change.",
            ),
            Problem::BallotsMissing { count } => match lang {
                Lang::Vi => format!("Còn {count} phiếu của thành viên có mặt chưa nộp: chưa kết thúc được phiên họp."),
                Lang::En => format!("{count} ballots of present members are not submitted yet: the meeting cannot close."),
            },
            Problem::NotJudged => pick(
                "Đề xuất chưa được hội đồng tư vấn xác định nhiệm vụ xem xét xong: hãy thành lập hội đồng và kết thúc phiên họp trước.",
                "No identification council has closed on this proposal yet: form one and close its meeting first.",
            ),
            Problem::AgainstCouncil { order } => pick(
                if *order {
                    "Hội đồng đã bỏ phiếu đề nghị đặt hàng nhiệm vụ này: kết luận phải theo kết quả bỏ phiếu."
                } else {
                    "Hội đồng đã bỏ phiếu không đề nghị đặt hàng nhiệm vụ này: kết luận phải theo kết quả bỏ phiếu."
                },
                if *order {
                    "The council voted to order this task: the conclusion follows the vote."
                } else {
                    "The council voted not to order this task: the conclusion follows the vote."
                },
            ),
            Problem::NothingOrdered => pick(
                "Chưa có nhiệm vụ nào được phê duyệt đặt hàng: không có danh mục để ban hành.",
                "No item has been approved: there is no list to issue.",
            ),
            Problem::RoundClosed => pick(
                "Đợt đề xuất không nhận đề xuất lúc này (chưa mở hoặc đã hết hạn).",
                "The proposal round is not taking proposals now (not yet open, or past its deadline).",
            ),
            Problem::Acceptance(p) => p.message(lang),
            Problem::Exemption(p) => p.message(lang).into(),
            Problem::Settlement(p) => p.message(lang).into(),
            Problem::NoReportDue => pick(
                "Không có kỳ báo cáo nào đang mở: các kỳ đã nộp đủ, hoặc kỳ tiếp theo chưa bắt đầu.",
                "No reporting period is open: all are filed, or the next has not begun.",
            ),
            Problem::AlreadyReviewed => pick(
                "Báo cáo này đã được xem xét.",
                "This report was already reviewed.",
            ),
            Problem::Amendment(p) => p.message(lang),
            Problem::PaymentsPending => domain::closeout::Blocked::PaymentsPending.message(lang),
            Problem::AmendmentPending => pick(
                "Hợp đồng đang có một đề nghị điều chỉnh chờ duyệt.",
                "Another amendment of this contract awaits a decision.",
            ),
            Problem::InspectionDate => pick(
                "Ngày kiểm tra phải từ ngày ký hợp đồng đến hôm nay.",
                "The inspection's date must be between the signing day and today.",
            ),
            Problem::CertificateTaken => pick(
                "Số giấy chứng nhận này đã được cấp cho kết quả khác; mỗi kết quả một số riêng.",
                "This certificate number is already given to another result.",
            ),
            Problem::NoSuchAccount => pick(
                "Không có tài khoản đang hoạt động với địa chỉ thư điện tử này.",
                "No active account has this e-mail address.",
            ),
            Problem::Ledger(r) => r.message(lang),
            Problem::NotRecommended => pick(
                "Hồ sơ chưa được hội đồng đánh giá đạt (hoặc hội đồng chưa kết thúc chấm): chưa lập hợp đồng được.",
                "The dossier has not passed a closed council: no contract yet.",
            ),
            Problem::NotApproved => pick(
                "Nhiệm vụ chưa được lãnh đạo phê duyệt: chưa lập hợp đồng được.",
                "The task is not approved by the leader yet: no contract.",
            ),
            Problem::NotAppraised => pick(
                "Kinh phí của nhiệm vụ chưa được thẩm định.",
                "The task's budget has not been appraised yet.",
            ),
            Problem::NotDesignatedHost => pick(
                "Đợt này giao trực tiếp cho một tổ chức chủ trì đã được chỉ định; chỉ nhà khoa học của tổ chức đó được nộp hồ sơ.",
                "This call is a direct assignment to a designated host organisation; only its researchers may apply.",
            ),
            Problem::NotManagingUnit => pick(
                "Tổ chức này chưa được đánh dấu là đơn vị quản lý nhiệm vụ cấp cơ sở; hãy đánh dấu trước khi giao vai trò của đơn vị.",
                "This organisation is not marked as a managing unit of grassroots tasks; mark it before granting a unit's role.",
            ),
            Problem::UnitRunsGrassroots => pick(
                "Đơn vị quản lý chỉ tổ chức nhiệm vụ cấp cơ sở; nhiệm vụ cấp tỉnh do Sở KH&CN quản lý.",
                "A managing unit runs grassroots tasks only; provincial tasks are the department's.",
            ),
            Problem::UnitInUse => pick(
                "Đơn vị đã có đợt tuyển chọn hoặc cán bộ được giao vai trò của đơn vị; không thể bỏ đánh dấu đơn vị quản lý.",
                "The unit already has calls or staff granted its roles; it cannot stop being a managing unit.",
            ),
            Problem::ChangedSinceShown => pick(
                "Nội dung đã thay đổi kể từ khi bạn xem (có người vừa cập nhật). Hãy xem lại rồi quyết định.",
                "This changed since you saw it (someone has just updated it). Look again, then decide.",
            ),
            Problem::AlreadyDecided => pick(
                "Lãnh đạo đã quyết định về nhiệm vụ này; không thay đổi được.",
                "The leader has already decided on this task; it cannot change.",
            ),
            Problem::ContractExists => pick(
                "Hồ sơ này đã có hợp đồng.",
                "This dossier already has a contract.",
            ),
            Problem::ContractNotDraft => pick(
                "Hợp đồng không còn ở dạng dự thảo: không ký lại được.",
                "The contract is no longer a draft: it cannot be signed again.",
            ),
            Problem::TrancheAlreadyPaid => pick(
                "Đợt cấp này đã có khoản chi đang chờ duyệt hoặc đã chi.",
                "This tranche already has a payment pending or paid.",
            ),
            Problem::DossierNotAvailable(code) => match lang {
                Lang::Vi => format!("Hồ sơ {code} không thuộc đợt này, chưa được xác nhận hợp lệ hoặc đã có hội đồng."),
                Lang::En => format!("Dossier {code} is not in this call, not found valid, or already before a council."),
            },
            Problem::AlreadyExpert => pick(
                "Người này đã có trong cơ sở dữ liệu chuyên gia.",
                "This person is already in the expert database.",
            ),
            Problem::NoCv => pick(
                "Nhà khoa học này chưa khai lý lịch khoa học.",
                "This researcher has not written a scientific CV yet.",
            ),
            Problem::AlreadyOnCouncil => pick(
                "Người này đã có trong hội đồng.",
                "This person is already on the council.",
            ),
            Problem::NotANumber => pick(
                "Nhập một số, ví dụ 0,3 hoặc 500.000.",
                "Enter a number, e.g. 0.3 or 500,000.",
            ),
            Problem::RulebookChanged => pick(
                "Đã có phiên bản quy định mới hơn được ban hành trong lúc bạn sửa. Tải lại trang để xem và sửa từ phiên bản đó.",
                "A newer rulebook version was published while you were editing. Reload to edit from it.",
            ),
            Problem::UnknownChoice => pick(
                "Giá trị này không nằm trong các lựa chọn được phép.",
                "This value is not one of the allowed choices.",
            ),
            Problem::AlreadyPublished => pick("Đợt này đã được công bố.", "This call is already published."),
            Problem::EmailTaken => pick(
                "Địa chỉ thư điện tử này đã có tài khoản.",
                "An account with this e-mail already exists.",
            ),
            Problem::OrganisationNameTaken => pick(
                "Đã có tổ chức mang tên này.",
                "An organisation with this name already exists.",
            ),
            Problem::RoleAlreadyGranted => pick(
                "Người dùng đã có vai trò này trong phạm vi này.",
                "The user already holds this role in this scope.",
            ),
            Problem::WrongCurrentPassword => pick(
                "Mật khẩu hiện tại không đúng.",
                "The current password is wrong.",
            ),
            Problem::UnknownOrganisation => pick(
                "Không tìm thấy tổ chức đã chọn.",
                "The chosen organisation does not exist.",
            ),
            Problem::LastAdministrator => pick(
                "Không thể gỡ vai trò quản trị của quản trị viên cuối cùng.",
                "The last administrator's role cannot be removed.",
            ),
            Problem::TooManyTokens => pick(
                "Bạn đã có quá nhiều mã truy cập còn hiệu lực; hãy thu hồi mã không dùng.",
                "You have too many live tokens; revoke the ones you no longer use.",
            ),
            Problem::NotYourself => pick(
                "Bạn không thể tự khóa tài khoản của mình.",
                "You cannot deactivate your own account.",
            ),
        }
    }
}

#[derive(
    Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error, schemars::JsonSchema,
)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Signed in with a temporary password: nothing but changing it (or signing out) until then.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("not found")]
    NotFound,
    /// One answer for unknown account, wrong password and disabled account alike.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many attempts")]
    RateLimited { retry_after_seconds: i64 },
    #[error("invalid setup link")]
    SetupLinkInvalid,
    /// A value the user typed was refused; `field` names the input it belongs to.
    #[error("invalid {field}")]
    Invalid { field: String, problem: Problem },
    /// The request lost a race for the database (SQLite busy, a PostgreSQL deadlock or
    /// serialisation failure) and changed nothing: send it again.
    #[error("busy")]
    Busy,
    /// Something that is not the user's doing; the cause is in the server log.
    #[error("internal error")]
    Internal,
    /// The request's arguments could not be read (malformed or missing JSON fields).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request never reached the function, or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> AppError {
        AppError::Invalid {
            field: field.to_string(),
            problem,
        }
    }

    /// The message shown to the user.
    pub fn message(&self, lang: Lang) -> String {
        let pick = |vi: &str, en: &str| lang.pick(vi, en).to_string();
        match self {
            AppError::Unauthenticated => pick(
                "Bạn cần đăng nhập để tiếp tục.",
                "Please sign in to continue.",
            ),
            AppError::Forbidden => pick(
                "Bạn không có quyền thực hiện thao tác này.",
                "You are not allowed to do this.",
            ),
            AppError::Busy => pick(
                "Hệ thống đang bận và chưa thay đổi gì; vui lòng gửi lại.",
                "The system was busy and changed nothing; please send it again.",
            ),
            AppError::PasswordChangeRequired => pick(
                "Vui lòng đổi mật khẩu tạm thời (trang Tài khoản) trước khi tiếp tục.",
                "Please change your temporary password (Account page) before going on.",
            ),
            AppError::NotFound => pick("Không tìm thấy nội dung yêu cầu.", "Not found."),
            AppError::InvalidCredentials => pick(
                "Thư điện tử hoặc mật khẩu không đúng.",
                "Wrong e-mail or password.",
            ),
            AppError::RateLimited {
                retry_after_seconds,
            } => {
                let minutes = (retry_after_seconds + 59) / 60;
                match lang {
                    Lang::Vi => {
                        format!("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.")
                    }
                    Lang::En => {
                        format!("Too many failed sign-ins. Try again in {minutes} minute(s).")
                    }
                }
            }
            AppError::SetupLinkInvalid => pick(
                "Liên kết thiết lập không hợp lệ, đã hết hạn hoặc đã được dùng.",
                "The setup link is invalid, expired or already used.",
            ),
            AppError::Invalid { problem, .. } => problem.message(lang),
            AppError::BadRequest(_) => {
                pick("Yêu cầu không đúng định dạng.", "The request is malformed.")
            }
            AppError::Internal | AppError::Transport(_) => pick(
                "Đã có lỗi ngoài dự kiến. Vui lòng thử lại sau.",
                "Something went wrong. Please try again later.",
            ),
        }
    }

    /// The problem for one input, if this error belongs to it.
    pub fn for_field(&self, name: &str) -> Option<&Problem> {
        match self {
            AppError::Invalid { field, problem } if field == name => Some(problem),
            _ => None,
        }
    }

    /// The HTTP status that API clients see.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::NotFound => 404,
            AppError::RateLimited { .. } => 429,
            AppError::SetupLinkInvalid | AppError::Invalid { .. } => 422,
            AppError::Internal => 500,
            AppError::Busy => 503,
            AppError::Transport(_) => 502,
            AppError::BadRequest(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode: the caller's mistake, answered with 400.
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => AppError::BadRequest(m),
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::{AppError, Problem};

    impl From<sea_orm::DbErr> for AppError {
        fn from(err: sea_orm::DbErr) -> Self {
            // A text the edge let through longer than its column (PostgreSQL enforces lengths,
            // SQLite does not): the user's doing, refused and logged, never a 500. Every field
            // is meant to be bounded where it is parsed; this names the one that was not.
            let message = err.to_string();
            // Commands retry a lost race themselves (`kit::command`); anything else that loses
            // one is refused as busy, having changed nothing.
            if crate::db::retry::lost_race(&message) {
                tracing::warn!(error = %err, "lost a race for the database");
                return AppError::Busy;
            }
            if let Some(max_chars) = column_limit(&message) {
                tracing::warn!(error = %err, "a text longer than its column reached the database");
                return AppError::invalid(
                    "text",
                    Problem::Form(domain::issue::FormProblem::TooLong { max_chars }),
                );
            }
            internal(&err)
        }
    }

    /// The column's length in PostgreSQL's "value too long for type character varying(N)".
    pub(crate) fn column_limit(message: &str) -> Option<usize> {
        let rest = message
            .split("value too long for type character varying(")
            .nth(1)?;
        rest.split(')').next()?.parse().ok()
    }

    impl From<sea_orm::TransactionError<AppError>> for AppError {
        fn from(err: sea_orm::TransactionError<AppError>) -> Self {
            match err {
                sea_orm::TransactionError::Connection(e) => internal(&e),
                sea_orm::TransactionError::Transaction(e) => e,
            }
        }
    }

    /// Logs an unexpected failure with its whole cause chain and hides it from the user.
    pub fn internal(err: &(dyn std::error::Error + 'static)) -> AppError {
        let mut chain = err.to_string();
        let mut source = err.source();
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        tracing::error!(error = %chain, "unexpected error");
        AppError::Internal
    }

    /// Sets the response status for a server function's error, so API clients get 401, 403,
    /// 404, 422 or 429 rather than a blanket 500.
    pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(e) = &result {
            if let (Some(opts), Ok(status)) = (
                leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(e.status_code()),
            ) {
                opts.set_status(status);
            }
        }
        result
    }
}

#[cfg(feature = "ssr")]
pub use server::{finish, internal};

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_column_limit_is_read_from_postgresql_s_message() {
        let pg = "error returned from database: value too long for type character varying(300)";
        assert_eq!(super::server::column_limit(pg), Some(300));
        assert_eq!(super::server::column_limit("deadlock detected"), None);
    }

    #[test]
    fn a_lost_race_is_busy_not_a_500() {
        let locked = sea_orm::DbErr::Custom("database is locked".into());
        assert!(matches!(
            super::AppError::from(locked),
            super::AppError::Busy
        ));
        let other = sea_orm::DbErr::Custom("no such table".into());
        assert!(matches!(
            super::AppError::from(other),
            super::AppError::Internal
        ));
    }
}
