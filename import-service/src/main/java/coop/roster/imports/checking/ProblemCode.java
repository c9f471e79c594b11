package coop.roster.imports.checking;

/** Each problem a row can have; its message is {@code import.problem.<CODE>} in the bundles. */
public enum ProblemCode {
  MISSING_FIRST_NAME(Severity.ERROR),
  MISSING_LAST_NAME(Severity.ERROR),
  MISSING_EMAIL(Severity.ERROR),
  INVALID_EMAIL(Severity.ERROR),
  DUPLICATE_EMAIL(Severity.ERROR),
  INVALID_PARTNER_EMAIL(Severity.ERROR),
  FIELD_TOO_LONG(Severity.ERROR),
  IMPLAUSIBLE_PHONE(Severity.WARNING),
  INCOMPLETE_ADDRESS(Severity.WARNING),
  INCOMPLETE_PARTNER(Severity.WARNING),
  UNKNOWN_LANGUAGE(Severity.WARNING),
  ALREADY_MEMBER(Severity.NOTICE);

  private final Severity severity;

  ProblemCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  public String messageKey() {
    return "import.problem." + name();
  }
}
