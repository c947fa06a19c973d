-- A step can POST a signed JSON document to the merchant's address.
alter table reminder_steps drop constraint reminder_steps_channel_check;
alter table reminder_steps add column webhook_url text;
alter table reminder_steps add constraint reminder_steps_channel_check
    check (channel in ('email', 'call', 'webhook'));
alter table reminder_steps add constraint reminder_steps_webhook_check
    check ((channel = 'webhook') = (webhook_url is not null));

-- Every POST of a webhook step, as the cart page lists them.
create table webhook_attempts (
    delivery_id text not null,
    shop_id text not null,
    attempt bigint not null,
    attempted_at timestamptz not null,
    url text not null,
    status_code bigint,
    error text,
    duration_ms bigint not null,
    constraint webhook_attempts_pkey primary key (delivery_id, attempt),
    constraint webhook_attempts_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint webhook_attempts_shop_fkey foreign key (shop_id) references shops (shop_id)
);
