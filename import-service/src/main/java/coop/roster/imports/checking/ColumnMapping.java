package coop.roster.imports.checking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which field each column of the file holds.
 *
 * @param headerRow whether the first row names the columns rather than holding a member
 * @param columns   one entry per column, {@code null} for a column that is ignored
 */
public record ColumnMapping(boolean headerRow, List<Field> columns) {

  public ColumnMapping {
    columns = Collections.unmodifiableList(new ArrayList<>(columns));
  }

  /** The column holding the field, or -1. */
  public int indexOf(Field field) {
    return columns.indexOf(field);
  }

  /** Required fields no column holds. */
  public Set<Field> missingRequired() {
    Set<Field> missing = EnumSet.noneOf(Field.class);
    for (Field field : Field.values()) {
      if (field.required() && indexOf(field) < 0) {
        missing.add(field);
      }
    }
    return missing;
  }

  /** Fields held by more than one column. */
  public Set<Field> duplicated() {
    Set<Field> seen = EnumSet.noneOf(Field.class);
    Set<Field> duplicated = EnumSet.noneOf(Field.class);
    for (Field field : columns) {
      if (field != null && !seen.add(field)) {
        duplicated.add(field);
      }
    }
    return duplicated;
  }

  public boolean usable() {
    return missingRequired().isEmpty() && duplicated().isEmpty();
  }
}
