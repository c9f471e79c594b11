/**
 * What tests in several modules use to act as people do: a headless Chromium, a page to land on after an
 * invitation, and GreenMail's mailboxes read as a mail client would.
 */
package coop.roster.testing;
