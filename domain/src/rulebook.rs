//! The rulebook: every number the regulations set, versioned. A call pins the version in force
//! when it is published, so a later change never alters a running evaluation. The defaults are
//! the national texts provinces copied from (LEGAL-SOURCES.md); each province verifies them.

use serde::{Deserialize, Serialize};

use crate::application::TeamRole;

/// Labour coefficients in thousandths, so that arithmetic on money stays in integers
/// (TT 02/2023/TT-BKHCN: leader 1.0, scientific secretary 0.3, main member 0.8, member 0.4,
/// technician 0.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabourCoefficients {
    pub leader_permille: u32,
    pub secretary_permille: u32,
    pub main_member_permille: u32,
    pub member_permille: u32,
    pub technician_permille: u32,
}

impl LabourCoefficients {
    pub fn of(&self, role: TeamRole) -> u32 {
        match role {
            TeamRole::Leader => self.leader_permille,
            TeamRole::ScientificSecretary => self.secretary_permille,
            TeamRole::MainMember => self.main_member_permille,
            TeamRole::Member => self.member_permille,
            TeamRole::Technician => self.technician_permille,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rulebook {
    /// Increases with every change; calls store the version they pinned.
    pub version: u32,
    pub labour: LabourCoefficients,
    /// Đồng per working day at coefficient 1.0, the base of every labour line.
    pub labour_base_rate_dong_per_day: i64,
    /// Longest task a call may accept, in months.
    pub max_duration_months: u32,
    /// Whether the host organisation must confirm an application before the department sees it.
    pub host_confirmation_required: bool,
}

impl Rulebook {
    /// The defaults of DESIGN.md §4. The base rate is a configurable placeholder that the
    /// province sets from its own norms; it is not taken from a legal text.
    pub fn national_default() -> Rulebook {
        Rulebook {
            version: 1,
            labour: LabourCoefficients {
                leader_permille: 1000,
                secretary_permille: 300,
                main_member_permille: 800,
                member_permille: 400,
                technician_permille: 200,
            },
            labour_base_rate_dong_per_day: 500_000,
            max_duration_months: 36,
            host_confirmation_required: false,
        }
    }
}
