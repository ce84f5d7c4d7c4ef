//! Who may do what: the roles of docs/roles.md, their scopes and the permissions they confer.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Lang;

/// A role a person holds. The public (công chúng) is not a role: it is anyone not signed in.
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
pub enum Role {
    Researcher,
    HostOrganisation,
    Officer,
    CouncilMember,
    Leader,
    FundAccountant,
    FundDirector,
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Researcher,
        Role::HostOrganisation,
        Role::Officer,
        Role::CouncilMember,
        Role::Leader,
        Role::FundAccountant,
        Role::FundDirector,
        Role::Admin,
    ];

    /// Stable code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Researcher => "researcher",
            Role::HostOrganisation => "host_organisation",
            Role::Officer => "officer",
            Role::CouncilMember => "council_member",
            Role::Leader => "leader",
            Role::FundAccountant => "fund_accountant",
            Role::FundDirector => "fund_director",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Researcher => lang.pick("Nhà khoa học", "Researcher"),
            Role::HostOrganisation => lang.pick("Tổ chức chủ trì", "Host organisation"),
            Role::Officer => lang.pick("Chuyên viên Sở KH&CN", "Department officer"),
            Role::CouncilMember => lang.pick("Thành viên hội đồng", "Council member"),
            Role::Leader => lang.pick("Lãnh đạo Sở", "Department leader"),
            Role::FundAccountant => lang.pick("Kế toán Quỹ", "Fund accountant"),
            Role::FundDirector => lang.pick("Giám đốc Quỹ", "Fund director"),
            Role::Admin => lang.pick("Quản trị hệ thống", "Administrator"),
        }
    }

    /// Which kinds of scope a grant of this role may carry.
    pub fn allowed_scopes(self) -> &'static [ScopeKind] {
        match self {
            // A host-organisation account acts for exactly one organisation.
            Role::HostOrganisation => &[ScopeKind::Organisation],
            // A member of one council, or of the expert pool across councils.
            Role::CouncilMember => &[ScopeKind::Council, ScopeKind::Global],
            // The department's staff, or a managing unit's own (its officers, its leader),
            // who run that unit's grassroots tasks and nobody else's.
            Role::Officer | Role::Leader => &[ScopeKind::Global, ScopeKind::Organisation],
            // The fund's accountant and director, or a managing unit's, who keep the unit's
            // own book for the grassroots tasks it pays (docs/ledger.md, "Books").
            Role::FundAccountant | Role::FundDirector => {
                &[ScopeKind::Global, ScopeKind::Organisation]
            }
            _ => &[ScopeKind::Global],
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ScopeKind {
    Global,
    Organisation,
    Council,
}

impl ScopeKind {
    pub fn code(self) -> &'static str {
        match self {
            ScopeKind::Global => "global",
            ScopeKind::Organisation => "organisation",
            ScopeKind::Council => "council",
        }
    }
}

/// What a grant applies to. Ids are database ids of organisations and councils.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Scope {
    Global,
    Organisation(i64),
    Council(i64),
}

impl Scope {
    pub fn kind(self) -> ScopeKind {
        match self {
            Scope::Global => ScopeKind::Global,
            Scope::Organisation(_) => ScopeKind::Organisation,
            Scope::Council(_) => ScopeKind::Council,
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Scope::Global => None,
            Scope::Organisation(id) | Scope::Council(id) => Some(id),
        }
    }

    /// Rebuilds a scope from its stored form (kind code and optional id).
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<Scope> {
        match (kind, id) {
            ("global", None) => Some(Scope::Global),
            ("organisation", Some(id)) => Some(Scope::Organisation(id)),
            ("council", Some(id)) => Some(Scope::Council(id)),
            _ => None,
        }
    }

    /// Where a record is managed: by the department (`Global`) or by a managing unit, whose
    /// grants are scoped to it as an organisation.
    pub fn managed_by(unit: Option<i64>) -> Scope {
        unit.map_or(Scope::Global, Scope::Organisation)
    }

    /// A global grant covers every target; a scoped one covers only its own organisation or
    /// council.
    pub fn covers(self, target: Scope) -> bool {
        self == Scope::Global || self == target
    }
}

