//! The public portal: funded tasks and open data.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod server;
pub mod task_page;
