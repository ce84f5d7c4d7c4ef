//! An application's life from draft to the validity decision (docs/lifecycle.md), as one table of
//! legal transitions. Time is passed in; deadlines hold to the second.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::format::format_datetime;
use crate::Lang;

/// When a call takes submissions: from `opens_at` (inclusive) until `closes_at` (exclusive): a
/// deadline of 17:00:00 accepts 16:59:59 and refuses 17:00:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallWindow {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

impl CallWindow {
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), TransitionError> {
        if now < self.opens_at {
            Err(TransitionError::CallNotYetOpen {
                opens_at: self.opens_at,
            })
        } else if now >= self.closes_at {
            Err(TransitionError::CallClosed {
                closed_at: self.closes_at,
            })
        } else {
            Ok(())
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ApplicationState {
    Draft,
    /// Waiting for the host organisation, when the rulebook asks for its confirmation.
    AwaitingHostConfirmation,
    Submitted,
    ReturnedForCorrection {
        deadline: DateTime<Utc>,
    },
    Valid,
    Invalid,
    Withdrawn,
}

impl ApplicationState {
    /// The stored code of [`ApplicationState::ReturnedForCorrection`], for queries.
    pub const RETURNED_CODE: &'static str = "returned";

    /// The states officers see a dossier in, as stored codes: what they filter by. (A draft is
    /// its author's; one awaiting its host organisation's confirmation is not yet the
    /// department's.)
    pub const SUBMITTED_CODES: [&'static str; 5] = [
        "submitted",
        Self::RETURNED_CODE,
        "valid",
        "invalid",
        "withdrawn",
    ];

    /// The label of a stored code, `None` for an unknown one.
    pub fn label_of_code(code: &str, lang: Lang) -> Option<&'static str> {
        // The deadline only matters to a returned dossier's behaviour, not to its label.
        ApplicationState::from_parts(code, Some(DateTime::<Utc>::MIN_UTC)).map(|s| s.label(lang))
    }

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::AwaitingHostConfirmation => "awaiting_host",
            ApplicationState::Submitted => "submitted",
            ApplicationState::ReturnedForCorrection { .. } => Self::RETURNED_CODE,
            ApplicationState::Valid => "valid",
            ApplicationState::Invalid => "invalid",
            ApplicationState::Withdrawn => "withdrawn",
        }
    }

    /// Rebuilds a state from its stored code and, for a returned dossier, its deadline.
    pub fn from_parts(code: &str, deadline: Option<DateTime<Utc>>) -> Option<ApplicationState> {
        Some(match (code, deadline) {
            ("draft", _) => ApplicationState::Draft,
            ("awaiting_host", _) => ApplicationState::AwaitingHostConfirmation,
            ("submitted", _) => ApplicationState::Submitted,
            ("returned", Some(deadline)) => ApplicationState::ReturnedForCorrection { deadline },
            ("valid", _) => ApplicationState::Valid,
            ("invalid", _) => ApplicationState::Invalid,
            ("withdrawn", _) => ApplicationState::Withdrawn,
            _ => return None,
        })
    }

    /// Whether the department sees the dossier (see [`Self::SUBMITTED_CODES`]).
    pub fn seen_by_department(self) -> bool {
        !matches!(
            self,
            ApplicationState::Draft | ApplicationState::AwaitingHostConfirmation
        )
    }

    /// When the department has received a dossier that moves into this state: the first time a
    /// submitted dossier reaches it (`now`), kept afterwards (`received`). A draft withdrawn
    /// unsent, or one still awaiting its host's confirmation, is never received.
    pub fn received_at(
        self,
        received: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        received.or_else(|| {
            (self.seen_by_department() && self != ApplicationState::Withdrawn).then_some(now)
        })
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationState::Valid | ApplicationState::Invalid | ApplicationState::Withdrawn
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ApplicationState::Draft => lang.pick("Bản nháp", "Draft"),
            ApplicationState::AwaitingHostConfirmation => {
                lang.pick("Chờ tổ chức chủ trì xác nhận", "Awaiting host confirmation")
            }
            ApplicationState::Submitted => lang.pick("Đã nộp", "Submitted"),
            ApplicationState::ReturnedForCorrection { .. } => {
                lang.pick("Trả lại để bổ sung", "Returned for correction")
            }
            ApplicationState::Valid => lang.pick("Hợp lệ", "Valid"),
            ApplicationState::Invalid => lang.pick("Không hợp lệ", "Invalid"),
            ApplicationState::Withdrawn => lang.pick("Đã rút", "Withdrawn"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ApplicationEvent {
    /// The researcher submits; `host_confirmation_required` comes from the pinned rulebook.
    Submit {
        window: CallWindow,
        host_confirmation_required: bool,
    },
    HostConfirm,
    /// The host organisation declines to back the dossier: it goes back to its author as a
    /// draft (with its reasons), who may change and submit it again while the call is open.
    HostDecline,
    /// The researcher withdraws, allowed until the call closes.
    Withdraw {
        window: CallWindow,
    },
    ReturnForCorrection {
        deadline: DateTime<Utc>,
    },
    Resubmit,
    MarkValid,
    MarkInvalid,
}

impl ApplicationEvent {
    fn name(self) -> &'static str {
        match self {
            ApplicationEvent::Submit { .. } => "submit",
            ApplicationEvent::HostConfirm => "host_confirm",
            ApplicationEvent::HostDecline => "host_decline",
            ApplicationEvent::Withdraw { .. } => "withdraw",
            ApplicationEvent::ReturnForCorrection { .. } => "return_for_correction",
            ApplicationEvent::Resubmit => "resubmit",
            ApplicationEvent::MarkValid => "mark_valid",
            ApplicationEvent::MarkInvalid => "mark_invalid",
        }
    }
}

#[derive(
    Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum TransitionError {
    #[error("not allowed")]
    NotAllowed { from: String, event: String },
    #[error("call not yet open")]
    CallNotYetOpen { opens_at: DateTime<Utc> },
    #[error("call closed")]
    CallClosed { closed_at: DateTime<Utc> },
    #[error("correction deadline passed")]
    CorrectionDeadlinePassed { deadline: DateTime<Utc> },
    #[error("deadline not in the future")]
    DeadlineNotInFuture,
}

impl TransitionError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TransitionError::NotAllowed { .. }, Lang::Vi) => {
                "Thao tác này không thực hiện được ở trạng thái hiện tại của hồ sơ.".into()
            }
            (TransitionError::NotAllowed { .. }, Lang::En) => {
                "This cannot be done in the dossier's current state.".into()
            }
            (TransitionError::CallNotYetOpen { opens_at }, Lang::Vi) => {
                format!(
                    "Đợt chưa mở nhận hồ sơ (mở lúc {}).",
                    format_datetime(*opens_at)
                )
            }
            (TransitionError::CallNotYetOpen { opens_at }, Lang::En) => {
                format!(
                    "The call is not open yet (opens {}).",
                    format_datetime(*opens_at)
                )
            }
            (TransitionError::CallClosed { closed_at }, Lang::Vi) => {
                format!(
                    "Đợt đã hết hạn nhận hồ sơ lúc {}.",
                    format_datetime(*closed_at)
                )
            }
            (TransitionError::CallClosed { closed_at }, Lang::En) => {
                format!("The call closed at {}.", format_datetime(*closed_at))
            }
            (TransitionError::CorrectionDeadlinePassed { deadline }, Lang::Vi) => {
                format!("Đã quá hạn bổ sung hồ sơ ({}).", format_datetime(*deadline))
            }
            (TransitionError::CorrectionDeadlinePassed { deadline }, Lang::En) => {
                format!(
                    "The correction deadline ({}) has passed.",
                    format_datetime(*deadline)
                )
            }
            (TransitionError::DeadlineNotInFuture, Lang::Vi) => {
                "Hạn bổ sung phải ở sau thời điểm hiện tại.".into()
            }
            (TransitionError::DeadlineNotInFuture, Lang::En) => {
                "The correction deadline must be in the future.".into()
            }
        }
    }
}

