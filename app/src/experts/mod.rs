pub mod api;
pub mod apply_pages;
pub mod applying;
pub mod pages;
