//! Hydrates the page the server rendered. Routes load their page's code lazily, so hydration
//! waits for the current page's chunk (`hydrate_lazy`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
