/**
 * Import jobs: the upload kept in MongoDB, the preview with its problems, the mapping, the
 * confirmation, publishing one {@code MemberCreated} per valid row, progress and the final report.
 */
package coop.roster.imports.job;
