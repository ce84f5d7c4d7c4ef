//! The final payment an accepted task is owed when it earned more than its tranches brought
//! (`domain::settlement::Statement::final_payment_dong`): its amount on the close-out, and the
//! tranche added for it at the settlement's approval, paid like any other under four eyes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Closeouts {
    Table,
    FinalPaymentDong,
    FinalTrancheSeq,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            big_integer_null(Closeouts::FinalPaymentDong),
            integer_null(Closeouts::FinalTrancheSeq),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Closeouts::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Closeouts::FinalPaymentDong, Closeouts::FinalTrancheSeq] {
            m.alter_table(
                Table::alter()
                    .table(Closeouts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
