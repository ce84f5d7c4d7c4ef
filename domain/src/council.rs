//! Review councils (docs/rulebook.md, TT 20/2023 Art. 8): composition against the rulebook,
//! conflicts of interest found in the data, and the quorum of a meeting, per application (a
//! conflicted member neither scores nor counts towards it).

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum CouncilRole {
    Chair,
    ViceChair,
    Secretary,
    Reviewer,
    Member,
}

impl CouncilRole {
    pub const ALL: [CouncilRole; 5] = [
        CouncilRole::Chair,
        CouncilRole::ViceChair,
        CouncilRole::Secretary,
        CouncilRole::Reviewer,
        CouncilRole::Member,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CouncilRole::Chair => lang.pick("Chủ tịch", "Chair"),
            CouncilRole::ViceChair => lang.pick("Phó Chủ tịch", "Vice-chair"),
            CouncilRole::Secretary => lang.pick("Ủy viên thư ký khoa học", "Scientific secretary"),
            CouncilRole::Reviewer => lang.pick("Ủy viên phản biện", "Reviewer"),
            CouncilRole::Member => lang.pick("Ủy viên", "Member"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CouncilRole::Chair => "chair",
            CouncilRole::ViceChair => "vice_chair",
            CouncilRole::Secretary => "secretary",
            CouncilRole::Reviewer => "reviewer",
            CouncilRole::Member => "member",
        }
    }

    pub fn from_code(code: &str) -> Option<CouncilRole> {
        CouncilRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The rulebook's council rules. Fractions are `numerator / denominator`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CouncilRules {
    pub min_members: u32,
    pub max_members: u32,
    pub reviewers: u32,
    /// Present members needed, as a share of those who may take part.
    pub quorum: (u32, u32),
}

impl Default for CouncilRules {
    /// TT 20/2023 Art. 8(1)(a): 7 to 9 members with 2 reviewers; quorum 2/3 with the chair (or
    /// vice-chair) and the secretary present (TT 45/2016 example; TT 20/2023's own: unconfirmed).
    fn default() -> Self {
        CouncilRules {
            min_members: 7,
            max_members: 9,
            reviewers: 2,
            quorum: (2, 3),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum CompositionProblem {
    Size { min: u32, max: u32, actual: u32 },
    NoChair,
    SeveralChairs,
    SeveralViceChairs,
    NoSecretary,
    SeveralSecretaries,
    Reviewers { expected: u32, actual: u32 },
    SamePersonTwice,
}

impl CompositionProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CompositionProblem::Size { min, max, actual }, Lang::Vi) => {
                let n = crate::format::span(min, max, Lang::Vi);
                format!("Hội đồng phải có {n} thành viên (hiện có {actual}).")
            }
            (CompositionProblem::Size { min, max, actual }, Lang::En) => {
                let n = crate::format::span(min, max, Lang::En);
                format!("A council has {n} members (now {actual}).")
            }
            (CompositionProblem::NoChair, Lang::Vi) => "Hội đồng chưa có Chủ tịch.".into(),
            (CompositionProblem::NoChair, Lang::En) => "The council has no chair.".into(),
            (CompositionProblem::SeveralChairs, Lang::Vi) => "Hội đồng chỉ có một Chủ tịch.".into(),
            (CompositionProblem::SeveralChairs, Lang::En) => "A council has one chair.".into(),
            (CompositionProblem::SeveralViceChairs, Lang::Vi) => {
                "Hội đồng có nhiều nhất một Phó Chủ tịch.".into()
            }
            (CompositionProblem::SeveralViceChairs, Lang::En) => {
                "A council has at most one vice-chair.".into()
            }
            (CompositionProblem::NoSecretary, Lang::Vi) => {
                "Hội đồng chưa có ủy viên thư ký khoa học.".into()
            }
            (CompositionProblem::NoSecretary, Lang::En) => {
                "The council has no scientific secretary.".into()
            }
            (CompositionProblem::SeveralSecretaries, Lang::Vi) => {
                "Hội đồng chỉ có một ủy viên thư ký khoa học.".into()
            }
            (CompositionProblem::SeveralSecretaries, Lang::En) => {
                "A council has one scientific secretary.".into()
            }
            (CompositionProblem::Reviewers { expected, actual }, Lang::Vi) => {
                format!("Hội đồng phải có {expected} ủy viên phản biện (hiện có {actual}).")
            }
            (CompositionProblem::Reviewers { expected, actual }, Lang::En) => {
                format!("A council has {expected} reviewers (now {actual}).")
            }
            (CompositionProblem::SamePersonTwice, Lang::Vi) => {
                "Một người không thể giữ hai vị trí trong hội đồng.".into()
            }
            (CompositionProblem::SamePersonTwice, Lang::En) => {
                "One person cannot hold two seats on a council.".into()
            }
        }
    }
}

