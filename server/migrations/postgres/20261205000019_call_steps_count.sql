-- A call step is a step of its cart's sequence, and the email the team sends from a call is
-- not (its step id is "call-email-<task>", no step of any rule): the step count now says so,
-- so a rule ending in a call is Finished once the call is opened, as the engine sees it.

update carts set steps_done = (
        select count(*) from deliveries d
        where d.cart_id = carts.cart_id and d.sequence = carts.sequence
          and d.status <> 'queued' and d.step_id not like 'call-email-%')
    + (select count(*) from call_tasks t
       where t.cart_id = carts.cart_id and t.sequence = carts.sequence)
where cart_id in (select cart_id from call_tasks);

create or replace function deliveries_count_inserted() returns trigger
language plpgsql
as $$
begin
    update carts k set
        steps_done = k.steps_done + d.done,
        first_sent_at = case
            when d.first_sent is not null and (k.first_sent_at is null or d.first_sent < k.first_sent_at)
            then d.first_sent else k.first_sent_at end,
        sequence_rule_id = coalesce(d.rule, k.sequence_rule_id)
    from (select n.cart_id,
                 count(*) filter (where n.status <> 'queued' and n.sequence = c.sequence
                                    and n.step_id not like 'call-email-%') as done,
                 min(n.sent_at) filter (where n.status = 'sent') as first_sent,
                 (array_agg(n.campaign_id order by n.created_at desc)
                     filter (where n.sequence = c.sequence))[1] as rule
          from new_rows n join carts c on c.cart_id = n.cart_id
          where n.status <> 'queued'
          group by n.cart_id) d
    where k.cart_id = d.cart_id;
    return null;
end
$$;

create or replace function deliveries_count_updated() returns trigger
language plpgsql
as $$
begin
    -- A reminder that became sent can only make the first one earlier; only one that stopped
    -- being sent (or moved) needs the cart's reminders read again.
    update carts k set
        steps_done = k.steps_done + d.delta,
        first_sent_at = case
            when d.lost then (select min(x.sent_at) from deliveries x
                              where x.cart_id = k.cart_id and x.status = 'sent')
            else least(k.first_sent_at, d.first_sent) end,
        sequence_rule_id = coalesce(d.rule, k.sequence_rule_id)
    from (select n.cart_id,
                 sum(((case when n.status <> 'queued' then 1 else 0 end)
                      - (case when o.status <> 'queued' then 1 else 0 end))
                     * (case when n.sequence = c.sequence
                                  and n.step_id not like 'call-email-%' then 1 else 0 end)) as delta,
                 min(n.sent_at) filter (where n.status = 'sent') as first_sent,
                 coalesce(bool_or(o.status = 'sent'
                     and (n.status <> 'sent' or n.sent_at is distinct from o.sent_at)), false) as lost,
                 (array_agg(n.campaign_id order by n.created_at desc)
                     filter (where n.status <> 'queued' and n.sequence = c.sequence))[1] as rule
          from new_rows n
          join old_rows o on o.delivery_id = n.delivery_id
          join carts c on c.cart_id = n.cart_id
          where o.status is distinct from n.status or o.sent_at is distinct from n.sent_at
          group by n.cart_id) d
    where k.cart_id = d.cart_id;
    return null;
end
$$;

drop trigger call_tasks_sequence_rule on call_tasks;
drop function call_tasks_sequence_rule();

create function call_tasks_count() returns trigger
language plpgsql
as $$
begin
    update carts k set
        steps_done = k.steps_done + n.opened,
        sequence_rule_id = n.campaign_id
    from (select r.cart_id, count(*) as opened,
                 (array_agg(r.campaign_id order by r.created_at desc))[1] as campaign_id
          from new_rows r join carts c on c.cart_id = r.cart_id and c.sequence = r.sequence
          group by r.cart_id) n
    where k.cart_id = n.cart_id;
    return null;
end
$$;

create trigger call_tasks_count after insert on call_tasks
referencing new table as new_rows
for each statement execute function call_tasks_count();
