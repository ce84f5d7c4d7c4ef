//! Who may call an endpoint, as data: the permissions of `domain::roles` and the parties of the
//! record the call touches. The `/api` page prints it; the authorisation matrix reads it to know
//! the answer each role must get (docs/roles.md).

use domain::roles::{roles_with, Permission};
use domain::Lang;

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person, about themselves (their session, CV, tokens, to-dos).
    SignedIn,
    /// Holders of any of these permissions, each within its scope.
    Holds(&'static [Permission]),
    /// The record's own people, and holders of any of these permissions. Anybody else is told
    /// the record does not exist (404), so that a refusal does not reveal it.
    Parties(Party, &'static [Permission]),
}

/// The people of a record who may act on it without a permission over all records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// Whoever made the record (an API token).
    Owner,
    /// Anyone may read the published record; drafts only the permission's holders.
    Published,
    /// The dossier's own researcher.
    Applicant,
    /// Whoever may read the dossier: its researcher, team members with an account, its host
    /// organisation.
    DossierReaders,
    /// The dossier's (or organisation's) host organisation representative.
    Host,
    /// A member of the council.
    CouncilMember,
    /// The council's chair.
    CouncilChair,
    /// The council's scientific secretary.
    CouncilSecretary,
    /// The council's chair or its secretary.
    ChairOrSecretary,
    /// The person invited to a seat on the council.
    Invitee,
    /// The task's leader (chủ nhiệm).
    TaskLeader,
    /// The task's host organisation.
    TaskHost,
    /// Whoever may read the task: its leader and its host organisation.
    TaskReaders,
    /// A member of the task's acceptance council.
    AcceptanceCouncil,
    /// The proposal's proposer, at their own work (proposing is a role's).
    Proposer,
    /// Whoever may read the proposal: its proposer.
    ProposalReaders,
    /// A member of the identification council (seated, so invited).
    Assessor,
}

impl Party {
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Party::Owner => (
                "Người tạo ra nó (hoặc người nhận nó)",
                "Whoever made it (or whom it is for)",
            ),
            Party::Published => ("Bất kỳ ai (bản đã công bố)", "Anyone (published records)"),
            Party::Applicant => ("Chủ nhiệm hồ sơ", "The dossier's researcher"),
            Party::DossierReaders => (
                "Người được xem hồ sơ (chủ nhiệm, thành viên, tổ chức chủ trì)",
                "Whoever may read the dossier (researcher, team, host)",
            ),
            Party::Host => ("Tổ chức chủ trì", "The host organisation"),
            Party::CouncilMember => ("Thành viên hội đồng", "Council members"),
            Party::CouncilChair => ("Chủ tịch hội đồng", "The council's chair"),
            Party::CouncilSecretary => ("Thư ký khoa học của hội đồng", "The council's secretary"),
            Party::ChairOrSecretary => (
                "Chủ tịch, thư ký khoa học của hội đồng",
                "The council's chair and secretary",
            ),
            Party::Invitee => ("Người được mời vào hội đồng", "The invited person"),
            Party::TaskLeader => ("Chủ nhiệm nhiệm vụ", "The task's leader"),
            Party::TaskHost => ("Tổ chức chủ trì nhiệm vụ", "The task's host organisation"),
            Party::TaskReaders => (
                "Chủ nhiệm và tổ chức chủ trì nhiệm vụ",
                "The task's leader and host organisation",
            ),
            Party::AcceptanceCouncil => (
                "Thành viên hội đồng nghiệm thu",
                "Acceptance council members",
            ),
            Party::Proposer | Party::ProposalReaders => ("Người đề xuất", "The proposer"),
            Party::Assessor => (
                "Thành viên hội đồng tư vấn xác định nhiệm vụ",
                "Identification council members",
            ),
        };
        lang.pick(vi, en)
    }
}

/// The kinds of record parties belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    Call,
    Dossier,
    Council,
    Task,
    Token,
    Proposal,
    Identification,
}

