package coop.roster.member.invitation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * What one member and one group may be sent ({@code roster.invitations.limits}, README "Invitations").
 *
 * @param memberMinInterval  a member is invited at most once in this time
 * @param memberPerDay       and at most this many times in 24 hours
 * @param groupPerHour       a group requests at most this many invitations in an hour
 * @param membersPerRequest  at most this many {@code memberIds} in one request
 * @param recentlyInvited    a selection leaves out, unless asked to include them, members invited this recently
 * @param noteMaxLength      the coordinator's personal note, in characters
 */
@ConfigurationProperties("roster.invitations.limits")
@Validated
record InvitationLimits(@NotNull Duration memberMinInterval, @Min(1) int memberPerDay, @Min(1) int groupPerHour,
    @Min(1) int membersPerRequest, @NotNull Duration recentlyInvited, @Min(1) @Max(10_000) int noteMaxLength) {
}
