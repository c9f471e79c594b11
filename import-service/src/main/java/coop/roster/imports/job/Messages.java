package coop.roster.imports.job;

import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.Problem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words a coordinator reads, in the language of the request (French unless asked otherwise). */
@Component
class Messages {

  private final MessageSource messages;

  Messages(MessageSource messages) {
    this.messages = messages;
  }

  String get(String code, Object... arguments) {
    return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
  }

  String get(Locale locale, String code, Object... arguments) {
    return messages.getMessage(code, arguments, locale);
  }

  String field(Field field) {
    return get(field.messageKey());
  }

  /** A column as the coordinator knows it: its header, or its letter when the file has none. */
  String column(int index, List<String> firstRow, boolean headerRow) {
    if (index < 0) {
      return "";
    }
    if (headerRow && index < firstRow.size() && !firstRow.get(index).isBlank()) {
      return firstRow.get(index).strip();
    }
    return get("import.column.letter", letter(index));
  }

  /** "La ligne 12 n'a pas de courriel.": line, column, then the problem's own arguments. */
  String problem(Problem problem, List<String> firstRow, boolean headerRow) {
    List<Object> arguments = new ArrayList<>();
    arguments.add(String.valueOf(problem.line()));
    arguments.add(problem.column() >= 0 ? column(problem.column(), firstRow, headerRow)
        : problem.field() == null ? "" : field(problem.field()));
    arguments.addAll(problem.arguments());
    return get(problem.code().messageKey(), arguments.toArray());
  }

  /** A, B, ... Z, AA, AB: the letters a spreadsheet gives its columns. */
  static String letter(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }
}