impl Record {
    /// Who reads every record of the kind: the parties that read their own, and the permissions
    /// that read them all. Someone who reads a record but may not do a thing to it is refused
    /// with 403; someone who may not even read it is told it does not exist (404).
    pub fn readers(self) -> (&'static [Party], &'static [Permission]) {
        match self {
            Record::Call => (&[Party::Published], &[Permission::ManageCalls]),
            Record::Dossier => (
                &[Party::Applicant, Party::DossierReaders, Party::Host],
                &[Permission::CheckApplications],
            ),
            Record::Council => (
                &[
                    Party::CouncilMember,
                    Party::CouncilChair,
                    Party::CouncilSecretary,
                    Party::ChairOrSecretary,
                    Party::Invitee,
                ],
                &[],
            ),
            Record::Task => (
                &[
                    Party::TaskReaders,
                    Party::TaskLeader,
                    Party::TaskHost,
                    Party::AcceptanceCouncil,
                ],
                &[Permission::SuperviseTasks, Permission::ViewFund],
            ),
            Record::Token => (&[Party::Owner], &[]),
            Record::Proposal => (
                &[Party::Proposer, Party::ProposalReaders],
                &[Permission::ManageProposals, Permission::ApproveOrders],
            ),
            Record::Identification => (
                &[Party::Assessor],
                &[Permission::ManageProposals, Permission::ApproveOrders],
            ),
        }
    }
}

impl Party {
    /// The record the party belongs to.
    pub fn record(self) -> Record {
        match self {
            Party::Owner => Record::Token,
            Party::Published => Record::Call,
            Party::Applicant | Party::DossierReaders | Party::Host => Record::Dossier,
            Party::CouncilMember
            | Party::CouncilChair
            | Party::CouncilSecretary
            | Party::ChairOrSecretary
            | Party::Invitee => Record::Council,
            Party::TaskLeader | Party::TaskHost | Party::TaskReaders | Party::AcceptanceCouncil => {
                Record::Task
            }
            Party::Proposer | Party::ProposalReaders => Record::Proposal,
            Party::Assessor => Record::Identification,
        }
    }

    /// The permission checked before the record is looked at: whoever lacks it is refused with
    /// 403 whatever the record (drafting and confirming dossiers are a role's work).
    pub fn gate(self) -> Option<Permission> {
        match self {
            Party::Applicant => Some(Permission::SubmitApplications),
            Party::Host => Some(Permission::ConfirmApplications),
            Party::Proposer => Some(Permission::ProposeTasks),
            _ => None,
        }
    }
}

impl Access {
    /// The permissions whose holders may call the endpoint.
    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Access::Public | Access::SignedIn => &[],
            Access::Holds(p) | Access::Parties(_, p) => p,
        }
    }

    /// Who may call it, in words: the parties, then the roles that hold the permissions.
    pub fn label(self, lang: Lang) -> String {
        let mut roles: Vec<&str> = Vec::new();
        for p in self.permissions() {
            for r in roles_with(*p) {
                let label = r.label(lang);
                if !roles.contains(&label) {
                    roles.push(label);
                }
            }
        }
        let roles = roles.join(", ");
        match self {
            Access::Public => lang.pick("Bất kỳ ai", "Anyone").to_string(),
            Access::SignedIn => lang
                .pick(
                    "Người đã đăng nhập (của chính mình)",
                    "Any signed-in person (their own)",
                )
                .to_string(),
            Access::Holds(_) => roles,
            Access::Parties(party, _) if roles.is_empty() => party.label(lang).to_string(),
            Access::Parties(party, _) => format!("{}; {roles}", party.label(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_parties_then_the_roles_once_each() {
        let a = Access::Parties(
            Party::DossierReaders,
            &[Permission::CheckApplications, Permission::ManageCalls],
        );
        assert_eq!(
            a.label(Lang::En),
            "Whoever may read the dossier (researcher, team, host); Department officer"
        );
        assert_eq!(Access::Public.label(Lang::Vi), "Bất kỳ ai");
    }
}
