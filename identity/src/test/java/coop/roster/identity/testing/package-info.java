/**
 * What the identity module's integration tests share: calls to the realm as its clients make
 * them, a headless Chromium, and a page to land on after an invitation.
 */
package coop.roster.identity.testing;
