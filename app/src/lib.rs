//! The Leptos application: shell, routes and one module per feature. Each feature keeps its
//! server functions in `api.rs` (compiled for both targets; bodies behind `ssr`) and its pages in
//! `pages.rs`.

pub mod admin;
pub mod applications;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod calls;
pub mod components;
pub mod confirm;
pub mod councils;
pub mod cv;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod execution;
pub mod experts;
pub mod fields;
pub mod fund;
pub mod home;
pub mod i18n;
pub mod identification;
#[cfg(feature = "ssr")]
pub mod kit;
pub mod letters;
pub mod list;
pub mod notifications;
pub mod organisations;
#[cfg(feature = "ssr")]
pub mod pdf;
pub mod portal;
pub mod programme;
pub mod proposals;
pub mod registration;
pub mod registry;
pub mod rulebooks;
pub mod setup;
pub mod tasks;
pub mod titles;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

use crate::auth::api::{get_session, SessionInfo};
use crate::components::{Layout, NotFound};
use crate::i18n::{initial_lang, LangSignal};

/// The signed-in state, shared by every page; `refresh` after signing in or out.
#[derive(Clone, Copy)]
pub struct SessionCtx {
    pub info: Resource<Result<SessionInfo, error::AppError>>,
    version: RwSignal<u32>,
}