/// One role held by one person, possibly limited to one organisation or council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoleGrant {
    pub role: Role,
    pub scope: Scope,
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    thiserror::Error,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum GrantProblem {
    #[error("scope not allowed for this role")]
    ScopeNotAllowed { role: Role, scope: ScopeKind },
}

impl GrantProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GrantProblem::ScopeNotAllowed { role, scope } => match (lang, scope) {
                (Lang::Vi, ScopeKind::Global) => format!(
                    "Vai trò “{}” phải gắn với một tổ chức hoặc hội đồng cụ thể.",
                    role.label(lang)
                ),
                (Lang::Vi, _) => format!(
                    "Vai trò “{}” áp dụng cho toàn hệ thống, không gắn với tổ chức hay hội đồng.",
                    role.label(lang)
                ),
                (Lang::En, ScopeKind::Global) => format!(
                    "The role “{}” must be limited to one organisation or council.",
                    role.label(lang)
                ),
                (Lang::En, _) => format!(
                    "The role “{}” applies system-wide and cannot be limited.",
                    role.label(lang)
                ),
            },
        }
    }
}

impl RoleGrant {
    /// The role's name as the grant makes it: a managing unit's officer and leader are not
    /// the department's.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self.role, self.scope) {
            (Role::Officer, Scope::Organisation(_)) => {
                lang.pick("Chuyên viên đơn vị quản lý", "Managing unit officer")
            }
            (Role::Leader, Scope::Organisation(_)) => {
                lang.pick("Lãnh đạo đơn vị quản lý", "Managing unit leader")
            }
            (Role::FundAccountant, Scope::Organisation(_)) => {
                lang.pick("Kế toán đơn vị quản lý", "Managing unit accountant")
            }
            (Role::FundDirector, Scope::Organisation(_)) => lang.pick(
                "Chủ tài khoản đơn vị quản lý",
                "Managing unit account holder",
            ),
            (role, _) => role.label(lang),
        }
    }

    /// Checks that the scope suits the role before a grant is stored.
    pub fn new(role: Role, scope: Scope) -> Result<RoleGrant, GrantProblem> {
        if role.allowed_scopes().contains(&scope.kind()) {
            Ok(RoleGrant { role, scope })
        } else {
            Err(GrantProblem::ScopeNotAllowed {
                role,
                scope: scope.kind(),
            })
        }
    }
}

/// Something a person may do. Each feature adds the permissions it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Permission {
    /// Create accounts, grant and revoke roles.
    ManageUsers,
    /// Create and edit organisations.
    ManageOrganisations,
    /// See the administration pages.
    ViewAdministration,
    /// Create, edit and publish calls for proposals; see draft calls.
    ManageCalls,
    /// Draft, submit, correct and withdraw one's own applications.
    SubmitApplications,
    /// See submitted applications and decide on their validity.
    CheckApplications,
    /// Keep an organisation's legal details: administrators for any, a host organisation's
    /// account for its own.
    EditOrganisationDetails,
    /// Confirm, for the host organisation, that a dossier is submitted with its backing.
    ConfirmApplications,
    /// Publish a new rulebook version.
    ManageRulebooks,
    /// Form councils, resolve conflict flags, see results.
    ManageCouncils,
    /// Read the fund's position, statements and reconciliation.
    ViewFund,
    /// Record money received by the fund (allocations, contributions, interest).
    RecordFundReceipts,
    /// Prepare a tranche payment (pending, awaiting the director).
    PreparePayments,
    /// Approve (post) or reject (void) a prepared payment.
    ApprovePayments,
    /// Appraise a recommended task's budget and draft contracts for approved tasks.
    DraftContracts,
    /// Approve (or reject) a recommended task with its appraised budget.
    ApproveTasks,
    /// Sign a contract for the department, committing its total from the fund.
    SignContracts,
    /// Follow funded tasks: review progress reports, record inspections, run acceptance,
    /// record a failed task's cause, register results, close tasks.
    SuperviseTasks,
    /// Decide on liability exemption, approve settlements, terminate contracts.
    DecideSettlements,
    /// Read any organisation's phone, e-mail and bank account (its own people always may).
    ReadOrganisationContacts,
    /// Read the whole audit trail (each dossier's own people read its history on its page).
    ReadAuditTrail,
    /// Verify the audit trail's chain (docs/roles.md).
    VerifyAuditTrail,
    /// Propose a task for the province to order (đề xuất đặt hàng), for oneself or for the
    /// organisation one represents.
    ProposeTasks,
    /// Open proposal rounds, read every proposal, record the identification council's
    /// conclusions, make ordered items calls.
    ManageProposals,
    /// Approve the ordered list, item by item.
    ApproveOrders,
    /// Approve or refuse an organisation that registered itself (docs/registration.md).
    ApproveRegistrations,
    /// Approve or refuse people asking to join one's own organisation as its staff.
    ApproveStaff,
    /// Read the programme's whole dashboard, its entered figures awaiting approval included
    /// (docs/programme.md).
    ViewProgramme,
    /// Enter the year's figure of an indicator one's organisation is responsible for.
    ReportIndicators,
    /// Approve or return the figures the responsible units entered.
    ApproveIndicators,
    /// Keep the indicator catalogue: targets, sources, responsible units, what is public.
    ManageIndicators,
}

