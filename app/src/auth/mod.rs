pub mod api;
#[cfg(feature = "ssr")]
pub mod login;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
