-- Messages now open with a ((greeting)) Townhall chooses ("Dear" and a name that passed the name
-- rule, or "Hello") instead of the raw ((name)) a resident typed. Messages already queued, or
-- kept for the outbox page, carried the raw name: they greet with "Hello", and the name goes.
update notification_outbox
   set personalisation = (personalisation - 'name') || jsonb_build_object('greeting', 'Hello')
 where personalisation ? 'name';
