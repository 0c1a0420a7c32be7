-- A message that cannot be delivered is tried again with growing gaps for at least 72 hours, each
-- message on its own schedule (notifications.delivery.RetrySchedule), so an outage at GOV.UK
-- Notify over a weekend loses nothing. Only real attempts are counted. A message Townhall gives
-- up on is logged, audited and shown to administrators, who can send it again.
alter table notification_outbox
    -- When the next attempt may start; null: never tried, due at once. A sender claims a message
    -- by moving this forward, so two instances never try the same message at the same time.
    add column next_attempt_at timestamptz,
    -- No attempt after this; set by the first failed attempt, and again when staff send it again.
    add column retry_until     timestamptz,
    add column last_attempt_at timestamptz,
    -- Why the last attempt failed: the outbox reference and what the provider said, never an
    -- address or a body.
    add column last_error      text check (length(last_error) <= 300),
    add column given_up_at     timestamptz;

drop index notification_outbox_pending_idx;
create index notification_outbox_due_idx on notification_outbox (coalesce(next_attempt_at, created_at), id)
    where status = 'PENDING';
-- The administrators' outbox page lists what has not been delivered.
create index notification_outbox_undelivered_idx on notification_outbox (id) where status <> 'SENT';