/// The next state, or why the event is refused. Every legal transition is one arm below.
pub fn apply(
    state: ApplicationState,
    event: ApplicationEvent,
    now: DateTime<Utc>,
) -> Result<ApplicationState, TransitionError> {
    use ApplicationEvent as E;
    use ApplicationState as S;
    match (state, event) {
        (
            S::Draft,
            E::Submit {
                window,
                host_confirmation_required,
            },
        ) => {
            window.check(now)?;
            Ok(if host_confirmation_required {
                S::AwaitingHostConfirmation
            } else {
                S::Submitted
            })
        }
        (S::AwaitingHostConfirmation, E::HostConfirm) => Ok(S::Submitted),
        (S::AwaitingHostConfirmation, E::HostDecline) => Ok(S::Draft),
        (
            S::Draft | S::AwaitingHostConfirmation | S::Submitted | S::ReturnedForCorrection { .. },
            E::Withdraw { window },
        ) => {
            if now >= window.closes_at {
                Err(TransitionError::CallClosed {
                    closed_at: window.closes_at,
                })
            } else {
                Ok(S::Withdrawn)
            }
        }
        (S::Submitted, E::ReturnForCorrection { deadline }) => {
            if deadline <= now {
                Err(TransitionError::DeadlineNotInFuture)
            } else {
                Ok(S::ReturnedForCorrection { deadline })
            }
        }
        (S::ReturnedForCorrection { deadline }, E::Resubmit) => {
            if now >= deadline {
                Err(TransitionError::CorrectionDeadlinePassed { deadline })
            } else {
                Ok(S::Submitted)
            }
        }
        (S::Submitted, E::MarkValid) => Ok(S::Valid),
        (S::Submitted, E::MarkInvalid) => Ok(S::Invalid),
        (from, event) => Err(TransitionError::NotAllowed {
            from: from.code().into(),
            event: event.name().into(),
        }),
    }
}

/// The receipt code a submitted dossier gets: `ĐX-2026-0007`.
pub fn receipt_code(year: i32, sequence: u32) -> String {
    format!("ĐX-{year}-{sequence:04}")
}
