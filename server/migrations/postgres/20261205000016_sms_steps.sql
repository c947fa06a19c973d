-- SMS steps (`channel = 'sms'`, `sms_texts`), the shop's SMS provider, the numbers that must
-- get no more SMS, and each customer's SMS consent.
alter table reminder_steps drop constraint reminder_steps_channel_check;
alter table reminder_steps add column sms_texts text;
alter table reminder_steps add constraint reminder_steps_channel_check
    check (channel in ('email', 'call', 'webhook', 'sms'));
alter table reminder_steps add constraint reminder_steps_sms_check
    check ((channel = 'sms') = (sms_texts is not null));

alter table customers add column sms_consent boolean not null default false;

create table sms_providers (
    shop_id text not null,
    kind text not null,
    url text not null,
    sender text not null,
    api_key text not null,
    updated_at timestamptz not null,
    constraint sms_providers_pkey primary key (shop_id),
    constraint sms_providers_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint sms_providers_kind_check check (kind in ('brevo', 'json'))
);

create table sms_suppressions (
    shop_id text not null,
    phone text not null,
    reason text not null,
    created_at timestamptz not null,
    constraint sms_suppressions_pkey primary key (shop_id, phone),
    constraint sms_suppressions_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint sms_suppressions_reason_check check (reason in ('stop', 'invalid', 'opted_out'))
);
