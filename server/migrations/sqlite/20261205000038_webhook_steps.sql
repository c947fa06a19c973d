-- no-transaction
-- A step can POST a signed JSON document to the merchant's address (`channel = 'webhook'`,
-- `webhook_url`). SQLite cannot change a column's check in place, so reminder_steps is rebuilt
-- with foreign keys off (step_discounts points at it), in a transaction of its own.
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
    constraint reminder_steps_pkey primary key (step_id),
    constraint reminder_steps_campaign_fkey foreign key (campaign_id) references campaigns (campaign_id) on delete cascade,
    constraint reminder_steps_template_fkey foreign key (template_id) references email_templates (template_id),
    constraint reminder_steps_delay_unit_check check (delay_unit in ('hours', 'days')),
    constraint reminder_steps_discount_mode_check check (discount_mode in ('none', 'single', 'ranges')),
    constraint reminder_steps_value_basis_check check (value_basis in ('tax_included', 'tax_excluded')),
    constraint reminder_steps_channel_check check (channel in ('email', 'call', 'webhook')),
    constraint reminder_steps_webhook_check check ((channel = 'webhook') = (webhook_url is not null))
);

insert into reminder_steps_new (step_id, shop_id, campaign_id, delay_amount, delay_unit, enabled,
    newsletter_only, profile_active, profile_inactive, profile_never_ordered, discount_mode,
    value_basis, template_id, created_at, updated_at, delay_from, channel, assignee_id,
    code_collection_id)
select step_id, shop_id, campaign_id, delay_amount, delay_unit, enabled,
    newsletter_only, profile_active, profile_inactive, profile_never_ordered, discount_mode,
    value_basis, template_id, created_at, updated_at, delay_from, channel, assignee_id,
    code_collection_id
from reminder_steps;

drop table reminder_steps;
alter table reminder_steps_new rename to reminder_steps;
create index reminder_steps_campaign_idx on reminder_steps (campaign_id);

-- Every POST of a webhook step, as the cart page lists them.
create table webhook_attempts (
    delivery_id text not null,
    shop_id text not null,
    attempt integer not null,
    attempted_at timestamptz not null,
    url text not null,
    -- The HTTP status answered; null when none came (refused, timed out, unreachable).
    status_code integer,
    -- Why it did not succeed, in a line; null on success.
    error text,
    duration_ms integer not null,
    constraint webhook_attempts_pkey primary key (delivery_id, attempt),
    constraint webhook_attempts_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint webhook_attempts_shop_fkey foreign key (shop_id) references shops (shop_id)
);

pragma legacy_alter_table = off;
commit;
pragma foreign_keys = on;
