use crate::loaded::Loaded;
use crate::nav::use_query_map;
use chrono::{DateTime, Utc};
use domain::{format, lifecycle::CartStatus};
use leptos::prelude::*;
use leptos_meta::Title;

use super::carts_live::CartsWords;
use super::controls::CartsLive;
use crate::api::{list_carts, CartLine, CartSort, CartsPage, CartsQuery};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

/// The Carts tab: every cart with its state, filters, KPIs and countdowns to the next reminder.
/// Drawn on the server; the selection, the bulk actions and the countdowns are one island,
/// `CartsLive`, around the table.
#[component]
pub fn CartsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let params = use_query_map();
    let query = params.with_untracked(|p| CartsQuery::from_params(|k| p.get(k)));
    let shop = current_shop();
    let listed = query.clone();
    let carts = Loaded::new(|| (), move |_| list_carts(shop.clone(), listed.clone()));
    view! {
        <Title text=crate::title::page_title(move || t.tab_carts) />
        <h1>{t.tab_carts}</h1>
        <p class="intro">{t.carts_intro_live}</p>
        <Filters query=query.clone() />
        {move || {
            let query = query.clone();
            Suspend::new(async move {
                match carts.await {
                    Ok(page) => view! { <CartsList page query /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        view! {
                            <p class="error" role="alert">
                                <a href=format!("/login?next={}", shop_path("/carts"))>{t.sign_in_again}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })
        }}
    }
}

#[component]
fn Filters(query: CartsQuery) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <form method="GET" action=shop_path("/carts") class="filters" aria-label=t.filter_apply>
            <label>
                <span>{t.filter_status}</span>
                <select name="status">
                    <option value="" selected=query.status.is_none()>
                        {t.filter_all}
                    </option>
                    {CartStatus::ALL
                        .into_iter()
                        .map(|status| {
                            view! {
                                <option value=status.as_str() selected=query.status == Some(status)>
                                    {(t.status)(status)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{t.filter_from}</span>
                <input type="date" name="from" value=query.from.map(|d| d.to_string()) />
            </label>
            <label>
                <span>{t.filter_to}</span>
                <input type="date" name="to" value=query.to.map(|d| d.to_string()) />
            </label>
            <label class="grow">
                <span>{t.filter_search}</span>
                <input
                    type="search"
                    name="q"
                    placeholder=t.filter_search_placeholder
                    value=query.search.clone()
                />
            </label>
            <label>
                <span>{t.filter_min_total}</span>
                <input
                    type="number"
                    name="min_total"
                    min="0"
                    step="0.01"
                    value=query.min_total.map(|m| m.to_string())
                />
            </label>
            <button type="submit" class="primary">{t.filter_apply}</button>
            <a class="reset" href=shop_path("/carts")>{t.filter_reset}</a>
        </form>
    }
}

#[component]
fn Kpis(page: CartsPage) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let language = i18n.locale.get_untracked().language();
    let kpis = page.kpis;
    let conversion = kpis
        .conversion_rate
        .map(|p| format::percent(p, language))
        .unwrap_or_else(|| t.not_available.to_owned());
    let average = kpis
        .average_cart
        .map(|a| format::money(a, page.currency, language))
        .unwrap_or_else(|| t.not_available.to_owned());
    view! {
        <section class="kpis">
            <div class="kpi" data-kpi="conversion">
                <span class="label">{t.kpi_conversion}</span>
                <strong>{conversion}</strong>
            </div>
            <div class="kpi" data-kpi="abandoned-today">
                <span class="label">{t.kpi_abandoned_today}</span>
                <strong>{kpis.abandoned_today}</strong>
            </div>
            <div class="kpi" data-kpi="average-cart">
                <span class="label">{t.kpi_average_cart}</span>
                <strong>{average}</strong>
            </div>
        </section>
    }
}

/// A column header that sorts by `sort`, toggling the direction when it already does.
#[component]
fn SortHeader(query: CartsQuery, sort: CartSort, label: &'static str) -> impl IntoView {
    let active = query.sort == sort;
    let next = CartsQuery {
        sort,
        ascending: active && !query.ascending,
        page: 1,
        ..query.clone()
    };
    let href = shop_path(&format!("/carts{}", next.to_query_string(1)));
    let (marker, sorted) = match (active, query.ascending) {
        (true, true) => (" ▲", "ascending"),
        (true, false) => (" ▼", "descending"),
        _ => ("", "none"),
    };
    view! {
        <th scope="col" aria-sort=sorted>
            <a href=href>{label} {marker}</a>
        </th>
    }
}

#[component]
fn CartsList(page: CartsPage, query: CartsQuery) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let (total, current, pages, now) = (page.total, page.page, page.pages, page.now);
    let previous =
        (current > 1).then(|| shop_path(&format!("/carts{}", query.to_query_string(current - 1))));
    let next = (current < pages)
        .then(|| shop_path(&format!("/carts{}", query.to_query_string(current + 1))));
    let lines = page.lines.clone();
    let table = if lines.is_empty() {
        view! { <p class="empty">{t.no_carts}</p> }.into_any()
    } else {
        let words = words(t);
        view! {
            <CartsLive shop=current_shop() words=words.clone()>
                <BulkBar selected=words.selected(0) />
                <table class="carts">
                    <thead>
                        <tr>
                            <th scope="col" class="select">
                                <input type="checkbox" name="select_all" aria-label=t.bulk.select_all />
                            </th>
                            <th scope="col">{t.col_cart}</th>
                            <th scope="col">{t.col_customer}</th>
                            <SortHeader query=query.clone() sort=CartSort::Total label=t.col_total />
                            <SortHeader query=query.clone() sort=CartSort::Items label=t.col_products />
                            <SortHeader
                                query=query.clone()
                                sort=CartSort::LastActivity
                                label=t.col_last_activity
                            />
                            <th scope="col">{t.col_state}</th>
                            <th scope="col">{t.col_next_reminder}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|line| view! { <CartRow line now words=words.clone() /> })
                            .collect_view()}
                    </tbody>
                </table>
            </CartsLive>
        }
            .into_any()
    };
    view! {
        <Kpis page=page.clone() />
        <p class="summary">
            {(t.carts_summary)(total, current, pages)} " · "
            <span class="zone">{(t.times_in)(&i18n.zone())}</span>
        </p>
        {table}
        <nav class="pagination" aria-label="pagination">
            {previous.map(|href| view! { <a href=href rel="prev">{t.previous_page}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t.next_page}</a> })}
        </nav>
    }
}

