//! Text no database keeps: PostgreSQL refuses a NUL character (U+0000) in any text column, and
//! SQLite would keep it where PostgreSQL cannot. Every server function's JSON body is looked
//! through once, before the function runs, and a NUL anywhere is refused at its field
//! (`FormProblem::NulCharacter`, 422), so both databases answer the same. Found by fuzzing on
//! PostgreSQL (issue 12).

use serde_json::Value;

/// The path (`form.team.1.name`, as the error's field) of the first string or key holding a NUL.
pub fn nul_path(v: &Value) -> Option<String> {
    fn walk(v: &Value, path: &mut Vec<String>) -> Option<String> {
        let here = |path: &[String]| path.join(".");
        match v {
            Value::String(s) if s.contains('\0') => Some(here(path)),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| {
                path.push(i.to_string());
                let found = walk(x, path);
                path.pop();
                found
            }),
            Value::Object(map) => map.iter().find_map(|(k, x)| {
                path.push(k.clone());
                let found = if k.contains('\0') {
                    Some(here(path))
                } else {
                    walk(x, path)
                };
                path.pop();
                found
            }),
            _ => None,
        }
    }
    walk(v, &mut Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nul_is_found_where_it_is() {
        assert_eq!(
            nul_path(&json!({ "form": { "title": "Đề tài", "team": [{ "name": "a" }] } })),
            None
        );
        let v = json!({ "form": { "team": [{ "name": "a" }, { "name": "b\u{0}c" }] } });
        assert_eq!(nul_path(&v).as_deref(), Some("form.team.1.name"));
        assert_eq!(nul_path(&json!({ "x\u{0}": 1 })).as_deref(), Some("x\u{0}"));
        assert_eq!(nul_path(&json!("\u{0}")).as_deref(), Some(""));
    }
}
