//! `/s/<slug>/activity`: the shop's activity log, filtered by author and dates, with its CSV
//! export. Owners only.

use crate::loaded::Loaded;
use crate::nav::use_query_map;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_activity, ActivityLine, ActivityPage, ActivityQuery};
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn ActivityPageView() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().activity;
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ActivityQuery::from_params(|k| p.get(k))));
    let shop = current_shop();
    let data = Loaded::new(
        move || query.get(),
        move |query| load_activity(shop.clone(), query),
    );
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        {move || Suspend::new(async move {
            match data.await {
                Ok(page) => view! { <Activity page query=query.get_untracked() /> }.into_any(),
                Err(crate::error::AppError::Invalid(message)) => {
                    view! { <p class="error" role="alert">{message}</p> }.into_any()
                }
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn Activity(page: ActivityPage, query: ActivityQuery) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().activity;
    let export = shop_path(&format!("/activity.csv{}", query.to_query_string()));
    let full = page.lines.len() >= page.limit;
    let limit = page.limit;
    let selected = query.user.clone();
    view! {
        <form class="filters" method="get" action=shop_path("/activity")>
            <label>
                <span>{move || t().user}</span>
                <select name="user">
                    <option value="">{move || t().everyone}</option>
                    {page
                        .authors
                        .iter()
                        .map(|author| {
                            let here = *author == selected;
                            view! { <option value=author.clone() selected=here>{author.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{move || t().from}</span>
                <input type="date" name="from" value=query.from.clone() />
            </label>
            <label>
                <span>{move || t().to}</span>
                <input type="date" name="to" value=query.to.clone() />
            </label>
            <button type="submit">{move || t().apply}</button>
            <a class="button secondary" href=export download="">{move || t().export}</a>
        </form>
        <p class="summary">
            <span class="zone">{move || (i18n.t().times_in)(&i18n.zone())}</span>
            {full.then(|| view! { " · " {move || (t().limited)(limit)} })}
        </p>
        {if page.lines.is_empty() {
            view! { <p class="empty">{move || t().none}</p> }.into_any()
        } else {
            view! {
                <table class="activity">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_when}</th>
                            <th scope="col">{move || t().col_who}</th>
                            <th scope="col">{move || t().col_what}</th>
                            <th scope="col">{move || t().col_subject}</th>
                            <th scope="col">{move || t().col_change}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.lines.into_iter().map(|line| view! { <Line line /> }).collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
    }
}

#[component]
fn Line(line: ActivityLine) -> impl IntoView {
    let i18n = use_i18n();
    let (at, action) = (line.at, line.action);
    view! {
        <tr data-action=action.as_str()>
            <td>
                <time datetime=at.to_rfc3339()>{move || i18n.date_time(at)}</time>
            </td>
            <td>{line.email}</td>
            <td>{move || (i18n.t().activity.action)(action)}</td>
            <td>{line.subject}</td>
            <td class="change">
                {line.before.map(|before| view! { <pre class="before">{before}</pre> })}
                {line.after.map(|after| view! { <pre class="after">{after}</pre> })}
            </td>
        </tr>
    }
}
