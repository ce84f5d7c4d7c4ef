pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
