/**
 * Groups and their coordinators: created by a platform administrator, widened by a coordinator,
 * announced on {@code groups.v1} so that access tokens follow.
 */
package coop.roster.member.group;
