//! The action programme's dashboard: the catalogue, entered figures and their approval.

use super::{endpoint, multipart, Access, Endpoint};
use crate::programme::api as p;
use domain::programme::Decision;
use domain::roles::Permission;
use serde::Serialize;

/// The fields of a figure's entry, in the order the server reads them.
#[derive(Serialize, schemars::JsonSchema)]
pub struct FigureForm {
    pub indicator_id: i32,
    /// The year the figure is for.
    pub year: String,
    /// As people write it: `2,5`.
    pub value: String,
    pub note: String,
    /// The evidence file's bytes.
    #[schemars(extend("format" = "binary"))]
    pub file: String,
}

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Public,
            ("Kết quả chương trình công khai: các chỉ tiêu công khai và số liệu tính từ hệ thống theo năm", "The programme's public results: the public indicators and the figures counted from the records by year"),
            p::PublicProgramme { year: Some(2026) },
        ),
        endpoint(
            Access::Holds(&[Permission::ViewProgramme, Permission::ReportIndicators]),
            ("Bảng theo dõi chương trình: chỉ tiêu, số liệu năm, tiến độ, số liệu chờ duyệt (đơn vị chỉ thấy chỉ tiêu mình phụ trách)", "The programme's dashboard: indicators, the year's figures, progress, figures awaiting approval (a unit sees only its own indicators)"),
            p::ProgrammeDashboard { year: Some(2026) },
        ),
        multipart::<p::SubmitFigure, FigureForm>(
            Access::Holds(&[Permission::ReportIndicators]),
            ("Đơn vị phụ trách nhập số liệu năm của chỉ tiêu, kèm tệp minh chứng; chờ Sở duyệt", "The responsible unit enters an indicator's figure for a year with an evidence file; awaits approval"),
            &FigureForm {
                indicator_id: 1,
                year: "2026".into(),
                value: "1,8".into(),
                note: "Theo số liệu thống kê của Cục Thống kê tỉnh".into(),
                file: "minh-chung.pdf".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveIndicators]),
            ("Duyệt hoặc trả lại (có lý do) số liệu đơn vị đã nhập; không ai tự duyệt số liệu của mình", "Approve or return (with the reason) a figure a unit entered; nobody approves their own"),
            p::DecideFigure { id: 1, decision: Decision::Approve, reason: String::new() },
        ),
        endpoint(
            Access::Holds(&[Permission::ViewProgramme, Permission::ReportIndicators]),
            ("Lịch sử số liệu của một chỉ tiêu: mọi lần nhập, người nhập, quyết định", "An indicator's figures: every entry, who entered it, what was decided"),
            p::FigureHistory { indicator_id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageIndicators]),
            ("Thêm hoặc sửa chỉ tiêu: mục tiêu, năm, nguồn số liệu, đơn vị phụ trách, công khai", "Add or change an indicator: target, year, source, responsible unit, public"),
            p::SaveIndicator {
                input: p::IndicatorInput {
                    id: None,
                    code: "patents_granted".into(),
                    name: "Văn bằng bảo hộ sáng chế được cấp".into(),
                    name_en: "Patents granted".into(),
                    unit: "văn bằng".into(),
                    unit_en: "patents".into(),
                    comparison: "at_least".into(),
                    target: "20".into(),
                    target_year: 2030,
                    source: "entered".into(),
                    responsible_unit_id: None,
                    public: true,
                },
            },
        ),
    ]
}
