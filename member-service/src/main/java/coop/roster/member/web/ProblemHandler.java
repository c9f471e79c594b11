package coop.roster.member.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * Every error of the API as an RFC 9457 problem detail; invalid input also lists {@code errors}
 * per field, each message from the FR/EN bundles.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private final MessageSource messages;

  ProblemHandler(MessageSource messages) {
    this.messages = messages;
    setMessageSource(messages);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Locale locale = LocaleContextHolder.getLocale();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        messages.getMessage("problem.invalid", null, locale));
    problem.setProperty("errors", fieldErrors(exception, locale));
    return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private Map<String, String> fieldErrors(MethodArgumentNotValidException exception, Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError error : exception.getBindingResult().getFieldErrors()) {
      errors.putIfAbsent(error.getField(), messages.getMessage(error, locale));
    }
    return errors;
  }
}
