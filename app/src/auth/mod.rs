pub mod api;
#[cfg(feature = "ssr")]
mod login;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