impl Permission {
    /// What a managing unit's own officer or leader may do, for their unit's records only: run
    /// its grassroots calls, councils, tasks and their acceptance, and keep its own book for the
    /// tasks it pays. The fund, the audit trail, others' contact details and the province's
    /// ordered tasks stay the department's.
    pub fn runs_in_units(self) -> bool {
        matches!(
            self,
            Permission::ManageCalls
                | Permission::CheckApplications
                | Permission::ManageCouncils
                | Permission::DraftContracts
                | Permission::SuperviseTasks
                | Permission::ApproveTasks
                | Permission::SignContracts
                | Permission::DecideSettlements
                | Permission::ViewFund
                | Permission::RecordFundReceipts
                | Permission::PreparePayments
                | Permission::ApprovePayments
        )
    }
}

impl RoleGrant {
    /// Whether this grant confers `permission` (within its scope): its role's, and for a
    /// managing unit's staff only what runs in units.
    pub fn confers(self, permission: Permission) -> bool {
        let unit_staff =
            self.role != Role::HostOrganisation && matches!(self.scope, Scope::Organisation(_));
        roles_with(permission).contains(&self.role) && (!unit_staff || permission.runs_in_units())
    }
}

/// The roles that confer a permission: one table a reader can check against docs/roles.md.
pub fn roles_with(permission: Permission) -> &'static [Role] {
    match permission {
        Permission::ManageUsers | Permission::ManageOrganisations | Permission::ManageRulebooks => {
            &[Role::Admin]
        }
        Permission::ViewAdministration | Permission::VerifyAuditTrail => &[Role::Admin],
        Permission::ReadAuditTrail => &[Role::Admin, Role::Officer, Role::Leader],
        Permission::ManageCalls | Permission::CheckApplications | Permission::ManageCouncils => {
            &[Role::Officer]
        }
        Permission::SubmitApplications => &[Role::Researcher],
        Permission::ProposeTasks => &[Role::Researcher, Role::HostOrganisation],
        Permission::ManageProposals => &[Role::Officer],
        Permission::ApproveOrders => &[Role::Leader],
        Permission::ApproveRegistrations => &[Role::Officer],
        Permission::ApproveStaff => &[Role::HostOrganisation],
        Permission::ViewProgramme => &[Role::Admin, Role::Officer, Role::Leader],
        Permission::ReportIndicators => &[Role::HostOrganisation],
        Permission::ApproveIndicators => &[Role::Officer],
        Permission::ManageIndicators => &[Role::Admin],
        Permission::EditOrganisationDetails => &[Role::Admin, Role::HostOrganisation],
        Permission::ConfirmApplications => &[Role::HostOrganisation],
        Permission::ViewFund => &[
            Role::FundAccountant,
            Role::FundDirector,
            Role::Leader,
            Role::Officer,
        ],
        Permission::RecordFundReceipts | Permission::PreparePayments => &[Role::FundAccountant],
        Permission::ApprovePayments => &[Role::FundDirector],
        Permission::DraftContracts => &[Role::Officer],
        Permission::SignContracts | Permission::ApproveTasks | Permission::DecideSettlements => {
            &[Role::Leader]
        }
        Permission::SuperviseTasks => &[Role::Officer],
        Permission::ReadOrganisationContacts => &[
            Role::Admin,
            Role::Officer,
            Role::Leader,
            Role::FundAccountant,
            Role::FundDirector,
        ],
    }
}

