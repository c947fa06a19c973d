use crate::loaded::Loaded;
use crate::nav::use_query_map;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_unsubscribed, UnsubscribedPage, UNSUBSCRIBED_PAGE_SIZE};
use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;

/// `/unsubscribed`: who gets no reminder and why; search and page live in the URL (a GET form:
/// it works without JavaScript), CSV export, removal with confirmation.
#[component]
pub fn UnsubscribedListPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().unsubscribed;
    let params = use_query_map();
    let search = Memo::new(move |_| params.with(|p| p.get("q").unwrap_or_default()));
    let page = Memo::new(move |_| {
        params.with(|p| {
            p.get("page")
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(1)
        })
    });
    let shop = crate::shop::current_shop();
    let list = Loaded::new(
        move || (search.get(), page.get()),
        move |(search, page)| list_unsubscribed(shop.clone(), search, page),
    );
    let export = move || {
        crate::shop::shop_path(&format!(
            "/unsubscribed.csv?q={}",
            domain::format::url_component(&search.get())
        ))
    };
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <form
            class="unsubscribed-search"
            method="get"
            action=crate::shop::shop_path("/unsubscribed")
        >
            <label for="unsubscribed-q">{move || t().search_label}</label>
            <div class="copy-row">
                <input id="unsubscribed-q" type="search" name="q" prop:value=move || search.get() />
                <button type="submit">{move || t().search}</button>
            </div>
        </form>
        <p>
            <a href=export rel="external" download="unsubscribed.csv">{move || t().export}</a>
        </p>
        {move || Suspend::new(async move {
            match list.await {
                Ok(data) => view! { <UnsubscribedTable data search=search.get_untracked() /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn UnsubscribedTable(data: UnsubscribedPage, search: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().unsubscribed;
    if data.lines.is_empty() {
        return view! { <p class="empty">{move || t().none}</p> }.into_any();
    }
    let total = data.total;
    let page = data.page;
    let last_page = total.div_ceil(u64::from(UNSUBSCRIBED_PAGE_SIZE)).max(1);
    let q = domain::format::url_component(&search);
    let previous = (page > 1)
        .then(|| crate::shop::shop_path(&format!("/unsubscribed?q={q}&page={}", page - 1)));
    let next = (u64::from(page) < last_page)
        .then(|| crate::shop::shop_path(&format!("/unsubscribed?q={q}&page={}", page + 1)));
    let rows = data
        .lines
        .into_iter()
        .map(|line| {
            let email = line.email.clone();
            let reason = line.reason.clone();
            view! {
                <tr>
                    <td>{line.email.clone()}</td>
                    <td>{move || (t().reason)(&reason)}</td>
                    <td>{move || i18n.date_time(line.at)}</td>
                    <td>
                        <ActButton
                            act=Act::RemoveUnsubscribed { email }
                            words=ActWords {
                                label: t().remove.to_owned(),
                                confirm: Some(t().confirm_remove.to_owned()),
                                ..ActWords::default()
                            }
                            class="secondary".to_owned()
                        />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="count">{move || (t().count)(total)}</p>
        <table class="runs unsubscribed">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_email}</th>
                    <th scope="col">{move || t().col_reason}</th>
                    <th scope="col">{move || t().col_since}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <nav class="pager">
            {previous.map(|href| view! { <a href=href>{move || t().previous}</a> })}
            " "
            {next.map(|href| view! { <a href=href>{move || t().next}</a> })}
        </nav>
    }
    .into_any()
}
