package coop.roster.invitation.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** Every error of the API as an RFC 9457 problem detail, worded from the FR/EN bundles. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private final MessageSource messages;

  ProblemHandler(MessageSource messages) {
    this.messages = messages;
    setMessageSource(messages);
  }

  @ExceptionHandler(LocalizedProblem.class)
  ProblemDetail localized(LocalizedProblem problem, HttpServletRequest request) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(),
        messages.getMessage(problem.messageCode(), problem.arguments(), LocaleContextHolder.getLocale()));
    detail.setInstance(URI.create(request.getRequestURI()));
    detail.setProperty("code", problem.messageCode());
    return detail;
  }
}