/// Everything that keeps a council (person id, role) from meeting the rulebook; empty means
/// it may be constituted.
pub fn check_composition(
    rules: &CouncilRules,
    members: &[(i64, CouncilRole)],
) -> Vec<CompositionProblem> {
    let mut out = Vec::new();
    let actual = members.len() as u32;
    if actual < rules.min_members || actual > rules.max_members {
        out.push(CompositionProblem::Size {
            min: rules.min_members,
            max: rules.max_members,
            actual,
        });
    }
    let count = |role| members.iter().filter(|(_, r)| *r == role).count() as u32;
    match count(CouncilRole::Chair) {
        0 => out.push(CompositionProblem::NoChair),
        1 => {}
        _ => out.push(CompositionProblem::SeveralChairs),
    }
    if count(CouncilRole::ViceChair) > 1 {
        out.push(CompositionProblem::SeveralViceChairs);
    }
    match count(CouncilRole::Secretary) {
        0 => out.push(CompositionProblem::NoSecretary),
        1 => {}
        _ => out.push(CompositionProblem::SeveralSecretaries),
    }
    let reviewers = count(CouncilRole::Reviewer);
    if reviewers != rules.reviewers {
        out.push(CompositionProblem::Reviewers {
            expected: rules.reviewers,
            actual: reviewers,
        });
    }
    let mut ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        out.push(CompositionProblem::SamePersonTwice);
    }
    out
}

/// Why a member may not score an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ConflictReason {
    /// Works for the application's host organisation.
    SameOrganisation,
    /// Is the applicant.
    Applicant,
    /// Is named on the application's team.
    OnTeam,
    /// Declared by the member or recorded by the officer (co-authorship, relationship…).
    Declared { note: String },
}

impl ConflictReason {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ConflictReason::SameOrganisation, Lang::Vi) => "Cùng tổ chức chủ trì hồ sơ".into(),
            (ConflictReason::SameOrganisation, Lang::En) => {
                "Works for the host organisation".into()
            }
            (ConflictReason::Applicant, Lang::Vi) => "Là chủ nhiệm hồ sơ".into(),
            (ConflictReason::Applicant, Lang::En) => "Is the applicant".into(),
            (ConflictReason::OnTeam, Lang::Vi) => "Có tên trong nhóm thực hiện".into(),
            (ConflictReason::OnTeam, Lang::En) => "Is on the application's team".into(),
            (ConflictReason::Declared { note }, Lang::Vi) => format!("Tự khai báo: {note}"),
            (ConflictReason::Declared { note }, Lang::En) => format!("Declared: {note}"),
        }
    }
}

/// What conflict detection knows of a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Person {
    pub user_id: i64,
    pub organisation_id: Option<i64>,
    /// Lower-case sign-in e-mail.
    pub email: String,
    pub name: String,
}

/// What conflict detection knows of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dossier {
    pub applicant_id: i64,
    pub organisation_id: Option<i64>,
    /// The team's e-mails (lower-case) and names, as written in the thuyết minh.
    pub team: Vec<(String, String)>,
}

/// The conflicts the data shows between one person and one application. Team members are
/// matched by e-mail, or by name when no e-mail is given (a name match is still flagged: the
/// officer confirms or dismisses it with a reason).
pub fn detect_conflicts(person: &Person, dossier: &Dossier) -> Vec<ConflictReason> {
    let mut out = Vec::new();
    if person.user_id == dossier.applicant_id {
        out.push(ConflictReason::Applicant);
    }
    if person.organisation_id.is_some() && person.organisation_id == dossier.organisation_id {
        out.push(ConflictReason::SameOrganisation);
    }
    let name = crate::text::fold(person.name.trim());
    let on_team = dossier.team.iter().any(|(email, n)| {
        if email.is_empty() {
            !name.is_empty() && crate::text::fold(n.trim()) == name
        } else {
            email.eq_ignore_ascii_case(&person.email)
        }
    });
    if on_team {
        out.push(ConflictReason::OnTeam);
    }
    out
}

