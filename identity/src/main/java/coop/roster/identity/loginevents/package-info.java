/**
 * Login events on Kafka: logins and password changes in the realm are published as
 * {@code MemberLoggedIn} and {@code PasswordSet}, buffered so that Kafka never holds a login up.
 */
package coop.roster.identity.loginevents;
