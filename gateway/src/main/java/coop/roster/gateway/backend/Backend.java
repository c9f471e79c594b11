package coop.roster.gateway.backend;

import coop.roster.gateway.GatewaySettings;

import java.net.URI;
import java.util.List;

/** The services behind the gateway, by the name the load balancer knows them. */
public enum Backend {
  MEMBER_SERVICE("member-service"),
  IMPORT_SERVICE("import-service"),
  INVITATION_SERVICE("invitation-service");

  private final String serviceId;

  Backend(String serviceId) {
    this.serviceId = serviceId;
  }

  /** The load balancer's name for it, also the host of {@code lb://} and {@code http://} addresses. */
  public String serviceId() {
    return serviceId;
  }

  /** Every instance the configuration names. */
  public List<URI> instances(GatewaySettings.Backends backends) {
    return switch (this) {
      case MEMBER_SERVICE -> backends.memberService();
      case IMPORT_SERVICE -> backends.importService();
      case INVITATION_SERVICE -> backends.invitationService();
    };
  }

  public static Backend byServiceId(String serviceId) {
    for (Backend backend : values()) {
      if (backend.serviceId.equals(serviceId)) {
        return backend;
      }
    }
    throw new IllegalArgumentException("no backend named " + serviceId);
  }
}
