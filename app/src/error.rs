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
    /// A password-reset link unknown, used, expired, or for an account no longer active.
    ResetLinkInvalid,
    /// A notification choice the rules do not allow.
    Preference(domain::notice::PreferenceProblem),
    /// The two new passwords typed differ.
    PasswordsDiffer,
    /// A registration's confirmation link unknown, used or expired.
    ConfirmLinkInvalid,
    /// The person already belongs to an organisation.
    AlreadyInOrganisation,
    /// The person's earlier request to register or join an organisation still waits.
    RequestPending,
    /// An organisation, or a request waiting, already has this tax code.
    TaxCodeTaken,
    /// What deciding a request does not allow (domain::registration).
    Decide(domain::registration::DecideProblem),
    /// A letter template's problem (domain::letter).
    Letter(domain::letter::LetterProblem),
    /// A programme indicator's figure or the decision on it (domain::programme).
    Figure(domain::programme::FigureProblem),
    /// The call has no dossier sent to write to.
    NoApplicants,
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

mod messages;

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
