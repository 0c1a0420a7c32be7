-- A payment through a payment link for less than the fine was on the day it was paid is held
-- (SHORT), never applied: a fine is settled only by what was due, and a finance officer refunds it.
alter table link_payment drop constraint link_payment_outcome_check;
alter table link_payment add constraint link_payment_outcome_check
    check (outcome in ('APPLIED', 'DUPLICATE', 'UNMATCHED', 'SHORT'));
