-- Every message Townhall sends, written in the same transaction as the act that caused it.
create table notification_outbox (
    id              bigint generated always as identity primary key,
    reference       text not null unique,
    template        text not null,
    recipient       text not null check (length(recipient) <= 320),
    personalisation jsonb,
    status          text not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer not null default 0 check (attempts >= 0),
    created_at      timestamptz not null,
    sent_at         timestamptz,
    provider_id     text
);

create index notification_outbox_pending_idx on notification_outbox (id) where status = 'PENDING';
