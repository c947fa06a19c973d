use crate::nav::use_query_map;
use chrono::{DateTime, Utc};
use domain::{format, lifecycle::CartStatus};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_carts, BulkCarts, CartLine, CartSort, CartsPage, CartsQuery};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

/// The Carts tab: every cart with its state, filters, KPIs and countdowns to the next reminder.
#[component]
pub fn CartsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| CartsQuery::from_params(|k| p.get(k))));
    let shop = current_shop();
    let bulk = ServerAction::<BulkCarts>::new();
    let carts = Resource::new(
        move || (query.get(), bulk.version().get()),
        move |(query, _)| list_carts(shop.clone(), query),
    );

    view! {
        <Title text=crate::title::page_title(move || i18n.t().tab_carts) />
        <h1>{move || i18n.t().tab_carts}</h1>
        <p class="intro">{move || i18n.t().carts_intro_live}</p>
        <Filters query />
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match carts.await {
                    Ok(page) => {
                        view! { <CartsList page query=query.get_untracked() bulk /> }.into_any()
                    }
                    Err(AppError::NotFound) => {
                        view! { <p class="empty">{move || i18n.t().no_shop}</p> }.into_any()
                    }
                    Err(AppError::SignInRequired) => {
                        view! {
                            <p class="error" role="alert">
                                <a href=format!("/login?next={}", shop_path("/carts"))>{move || i18n.t().sign_in_again}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(_) => {
                        view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(query: Memo<CartsQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || query.get();
    view! {
        <form method="GET" action=shop_path("/carts") class="filters" aria-label=move || i18n.t().filter_apply>
            <label>
                <span>{move || i18n.t().filter_status}</span>
                <select name="status">
                    <option value="" selected=move || q().status.is_none()>
                        {move || i18n.t().filter_all}
                    </option>
                    {CartStatus::ALL
                        .into_iter()
                        .map(|status| {
                            view! {
                                <option
                                    value=status.as_str()
                                    selected=move || q().status == Some(status)
                                >
                                    {move || (i18n.t().status)(status)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{move || i18n.t().filter_from}</span>
                <input type="date" name="from" value=move || q().from.map(|d| d.to_string()) />
            </label>
            <label>
                <span>{move || i18n.t().filter_to}</span>
                <input type="date" name="to" value=move || q().to.map(|d| d.to_string()) />
            </label>
            <label class="grow">
                <span>{move || i18n.t().filter_search}</span>
                <input
                    type="search"
                    name="q"
                    placeholder=move || i18n.t().filter_search_placeholder
                    value=move || q().search
                />
            </label>
            <label>
                <span>{move || i18n.t().filter_min_total}</span>
                <input
                    type="number"
                    name="min_total"
                    min="0"
                    step="0.01"
                    value=move || q().min_total.map(|m| m.to_string())
                />
            </label>
            <button type="submit" class="primary">{move || i18n.t().filter_apply}</button>
            <a class="reset" href=shop_path("/carts")>{move || i18n.t().filter_reset}</a>
        </form>
    }
}

#[component]
fn Kpis(page: CartsPage) -> impl IntoView {
    let i18n = use_i18n();
    let kpis = page.kpis.clone();
    let currency = page.currency;
    let language = move || i18n.locale.get().language();
    let conversion = move || {
        kpis.conversion_rate
            .map(|p| format::percent(p, language()))
            .unwrap_or_else(|| i18n.t().not_available.to_owned())
    };
    let average = move || {
        page.kpis
            .average_cart
            .map(|a| format::money(a, currency, language()))
            .unwrap_or_else(|| i18n.t().not_available.to_owned())
    };
    let abandoned = page.kpis.abandoned_today;
    view! {
        <section class="kpis">
            <div class="kpi" data-kpi="conversion">
                <span class="label">{move || i18n.t().kpi_conversion}</span>
                <strong>{conversion}</strong>
            </div>
            <div class="kpi" data-kpi="abandoned-today">
                <span class="label">{move || i18n.t().kpi_abandoned_today}</span>
                <strong>{abandoned}</strong>
            </div>
            <div class="kpi" data-kpi="average-cart">
                <span class="label">{move || i18n.t().kpi_average_cart}</span>
                <strong>{average}</strong>
            </div>
        </section>
    }
}

/// A column header that sorts by `sort`, toggling the direction when it already does.
#[component]
fn SortHeader(
    query: CartsQuery,
    sort: CartSort,
    label: fn(&crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let active = query.sort == sort;
    let next = CartsQuery {
        sort,
        ascending: active && !query.ascending,
        page: 1,
        ..query.clone()
    };
    let href = shop_path(&format!("/carts{}", next.to_query_string(1)));
    let marker = match (active, query.ascending) {
        (true, true) => " ▲",
        (true, false) => " ▼",
        _ => "",
    };
    let sorted = match (active, query.ascending) {
        (true, true) => "ascending",
        (true, false) => "descending",
        _ => "none",
    };
    view! {
        <th scope="col" aria-sort=sorted>
            <a href=href>{move || label(i18n.t())} {marker}</a>
        </th>
    }
}

#[component]
fn CartsList(page: CartsPage, query: CartsQuery, bulk: ServerAction<BulkCarts>) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(Vec::<String>::new());
    let page_ids: Vec<String> = page.lines.iter().map(|line| line.id.clone()).collect();
    let all_ids = StoredValue::new(page_ids);
    let (total, current, pages, now) = (page.total, page.page, page.pages, page.now);
    let previous =
        (current > 1).then(|| shop_path(&format!("/carts{}", query.to_query_string(current - 1))));
    let next = (current < pages)
        .then(|| shop_path(&format!("/carts{}", query.to_query_string(current + 1))));
    let lines = page.lines.clone();
    view! {
        <Kpis page=page.clone() />
        <p class="summary">
            {move || (i18n.t().carts_summary)(total, current, pages)} " · "
            <span class="zone">{move || (i18n.t().times_in)(&i18n.zone())}</span>
        </p>
        {if lines.is_empty() {
            view! { <p class="empty">{move || i18n.t().no_carts}</p> }.into_any()
        } else {
            view! {
                <super::carts_bulk::BulkBar selected bulk />
                <table class="carts">
                    <thead>
                        <tr>
                            <th scope="col" class="select">
                                <input
                                    type="checkbox"
                                    name="select_all"
                                    aria-label=move || i18n.t().bulk.select_all
                                    prop:checked=move || {
                                        all_ids
                                            .with_value(|all| {
                                                !all.is_empty()
                                                    && selected.with(|s| all.iter().all(|id| s.contains(id)))
                                            })
                                    }
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected
                                            .set(if on { all_ids.get_value() } else { Vec::new() });
                                    }
                                />
                            </th>
                            <th scope="col">{move || i18n.t().col_cart}</th>
                            <th scope="col">{move || i18n.t().col_customer}</th>
                            <SortHeader query=query.clone() sort=CartSort::Total label=|t| t.col_total />
                            <SortHeader query=query.clone() sort=CartSort::Items label=|t| t.col_products />
                            <SortHeader
                                query=query.clone()
                                sort=CartSort::LastActivity
                                label=|t| t.col_last_activity
                            />
                            <th scope="col">{move || i18n.t().col_state}</th>
                            <th scope="col">{move || i18n.t().col_next_reminder}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|line| view! { <CartRow line now selected /> })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        <nav class="pagination" aria-label="pagination">
            {previous
                .map(|href| {
                    view! {
                        <a href=href rel="prev">
                            {move || i18n.t().previous_page}
                        </a>
                    }
                })}
            {next
                .map(|href| {
                    view! {
                        <a href=href rel="next">
                            {move || i18n.t().next_page}
                        </a>
                    }
                })}
        </nav>
    }
}

#[component]
fn CartRow(line: CartLine, now: DateTime<Utc>, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(line.id.clone());
    let stopped = line.stopped;
    let status = line.status;
    let (total, currency) = (line.total, line.currency);
    let customer = match (line.customer_name.clone(), line.customer_email.clone()) {
        (Some(name), Some(email)) => view! {
            <span class="name">{name}</span>
            <span class="email">{email}</span>
        }
        .into_any(),
        (None, Some(email)) => view! { <span class="email">{email}</span> }.into_any(),
        _ => view! { <span class="guest">{move || i18n.t().guest}</span> }.into_any(),
    };
    let last_activity = line.last_activity_at;
    let (external_id, href) = (
        line.external_id.clone(),
        shop_path(&format!("/carts/{}", line.id)),
    );
    view! {
        <tr data-cart=line.external_id.clone() data-status=status.as_str() data-stopped=stopped.to_string()>
            <td class="select">
                <input
                    type="checkbox"
                    name="select"
                    aria-label=move || i18n.t().bulk.select_cart
                    prop:checked=move || id.with_value(|id| selected.with(|s| s.contains(id)))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let id = id.get_value();
                        selected
                            .update(|s| {
                                s.retain(|x| *x != id);
                                if on {
                                    s.push(id);
                                }
                            });
                    }
                />
            </td>
            <td class="cart-id">
                <a href=href>{external_id}</a>
            </td>
            <td class="customer">{customer}</td>
            <td class="total">
                {move || format::money(total, currency, i18n.locale.get().language())}
            </td>
            <td class="products">{line.products}</td>
            <td class="activity">
                <time datetime=last_activity.to_rfc3339()>
                    {move || i18n.date_time(last_activity)}
                </time>
            </td>
            <td class="state-cell">
                <span class=format!("state {}", status.as_str())>
                    {move || (i18n.t().status)(status)}
                </span>
                {stopped
                    .then(|| {
                        view! { <span class="state stopped">{move || i18n.t().bulk.stopped}</span> }
                    })}
                {line
                    .abandoned_at
                    .filter(|at| *at > now)
                    .map(|at| {
                        view! {
                            <small class="abandoned-at">
                                {move || i18n.t().label_abandoned_at} " "
                                <time datetime=at.to_rfc3339()>
                                    {move || i18n.date_time(at)}
                                </time>
                            </small>
                        }
                    })}
            </td>
            <td class="next">
                {line.next_reminder_at.map(|due| view! { <Countdown due server_now=now /> })}
            </td>
        </tr>
    }
}

/// Time left before a reminder falls due, ticking every second once hydrated.
#[component]
fn Countdown(due: DateTime<Utc>, server_now: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    // Rendered from the server's clock so both renders agree; the browser then counts down.
    let remaining = RwSignal::new((due - server_now).num_seconds());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let started = js_sys::Date::now();
        let initial = remaining.get_untracked();
        let interval = gloo_timers::callback::Interval::new(1_000, move || {
            let elapsed = ((js_sys::Date::now() - started) / 1000.0) as i64;
            remaining.set(initial - elapsed);
        });
        // Dropping the interval stops it: this happens when the row leaves the page.
        StoredValue::new_local(interval);
    });
    view! {
        <time class="countdown" datetime=due.to_rfc3339() data-seconds=move || remaining.get()>
            {move || {
                let seconds = remaining.get();
                if seconds <= 0 {
                    i18n.t().due_now.to_owned()
                } else {
                    (i18n.t().countdown)(seconds)
                }
            }}
        </time>
    }
}
