-- Payments are looked up by what they pay for: every PCN payment starts by finding the fine's
-- earlier payments, and account pages list theirs. Without this each look-up read every payment.
create index payment_paying_for_idx on payment (paying_for, finished_at);
