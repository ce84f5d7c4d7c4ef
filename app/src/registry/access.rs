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
}

impl Party {
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
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
        };
        lang.pick(vi, en)
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
