package coop.roster.member.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description of member-service's API at {@code /v3/api-docs}, with its bearer-token scheme. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI memberServiceApi() {
    return new OpenAPI()
        .info(new Info().title("Roster member-service")
            .description("The roster of every group: members, selections, export, invitation requests, groups "
                + "and coordinators. Errors are RFC 9457 problem details.")
            .version("v1"))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