/// Whether any of the person's grants confers `permission` on `target`.
pub fn allows(grants: &[RoleGrant], permission: Permission, target: Scope) -> bool {
    grants
        .iter()
        .any(|g| g.confers(permission) && g.scope.covers(target))
}

/// Whether a grant confers `permission` exactly where the record is managed (see
/// [`Scope::managed_by`]): the department's staff manage the department's records, a unit's
/// staff their unit's. Reading is [`allows`], where the department's global grants see every
/// unit's records; deciding is this, so nobody outside a unit manages its tasks.
pub fn manages(grants: &[RoleGrant], permission: Permission, managed_by: Scope) -> bool {
    grants
        .iter()
        .any(|g| g.confers(permission) && g.scope == managed_by)
}

/// The managing units whose records a person manages with `permission`, in grant order.
pub fn managed_units(grants: &[RoleGrant], permission: Permission) -> Vec<i64> {
    grants
        .iter()
        .filter_map(|g| match g.scope {
            Scope::Organisation(id) if g.confers(permission) => Some(id),
            _ => None,
        })
        .collect()
}

/// Whether the person holds `permission` for the department or for a managing unit: what
/// their menus offer (a unit's lists hold the unit's records only).
pub fn holds_somewhere(grants: &[RoleGrant], permission: Permission) -> bool {
    allows(grants, permission, Scope::Global) || !managed_units(grants, permission).is_empty()
}

