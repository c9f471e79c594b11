package coop.roster.invitation.directory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link Coordinators#reconcile()} every {@code roster.coordinators.reconcile-every}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CoordinatorReconciliation {
}
