pub mod api;
pub mod attachments;
pub mod editor;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
