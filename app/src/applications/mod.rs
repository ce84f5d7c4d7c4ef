pub mod api;
pub mod editor;
pub mod pages;
