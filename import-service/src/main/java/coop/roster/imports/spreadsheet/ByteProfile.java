package coop.roster.imports.spreadsheet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the bytes of an upload say about it, gathered while they stream past once: the first bytes
 * (for the file's kind and separator), whether all of it is valid UTF-8, and the bytes that tell
 * Windows-1252 from ISO-8859-15.
 */
public final class ByteProfile {

  /** Enough for several lines of any real member list, and for the magic numbers of binary files. */
  static final int SAMPLE_SIZE = 64 * 1024;

  private final byte[] sample = new byte[SAMPLE_SIZE];
  private int sampleLength;
  private long size;
  private long nulBytes;
  private long controlBytes;
  private long c1Bytes;
  private long latin9Bytes;
  private boolean validUtf8 = true;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer scratch = CharBuffer.allocate(8192);
  private byte[] pending = new byte[0];

  /** Takes the next bytes of the file. */
  public void accept(byte[] bytes, int offset, int length) {
    if (sampleLength < SAMPLE_SIZE) {
      int copied = Math.min(length, SAMPLE_SIZE - sampleLength);
      System.arraycopy(bytes, offset, sample, sampleLength, copied);
      sampleLength += copied;
    }
    size += length;
    for (int i = offset; i < offset + length; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0) {
        nulBytes++;
      } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        controlBytes++;
      } else if (b >= 0x80 && b <= 0x9F) {
        c1Bytes++;
      } else if (b == 0xA4 || b == 0xA6 || b == 0xA8 || b == 0xB4 || b == 0xB8 || b == 0xBC || b == 0xBD
          || b == 0xBE) {
        latin9Bytes++;
      }
    }
    if (validUtf8) {
      checkUtf8(bytes, offset, length, false);
    }
  }

  /** Called once the whole file went past. */
  public void finish() {
    if (validUtf8) {
      checkUtf8(new byte[0], 0, 0, true);
    }
  }

  private void checkUtf8(byte[] bytes, int offset, int length, boolean last) {
    ByteBuffer in;
    if (pending.length == 0) {
      in = ByteBuffer.wrap(bytes, offset, length);
    } else {
      byte[] joined = Arrays.copyOf(pending, pending.length + length);
      System.arraycopy(bytes, offset, joined, pending.length, length);
      in = ByteBuffer.wrap(joined);
    }
    CoderResult result;
    do {
      scratch.clear();
      result = utf8.decode(in, scratch, last);
      if (result.isError()) {
        validUtf8 = false;
        return;
      }
    } while (result.isOverflow());
    if (last) {
      scratch.clear();
      validUtf8 = !utf8.flush(scratch).isError() && !in.hasRemaining();
    }
    pending = new byte[in.remaining()];
    in.get(pending);
  }

  public long size() {
    return size;
  }

  /** The first bytes of the file (at most {@value #SAMPLE_SIZE}). */
  public byte[] sample() {
    return Arrays.copyOf(sample, sampleLength);
  }

  /** Whether the sample was cut before the end of the file. */
  public boolean sampleTruncated() {
    return size > sampleLength;
  }

  public boolean validUtf8() {
    return validUtf8;
  }

  long nulBytes() {
    return nulBytes;
  }

  long controlBytes() {
    return controlBytes;
  }

  long c1Bytes() {
    return c1Bytes;
  }

  long latin9Bytes() {
    return latin9Bytes;
  }

  /** Profiles a whole array, for callers that already hold the bytes. */
  public static ByteProfile of(byte[] bytes) {
    ByteProfile profile = new ByteProfile();
    profile.accept(bytes, 0, bytes.length);
    profile.finish();
    return profile;
  }
}