/// Whether a meeting may decide on an application: of the members who may take part (not
/// conflicted on it), enough are present, the chair or vice-chair among them, and the secretary.
pub fn quorum(
    rules: &CouncilRules,
    members: &[(i64, CouncilRole)],
    present: &[i64],
    conflicted: &[i64],
) -> Result<(), QuorumProblem> {
    let eligible: Vec<&(i64, CouncilRole)> = members
        .iter()
        .filter(|(id, _)| !conflicted.contains(id))
        .collect();
    let here: Vec<&&(i64, CouncilRole)> = eligible
        .iter()
        .filter(|(id, _)| present.contains(id))
        .collect();
    let (num, den) = rules.quorum;
    let needed = (u64::from(num) * eligible.len() as u64).div_ceil(u64::from(den).max(1));
    if (here.len() as u64) < needed {
        return Err(QuorumProblem::TooFew {
            present: here.len() as u32,
            needed: needed as u32,
        });
    }
    let has = |role| here.iter().any(|(_, r)| *r == role);
    if !has(CouncilRole::Chair) && !has(CouncilRole::ViceChair) {
        return Err(QuorumProblem::NoChair);
    }
    if !has(CouncilRole::Secretary) {
        return Err(QuorumProblem::NoSecretary);
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum QuorumProblem {
    TooFew { present: u32, needed: u32 },
    NoChair,
    NoSecretary,
}

impl QuorumProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (QuorumProblem::TooFew { present, needed }, Lang::Vi) => format!(
                "Chưa đủ số thành viên dự họp: có {present}, cần ít nhất {needed} (không tính người có xung đột lợi ích)."
            ),
            (QuorumProblem::TooFew { present, needed }, Lang::En) => format!(
                "Not enough members present: {present}, at least {needed} needed (conflicted members not counted)."
            ),
            (QuorumProblem::NoChair, Lang::Vi) => "Chủ tịch hoặc Phó Chủ tịch phải có mặt.".into(),
            (QuorumProblem::NoChair, Lang::En) => "The chair or vice-chair must be present.".into(),
            (QuorumProblem::NoSecretary, Lang::Vi) => "Ủy viên thư ký khoa học phải có mặt.".into(),
            (QuorumProblem::NoSecretary, Lang::En) => "The scientific secretary must be present.".into(),
        }
    }
}

/// Where a council stands. It only moves forward: formed, then scoring, then closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum CouncilState {
    /// Members are being seated and invited; conflict flags are decided.
    Forming,
    /// Constituted: members certify, score and submit; the meeting is recorded.
    Scoring,
    /// The secretary closed scoring: sheets are sealed and results may be read.
    Closed,
}

/// What someone may want to do with a council; each is allowed in exactly one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum CouncilAction {
    SeatMember,
    RemoveMember,
    DecideConflict,
    Invite,
    AnswerInvitation,
    Constitute,
    DeclareConflict,
    Certify,
    Score,
    EnterPaperSheet,
    ReopenSheet,
    RecordAttendance,
    Close,
    ReadResults,
}

impl CouncilAction {
    pub const ALL: [CouncilAction; 14] = [
        CouncilAction::SeatMember,
        CouncilAction::RemoveMember,
        CouncilAction::DecideConflict,
        CouncilAction::Invite,
        CouncilAction::AnswerInvitation,
        CouncilAction::Constitute,
        CouncilAction::DeclareConflict,
        CouncilAction::Certify,
        CouncilAction::Score,
        CouncilAction::EnterPaperSheet,
        CouncilAction::ReopenSheet,
        CouncilAction::RecordAttendance,
        CouncilAction::Close,
        CouncilAction::ReadResults,
    ];
}

impl CouncilState {
    pub const ALL: [CouncilState; 3] = [
        CouncilState::Forming,
        CouncilState::Scoring,
        CouncilState::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CouncilState::Forming => "forming",
            CouncilState::Scoring => "scoring",
            CouncilState::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<CouncilState> {
        CouncilState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CouncilState::Forming => lang.pick("Đang thành lập", "Being formed"),
            CouncilState::Scoring => lang.pick("Đang chấm điểm", "Scoring"),
            CouncilState::Closed => lang.pick("Đã kết thúc chấm", "Scoring closed"),
        }
    }

