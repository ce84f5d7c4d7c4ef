//! The audit trail: a dossier's history, the whole trail, the chain's check.

use super::{endpoint, Access, Endpoint, Party};
use domain::roles::Permission;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Parties(Party::DossierReaders, &[Permission::ReadAuditTrail]),
            (
                "Lịch sử hồ sơ và nhiệm vụ: ai, khi nào, việc gì, lý do",
                "A dossier's and its task's history: who, when, what, why",
            ),
            crate::audit::api::DossierHistory {
                application_id: 1,
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ReadAuditTrail]),
            (
                "Toàn bộ nhật ký kiểm toán, mới nhất trước",
                "The whole audit trail, newest first",
            ),
            crate::audit::api::ListAudit {
                subject_type: Some("contract".into()),
                subject_id: Some(1),
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::VerifyAuditTrail]),
            (
                "Kiểm tra chuỗi băm của nhật ký; nêu chỗ đứt đầu tiên",
                "Verify the audit trail's hash chain; name the first break",
            ),
            crate::audit::api::VerifyAudit {},
        ),
    ]
}
