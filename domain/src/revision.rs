//! Revising a dossier to the selection council's conclusions (hoàn thiện hồ sơ) before its
//! budget is appraised (docs/lifecycle.md §3): the officer records the council's requests on a
//! dossier the council passed; its researcher changes the thuyết minh and sends the revision,
//! kept as a new version the officer compares with the one the council reviewed.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Where a dossier stands with the council's requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Revision {
    /// Nothing was asked: appraisal may start.
    None,
    /// The council's requests wait for the researcher's revision.
    Requested,
    /// The revision was sent.
    Revised,
}

impl Revision {
    pub fn of(requested: bool, revised: bool) -> Revision {
        match (requested, revised) {
            (false, _) => Revision::None,
            (true, false) => Revision::Requested,
            (true, true) => Revision::Revised,
        }
    }

    /// Whether the researcher may change the thuyết minh of a dossier past its checks.
    pub fn open(self) -> bool {
        self == Revision::Requested
    }

    /// Whether the budget may be appraised: not while a revision is awaited.
    pub fn may_appraise(self) -> bool {
        self != Revision::Requested
    }

    /// Whether the council's requests may be recorded: once, before appraisal.
    pub fn may_request(self, appraised: bool) -> bool {
        self == Revision::None && !appraised
    }
}

/// Why a revision step is refused now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum RevisionProblem {
    /// The council's requests were already recorded, or the budget is appraised.
    AlreadyRequested,
    /// Nothing was asked, or the revision was already sent.
    NotRequested,
    /// The revision is awaited: no appraisal yet.
    Pending,
}

impl RevisionProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            RevisionProblem::AlreadyRequested => lang.pick(
                "Yêu cầu hoàn thiện hồ sơ đã được ghi (hoặc kinh phí đã được thẩm định).",
                "The council's requests are already recorded (or the budget is appraised).",
            ),
            RevisionProblem::NotRequested => lang.pick(
                "Hồ sơ không có yêu cầu hoàn thiện đang chờ.",
                "No revision is awaited on this dossier.",
            ),
            RevisionProblem::Pending => lang.pick(
                "Hồ sơ đang được hoàn thiện theo kết luận của hội đồng: chưa thẩm định kinh phí được.",
                "The dossier is being revised to the council's conclusions: no appraisal yet.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appraisal_waits_for_an_asked_revision_only() {
        assert!(Revision::of(false, false).may_appraise());
        assert!(!Revision::of(true, false).may_appraise());
        assert!(Revision::of(true, true).may_appraise());
        assert!(Revision::of(true, false).open());
        assert!(!Revision::of(true, true).open() && !Revision::of(false, false).open());
    }

    #[test]
    fn requests_are_recorded_once_and_before_appraisal() {
        assert!(Revision::None.may_request(false));
        assert!(!Revision::None.may_request(true));
        assert!(!Revision::Requested.may_request(false));
        assert!(!Revision::Revised.may_request(false));
        assert!(!RevisionProblem::Pending.message(Lang::Vi).is_empty());
    }
}