/// The live parts' words, in the page's language.
fn words(t: &'static crate::i18n::Texts) -> CartsWords {
    CartsWords {
        due_now: t.due_now.to_owned(),
        hours: t.countdown_hours.to_owned(),
        minutes: t.countdown_minutes.to_owned(),
        selected: t.bulk.selected.to_owned(),
        confirm_stop: t.bulk.confirm_stop.to_owned(),
        confirm_restart: t.bulk.confirm_restart.to_owned(),
        failed: t.load_failed.to_owned(),
    }
}

/// The bulk actions above the table, all disabled until a cart is selected (`CartsLive`).
#[component]
fn BulkBar(selected: String) -> impl IntoView {
    let t = use_i18n().t().bulk;
    let label = selected.clone();
    view! {
        <div class="bulk-bar" role="toolbar" aria-label=label>
            <span class="count">{selected}</span>
            <button type="button" class="secondary" data-bulk="send_next" disabled>
                {t.send_next}
            </button>
            <button type="button" class="secondary" data-bulk="restart" disabled>
                {t.restart}
            </button>
            <button type="button" class="danger" data-bulk="stop" disabled>
                {t.stop}
            </button>
            <a
                class="button secondary disabled"
                aria-disabled="true"
                href=shop_path("/carts.csv?ids=")
                data-export=shop_path("/carts.csv?ids=")
                download=""
            >
                {t.export}
            </a>
            <span class="save-status" role="status"></span>
        </div>
    }
}

#[component]
fn CartRow(line: CartLine, now: DateTime<Utc>, words: CartsWords) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let customer = match (line.customer_name.clone(), line.customer_email.clone()) {
        (Some(name), Some(email)) => view! {
            <span class="name">{name}</span>
            <span class="email">{email}</span>
        }
        .into_any(),
        (None, Some(email)) => view! { <span class="email">{email}</span> }.into_any(),
        _ => view! { <span class="guest">{t.guest}</span> }.into_any(),
    };
    let status = line.status;
    let last_activity = line.last_activity_at;
    let total = format::money(
        line.total,
        line.currency,
        i18n.locale.get_untracked().language(),
    );
    let href = shop_path(&format!("/carts/{}", line.id));
    view! {
        <tr
            data-cart=line.external_id.clone()
            data-status=status.as_str()
            data-stopped=line.stopped.to_string()
        >
            <td class="select">
                <input type="checkbox" name="select" value=line.id.clone() aria-label=t.bulk.select_cart />
            </td>
            <td class="cart-id">
                <a href=href>{line.external_id.clone()}</a>
            </td>
            <td class="customer">{customer}</td>
            <td class="total">{total}</td>
            <td class="products">{line.products}</td>
            <td class="activity">
                <time datetime=last_activity.to_rfc3339()>{i18n.date_time(last_activity)}</time>
            </td>
            <td class="state-cell">
                <span class=format!("state {}", status.as_str())>{(t.status)(status)}</span>
                {line.stopped.then(|| view! { <span class="state stopped">{t.bulk.stopped}</span> })}
                {line
                    .abandoned_at
                    .filter(|at| *at > now)
                    .map(|at| {
                        view! {
                            <small class="abandoned-at">
                                {t.label_abandoned_at} " "
                                <time datetime=at.to_rfc3339()>{i18n.date_time(at)}</time>
                            </small>
                        }
                    })}
            </td>
            <td class="next">
                {line.next_reminder_at.map(|due| view! { <Countdown due now words /> })}
            </td>
        </tr>
    }
}

/// Time left before a reminder falls due, from the server's clock; `CartsLive` counts it down
/// every second.
#[component]
fn Countdown(due: DateTime<Utc>, now: DateTime<Utc>, words: CartsWords) -> impl IntoView {
    let seconds = (due - now).num_seconds();
    let text = words.countdown(seconds);
    view! {
        <time class="countdown" datetime=due.to_rfc3339() data-seconds=seconds>
            {text}
        </time>
    }
}
