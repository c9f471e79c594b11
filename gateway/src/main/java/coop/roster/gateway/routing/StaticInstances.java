package coop.roster.gateway.routing;

import coop.roster.gateway.GatewaySettings;
import coop.roster.gateway.backend.Backend;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.util.List;

/**
 * The instances of one service, as {@code MEMBER_SERVICE_URLS} (and the others) list them: the load
 * balancer's configuration for each service (a child context per service, hence no
 * {@code @Configuration} here, so the application's scan does not pick it up). In a cluster the list is
 * the Kubernetes Service, which balances on its own.
 */
class StaticInstances {

  @Bean
  ServiceInstanceListSupplier instances(Environment environment, GatewaySettings settings) {
    String serviceId = LoadBalancerClientFactory.getName(environment);
    List<URI> urls = Backend.byServiceId(serviceId).instances(settings.backends());
    ServiceInstance[] instances = new ServiceInstance[urls.size()];
    for (int i = 0; i < urls.size(); i++) {
      URI url = urls.get(i);
      boolean secure = "https".equals(url.getScheme());
      int port = url.getPort() > 0 ? url.getPort() : secure ? 443 : 80;
      instances[i] = new DefaultServiceInstance(serviceId + "-" + i, serviceId, url.getHost(), port, secure);
    }
    return ServiceInstanceListSuppliers.from(serviceId, instances);
  }
}
