package coop.roster.invitation.delivery;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long invitation records and erased members' tombstones are kept ({@code roster.retention.*}, fed by
 * {@code ROSTER_INVITATION_RETENTION}; see README.md).
 *
 * @param invitationRecords how long after it was sent (or failed) an invitation record is kept
 */
@ConfigurationProperties("roster.retention")
@Validated
record RetentionSettings(@NotNull Duration invitationRecords) {
}
