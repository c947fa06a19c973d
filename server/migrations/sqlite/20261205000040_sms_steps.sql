-- no-transaction
-- SMS steps (`channel = 'sms'`, `sms_texts`), the shop's SMS provider, the numbers that must
-- get no more SMS, and each customer's SMS consent. SQLite cannot change a column's check in
-- place, so reminder_steps is rebuilt with foreign keys off, in a transaction of its own.
pragma foreign_keys = off;
begin;
pragma legacy_alter_table = on;

create table reminder_steps_new (
    step_id text not null,
    shop_id text not null,
    campaign_id text not null,
    delay_amount integer not null,
    delay_unit text not null,
    enabled boolean not null,
    newsletter_only boolean not null,
    profile_active boolean not null,
    profile_inactive boolean not null,
    profile_never_ordered boolean not null,
    discount_mode text not null,
    -- Which cart total the ranges compare; null unless discount_mode is 'ranges'.
    value_basis text,
    template_id text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    delay_from text not null default 'abandonment',
    channel text not null default 'email',
    assignee_id text,
    code_collection_id text,
    -- Where a webhook step POSTs (https, or http to localhost); null for other channels.
    webhook_url text,
    split_template_id text,
    split_share integer check (split_share between 1 and 99),
    -- An SMS step's texts, JSON {"fr": "…", "en": "…"}; null for other channels.
    sms_texts text,
    constraint reminder_steps_pkey primary key (step_id),
    constraint reminder_steps_campaign_fkey foreign key (campaign_id) references campaigns (campaign_id) on delete cascade,
    constraint reminder_steps_template_fkey foreign key (template_id) references email_templates (template_id),
    constraint reminder_steps_delay_unit_check check (delay_unit in ('hours', 'days')),
    constraint reminder_steps_discount_mode_check check (discount_mode in ('none', 'single', 'ranges')),
    constraint reminder_steps_value_basis_check check (value_basis in ('tax_included', 'tax_excluded')),
    constraint reminder_steps_channel_check check (channel in ('email', 'call', 'webhook', 'sms')),
    constraint reminder_steps_webhook_check check ((channel = 'webhook') = (webhook_url is not null)),
    constraint reminder_steps_sms_check check ((channel = 'sms') = (sms_texts is not null))
);

insert into reminder_steps_new (step_id, shop_id, campaign_id, delay_amount, delay_unit, enabled,
    newsletter_only, profile_active, profile_inactive, profile_never_ordered, discount_mode,
    value_basis, template_id, created_at, updated_at, delay_from, channel, assignee_id,
    code_collection_id, webhook_url, split_template_id, split_share)
select step_id, shop_id, campaign_id, delay_amount, delay_unit, enabled,
    newsletter_only, profile_active, profile_inactive, profile_never_ordered, discount_mode,
    value_basis, template_id, created_at, updated_at, delay_from, channel, assignee_id,
    code_collection_id, webhook_url, split_template_id, split_share
from reminder_steps;

drop table reminder_steps;
alter table reminder_steps_new rename to reminder_steps;
create index reminder_steps_campaign_idx on reminder_steps (campaign_id);

alter table customers add column sms_consent boolean not null default false;

-- Where a shop's SMS go: Brevo's transactional SMS API or any "POST JSON" gateway.
create table sms_providers (
    shop_id text not null,
    kind text not null,
    url text not null,
    -- The sender shown on the phone: up to 11 letters and digits, or a number.
    sender text not null,
    api_key text not null,
    updated_at timestamptz not null,
    constraint sms_providers_pkey primary key (shop_id),
    constraint sms_providers_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint sms_providers_kind_check check (kind in ('brevo', 'json'))
);

-- Numbers that get no SMS from the shop again: a STOP reply, or a provider's permanent refusal.
create table sms_suppressions (
    shop_id text not null,
    phone text not null,
    reason text not null,
    created_at timestamptz not null,
    constraint sms_suppressions_pkey primary key (shop_id, phone),
    constraint sms_suppressions_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint sms_suppressions_reason_check check (reason in ('stop', 'invalid', 'opted_out'))
);

pragma legacy_alter_table = off;
commit;
pragma foreign_keys = on;
