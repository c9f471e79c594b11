/**
 * Rows of confirmed imports ({@code MemberCreated}) put into the roster in batches, idempotently,
 * each answered with an {@code ImportRowOutcome}.
 */
package coop.roster.member.importing;
