-- The rule of each cart's current sequence, as its latest decided step names it (a reminder
-- sent, skipped or failed, or a call task): the Carts page's In progress and Finished filters
-- count a cart's steps against its own rule's, and a lookup in the deliveries per cart made
-- those filters 20 times slower on 100,000 carts. The step counts' own triggers set it, in the
-- same write of the cart.
alter table carts add column sequence_rule_id text;

update carts set sequence_rule_id = (
    select r.campaign_id from (
        select d.campaign_id, d.created_at from deliveries d
        where d.cart_id = carts.cart_id and d.sequence = carts.sequence and d.status <> 'queued'
        union all
        select t.campaign_id, t.created_at from call_tasks t
        where t.cart_id = carts.cart_id and t.sequence = carts.sequence) r
    order by r.created_at desc limit 1);

drop trigger deliveries_count_insert;
create trigger deliveries_count_insert after insert on deliveries
when new.status <> 'queued'
begin
    update carts set
        steps_done = steps_done + (sequence = new.sequence),
        first_sent_at = case
            when new.status = 'sent' and (first_sent_at is null or new.sent_at < first_sent_at)
            then new.sent_at else first_sent_at end,
        sequence_rule_id = case
            when sequence = new.sequence then new.campaign_id else sequence_rule_id end
    where cart_id = new.cart_id;
end;

drop trigger deliveries_count_update;
create trigger deliveries_count_update after update of status, sent_at on deliveries
when old.status is not new.status or old.sent_at is not new.sent_at
begin
    update carts set
        steps_done = steps_done
            + ((new.status <> 'queued') - (old.status <> 'queued')) * (sequence = new.sequence),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = new.cart_id and +d.status = 'sent'),
        sequence_rule_id = case
            when sequence = new.sequence and new.status <> 'queued' then new.campaign_id
            else sequence_rule_id end
    where cart_id = new.cart_id;
end;

-- A call task mostly follows its rule's reminders: the cart is written only when the rule is new.
create trigger call_tasks_sequence_rule after insert on call_tasks
begin
    update carts set sequence_rule_id = new.campaign_id
    where cart_id = new.cart_id and sequence = new.sequence
      and sequence_rule_id is not new.campaign_id;
end;

-- The state filters read the rule too: the index keeps covering them.
drop index carts_status_idx;
create index carts_status_idx on carts (
    shop_id, steps_done, ordered_at, deleted_at, last_activity_at, customer_id,
    items_fingerprint, first_sent_at, total_tax_incl, sequence_rule_id
);