    /// The one table of what each state allows. Declaring a conflict stays open while scoring,
    /// since a member may discover it on reading the dossier.
    pub fn allows(self, action: CouncilAction) -> bool {
        use CouncilAction::*;
        match self {
            CouncilState::Forming => matches!(
                action,
                SeatMember
                    | RemoveMember
                    | DecideConflict
                    | Invite
                    | AnswerInvitation
                    | Constitute
                    | DeclareConflict
            ),
            CouncilState::Scoring => matches!(
                action,
                DeclareConflict
                    | Certify
                    | Score
                    | EnterPaperSheet
                    | ReopenSheet
                    | RecordAttendance
                    | Close
            ),
            CouncilState::Closed => matches!(action, ReadResults),
        }
    }

    /// The state an allowed action leads to (most leave the state as it is).
    pub fn after(self, action: CouncilAction) -> Result<CouncilState, CouncilStateError> {
        if !self.allows(action) {
            return Err(CouncilStateError {
                state: self,
                action,
            });
        }
        Ok(match action {
            CouncilAction::Constitute => CouncilState::Scoring,
            CouncilAction::Close => CouncilState::Closed,
            _ => self,
        })
    }
}

/// An action the council's state does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CouncilStateError {
    pub state: CouncilState,
    pub action: CouncilAction,
}

impl CouncilStateError {
    pub fn message(&self, lang: Lang) -> String {
        match (self.state, lang) {
            (CouncilState::Forming, Lang::Vi) => {
                "Hội đồng chưa được thành lập: chưa thể chấm điểm, ghi điểm danh hay kết thúc chấm."
                    .into()
            }
            (CouncilState::Forming, Lang::En) => {
                "The council is not constituted yet: no scoring, register or closing.".into()
            }
            (CouncilState::Scoring, Lang::Vi) => match self.action {
                CouncilAction::ReadResults => {
                    "Kết quả chỉ được công bố sau khi thư ký kết thúc phiên chấm điểm.".into()
                }
                _ => "Hội đồng đã được thành lập: thành phần và lời mời không còn thay đổi được."
                    .into(),
            },
            (CouncilState::Scoring, Lang::En) => match self.action {
                CouncilAction::ReadResults => {
                    "Results are published once the secretary closes scoring.".into()
                }
                _ => "The council is constituted: its members and invitations are fixed.".into(),
            },
            (CouncilState::Closed, Lang::Vi) => {
                "Phiên chấm điểm đã kết thúc: không thay đổi được nữa.".into()
            }
            (CouncilState::Closed, Lang::En) => "Scoring is closed: nothing can change now.".into(),
        }
    }
}

/// A seat's invitation: proposed by the officer, sent once its conflict flags are decided,
/// then accepted or declined by the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Invitation {
    Proposed,
    Invited,
    Accepted,
    Declined,
}

impl Invitation {
    pub const ALL: [Invitation; 4] = [
        Invitation::Proposed,
        Invitation::Invited,
        Invitation::Accepted,
        Invitation::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Invitation::Proposed => "proposed",
            Invitation::Invited => "invited",
            Invitation::Accepted => "accepted",
            Invitation::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Invitation> {
        Invitation::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Invitation::Proposed => lang.pick("Dự kiến, chưa mời", "Proposed, not invited"),
            Invitation::Invited => lang.pick("Đã mời, chờ trả lời", "Invited, awaiting reply"),
            Invitation::Accepted => lang.pick("Đã nhận lời", "Accepted"),
            Invitation::Declined => lang.pick("Từ chối", "Declined"),
        }
    }
}

