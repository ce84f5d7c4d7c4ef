//! Files the server sends on `GET`: exports, open data and attachments.

use super::{Access, Download, Party};
use domain::roles::Permission;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file someone uploaded, sent as the kind it was accepted as: documented as each kind
/// uploads accept (`domain::attachment::FileKind`).
pub const STORED_FILE: &str = "application/octet-stream";

pub fn downloads() -> Vec<Download> {
    vec![
        Download {
            path: "/exports/contracts/{id}/acceptance.pdf",
            access: Access::Parties(
                Party::TaskReaders,
                &[Permission::SuperviseTasks, Permission::ViewFund],
            ),
            summary: (
                "Biên bản họp hội đồng nghiệm thu (sau khi kết luận)",
                "Minutes of the acceptance council (once concluded)",
            ),
            content_type: "application/pdf",
            query: &[],
            schema: None,
        },
        Download {
            path: "/open-data/tasks.csv",
            access: Access::Public,
            summary: (
                "Dữ liệu mở: nhiệm vụ được tài trợ (CSV, UTF-8)",
                "Open data: funded tasks (CSV, UTF-8)",
            ),
            content_type: "text/csv",
            query: &["q", "status", "level", "year", "host", "rating", "sort"],
            schema: None,
        },
        Download {
            path: "/open-data/tasks.json",
            access: Access::Public,
            summary: (
                "Dữ liệu mở: nhiệm vụ được tài trợ (JSON)",
                "Open data: funded tasks (JSON)",
            ),
            content_type: "application/json",
            query: &["q", "status", "level", "year", "host", "rating", "sort"],
            schema: Some(|g| g.subschema_for::<Vec<crate::portal::api::PublicTask>>()),
        },
        Download {
            path: "/open-data/schema.json",
            access: Access::Public,
            summary: (
                "Lược đồ (JSON Schema) của dữ liệu mở",
                "The open data's JSON Schema",
            ),
            content_type: "application/schema+json",
            query: &[],
            schema: Some(|_| schemars::json_schema!({ "type": "object" })),
        },
        Download {
            path: "/files/attachments/{id}",
            access: Access::Parties(Party::DossierReaders, &[Permission::CheckApplications]),
            summary: ("Tải tệp đính kèm", "Download an attachment"),
            content_type: STORED_FILE,
            query: &[],
            schema: None,
        },
    ]
    .into_iter()
    .chain(exports())
    .chain(minutes())
    .chain(programme())
    .collect()
}

/// The programme's dashboard: an entered figure's evidence, a year's workbook.
fn programme() -> Vec<Download> {
    vec![
        Download {
            path: "/files/programme/figures/{id}",
            access: Access::Holds(&[Permission::ViewProgramme, Permission::ReportIndicators]),
            summary: (
                "Tệp minh chứng của số liệu chỉ tiêu (Sở và đơn vị phụ trách)",
                "The evidence of an indicator's figure (the department and the responsible unit)",
            ),
            content_type: STORED_FILE,
            query: &[],
            schema: None,
        },
        Download {
            path: "/exports/programme/{year}.xlsx",
            access: Access::Holds(&[Permission::ViewProgramme]),
            summary: (
                "Bảng theo dõi chương trình của một năm (.xlsx): chỉ tiêu và số liệu tính từ hệ thống",
                "The programme's dashboard for a year (.xlsx): indicators and the figures counted from the records",
            ),
            content_type: XLSX,
            query: &[],
            schema: None,
        },
    ]
}

/// Minutes of councils outside the selection engine's own exports.
fn minutes() -> Vec<Download> {
    vec![Download {
        path: "/exports/identification/{id}/minutes.pdf",
        access: Access::Parties(
            Party::Assessor,
            &[Permission::ManageProposals, Permission::ApproveOrders],
        ),
        summary: (
            "Biên bản họp hội đồng tư vấn xác định nhiệm vụ (sau khi họp xong)",
            "The identification council's minutes (once closed)",
        ),
        content_type: "application/pdf",
        query: &[],
        schema: None,
    }]
}

fn exports() -> Vec<Download> {
    vec![
        Download {
            path: "/exports/calls/{id}/applications.xlsx",
            access: Access::Holds(&[Permission::CheckApplications]),
            summary: (
                "Xuất hồ sơ đã nộp của một đợt ra Excel (lọc theo tình trạng như danh sách)",
                "Export a call's submitted applications to Excel (status filter as the list's)",
            ),
            content_type: XLSX,
            query: &["status"],
            schema: None,
        },
        Download {
            path: "/exports/fund/years/{year}/report.xlsx",
            access: Access::Holds(&[Permission::ViewFund]),
            summary: (
                "Báo cáo năm tài chính của Quỹ: đầu năm, cuối năm, phát sinh và mọi giao dịch",
                "The fund's fiscal-year report: opening, closing, movements and every transfer",
            ),
            content_type: XLSX,
            query: &[],
            schema: None,
        },
        Download {
            path: "/exports/calls/{id}/approval.pdf",
            access: Access::Holds(&[
                Permission::ApproveTasks,
                Permission::DraftContracts,
                Permission::ViewFund,
            ]),
            summary: (
                "Quyết định phê duyệt danh mục nhiệm vụ và kinh phí của một đợt",
                "A call's approval decision: tasks and amounts",
            ),
            content_type: "application/pdf",
            query: &[],
            schema: None,
        },
        Download {
            path: "/exports/rounds/{id}/ordered-list.pdf",
            access: Access::Holds(&[Permission::ManageProposals, Permission::ApproveOrders]),
            summary: (
                "Quyết định phê duyệt danh mục nhiệm vụ đặt hàng của một đợt đề xuất (sau khi ban hành)",
                "A proposal round's decision approving the ordered list (once issued)",
            ),
            content_type: "application/pdf",
            query: &[],
            schema: None,
        },
        Download {
            path: "/exports/councils/{id}/minutes.pdf",
            access: Access::Parties(Party::ChairOrSecretary, &[Permission::ManageCouncils]),
            summary: (
                "Biên bản họp hội đồng (sau khi kết thúc chấm; chủ tịch và thư ký)",
                "The council's minutes (after closing; its chair and secretary)",
            ),
            content_type: "application/pdf",
            query: &[],
            schema: None,
        },
        Download {
            path: "/exports/councils/{id}/scores.xlsx",
            access: Access::Parties(Party::ChairOrSecretary, &[Permission::ManageCouncils]),
            summary: (
                "Bảng tổng hợp điểm và từng phiếu chấm (sau khi kết thúc chấm; chủ tịch và thư ký)",
                "Score summary and every sheet (after closing; its chair and secretary)",
            ),
            content_type: XLSX,
            query: &[],
            schema: None,
        },
    ]
}
