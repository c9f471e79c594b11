package coop.roster.imports.job;

import coop.roster.imports.checking.Problem;
import coop.roster.imports.checking.Severity;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A problem of a previewed file, kept so the preview can list every one of them, page by page.
 *
 * @param order the problem's place in the file, for paging in file order
 */
@Document("import_problems")
@CompoundIndex(name = "import_order", def = "{'importId': 1, 'order': 1}")
record ListedProblem(@Id String id, String importId, long order, Severity severity, Problem problem) {

  static ListedProblem of(String importId, long order, Problem problem) {
    return new ListedProblem(importId + ":" + order, importId, order, problem.severity(), problem);
  }
}
