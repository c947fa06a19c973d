use leptos::prelude::*;
use leptos_router::components::Outlet;

use domain::team::{Permission, Role};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::{my_shops, ShopChoice, SignOut};
use crate::i18n::{use_i18n, Locale, Texts};
use crate::shop::{shop_path, CurrentShop};

/// The admin's tabs, as merchants know them from the PrestaShop module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Reminders,
    Rules,
    Templates,
    Sending,
    Statistics,
    Carts,
    Calls,
    Help,
    Settings,
    Connect,
    Team,
    Activity,
}

impl Tab {
    pub const ALL: [Tab; 12] = [
        Tab::Reminders,
        Tab::Rules,
        Tab::Templates,
        Tab::Sending,
        Tab::Statistics,
        Tab::Carts,
        Tab::Calls,
        Tab::Help,
        Tab::Settings,
        Tab::Connect,
        Tab::Team,
        Tab::Activity,
    ];

    /// What the tab needs: Settings is for those who edit, Connect (keys) for owners.
    pub fn needs(self) -> Permission {
        match self {
            Self::Settings => Permission::Edit,
            Self::Connect | Self::Team | Self::Activity => Permission::Administer,
            _ => Permission::See,
        }
    }

    /// The tab's path inside a shop.
    pub fn href(self) -> &'static str {
        match self {
            Self::Reminders => "/",
            Self::Rules => "/rules",
            Self::Templates => "/templates",
            Self::Sending => "/sending",
            Self::Statistics => "/statistics",
            Self::Carts => "/carts",
            Self::Calls => "/calls",
            Self::Help => "/help",
            Self::Settings => "/settings",
            Self::Connect => "/connect",
            Self::Team => "/team",
            Self::Activity => "/activity",
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Self::Reminders => t.tab_reminders,
            Self::Rules => t.rules.title,
            Self::Templates => t.templates.tab,
            Self::Sending => t.tab_sending,
            Self::Statistics => t.tab_statistics,
            Self::Carts => t.tab_carts,
            Self::Calls => t.calls.tab,
            Self::Help => t.tab_help,
            Self::Settings => t.tab_settings,
            Self::Connect => t.keys.tab,
            Self::Team => t.team.tab,
            Self::Activity => t.activity.tab,
        }
    }
}

/// The admin's frame: brand, the shop switcher, tabs (as merchants know them from the
/// PrestaShop module), the language switch, sign-out, and the page.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    let slug = use_params_map().with_untracked(|p| p.get("shop").unwrap_or_default());
    provide_context(CurrentShop(slug.clone()));
    // A page shown inside another (the template editor in the reminder wizard): the page alone.
    if use_query_map().with_untracked(|q| q.get("embedded").is_some()) {
        return view! {
            <main id="content" class="embedded">
                <Outlet />
            </main>
        }
        .into_any();
    }
    let role_in = {
        let slug = slug.clone();
        move |all: &[ShopChoice]| {
            all.iter()
                .find(|shop| shop.slug == slug)
                .map(|shop| shop.role)
        }
    };

    view! {
        <a class="skip-link" href="#content">{move || i18n.t().skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href=shop_path("/")>
                <img src="/logo.svg" alt="" width="28" height="28" />
                <span>"Relance"</span>
            </a>
            // The server refuses what a role does not allow: the tabs only spare a click.
            {Suspend::new(async move {
                let all = my_shops().await.unwrap_or_default();
                let role = role_in(&all);
                view! {
                    <ShopSwitcher shops=all current=slug />
                    <Tabs role />
                }
            })}
            <LanguageSwitch />
            <ActionForm action=sign_out attr:class="sign-out">
                <button type="submit" class="link">
                    {move || i18n.t().sign_out}
                </button>
            </ActionForm>
        </header>
        <main id="content">
            <Outlet />
        </main>
    }
    .into_any()
}

/// The tabs the role may open (all of them while it is unknown).
#[component]
fn Tabs(role: Option<Role>) -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    view! {
        <nav class="tabs" aria-label="Relance">
            {Tab::ALL
                .into_iter()
                .filter(|tab| role.is_none_or(|role| role.allows(tab.needs())))
                .map(|tab| {
                    let href = shop_path(tab.href());
                    let current = if tab == Tab::Reminders {
                        here.trim_end_matches('/') == href
                    } else {
                        here == href || here.starts_with(&format!("{href}/"))
                    };
                    view! {
                        <a href=href aria-current=current.then_some("page")>
                            {move || tab.label(i18n.t())}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The current shop's name, and the other shops the account reaches. Another shop opens as a
/// new page load (`rel="external"`): a page never mixes two shops.
#[component]
fn ShopSwitcher(shops: Vec<ShopChoice>, current: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().shops;
    let name = shops
        .iter()
        .find(|shop| shop.slug == current)
        .map(|shop| shop.name.clone())
        .unwrap_or_else(|| current.clone());
    let owner = shops.iter().any(|shop| shop.role == Role::Owner);
    view! {
        <details class="shop-switcher">
            <summary aria-label=move || t().switch_label>
                <span class="shop-name" data-shop=current.clone()>{name}</span>
            </summary>
            <ul>
                {shops
                    .into_iter()
                    .map(|shop| {
                        let here = shop.slug == current;
                        let role = shop.role;
                        view! {
                            <li>
                                <a
                                    href=format!("/s/{}", shop.slug)
                                    rel="external"
                                    aria-current=here.then_some("page")
                                >
                                    {shop.name}
                                    <small class="role">{move || (t().role)(role)}</small>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                {owner
                    .then(|| {
                        view! {
                            <li class="new-shop">
                                <a href="/shops/new" rel="external">{move || t().new_shop}</a>
                            </li>
                        }
                    })}
            </ul>
        </details>
    }
}

/// FR / EN buttons: a plain form that posts the choice to `set_language`, which keeps it in a
/// cookie; the page then loads again in that language. Server HTML only: no island.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.locale.get_untracked();
    view! {
        <form
            class="language-switch"
            method="post"
            action="/admin/fn/set_language"
            role="group"
            aria-label=i18n.t().language_switch
        >
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    let code = locale.code();
                    view! {
                        <button
                            type="submit"
                            name="code"
                            value=code
                            lang=code
                            title=locale.texts().language_name
                            aria-pressed=(locale == current).to_string()
                        >
                            {code.to_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
