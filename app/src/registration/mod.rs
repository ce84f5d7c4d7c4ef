//! People reaching the system by themselves (docs/registration.md): a researcher registers and
//! confirms the address by a link; an organisation asks to be recognised by its tax code and the
//! department decides; staff ask to join an organisation and its representative decides.
//! `api.rs` the server functions and DTOs, `signup.rs` and `requests.rs` their bodies,
//! `pages.rs` and `decide_pages.rs` the pages.

pub mod api;
pub mod decide_pages;
pub mod pages;
#[cfg(feature = "ssr")]
mod requests;
#[cfg(feature = "ssr")]
mod signup;

/// A refused decision at its field: the reason of a refusal at `reason`, the rest at `verdict`.
#[cfg(feature = "ssr")]
pub(crate) fn decide_error(p: domain::registration::DecideProblem) -> crate::error::AppError {
    let field = match p {
        domain::registration::DecideProblem::ReasonRequired => "reason",
        _ => "verdict",
    };
    crate::error::AppError::invalid(field, crate::error::Problem::Decide(p))
}
