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

drop trigger deliveries_count_insert;
create trigger deliveries_count_insert after insert on deliveries
when new.status <> 'queued'
begin
    update carts set
        steps_done = steps_done
            + (sequence = new.sequence) * (new.step_id not like 'call-email-%'),
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
            + ((new.status <> 'queued') - (old.status <> 'queued')) * (sequence = new.sequence)
              * (new.step_id not like 'call-email-%'),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = new.cart_id and +d.status = 'sent'),
        sequence_rule_id = case
            when sequence = new.sequence and new.status <> 'queued' then new.campaign_id
            else sequence_rule_id end
    where cart_id = new.cart_id;
end;

drop trigger call_tasks_sequence_rule;
create trigger call_tasks_count after insert on call_tasks
begin
    update carts set steps_done = steps_done + 1, sequence_rule_id = new.campaign_id
    where cart_id = new.cart_id and sequence = new.sequence;
end;
