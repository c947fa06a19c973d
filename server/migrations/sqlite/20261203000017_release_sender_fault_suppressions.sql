-- Until now any 5xx answer suppressed the recipient, even when the server was refusing us: our
-- login (530, 534, 535, 538), relaying (5.7.x), or every address of a pass at once (a greeting
-- or sender address refused). Those addresses did nothing wrong: they are released. A real bad
-- mailbox among them bounces again and is suppressed again, by the recipient's own answer.
delete from suppressions
where reason = 'permanent_bounce'
  and delivery_id in (
      select d.delivery_id
      from deliveries d
      where d.status = 'failed'
        and d.last_error is not null
        and (
            d.last_error like '%permanent error (530)%'
            or d.last_error like '%permanent error (534)%'
            or d.last_error like '%permanent error (535)%'
            or d.last_error like '%permanent error (538)%'
            or d.last_error like '%): 5.7.%'
            or lower(d.last_error) like '%authenticat%'
            or lower(d.last_error) like '%relay%'
            -- The same refusal for five customers or more within one minute: the pass's, not theirs.
            or exists (
                select 1
                from deliveries o
                where o.status = 'failed'
                  and o.last_error = d.last_error
                  and substr(o.updated_at, 1, 16) = substr(d.updated_at, 1, 16)
                group by o.last_error
                having count(distinct o.customer_id) >= 5
            )
        )
  );
