/**
 * Every email, text and letter Townhall sends. A message is written to the outbox in the same
 * transaction as the act that caused it, then delivered after commit through a channel: the log
 * by default, GOV.UK Notify in production. A failed delivery stays in the outbox and is retried.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.townhall.notifications;
