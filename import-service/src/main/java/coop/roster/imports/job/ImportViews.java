package coop.roster.imports.job;

import coop.roster.imports.checking.ColumnMapping;
import coop.roster.imports.checking.Field;
import coop.roster.imports.checking.Problem;
import coop.roster.imports.checking.Severity;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Turns what is stored of an import into what the coordinator reads, in their language. */
@Component
class ImportViews {

  static final int MAX_PAGE_SIZE = 500;

  private final MongoTemplate mongo;
  private final Messages messages;

  ImportViews(MongoTemplate mongo, Messages messages) {
    this.mongo = mongo;
    this.messages = messages;
  }

  ImportView of(ImportJob job, int problemPage, int problemPageSize) {
    return new ImportView(job.id(), job.groupId(), job.status(),
        new ImportView.FileView(job.fileName(), job.fileSize(), job.charset(), job.separator(), job.sheet(),
            job.sheets() == null ? List.of() : job.sheets()),
        mapping(job), job.counts(), job.sample(), problems(job, null, problemPage, problemPageSize), job.policy(),
        job.progress(), job.createdAt(), job.confirmedAt(), job.completedAt());
  }

  ImportView.ProblemPage problems(ImportJob job, Severity severity, int page, int size) {
    int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    Query selection = query(where("importId").is(job.id()));
    if (severity != null) {
      selection.addCriteria(where("severity").is(severity));
    }
    long total = severity == null ? job.counts().problems() : mongo.count(selection, ListedProblem.class);
    List<ImportView.ProblemView> items = mongo.find(selection.with(Sort.by("order"))
            .skip((long) pageNumber * pageSize).limit(pageSize), ListedProblem.class).stream()
        .map(listed -> view(job, listed.problem()))
        .toList();
    return new ImportView.ProblemPage(items, pageNumber, pageSize, total);
  }

  ReportView report(ImportJob job, int page, int size) {
    int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    Query selection = query(where("importId").is(job.id()));
    boolean incomplete = job.status() == ImportStatus.INCOMPLETE;
    long unconfirmed = incomplete ? mongo.count(selection, UnconfirmedRow.class) : 0;
    List<ReportView.UnconfirmedView> unconfirmedItems = !incomplete ? List.of()
        : mongo.find(query(where("importId").is(job.id())).with(Sort.by("line"))
                .skip((long) pageNumber * pageSize).limit(pageSize), UnconfirmedRow.class).stream()
            .map(row -> new ReportView.UnconfirmedView(row.line(), row.values(),
                messages.get("import.report.unconfirmed", String.valueOf(row.line()))))
            .toList();
    long total = mongo.count(selection, RejectedRow.class);
    List<ReportView.RejectedView> items = mongo.find(selection.with(Sort.by("line"))
            .skip((long) pageNumber * pageSize).limit(pageSize), RejectedRow.class).stream()
        .map(row -> new ReportView.RejectedView(row.line(), row.values(), reasons(job, row)))
        .toList();
    Progress progress = job.progress();
    boolean finished = job.status() == ImportStatus.COMPLETED;
    return new ReportView(job.id(), job.status(), finished, job.counts().rows(), progress.created(),
        progress.updated(), progress.alreadyMembers(), job.counts().invalid() + progress.rejected(),
        Math.max(0, (job.confirmedAt() == null ? 0 : job.counts().valid()) - progress.processed()),
        new ReportView.RejectedPage(items, pageNumber, pageSize, total), unconfirmed,
        new ReportView.UnconfirmedPage(unconfirmedItems, pageNumber, pageSize, unconfirmed), incomplete,
        progress.people());
  }

  /** Why a row was left out, in the coordinator's words. */
  List<String> reasons(ImportJob job, RejectedRow row) {
    List<String> reasons = new ArrayList<>();
    for (Problem error : row.errors()) {
      reasons.add(messages.problem(error, job.firstRow(), job.mapping().headerRow()));
    }
    if (row.refusal() != null) {
      reasons.add(messages.get("import.report.refused", String.valueOf(row.line()), row.refusal()));
    }
    return reasons;
  }

  private ImportView.ProblemView view(ImportJob job, Problem problem) {
    boolean headerRow = job.mapping() != null && job.mapping().headerRow();
    return new ImportView.ProblemView(problem.line(), messages.column(problem.column(), job.firstRow(), headerRow),
        problem.field(), problem.code(), problem.severity(), messages.problem(problem, job.firstRow(), headerRow));
  }

  private ImportView.MappingView mapping(ImportJob job) {
    ColumnMapping mapping = job.mapping();
    List<ImportView.ColumnView> columns = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < job.firstRow().size(); i++) {
      Field field = i < mapping.columns().size() ? mapping.columns().get(i) : null;
      String first = job.firstRow().get(i);
      columns.add(new ImportView.ColumnView(i, Messages.letter(i), first, field,
          field == null ? null : messages.field(field)));
      if (field == null && mapping.headerRow() && !first.isBlank()) {
        unknown.add(first.strip());
      }
    }
    List<ImportView.FieldOption> fields = new ArrayList<>();
    for (Field field : Field.values()) {
      fields.add(new ImportView.FieldOption(field, messages.field(field), field.required()));
    }
    return new ImportView.MappingView(job.mappingSource(), mapping.headerRow(), columns,
        List.copyOf(mapping.missingRequired()), unknown, fields);
  }
}
