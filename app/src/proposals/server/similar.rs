//! Earlier tasks and other proposals close to a proposal (`domain::similarity`): the database
//! keeps the rows sharing one of the proposal's longest syllable pairs (a LIKE on the folded
//! text, a bounded number of rows), and the domain ranks them.

use domain::similarity::{probes, rank, Close, Earlier, EarlierKind};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::entities::{application, proposal};
use crate::error::AppError;

/// How many pairs are looked for: the longest say most about the subject.
const PROBES: usize = 6;
/// Rows of each kind read for ranking at most, newest first.
const CANDIDATES: u64 = 300;
/// How many close records are shown.
pub const SHOWN: usize = 5;

fn like_any(column: impl ColumnTrait + Copy, pairs: &[String]) -> Condition {
    pairs.iter().fold(Condition::any(), |c, p| {
        c.add(column.like(format!("%{}%", p.replace(['%', '_', '\\'], ""))))
    })
}

/// The records closest to `text` (a proposal's title and keywords), leaving out proposal `me`.
pub async fn close_to(
    db: &impl ConnectionTrait,
    me: i32,
    text: &str,
) -> Result<Vec<Close>, AppError> {
    let pairs = probes(text, PROBES);
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let not_drafts = ["draft", "withdrawn"];
    let proposals: Vec<(i32, String, String)> = proposal::Entity::find()
        .select_only()
        .columns([
            proposal::Column::Id,
            proposal::Column::Title,
            proposal::Column::SearchFolded,
        ])
        .filter(proposal::Column::Id.ne(me))
        .filter(proposal::Column::Status.is_not_in(not_drafts))
        .filter(like_any(proposal::Column::SearchFolded, &pairs))
        .order_by_desc(proposal::Column::Id)
        .limit(CANDIDATES)
        .into_tuple()
        .all(db)
        .await?;
    let tasks: Vec<(i32, String, String)> = application::Entity::find()
        .select_only()
        .columns([
            application::Column::Id,
            application::Column::Title,
            application::Column::TitleFolded,
        ])
        .filter(application::Column::Status.is_not_in(not_drafts))
        .filter(like_any(application::Column::TitleFolded, &pairs))
        .order_by_desc(application::Column::Id)
        .limit(CANDIDATES)
        .into_tuple()
        .all(db)
        .await?;
    let earlier: Vec<Earlier> = proposals
        .into_iter()
        .map(|r| (EarlierKind::Proposal, r))
        .chain(tasks.into_iter().map(|r| (EarlierKind::Task, r)))
        .map(|(kind, (id, title, text))| Earlier {
            kind,
            id: id.into(),
            title,
            text,
        })
        .collect();
    Ok(rank(text, &earlier, SHOWN))
}
