-- What may be with the payment provider at once for the thing a payment pays for (ADR 0016): either
-- what is owed on a ledger account (council tax: nobody pays more than the account owes), or a fixed
-- amount (rent, where credit is allowed but no more than the £5,000 online limit at once; a parking
-- fine, one payment at a time). Kept on the payment so that continuing it with a new one keeps the
-- rule it was started under. Neither set (rows written by hand, such as the payments bench's) is
-- read as one payment at a time.
alter table payment
    add column ceiling_account text check (ceiling_account ~ '^[a-z-]+:[A-Za-z0-9_-]+$'),
    add column ceiling_pence   bigint check (ceiling_pence > 0),
    add constraint payment_one_ceiling check (ceiling_account is null or ceiling_pence is null);

-- The part of a successful payment that took its account below nothing, to refund: recorded when
-- the success is, because money that was taken is always recorded, whatever it overpays.
alter table payment
    add column overpaid_pence bigint not null default 0 check (overpaid_pence >= 0),
    add constraint payment_overpaid_within_amount check (overpaid_pence <= amount_pence),
    add constraint payment_overpaid_only_if_taken check (overpaid_pence = 0 or state = 'SUCCESS');

update payment set ceiling_account = credit_account where purpose = 'COUNCIL_TAX';
update payment set ceiling_pence = 500000 where purpose = 'RENT';

create index payment_overpaid_idx on payment (finished_at) where overpaid_pence > 0;
-- Every start sums what is with the provider for the thing it pays: only the unfinished payments,
-- so the sum costs what is in flight, not every payment an account has ever had.
create index payment_in_flight_idx on payment (paying_for) where state in ('CREATED', 'STARTED', 'SUBMITTED');

-- As before, and: the rule a payment was started under never changes, and what it overpaid is
-- decided once, in the move that records its success.
create or replace function payment_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.state is distinct from old.state and not exists
        (select 1 from payment_transition where from_state = old.state and to_state = new.state) then
        raise exception 'a payment cannot move from % to %', old.state, new.state using errcode = '23514';
    end if;
    if new.amount_pence <> old.amount_pence or new.idempotency_key <> old.idempotency_key
        or new.paying_for <> old.paying_for or new.resident_ref <> old.resident_ref
        or new.ceiling_account is distinct from old.ceiling_account
        or new.ceiling_pence is distinct from old.ceiling_pence then
        raise exception 'what a payment pays for and how much never change' using errcode = '23514';
    end if;
    if new.overpaid_pence <> old.overpaid_pence and not (old.state <> 'SUCCESS' and new.state = 'SUCCESS') then
        raise exception 'what a payment overpaid is decided when it succeeds' using errcode = '23514';
    end if;
    return new;
end $$;
