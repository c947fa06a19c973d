-- Manual phone steps: a step can be a call task for staff. The task opens when the step falls
-- due; staff log its outcome, may mail a template and give a code from the call screen (a code
-- given on a call has no delivery).
alter table reminder_steps add column channel text not null default 'email'
    constraint reminder_steps_channel_check check (channel in ('email', 'call'));
-- The member a call step's tasks go to; null: any staff of the shop.
alter table reminder_steps add column assignee_id text;

-- The postal address as one line, for staff's calls.
alter table customers add column address text;

create table call_tasks (
    task_id text not null,
    shop_id text not null,
    cart_id text not null,
    customer_id text not null,
    campaign_id text not null,
    step_id text not null,
    sequence bigint not null,
    abandoned_at timestamptz,
    due_at timestamptz not null,
    created_at timestamptz not null,
    assignee_id text,
    -- When staff were told by mail; null: not yet (each pass tries again).
    notified_at timestamptz,
    status text not null default 'open',
    outcome text,
    notes text not null default '',
    done_by text,
    done_at timestamptz,
    constraint call_tasks_pkey primary key (task_id),
    constraint call_tasks_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint call_tasks_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint call_tasks_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint call_tasks_cart_step_key unique (cart_id, sequence, step_id),
    constraint call_tasks_status_check check (status in ('open', 'done')),
    constraint call_tasks_outcome_check check ((status = 'done') = (outcome is not null))
);

create index call_tasks_queue_idx on call_tasks (shop_id, status, due_at);
create index call_tasks_unnotified_idx on call_tasks (shop_id) where notified_at is null;

alter table coupons alter column delivery_id drop not null;
alter table coupons add column call_task_id text
    constraint coupons_call_fkey references call_tasks (task_id);
alter table coupons add constraint coupons_origin_check
    check ((delivery_id is null) <> (call_task_id is null));
create index coupons_call_idx on coupons (call_task_id) where call_task_id is not null;
