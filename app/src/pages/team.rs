//! `/s/<slug>/team`, drawn on the server: who reaches the shop and with which role; invite
//! someone (the link is shown once, and mailed when asked), change a role, remove a member.
//! Owners only. Its forms and buttons are controls (`controls`).

use domain::team::Role;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_team, MemberLine, TeamPage};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::current_shop;

#[component]
pub fn TeamPageView() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().team;
    let shop = current_shop();
    let team = Loaded::new(|| (), move |_| load_team(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <InviteForm />
        {move || Suspend::new(async move {
            match team.await {
                Ok(data) => view! { <Members data /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn InviteForm() -> impl IntoView {
    let t = use_i18n().t().team;
    let words = FormWords {
        confirm: None,
        done_mailed: t.invited_mailed.to_owned(),
        done: t.invited_link.to_owned(),
        done_plain: t.added.to_owned(),
        refused: t.bad_email.to_owned(),
        failed: t.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <ActForm act=FormAct::InviteMember words>
            // Without JavaScript the browser posts it to the server function, which answers by
            // loading this page again.
            <form class="invite-form" method="post" action="/admin/fn/invite_member" novalidate>
                <h2>{t.invite_title}</h2>
                <input type="hidden" name="shop" value=current_shop() />
                <label>
                    <span>{t.email}</span>
                    <input type="email" name="email" required />
                </label>
                <label>
                    <span>{t.role}</span>
                    <RoleSelect value=Role::Staff />
                </label>
                <label class="check">
                    <input type="checkbox" name="send_mail" value="true" checked=true />
                    <span>{t.send_mail}</span>
                </label>
                <button type="submit" class="primary">{t.invite}</button>
            </form>
        </ActForm>
    }
}

/// The three roles, with what each may do in its label.
#[component]
fn RoleSelect(
    value: Role,
    #[prop(optional)] disabled: bool,
    /// Its name, when no label is around it; given, the choice is sent as soon as it is made.
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    let t = use_i18n().t().team;
    let submit = label.map(|_| "change");
    view! {
        <select name="role" disabled=disabled data-submit=submit aria-label=label>
            {Role::ALL
                .into_iter()
                .map(|role| {
                    view! {
                        <option value=role.as_str() selected=value == role>
                            {(t.role_name)(role)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn Members(data: TeamPage) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().team;
    let invitations = data.invitations.clone();
    view! {
        <table class="team">
            <thead>
                <tr>
                    <th scope="col">{t.email}</th>
                    <th scope="col">{t.role}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {data
                    .members
                    .into_iter()
                    .map(|member| view! { <MemberRow member /> })
                    .collect_view()}
            </tbody>
        </table>
        {(!invitations.is_empty())
            .then(|| {
                view! {
                    <h2>{t.pending}</h2>
                    <ul class="invitations">
                        {invitations
                            .into_iter()
                            .map(|invitation| {
                                view! {
                                    <li>
                                        {invitation.email} " · " {(t.role_name)(invitation.role)}
                                        " · " {(t.expires)(&i18n.date_time(invitation.expires_at))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
fn MemberRow(member: MemberLine) -> impl IntoView {
    let t = use_i18n().t().team;
    let fixed = member.you || member.owns_all;
    let user_id = member.user_id.clone();
    let words = FormWords {
        failed: t.failed.to_owned(),
        ..FormWords::default()
    };
    // The form's select sends the role as soon as it is chosen.
    let role = view! {
        <ActForm act=FormAct::ChangeRole words>
            <form class="role-form" method="post" action="/admin/fn/change_role">
                <input type="hidden" name="shop" value=current_shop() />
                <input type="hidden" name="user_id" value=user_id />
                <RoleSelect value=member.role disabled=fixed label=t.role />
            </form>
        </ActForm>
    };
    view! {
        <tr data-member=member.email.clone()>
            <td>
                {member.email.clone()}
                {member.you.then(|| view! { <small class="you">{t.you}</small> })}
                {member.owns_all.then(|| view! { <small class="you">{t.every_shop}</small> })}
            </td>
            <td>{role}</td>
            <td>
                {(!fixed)
                    .then(|| {
                        view! {
                            <ActButton
                                act=Act::RemoveMember { user_id: member.user_id.clone() }
                                words=ActWords {
                                    label: t.remove.to_owned(),
                                    confirm: Some(t.confirm_remove.to_owned()),
                                    ..ActWords::default()
                                }
                                class="link danger".to_owned()
                            />
                        }
                    })}
            </td>
        </tr>
    }
}