/// What keeps a council from being constituted besides its composition: every seat's
/// invitation accepted. Returns the seats (person ids) still short of that.
pub fn not_accepted(seats: &[(i64, Invitation)]) -> Vec<i64> {
    seats
        .iter()
        .filter(|(_, i)| *i != Invitation::Accepted)
        .map(|(id, _)| *id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CouncilRole::*;

    fn council() -> Vec<(i64, CouncilRole)> {
        vec![
            (1, Chair),
            (2, ViceChair),
            (3, Secretary),
            (4, Reviewer),
            (5, Reviewer),
            (6, Member),
            (7, Member),
        ]
    }

    #[test]
    fn a_council_of_seven_with_two_reviewers_is_constituted() {
        assert_eq!(
            check_composition(&CouncilRules::default(), &council()),
            vec![]
        );
    }

    #[test]
    fn composition_slips_are_named() {
        let mut c = council();
        c.pop();
        c[4] = (5, Member);
        c.push((4, Member));
        let problems = check_composition(&CouncilRules::default(), &c);
        assert_eq!(
            problems,
            vec![
                CompositionProblem::Reviewers {
                    expected: 2,
                    actual: 1
                },
                CompositionProblem::SamePersonTwice
            ]
        );
        let p = check_composition(&CouncilRules::default(), &c[..3]);
        assert!(p.contains(&CompositionProblem::Size {
            min: 7,
            max: 9,
            actual: 3
        }));
        assert!(p[0].message(Lang::Vi).contains("từ 7 đến 9"));
    }

    #[test]
    fn quorum_is_two_thirds_of_those_who_may_take_part() {
        let rules = CouncilRules::default();
        // 7 eligible: 5 needed (⌈14/3⌉).
        assert_eq!(
            quorum(&rules, &council(), &[1, 3, 4, 5], &[]),
            Err(QuorumProblem::TooFew {
                present: 4,
                needed: 5
            })
        );
        assert_eq!(quorum(&rules, &council(), &[1, 3, 4, 5, 6], &[]), Ok(()));
        // One conflicted: 6 eligible, 4 needed, and the conflicted one does not count.
        assert_eq!(
            quorum(&rules, &council(), &[1, 3, 4, 7], &[7]),
            Err(QuorumProblem::TooFew {
                present: 3,
                needed: 4
            })
        );
        assert_eq!(quorum(&rules, &council(), &[1, 3, 4, 5], &[7]), Ok(()));
        assert_eq!(
            quorum(&rules, &council(), &[4, 5, 6, 7, 3], &[]),
            Err(QuorumProblem::NoChair)
        );
        assert_eq!(
            quorum(&rules, &council(), &[2, 4, 5, 6, 7], &[]),
            Err(QuorumProblem::NoSecretary)
        );
    }

    #[test]
    fn conflicts_come_from_the_data() {
        let person = Person {
            user_id: 9,
            organisation_id: Some(3),
            email: "an@vien.vn".into(),
            name: "Lê Văn An".into(),
        };
        let dossier = Dossier {
            applicant_id: 1,
            organisation_id: Some(3),
            team: vec![("".into(), "Le Van An".into())],
        };
        assert_eq!(
            detect_conflicts(&person, &dossier),
            vec![ConflictReason::SameOrganisation, ConflictReason::OnTeam]
        );
        let elsewhere = Dossier {
            applicant_id: 1,
            organisation_id: Some(4),
            team: vec![("khac@vien.vn".into(), "Lê Văn An".into())],
        };
        // An e-mail given decides: same name, different person.
        assert_eq!(detect_conflicts(&person, &elsewhere), vec![]);
    }

    #[test]
    fn each_action_is_allowed_in_exactly_one_state_except_declaring() {
        use CouncilAction::*;
        let all = CouncilAction::ALL;
        for a in all {
            let n = CouncilState::ALL.iter().filter(|s| s.allows(a)).count();
            assert_eq!(n, if a == DeclareConflict { 2 } else { 1 }, "{a:?}");
        }
        assert_eq!(
            CouncilState::Forming.after(Constitute),
            Ok(CouncilState::Scoring)
        );
        assert_eq!(CouncilState::Scoring.after(Close), Ok(CouncilState::Closed));
        assert_eq!(
            CouncilState::Scoring.after(Score),
            Ok(CouncilState::Scoring)
        );
        let e = CouncilState::Closed.after(Score).unwrap_err();
        assert!(e.message(Lang::Vi).contains("đã kết thúc"));
        let e = CouncilState::Scoring.after(ReadResults).unwrap_err();
        assert!(e.message(Lang::Vi).contains("sau khi thư ký kết thúc"));
        // Nothing leads back.
        for s in CouncilState::ALL {
            for a in all {
                if let Ok(next) = s.after(a) {
                    let rank = |s: CouncilState| s as u8;
                    assert!(rank(next) >= rank(s));
                }
            }
        }
    }

    #[test]
    fn every_seat_must_accept_before_constitution() {
        let seats = [
            (1, Invitation::Accepted),
            (2, Invitation::Invited),
            (3, Invitation::Declined),
            (4, Invitation::Proposed),
        ];
        assert_eq!(not_accepted(&seats), vec![2, 3, 4]);
        assert_eq!(not_accepted(&seats[..1]), Vec::<i64>::new());
        for i in Invitation::ALL {
            assert_eq!(Invitation::from_code(i.code()), Some(i));
        }
    }
}
