pub mod api;
pub mod minutes;
pub mod pages;
