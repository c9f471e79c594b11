package coop.roster.imports.web;

import coop.roster.imports.spreadsheet.UnreadableFileException;
import coop.roster.web.ProblemReplies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The web edge's problem replies ({@link ProblemReplies}), with import-service's own words for files that cannot
 * be imported and for requests a coordinator's browser may send incomplete.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemReplies {

  private final MessageSource messages;
  private final DataSize maxUpload;

  ProblemAdvice(MessageSource messages, @Value("${spring.servlet.multipart.max-file-size}") DataSize maxUpload) {
    super(messages);
    this.messages = messages;
    this.maxUpload = maxUpload;
  }

  /** A file that cannot be imported at all: 422, with the reason for programs. */
  @ExceptionHandler
  ProblemDetail unreadable(UnreadableFileException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
        message("import.file." + e.reason(), e.arguments()));
    problem.setTitle(message("import.file.title"));
    problem.setProperty("reason", e.reason());
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
        message("import.file.TOO_LARGE", maxUpload.toMegabytes()));
    problem.setProperty("reason", UnreadableFileException.Reason.TOO_LARGE);
    problem.setProperty("maxBytes", maxUpload.toBytes());
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message("import.file.missing"));
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.putIfAbsent(error.getField(), messages.getMessage(error, locale()));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
        errors.isEmpty() ? message("request.invalid") : String.join(" ", errors.values()));
    problem.setProperty("errors", errors);
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message("request.unreadable"));
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  private String message(String code, Object... arguments) {
    return messages.getMessage(code, arguments, locale());
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }
}
