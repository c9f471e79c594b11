package coop.roster.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every error of the API as an RFC 9457 problem detail worded from the service's FR/EN bundles:
 * {@link LocalizedProblem}s and Spring MVC's own errors alike; invalid input also lists {@code errors} per field.
 * A service that answers some errors its own way extends this class and declares it as its advice.
 */
@RestControllerAdvice
public class ProblemReplies extends ResponseEntityExceptionHandler {

  private final MessageSource messages;
  private final EdgeMessages edge;

  public ProblemReplies(MessageSource messages) {
    this.messages = messages;
    this.edge = new EdgeMessages(messages);
    setMessageSource(messages);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Locale locale = LocaleContextHolder.getLocale();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, edge.get("problem.invalid", locale));
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError error : exception.getBindingResult().getFieldErrors()) {
      errors.putIfAbsent(error.getField(), messages.getMessage(error, locale));
    }
    problem.setProperty("errors", errors);
    return handleExceptionInternal(exception, problem, headers, status, request);
  }
}
