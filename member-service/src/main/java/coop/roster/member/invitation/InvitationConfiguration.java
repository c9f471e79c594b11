package coop.roster.member.invitation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The invitation limits, bound from {@code roster.invitations.limits}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvitationLimits.class)
class InvitationConfiguration {
}