impl SessionCtx {
    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

/// Keeps the document's title in step with the page and the language, in the browser.
#[component]
fn TitleSync(lang: RwSignal<domain::Lang>) -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |_| {
            document().set_title(&titles::title_for(&location.pathname.get(), lang.get()))
        });
    }
    #[cfg(feature = "ssr")]
    let _ = lang;
}

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    // The page's own title, from the address the server answers.
    #[cfg(feature = "ssr")]
    let path = use_context::<http::request::Parts>()
        .map(|p| p.uri.path().to_string())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let path = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="data:," />
                <title inner_html=titles::escaped(&titles::title_for(&path, lang))></title>
                // Keeps what is typed and pressed before hydration (public/early.js).
                <script src="/early.js" defer></script>
                <HydrationScripts options=options.clone() />
                <link rel="stylesheet" id="leptos" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name) />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A route whose page is loaded on first visit, in its own WebAssembly chunk (built with
/// `cargo leptos build --split`): the first page a person opens downloads only what it shows.
macro_rules! lazy_pages {
    ($($name:ident => $page:path),* $(,)?) => {$(
        struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                components::mark_page_ready();
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    LazyProfile => auth::pages::ProfilePage,
    LazyNotifications => notifications::pages::NotificationsPage,
    LazyForgotPassword => auth::reset_pages::ForgotPasswordPage,
    LazyResetPassword => auth::reset_pages::ResetPasswordPage,
    LazyRegister => registration::pages::RegisterPage,
    LazyConfirmEmail => registration::pages::ConfirmEmailPage,
    LazyMyOrganisation => registration::pages::MyOrganisationPage,
    LazyOrganisationRequests => registration::decide_pages::OrganisationRequestsPage,
    LazyStaffRequests => registration::decide_pages::StaffRequestsPage,
    LazyCv => cv::pages::CvPage,
    LazySetup => setup::pages::SetupPage,
    LazyUsers => admin::pages::UsersPage,
    LazyUser => admin::pages::UserPage,
    LazyOrganisations => admin::pages::OrganisationsPage,
    LazyRulebook => rulebooks::pages::RulebookPage,
    LazyAudit => audit::pages::AuditPage,
    LazyOrganisation => organisations::pages::OrganisationPage,
    LazyCalls => calls::pages::CallsPage,
    LazyNewCall => calls::pages::NewCallPage,
    LazyCall => calls::pages::CallPage,
    LazyEditCall => calls::pages::EditCallPage,
    LazyLetters => letters::pages::LettersPage,
    LazyMyApplications => applications::pages::MyApplicationsPage,
    LazyReview => applications::pages::ReviewListPage,
    LazyHostQueue => applications::pages::HostQueuePage,
    LazyApplication => applications::pages::ApplicationPage,
    LazyEditApplication => applications::editor::EditApplicationPage,
    LazyApiDocs => registry::ApiDocsPage,
    LazyCouncils => councils::pages::CouncilsPage,
    LazyExperts => experts::pages::ExpertsPage,
    LazyApplyExpert => experts::apply_pages::ApplyExpertPage,
    LazyFund => fund::pages::FundPage,
    LazyReconcile => fund::pages::ReconcilePage,
    LazyContracts => fund::pages::ContractsPage,
    LazyContract => fund::pages::ContractPage,
    LazyPayments => fund::pages::PaymentsPage,
    LazyTasks => tasks::pages::TasksPage,
    LazyCouncil => councils::pages::CouncilPage,
    LazySheet => councils::pages::SheetPage,
    LazyPaperSheet => councils::pages::PaperSheetPage,
    LazyMinutes => councils::minutes::MinutesPage,
    LazyResults => councils::pages::ResultsPage,
    LazyPublicTasks => portal::pages::PublicTasksPage,
    LazyPublicTask => portal::task_page::PublicTaskPage,
    LazyProgramme => programme::pages::ProgrammePage,
    LazyPublicProgramme => programme::pages::PublicProgrammePage,
    LazyAcceptanceMinutes => execution::minutes::AcceptanceMinutesPage,
    LazyProposals => proposals::pages::ProposalsPage,
    LazyRound => proposals::pages::round::RoundPage,
    LazyNewProposal => proposals::pages::editor::NewProposalPage,
    LazyEditProposal => proposals::pages::editor::EditProposalPage,
    LazyProposal => proposals::pages::view::ProposalPage,
    LazyIdentification => identification::pages::IdentificationPage,
    LazyBallot => identification::pages::BallotPage,
    LazyIdentificationMinutes => identification::minutes::IdentificationMinutesPage,
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = RwSignal::new(initial_lang());
    provide_context(LangSignal(lang));
    let version = RwSignal::new(0u32);
    let info = Resource::new(move || version.get(), |_| get_session());
    provide_context(SessionCtx { info, version });
    // The title is written by the shell in the first language and kept in step by this effect
    // in the browser: a reactive <Title> read after the request's owner is gone panicked under
    // load (bench_lists, 64 clients).
    view! {
        <Router>
            <TitleSync lang />
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::pages::HomePage />
                    <Route path=path!("/login") view=auth::pages::LoginPage />
                    <Route path=path!("/profile") view={Lazy::<LazyProfile>::new()} />
                    <Route path=path!("/notifications") view={Lazy::<LazyNotifications>::new()} />
                    <Route path=path!("/forgot-password") view={Lazy::<LazyForgotPassword>::new()} />
                    <Route path=path!("/reset-password") view={Lazy::<LazyResetPassword>::new()} />
                    <Route path=path!("/register") view={Lazy::<LazyRegister>::new()} />
                    <Route path=path!("/confirm-email") view={Lazy::<LazyConfirmEmail>::new()} />
                    <Route path=path!("/my-organisation") view={Lazy::<LazyMyOrganisation>::new()} />
                    <Route path=path!("/registrations") view={Lazy::<LazyOrganisationRequests>::new()} />
                    <Route path=path!("/registrations/staff") view={Lazy::<LazyStaffRequests>::new()} />
                    <Route path=path!("/profile/cv") view={Lazy::<LazyCv>::new()} />
                    <Route path=path!("/setup") view={Lazy::<LazySetup>::new()} />
                    <Route path=path!("/admin/users") view={Lazy::<LazyUsers>::new()} />
                    <Route path=path!("/admin/users/:id") view={Lazy::<LazyUser>::new()} />
                    <Route path=path!("/admin/organisations") view={Lazy::<LazyOrganisations>::new()} />
                    <Route path=path!("/admin/rulebook") view={Lazy::<LazyRulebook>::new()} />
                    <Route path=path!("/admin/audit") view={Lazy::<LazyAudit>::new()} />
                    <Route path=path!("/organisations/:id") view={Lazy::<LazyOrganisation>::new()} />
                    <Route path=path!("/calls") view={Lazy::<LazyCalls>::new()} />
                    <Route path=path!("/calls/new") view={Lazy::<LazyNewCall>::new()} />
                    <Route path=path!("/calls/:id") view={Lazy::<LazyCall>::new()} />
                    <Route path=path!("/calls/:id/edit") view={Lazy::<LazyEditCall>::new()} />
                    <Route path=path!("/calls/:id/letters") view={Lazy::<LazyLetters>::new()} />
                    <Route path=path!("/applications") view={Lazy::<LazyMyApplications>::new()} />
                    <Route path=path!("/applications/review") view={Lazy::<LazyReview>::new()} />
                    <Route path=path!("/applications/host") view={Lazy::<LazyHostQueue>::new()} />
                    <Route path=path!("/applications/:id") view={Lazy::<LazyApplication>::new()} />
                    <Route path=path!("/applications/:id/edit") view={Lazy::<LazyEditApplication>::new()} />
                    <Route path=path!("/api") view={Lazy::<LazyApiDocs>::new()} />
                    <Route path=path!("/public/tasks") view={Lazy::<LazyPublicTasks>::new()} />
                    <Route path=path!("/public/tasks/:id") view={Lazy::<LazyPublicTask>::new()} />
                    <Route path=path!("/public/programme") view={Lazy::<LazyPublicProgramme>::new()} />
                    <Route path=path!("/programme") view={Lazy::<LazyProgramme>::new()} />
                    <Route path=path!("/councils") view={Lazy::<LazyCouncils>::new()} />
                    <Route path=path!("/experts") view={Lazy::<LazyExperts>::new()} />
                    <Route path=path!("/experts/apply") view={Lazy::<LazyApplyExpert>::new()} />
                    <Route path=path!("/fund") view={Lazy::<LazyFund>::new()} />
                    <Route path=path!("/fund/reconcile") view={Lazy::<LazyReconcile>::new()} />
                    <Route path=path!("/contracts") view={Lazy::<LazyContracts>::new()} />
                    <Route path=path!("/contracts/:id") view={Lazy::<LazyContract>::new()} />
                    <Route path=path!("/contracts/:id/acceptance") view={Lazy::<LazyAcceptanceMinutes>::new()} />
                    <Route path=path!("/payments") view={Lazy::<LazyPayments>::new()} />
                    <Route path=path!("/tasks") view={Lazy::<LazyTasks>::new()} />
                    <Route path=path!("/councils/:id") view={Lazy::<LazyCouncil>::new()} />
                    <Route path=path!("/councils/:id/sheets/:app") view={Lazy::<LazySheet>::new()} />
                    <Route path=path!("/councils/:id/results") view={Lazy::<LazyResults>::new()} />
                    <Route path=path!("/councils/:id/paper/:app/:user") view={Lazy::<LazyPaperSheet>::new()} />
                    <Route path=path!("/councils/:id/minutes") view={Lazy::<LazyMinutes>::new()} />
                    <Route path=path!("/proposals") view={Lazy::<LazyProposals>::new()} />
                    <Route path=path!("/proposals/new") view={Lazy::<LazyNewProposal>::new()} />
                    <Route path=path!("/proposals/rounds/:id") view={Lazy::<LazyRound>::new()} />
                    <Route path=path!("/proposals/councils/:id") view={Lazy::<LazyIdentification>::new()} />
                    <Route path=path!("/proposals/councils/:id/ballots/:proposal") view={Lazy::<LazyBallot>::new()} />
                    <Route path=path!("/proposals/councils/:id/minutes") view={Lazy::<LazyIdentificationMinutes>::new()} />
                    <Route path=path!("/proposals/:id") view={Lazy::<LazyProposal>::new()} />
                    <Route path=path!("/proposals/:id/edit") view={Lazy::<LazyEditProposal>::new()} />
                </Routes>
            </Layout>
        </Router>
    }
}
