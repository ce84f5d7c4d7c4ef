//! Typed JSON in a text column: a dossier's form, a CV, a council sheet, a contract's terms.
//! The entity names the Rust type (`Json<ApplicationForm>`); reading parses it and writing
//! serialises it here, once, instead of at every use. The column stays TEXT on SQLite and
//! PostgreSQL alike, so the stored documents read the same in both and in a dump.

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A value of `T` stored as JSON text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

impl<T: Serialize> From<Json<T>> for Value {
    fn from(j: Json<T>) -> Value {
        // The stored types are plain data (structs, enums, lists, string-keyed maps), which
        // serde_json always serialises; `stored_types_round_trip` below holds each of them.
        let text = serde_json::to_string(&j.0).expect("plain data serialises to JSON");
        Value::String(Some(text))
    }
}

impl<T: DeserializeOwned> TryGetable for Json<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, idx)?;
        parse(&text).map(Json).map_err(|e| {
            TryGetError::DbErr(DbErr::TryIntoErr {
                from: "String",
                into: std::any::type_name::<T>(),
                source: std::sync::Arc::new(e),
            })
        })
    }
}

impl<T: DeserializeOwned> ValueType for Json<T> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(v)?;
        parse(&text).map(Json).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        format!("Json<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

impl<T: Serialize + DeserializeOwned> Nullable for Json<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: Serialize + DeserializeOwned> sea_orm::IntoActiveValue<Json<T>> for Json<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<Json<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T>(value: T)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Clone,
    {
        let stored: Value = Json(value.clone()).into();
        assert!(matches!(&stored, Value::String(Some(_))), "stored as text");
        let back = <Json<T> as ValueType>::try_from(stored).expect("reads back");
        assert_eq!(back.0, value);
    }

    #[test]
    fn stored_types_round_trip() {
        use domain::*;
        round_trip(application::ApplicationForm::default());
        round_trip(Vec::<attachment::AttachedFile>::new());
        round_trip(cv::ScientificCv::default());
        round_trip(rulebook::Rulebook::national_default());
        round_trip(vec![String::from("Khoa học nông nghiệp")]);
        round_trip(council::ConflictReason::Declared {
            note: "Đồng tác giả".into(),
        });
        round_trip(scoring::SheetEntry {
            scores: vec![Some(8), None],
            comments: vec!["Tốt".into(), String::new()],
        });
        round_trip(execution::ProgressReport::default());
        round_trip(settlement::Compliance::default());
        round_trip(settlement::Declaration::default());
        round_trip(execution::Registration::default());
        round_trip(contract::Terms::default());
        round_trip(Vec::<appraisal::LineChange>::new());
        round_trip(serde_json::json!({ "payment": 1 }));
    }

    #[test]
    fn text_that_is_not_the_type_is_an_error_not_a_default() {
        let stored = Value::String(Some("{\"not\": \"a form\"}".into()));
        assert!(<Json<Vec<String>> as ValueType>::try_from(stored).is_err());
    }
}
