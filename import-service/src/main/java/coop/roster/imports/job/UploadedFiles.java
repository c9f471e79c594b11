package coop.roster.imports.job;

import com.mongodb.client.gridfs.model.GridFSFile;
import coop.roster.imports.spreadsheet.ByteProfile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Uploads kept in import-service's database (GridFS), so any replica can read them; streamed in
 * and out, never whole in memory.
 */
@Component
class UploadedFiles {

  private final GridFsTemplate gridFs;

  UploadedFiles(GridFsTemplate gridFs) {
    this.gridFs = gridFs;
  }

  /** A stored upload and what its bytes said on the way in. */
  record Stored(String fileId, long size, ByteProfile profile) {
  }

  Stored store(InputStream content, String fileName, String importId) {
    ByteProfile profile = new ByteProfile();
    ObjectId id = gridFs.store(new ProfilingStream(content, profile), fileName, "text/csv",
        new Document("importId", importId));
    profile.finish();
    return new Stored(id.toHexString(), profile.size(), profile);
  }

  InputStream open(String fileId) {
    GridFSFile file = gridFs.findOne(query(where("_id").is(new ObjectId(fileId))));
    if (file == null) {
      throw new IllegalStateException("upload " + fileId + " is gone");
    }
    try {
      return gridFs.getResource(file).getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String fileId) {
    if (fileId != null) {
      gridFs.delete(query(where("_id").is(new ObjectId(fileId))));
    }
  }

  /** Feeds the bytes to the profile as GridFS reads them. */
  private static final class ProfilingStream extends FilterInputStream {

    private final ByteProfile profile;

    ProfilingStream(InputStream in, ByteProfile profile) {
      super(in);
      this.profile = profile;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        profile.accept(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        profile.accept(buffer, offset, read);
      }
      return read;
    }
  }
}