/// The names of a person's roles as their grants make them, each once, in grant order.
pub fn role_labels(grants: &[RoleGrant], lang: Lang) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for g in grants {
        let label = g.label(lang);
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// Whether any of the person's grants confers `permission` at all, whatever its scope: for what
/// a person does in their own name (proposing a task, for themselves or the organisation they
/// represent).
pub fn confers(grants: &[RoleGrant], permission: Permission) -> bool {
    let roles = roles_with(permission);
    grants.iter().any(|g| roles.contains(&g.role))
}

/// The organisations a person speaks for as their host organisation (confirming dossiers,
/// keeping legal details), in grant order.
pub fn hosted_organisations(grants: &[RoleGrant]) -> Vec<i64> {
    grants
        .iter()
        .filter_map(|g| match (g.role, g.scope) {
            (Role::HostOrganisation, Scope::Organisation(id)) => Some(id),
            _ => None,
        })
        .collect()
}

/// The distinct roles a person holds, in the canonical order of [`Role::ALL`].
pub fn distinct_roles(grants: &[RoleGrant]) -> Vec<Role> {
    let mut roles: Vec<Role> = grants.iter().map(|g| g.role).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Nobody decides their own case (docs/roles.md): the dossier's author and anyone named on its
/// team may not appraise, approve, sign, validate or review anything about it, whatever roles
/// they hold.
pub fn decides_own_case(person: i64, applicant: i64, team: &[i64]) -> bool {
    person == applicant || team.contains(&person)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grant(role: Role, scope: Scope) -> RoleGrant {
        RoleGrant::new(role, scope).unwrap()
    }

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
            assert!(!role.label(Lang::Vi).is_empty());
        }
        assert_eq!(Role::from_code("superuser"), None);
        for scope in [Scope::Global, Scope::Organisation(3), Scope::Council(9)] {
            assert_eq!(
                Scope::from_parts(scope.kind().code(), scope.id()),
                Some(scope)
            );
        }
        assert_eq!(Scope::from_parts("global", Some(1)), None);
        assert_eq!(Scope::from_parts("organisation", None), None);
    }

    #[test]
    fn scopes_must_suit_the_role() {
        assert!(RoleGrant::new(Role::HostOrganisation, Scope::Organisation(1)).is_ok());
        assert_eq!(
            RoleGrant::new(Role::HostOrganisation, Scope::Global),
            Err(GrantProblem::ScopeNotAllowed {
                role: Role::HostOrganisation,
                scope: ScopeKind::Global
            })
        );
        assert!(RoleGrant::new(Role::CouncilMember, Scope::Council(4)).is_ok());
        assert!(RoleGrant::new(Role::CouncilMember, Scope::Global).is_ok());
        assert!(RoleGrant::new(Role::Admin, Scope::Organisation(1)).is_err());
        assert!(RoleGrant::new(Role::Researcher, Scope::Council(1)).is_err());
        let msg = RoleGrant::new(Role::Admin, Scope::Council(1))
            .unwrap_err()
            .message(Lang::Vi);
        assert!(msg.contains("Quản trị hệ thống"), "{msg}");
    }

    #[test]
    fn only_administrators_manage_accounts() {
        let admin = [grant(Role::Admin, Scope::Global)];
        assert!(allows(&admin, Permission::ManageUsers, Scope::Global));
        assert!(allows(
            &admin,
            Permission::ManageOrganisations,
            Scope::Organisation(5)
        ));
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
            let scope = match role.allowed_scopes()[0] {
                ScopeKind::Global => Scope::Global,
                ScopeKind::Organisation => Scope::Organisation(1),
                ScopeKind::Council => Scope::Council(1),
            };
            let grants = [grant(role, scope)];
            assert!(!allows(&grants, Permission::ManageUsers, Scope::Global));
            assert!(!allows(
                &grants,
                Permission::ViewAdministration,
                Scope::Global
            ));
        }
        assert!(!allows(&[], Permission::ManageUsers, Scope::Global));
    }

    #[test]
    fn only_officers_manage_calls() {
        for role in Role::ALL {
            let Ok(g) = RoleGrant::new(role, Scope::Global) else {
                continue;
            };
            assert_eq!(
                allows(&[g], Permission::ManageCalls, Scope::Global),
                role == Role::Officer,
                "{role}"
            );
        }
    }

    #[test]
    fn a_host_organisation_keeps_and_confirms_for_its_own_organisation_only() {
        let host = [grant(Role::HostOrganisation, Scope::Organisation(7))];
        for p in [
            Permission::EditOrganisationDetails,
            Permission::ConfirmApplications,
        ] {
            assert!(allows(&host, p, Scope::Organisation(7)));
            assert!(!allows(&host, p, Scope::Organisation(8)));
        }
        assert_eq!(hosted_organisations(&host), vec![7]);
        let admin = [grant(Role::Admin, Scope::Global)];
        assert_eq!(hosted_organisations(&admin), Vec::<i64>::new());
        assert!(allows(
            &admin,
            Permission::EditOrganisationDetails,
            Scope::Organisation(8)
        ));
        // Confirming is the organisation's own act, not an administrator's.
        assert!(!allows(
            &admin,
            Permission::ConfirmApplications,
            Scope::Organisation(8)
        ));
    }

    #[test]
    fn a_scoped_grant_covers_only_its_own_target() {
        assert!(Scope::Global.covers(Scope::Council(2)));
        assert!(Scope::Council(2).covers(Scope::Council(2)));
        assert!(!Scope::Council(2).covers(Scope::Council(3)));
        assert!(!Scope::Council(2).covers(Scope::Organisation(2)));
        assert!(!Scope::Organisation(1).covers(Scope::Global));
    }

    #[test]
    fn a_unit_manages_its_own_records_and_the_department_sees_them_all() {
        let department = [grant(Role::Officer, Scope::Global)];
        let unit = [grant(Role::Officer, Scope::Organisation(4))];
        let own = Scope::managed_by(Some(4));
        let other = Scope::managed_by(Some(5));
        let provincial = Scope::managed_by(None);
        assert_eq!(provincial, Scope::Global);
        for p in [Permission::ManageCalls, Permission::CheckApplications] {
            assert!(manages(&unit, p, own));
            assert!(!manages(&unit, p, other));
            assert!(!manages(&unit, p, provincial));
            assert!(manages(&department, p, provincial));
            assert!(
                !manages(&department, p, own),
                "the department does not run a unit's"
            );
            assert!(allows(&department, p, own), "but sees it");
            assert!(!allows(&unit, p, provincial));
            assert!(!allows(&unit, p, other));
        }
        assert_eq!(managed_units(&unit, Permission::ManageCalls), vec![4]);
        assert!(managed_units(&department, Permission::ManageCalls).is_empty());
        // A host organisation's representative is not the unit's staff.
        let host = [grant(Role::HostOrganisation, Scope::Organisation(4))];
        assert!(!manages(&host, Permission::ManageCalls, own));
        assert!(managed_units(&host, Permission::ManageCalls).is_empty());
        let leader = grant(Role::Leader, Scope::Organisation(4));
        assert_eq!(leader.label(Lang::Vi), "Lãnh đạo đơn vị quản lý");
        assert_eq!(
            grant(Role::Leader, Scope::Global).label(Lang::Vi),
            "Lãnh đạo Sở"
        );
        // The audit trail and the province's orders stay the department's.
        for p in [Permission::ReadAuditTrail, Permission::ManageProposals] {
            assert!(!manages(&unit, p, own), "{p:?}");
            assert!(managed_units(&unit, p).is_empty(), "{p:?}");
            assert!(manages(&department, p, provincial), "{p:?}");
        }
    }

    #[test]
    fn a_unit_keeps_its_own_book_and_the_fund_keeps_the_fund_s() {
        let fund = [
            grant(Role::FundAccountant, Scope::Global),
            grant(Role::FundDirector, Scope::Global),
        ];
        let unit = [
            grant(Role::FundAccountant, Scope::Organisation(4)),
            grant(Role::FundDirector, Scope::Organisation(4)),
        ];
        let (own, other, provincial) = (
            Scope::managed_by(Some(4)),
            Scope::managed_by(Some(5)),
            Scope::Global,
        );
        for p in [
            Permission::RecordFundReceipts,
            Permission::PreparePayments,
            Permission::ApprovePayments,
            Permission::ViewFund,
        ] {
            assert!(manages(&unit, p, own), "{p:?}");
            assert!(!manages(&unit, p, other), "{p:?}");
            assert!(!manages(&unit, p, provincial), "{p:?}");
            assert!(manages(&fund, p, provincial), "{p:?}");
            assert!(
                !manages(&fund, p, own),
                "{p:?}: the fund does not pay a unit's"
            );
        }
        // The unit's money people run nothing else of the unit's.
        assert!(!manages(&unit, Permission::ManageCalls, own));
        assert!(!manages(&unit, Permission::SignContracts, own));
        assert_eq!(unit[0].label(Lang::Vi), "Kế toán đơn vị quản lý");
        assert_eq!(fund[1].label(Lang::Vi), "Giám đốc Quỹ");
        // The unit's officer and leader read its book, and keep nothing in it.
        let staff = [
            grant(Role::Officer, Scope::Organisation(4)),
            grant(Role::Leader, Scope::Organisation(4)),
        ];
        assert!(manages(&staff, Permission::ViewFund, own));
        assert!(!manages(&staff, Permission::PreparePayments, own));
        assert!(!manages(&staff, Permission::ApprovePayments, own));
    }

    fn any_role() -> impl Strategy<Value = Role> {
        (0..Role::ALL.len()).prop_map(|i| Role::ALL[i])
    }

    proptest! {
        /// Adding a grant never takes a permission away, and the order of grants never matters.
        #[test]
        fn permissions_are_monotonic_and_order_free(
            roles in proptest::collection::vec(any_role(), 0..6),
            extra in any_role(),
        ) {
            let mut grants: Vec<RoleGrant> = roles
                .iter()
                .filter_map(|r| RoleGrant::new(*r, Scope::Global).ok())
                .collect();
            let before = allows(&grants, Permission::ManageUsers, Scope::Global);
            grants.reverse();
            prop_assert_eq!(before, allows(&grants, Permission::ManageUsers, Scope::Global));
            if let Ok(g) = RoleGrant::new(extra, Scope::Global) {
                grants.push(g);
            }
            prop_assert!(!before || allows(&grants, Permission::ManageUsers, Scope::Global));
        }
    }

    #[test]
    fn the_author_and_the_team_never_decide_their_dossier() {
        assert!(decides_own_case(7, 7, &[]));
        assert!(decides_own_case(8, 7, &[8, 9]));
        assert!(!decides_own_case(10, 7, &[8, 9]));
    }
}
