//! The action programme's indicators (docs/programme.md): the catalogue an administrator keeps
//! (targets, where figures come from, the responsible unit, what the public sees), seeded with
//! the programme's 2030 targets, and the figures the responsible units enter each year with
//! their evidence, approved or returned by the department, every version kept.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    Code,
    Name,
    NameEn,
    Unit,
    UnitEn,
    Comparison,
    Target,
    TargetYear,
    Source,
    ResponsibleUnitId,
    Public,
    Position,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IndicatorFigures {
    Table,
    Id,
    IndicatorId,
    Year,
    Value,
    Note,
    EvidenceSha256,
    EvidenceName,
    EvidenceType,
    EvidenceBytes,
    State,
    EnteredBy,
    EnteredAt,
    DecidedBy,
    DecidedAt,
    Reason,
}

/// The programme's 2030 targets: code, name, English name, unit, English unit, comparison,
/// target in hundredths. All entered by a responsible unit, all public.
const SEED: [(&str, &str, &str, &str, &str, &str, i64); 11] = [
    (
        "rd_spending",
        "Chi cho nghiên cứu và phát triển so với GRDP",
        "R&D spending relative to GRDP",
        "% GRDP",
        "% of GRDP",
        "at_least",
        200,
    ),
    (
        "rd_from_society",
        "Tỷ trọng chi nghiên cứu và phát triển từ nguồn xã hội",
        "Share of R&D spending from society",
        "%",
        "%",
        "more_than",
        5000,
    ),
    (
        "budget_for_st",
        "Chi ngân sách tỉnh cho KH&CN, đổi mới sáng tạo và chuyển đổi số",
        "Provincial budget for S&T, innovation and digital transformation",
        "% tổng chi ngân sách",
        "% of the budget",
        "at_least",
        200,
    ),
    (
        "key_products_ip",
        "Sản phẩm chủ lực được hỗ trợ bảo hộ sở hữu trí tuệ",
        "Key products supported with IP protection",
        "%",
        "%",
        "at_least",
        6000,
    ),
    (
        "ocop_trademarks",
        "Sản phẩm OCOP có nhãn hiệu được đăng ký",
        "OCOP products with registered trademarks",
        "%",
        "%",
        "more_than",
        8500,
    ),
    (
        "gi_abroad",
        "Chỉ dẫn địa lý được bảo hộ ở nước ngoài",
        "Geographical indications protected abroad",
        "chỉ dẫn địa lý",
        "indications",
        "at_least",
        100,
    ),
    (
        "st_enterprises",
        "Doanh nghiệp khoa học và công nghệ",
        "S&T enterprises",
        "doanh nghiệp",
        "enterprises",
        "at_least",
        500,
    ),
    (
        "enterprise_st_funds",
        "Quỹ phát triển KH&CN của doanh nghiệp",
        "Enterprise S&T development funds",
        "quỹ",
        "funds",
        "more_than",
        3000,
    ),
    (
        "innovating_enterprises",
        "Doanh nghiệp có hoạt động nghiên cứu và phát triển hoặc đổi mới công nghệ",
        "Enterprises with R&D or technology innovation",
        "% doanh nghiệp",
        "% of enterprises",
        "more_than",
        4500,
    ),
    (
        "st_workforce",
        "Nhân lực KH&CN trên tổng số lao động",
        "S&T workforce in the total workforce",
        "%",
        "%",
        "at_least",
        600,
    ),
    (
        "documents_digitised",
        "Hồ sơ, tài liệu được số hóa",
        "Documents digitised",
        "%",
        "%",
        "at_least",
        10000,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Indicators::Table)
                .col(pk_auto(Indicators::Id))
                .col(string_len(Indicators::Code, 60).unique_key())
                .col(string_len(Indicators::Name, 300))
                .col(string_len(Indicators::NameEn, 300))
                .col(string_len(Indicators::Unit, 60))
                .col(string_len(Indicators::UnitEn, 60))
                .col(string_len(Indicators::Comparison, 20))
                .col(big_integer(Indicators::Target))
                .col(integer(Indicators::TargetYear))
                .col(string_len(Indicators::Source, 40))
                .col(integer_null(Indicators::ResponsibleUnitId))
                .col(boolean(Indicators::Public))
                .col(integer(Indicators::Position))
                .col(timestamp_with_time_zone_null(Indicators::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IndicatorFigures::Table)
                .col(pk_auto(IndicatorFigures::Id))
                .col(integer(IndicatorFigures::IndicatorId))
                .col(integer(IndicatorFigures::Year))
                .col(big_integer(IndicatorFigures::Value))
                .col(text(IndicatorFigures::Note))
                .col(string_len(IndicatorFigures::EvidenceSha256, 64))
                .col(string_len(IndicatorFigures::EvidenceName, 255))
                .col(string_len(IndicatorFigures::EvidenceType, 100))
                .col(big_integer(IndicatorFigures::EvidenceBytes))
                .col(string_len(IndicatorFigures::State, 20))
                .col(integer(IndicatorFigures::EnteredBy))
                .col(timestamp_with_time_zone(IndicatorFigures::EnteredAt))
                .col(integer_null(IndicatorFigures::DecidedBy))
                .col(timestamp_with_time_zone_null(IndicatorFigures::DecidedAt))
                .col(text(IndicatorFigures::Reason))
                .foreign_key(
                    ForeignKey::create()
                        .from(IndicatorFigures::Table, IndicatorFigures::IndicatorId)
                        .to(Indicators::Table, Indicators::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_indicator_figures_indicator_year")
                .table(IndicatorFigures::Table)
                .col(IndicatorFigures::IndicatorId)
                .col(IndicatorFigures::Year)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_indicator_figures_state")
                .table(IndicatorFigures::Table)
                .col(IndicatorFigures::State)
                .to_owned(),
        )
        .await?;
        seed(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(IndicatorFigures::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Indicators::Table).to_owned())
            .await
    }
}

async fn seed(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut insert = Query::insert()
        .into_table(Indicators::Table)
        .columns([
            Indicators::Code,
            Indicators::Name,
            Indicators::NameEn,
            Indicators::Unit,
            Indicators::UnitEn,
            Indicators::Comparison,
            Indicators::Target,
            Indicators::TargetYear,
            Indicators::Source,
            Indicators::Public,
            Indicators::Position,
        ])
        .to_owned();
    for (i, (code, name, name_en, unit, unit_en, comparison, target)) in SEED.iter().enumerate() {
        insert.values_panic([
            (*code).into(),
            (*name).into(),
            (*name_en).into(),
            (*unit).into(),
            (*unit_en).into(),
            (*comparison).into(),
            (*target).into(),
            2030.into(),
            "entered".into(),
            true.into(),
            (i as i32 + 1).into(),
        ]);
    }
    m.exec_stmt(insert).await
}
