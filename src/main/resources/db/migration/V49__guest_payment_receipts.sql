-- Someone paying council tax or rent without an account gives an email address for the receipt
-- (ADR 0027). It is kept beside the payment's idempotency key, written before the payment starts,
-- so the receipt goes to the address typed on that form and nowhere else.
create table payment_guest_email (
    idempotency_key text primary key check (length(idempotency_key) between 16 and 100),
    -- The browser session that paid (never a resident): "guest-" and a random public reference.
    guest_ref       text not null check (guest_ref ~ '^guest-[A-Za-z0-9_-]{16,64}$'),
    email           text not null check (length(email) between 3 and 254),
    created_at      timestamptz not null
);
create index payment_guest_email_guest_idx on payment_guest_email (guest_ref, created_at desc);
